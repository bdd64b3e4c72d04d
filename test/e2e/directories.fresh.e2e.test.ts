import { createClients } from '@congdoan/ddb';
import type { Platform } from '@congdoan/local';
import { seedDemoData } from '@congdoan/local';
import { createMemberDirectory } from '@congdoan/member-directory';
import { directoryLookup } from '@congdoan/org-directory';
import { MANIFESTS } from '@congdoan/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestPlatform, tokenFor } from '../support/platform.ts';
import { directoryOnlyManifest } from '../support/test-services.ts';

/**
 * Membership beside a service that mounts the member directory with one manifest line
 * (and nothing else): the local platform resolves the package's handler for that service,
 * and membership's demo seed (the only seed of the two) feeds it.
 */
let platform: Platform;
let ids: Record<string, string>;

beforeAll(async () => {
  const membership = MANIFESTS.find((m) => m.service === 'membership')!;
  platform = await startTestPlatform({ manifests: [membership, directoryOnlyManifest] });
  // Membership's seed alone: the stand-in bears welfare's name, not its code (whose seed needs finance).
  ({ ids } = await seedDemoData({
    url: platform.url,
    issueToken: (request) => platform.issueToken(request),
    drain: (options) => platform.drain(options),
    manifests: [membership],
  }));
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const welfare = () => ({
  ...createClients({ endpoint: platform.dynamoEndpoint }),
  tableName: platform.tables.welfare!,
});

describe('the member directory mounted in a service of its own', () => {
  it('holds seed 001’s members and the organisation tree its scope checks walk', async () => {
    const directory = createMemberDirectory(welfare());
    const lhh = ids['CDCS-LHHKHKT-BG']!;
    const members = await directory.membersOfUnit(lhh, { status: 'active', limit: 200 });
    expect(members.items).toHaveLength(7);
    expect(members.items.map((m) => m.fullName)).toContain('Nguyễn Thị Thu Hà');
    expect(await directoryLookup(welfare()).getUnit(lhh)).toMatchObject({
      code: 'CDCS-LHHKHKT-BG',
      level: 'grassroots',
    });
    const upper = directory.forCaller({ unitId: ids['CDVC-BG']! });
    expect((await upper.membersOfUnit(lhh)).items).toHaveLength(7);
    await expect(directory.forCaller({ unitId: ids['CDCS-SNV-BG']! }).membersOfUnit(lhh)).rejects.toThrow();
  });

  it('follows a transfer made through membership’s API, dated', async () => {
    const admin = client(platform, await tokenFor(platform, ['admin']));
    const lhh = ids['CDCS-LHHKHKT-BG']!;
    const snv = ids['CDCS-SNV-BG']!;
    const directory = createMemberDirectory(welfare());
    const [someone] = (await directory.membersOfUnit(lhh, { limit: 1 })).items;
    const moved = await admin.post(`/v1/membership/members/${someone!.id}/transfer`, {
      toUnitId: snv,
      date: '2026-11-21',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await platform.drain();
    expect(await directory.unitOn(someone!.id, '2026-11-20')).toBe(lhh);
    expect(await directory.unitOn(someone!.id, '2026-11-21')).toBe(snv);
    expect(await directory.getMember(someone!.id)).toMatchObject({ unitId: snv, status: 'active' });
  });
});
