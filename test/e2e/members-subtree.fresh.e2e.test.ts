import type { Platform } from '@congdoan/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestPlatform, tokenFor } from '../support/platform.ts';

let platform: Platform;
let admin: ReturnType<typeof client>;
let province: string;
let upper: string;
let lhh: string;
let snv: string;
/** The active units below the upper level, as `/subtree` walks them. */
let upperSubtree: string[];

interface Item {
  id: string;
  unitId: string;
  fullName: string;
  gender: string;
  cccd: string;
  duesSalary: number | null;
  masked: boolean;
}

beforeAll(async () => {
  platform = await startTestPlatform({ seed: ['membership'] });
  admin = client(platform, await tokenFor(platform, ['admin']));
  const roots = (await admin.get('/v1/membership/units')).body.items;
  const all = (await admin.get(`/v1/membership/units/${roots[0].id}/subtree?limit=200`)).body.items as {
    id: string;
    code: string;
  }[];
  province = all.find((u) => u.code === 'LDLD-BG')!.id;
  upper = all.find((u) => u.code === 'CDVC-BG')!.id;
  lhh = all.find((u) => u.code === 'CDCS-LHHKHKT-BG')!.id;
  snv = all.find((u) => u.code === 'CDCS-SNV-BG')!.id;
  upperSubtree = (await admin.get(`/v1/membership/units/${upper}/subtree?limit=200`)).body.items.map(
    (u: { id: string }) => u.id,
  );
  // Two members in a second CĐCS, so the walk crosses units.
  for (const [fullName, gender, dateOfBirth, cccd] of [
    ['Hoàng Văn An', 'male', '1996-05-05', '024096000111'],
    ['Đỗ Thị Hằng', 'female', '1992-02-02', '024192000222'],
  ] as const) {
    const res = await admin.post(`/v1/membership/units/${snv}/members`, {
      fullName,
      gender,
      dateOfBirth,
      cccd,
      educationLevel: 'bachelor',
      employmentCategory: 'civil-servant',
      duesSalary: 6_000_000,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}, 60_000);
afterAll(async () => {
  await platform?.stop();
});

/** Every item of a listing, following nextCursor. */
async function all(api: ReturnType<typeof client>, path: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await api.get(`${path}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return items;
    expect(cursor.length).toBeLessThan(2048);
  }
  throw new Error('the listing did not end');
}

describe('members of a subtree through the API', () => {
  it('lists an upper level’s members unit by unit, paged by cursor, filtered, masked and scoped', async () => {
    const officer = client(platform, await tokenFor(platform, ['officer'], upper));
    const unitByUnit: Item[] = [];
    for (const id of [upper, ...upperSubtree])
      unitByUnit.push(...(await all(officer, `/v1/membership/units/${id}/members?limit=200`)));
    expect(unitByUnit).toHaveLength(9);

    const paged = await all(officer, `/v1/membership/units/${upper}/members?subtree=true&limit=2`);
    expect(paged.map((m) => m.id)).toEqual(unitByUnit.map((m) => m.id));
    expect(paged.map((m) => m.unitId)).toEqual([...Array(7).fill(lhh), snv, snv]);

    const men = await all(officer, `/v1/membership/units/${upper}/members?subtree=true&gender=male&limit=1`);
    expect(men.map((m) => m.id)).toEqual(unitByUnit.filter((m) => m.gender === 'male').map((m) => m.id));
    expect(men.at(-1)!.fullName).toBe('Hoàng Văn An');
    const applicants = await all(officer, `/v1/membership/units/${upper}/members?subtree=true&status=applicant`);
    expect(applicants.map((m) => m.fullName)).toEqual(['Hoàng Văn An', 'Đỗ Thị Hằng']);

    // The caller's masking applies to every item: each reads as the member itself does for that caller.
    const emulation = client(platform, await tokenFor(platform, ['emulation-officer'], upper));
    const masked = await all(emulation, `/v1/membership/units/${upper}/members?subtree=true&limit=5`);
    expect(masked).toHaveLength(9);
    expect(masked.every((m) => m.masked && m.duesSalary === null)).toBe(true);
    for (const m of masked) expect(m).toEqual((await emulation.get(`/v1/membership/members/${m.id}`)).body);

    // Outside the caller's subtree: 404, as for a single unit.
    const lhhOfficer = client(platform, await tokenFor(platform, ['officer'], lhh));
    expect((await lhhOfficer.get(`/v1/membership/units/${province}/members?subtree=true`)).status).toBe(404);
    expect((await officer.get(`/v1/membership/units/${province}/members?subtree=true`)).status).toBe(404);

    // A cursor is good only for the listing it came from.
    const first = (await officer.get(`/v1/membership/units/${upper}/members?subtree=true&limit=1`)).body;
    const single = (await officer.get(`/v1/membership/units/${lhh}/members?limit=1`)).body;
    for (const path of [
      `/v1/membership/units/${upper}/members?subtree=true&cursor=${single.nextCursor}`,
      `/v1/membership/units/${lhh}/members?cursor=${first.nextCursor}`,
      `/v1/membership/units/${upper}/members?subtree=true&gender=female&cursor=${first.nextCursor}`,
      `/v1/membership/units/${upper}/members?subtree=true&cursor=not-a-cursor`,
    ]) {
      const res = await officer.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.code).toBe('invalid-cursor');
    }
  });
});
