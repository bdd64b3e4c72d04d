import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform } from '@congdoan/local';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestPlatform } from '../../../test/support/platform.ts';
import { identityCipherFromEnv } from '../src/adapters/identity-cipher.ts';
import { manifest } from '../src/manifest.ts';

/**
 * The local platform hands inspection its identity key (INSPECTION_IDENTITY_KEY), kept in the
 * data folder: an identity sealed before a restart opens after it. Without a data folder (the
 * e2e platforms) each platform has a fresh key.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'congdoan-identity-key-'));
const running: Platform[] = [];
afterAll(async () => {
  for (const platform of running.splice(0)) await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(options: { dataDir: string | null }): Promise<Platform> {
  const platform = await startTestPlatform({ ...options, manifests: [manifest], startPollers: false });
  running.push(platform);
  return platform;
}

async function stop(platform: Platform): Promise<void> {
  await platform.stop();
  running.splice(running.indexOf(platform), 1);
}

const identity = JSON.stringify({ fullName: 'Phạm Thị D', cccd: '024190000321', phone: '0987654321' });

describe('the local identity key', () => {
  it('is kept across a restart: what was sealed before still opens, and only for its case', async () => {
    const first = await start({ dataDir });
    const sealed = await identityCipherFromEnv().seal('case-restart', identity);
    expect(sealed.keyId).toMatch(/^local:/);
    expect(statSync(join(dataDir, 'keys', 'inspection-identity.key')).mode & 0o777).toBe(0o600);
    await stop(first);
    expect(process.env.INSPECTION_IDENTITY_KEY).toBeUndefined();

    await start({ dataDir });
    const cipher = identityCipherFromEnv();
    expect(await cipher.open('case-restart', sealed)).toBe(identity);
    await expect(cipher.open('case-other', sealed)).rejects.toThrow(/case-other does not open/);
  });

  it('is fresh on a platform without a data folder: nothing sealed elsewhere opens there', async () => {
    for (const platform of running.splice(0)) await platform.stop();
    const kept = await start({ dataDir });
    const sealed = await identityCipherFromEnv().seal('case-fresh', identity);
    await stop(kept);

    await start({ dataDir: null });
    await expect(identityCipherFromEnv().open('case-fresh', sealed)).rejects.toThrow(/not this key/);
  });
});
