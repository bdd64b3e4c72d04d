import { FUNDING_TYPES, type Unit } from '@congdoan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION, type SeedUnit } from '../../../services/membership/demo/seed.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { findSeeds, seedDemoData } from '../src/seed.ts';

let platform: Platform;
let token: string;

beforeAll(async () => {
  platform = await startPlatform({
    port: 0,
    dataDir: null,
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
    seed: true,
    quiet: true,
    startScheduler: false,
  });
  token = (await platform.issueToken({ roles: ['admin'] })).token;
}, 60_000);

afterAll(async () => {
  await platform?.stop();
});

const get = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

const flatten = (unit: SeedUnit): SeedUnit[] => [unit, ...(unit.children ?? []).flatMap(flatten)];

describe('the demo data', () => {
  it('is the organisation of the seed articles, created through the membership API', async () => {
    const roots = await get<{ items: Unit[] }>('/v1/membership/units');
    expect(roots.items.map((u) => [u.code, u.name, u.level])).toEqual([
      ['TLD', 'Tổng Liên đoàn Lao động Việt Nam', 'national'],
    ]);
    const subtree = await get<{ items: (Unit & { depth: number })[] }>(
      `/v1/membership/units/${roots.items[0]!.id}/subtree?limit=200`,
    );
    const byCode = new Map(subtree.items.map((u) => [u.code, u]));
    const expected = flatten(DEMO_ORGANISATION).slice(1);
    expect([...byCode.keys()].sort()).toEqual(expected.map((u) => u.code).sort());
    expect(byCode.get('LDLD-BG')).toMatchObject({ name: 'Liên đoàn Lao động tỉnh Bắc Giang', level: 'province' });
    expect(byCode.get('CDVC-BG')).toMatchObject({ name: 'Công đoàn Viên chức tỉnh Bắc Giang', level: 'upper' });
    const grassroots = expected.filter((u) => u.level === 'grassroots');
    expect(grassroots.length).toBeGreaterThanOrEqual(4);
    for (const spec of grassroots) {
      const unit = byCode.get(spec.code)!;
      expect(unit.parentId).toBe(byCode.get('CDVC-BG')!.id);
      expect(unit.agency?.taxId).toMatch(/^\d{10}$/);
      expect(FUNDING_TYPES).toContain(unit.agency?.fundingType);
    }
    expect(byCode.get('CDCS-LHHKHKT-BG')?.name).toBe('CĐCS Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh');
  });

  it('has reached finance through the events by the time the platform is up', async () => {
    const lhh = DEMO_ORGANISATION.children![0]!.children![0]!.children![0]!;
    const roots = await get<{ items: Unit[] }>('/v1/membership/units');
    const subtree = await get<{ items: Unit[] }>(`/v1/membership/units/${roots.items[0]!.id}/subtree?limit=200`);
    const unit = subtree.items.find((u) => u.code === lhh.code)!;
    const profile = await get<Record<string, unknown>>(`/v1/finance/units/${unit.id}`);
    expect(profile).toMatchObject({ unitId: unit.id, taxId: lhh.agency!.taxId, fundingType: lhh.agency!.fundingType });
  });

  it('is not created twice', async () => {
    const again = await seedDemoData(platform);
    expect(again).toEqual({ seeded: false, services: [], ids: {} });
    const roots = await get<{ items: Unit[] }>('/v1/membership/units');
    expect(roots.items).toHaveLength(1);
  });
});

describe('finding the seeds', () => {
  it('takes each service’s demo/seed.ts, each after the services it waits for', async () => {
    const seeds = await findSeeds(['finance', 'membership']);
    expect(seeds.map((s) => s.service)).toEqual(['membership', 'finance']);
    expect(seeds[1]!.seed.after).toEqual(['membership']);
  });

  it('passes over a service without one, and refuses a seed whose predecessor is not running', async () => {
    // A name with no demo/seed.ts (welfare has one since issue 12).
    expect(await findSeeds(['no-seed-here'])).toEqual([]);
    await expect(findSeeds(['finance'])).rejects.toThrow(/finance's demo seed runs after membership's/);
    await expect(findSeeds(['welfare', 'membership'])).rejects.toThrow(/welfare's demo seed runs after finance's/);
    expect((await findSeeds(['welfare', 'finance', 'membership'])).map((s) => s.service)).toEqual([
      'membership',
      'finance',
      'welfare',
    ]);
  });
});
