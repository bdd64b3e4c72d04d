/**
 * Issue 9, item 17: on a fresh data folder, `GET /health` answers 503 `starting` while the
 * demo data is seeded, and 200 only once the product is ready, so a script that waits on it
 * then finds the seeded CĐCS, its members and its finance profile.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Unit } from '@congdoan/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION, type SeedUnit } from '../../../services/membership/demo/seed.ts';
import { freePort } from '../src/dynamodb.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { uniquePrefix } from './stub-service.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'congdoan-ready-'));
let platform: Platform | undefined;

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const flatten = (unit: SeedUnit): SeedUnit[] => [unit, ...(unit.children ?? []).flatMap(flatten)];

describe('GET /health while the platform starts', () => {
  it('answers 503 starting until the seed is done, then 200, and the seeded CĐCS is there', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const starting = startPlatform({
      port,
      dataDir,
      // Its own DynamoDB Local: the demo's stream records would slow the run's (test/support/platform.ts).
      tablePrefix: uniquePrefix(),
      seed: true,
      quiet: true,
      startScheduler: false,
    });
    starting.then((p) => (platform = p)).catch(() => {});

    // A script waiting on /health, as a CI job or a compose healthcheck would.
    const seen: string[] = [];
    // Five services' demo data on a busy 2-core CI machine: minutes, not seconds.
    const deadline = Date.now() + 240_000;
    for (;;) {
      expect(Date.now()).toBeLessThan(deadline);
      const res = await fetch(`${url}/health`).catch(() => undefined); // not listening yet
      if (res) {
        const body = (await res.json()) as { status: string; seed: string };
        const line = `${res.status} ${body.status} seed:${body.seed}`;
        if (seen.at(-1) !== line) seen.push(line);
        if (res.status === 200) break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen[0]).toBe('503 starting seed:running');
    expect(seen.at(-1)).toBe('200 ok seed:done');

    // Right away: the seeded CĐCS, its members and its finance profile.
    const tokenRes = await fetch(`${url}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['admin'] }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    const get = async <T>(path: string) => {
      const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    const roots = await get<{ items: Unit[] }>('/v1/membership/units');
    expect(roots.items.map((u) => u.code)).toEqual([DEMO_ORGANISATION.code]);
    const subtree = await get<{ items: Unit[] }>(`/v1/membership/units/${roots.items[0]!.id}/subtree?limit=200`);
    const seeded = flatten(DEMO_ORGANISATION).filter((u) => u.level === 'grassroots');
    for (const spec of seeded) expect(subtree.items.map((u) => u.code)).toContain(spec.code);
    const lhh = subtree.items.find((u) => u.code === 'CDCS-LHHKHKT-BG')!;
    const members = await get<{ items: unknown[] }>(`/v1/membership/units/${lhh.id}/members?status=active`);
    expect(members.items).toHaveLength(7);
    expect(await get(`/v1/finance/units/${lhh.id}`)).toMatchObject({ unitId: lhh.id });

    await starting;
    expect((statSync(join(dataDir, 'seed.json')).mode & 0o777).toString(8)).toBe('600');
  }, 300_000);
});
