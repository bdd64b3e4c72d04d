import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceManifest } from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateLocalKey, localKeyEnvironment, localKeyFile } from '../src/keys.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'congdoan-keys-'));
  dirs.push(dir);
  return dir;
};

describe('local manifest keys', () => {
  it('gives each manifest key to the functions in base64, inspection’s identity key among them', () => {
    const env = localKeyEnvironment(MANIFESTS, null);
    expect(Object.keys(env)).toContain('INSPECTION_IDENTITY_KEY');
    for (const value of Object.values(env)) expect(Buffer.from(value, 'base64')).toHaveLength(32);
  });

  it('writes a key on first start into the data folder, owner-only, and reads the same one after', () => {
    const dataDir = tempDir();
    const first = localKeyEnvironment(MANIFESTS, dataDir);
    const path = localKeyFile(dataDir, 'inspection', 'identity');
    expect(path).toBe(join(dataDir, 'keys', 'inspection-identity.key'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.INSPECTION_IDENTITY_KEY);
    expect(localKeyEnvironment(MANIFESTS, dataDir)).toEqual(first);
  });

  it('gives a fresh key to every platform without a data folder', () => {
    const manifests: ServiceManifest[] = MANIFESTS.filter((m) => m.keys?.length);
    expect(localKeyEnvironment(manifests, null).INSPECTION_IDENTITY_KEY).not.toBe(
      localKeyEnvironment(manifests, null).INSPECTION_IDENTITY_KEY,
    );
  });

  it('refuses a damaged key file rather than replace it, without printing it', () => {
    const path = join(tempDir(), 'keys', 'inspection-identity.key');
    loadOrCreateLocalKey(path);
    writeFileSync(path, 'c2hvcnQ=\n');
    expect(() => loadOrCreateLocalKey(path)).toThrow(/does not hold a 32-byte key in base64: put back the file/);
    expect(readFileSync(path, 'utf8')).toBe('c2hvcnQ=\n');
    try {
      loadOrCreateLocalKey(path);
    } catch (error) {
      expect(String(error)).not.toContain('c2hvcnQ=');
    }
  });
});
