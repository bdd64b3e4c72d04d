import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { upperWithTwoCdcs } from '../support/org-world.ts';
import { agency, client, sharedPlatform, tokenFor, uniqueCode } from '../support/platform.ts';

/**
 * A CĐCS is rated only after 12 months of operation, or 6 after a merger, across services on
 * the shared platform: membership records the founding day (`foundedOn`) and a merger on the
 * absorbing unit (`UnitMerged`), emulation's organisation directory keeps both days from the
 * events, and the rating refuses a year the CĐCS had not operated long enough by its end.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Mới Thành Lập', 'CĐCS Nhận Sáp Nhập'], '2613');
});

const scores = [
  { criterion: 'representation', points: 25, evidence: 'Báo cáo năm' },
  { criterion: 'emulation', points: 15, evidence: 'Danh sách thi đua' },
  { criterion: 'organisation', points: 15, evidence: 'Sổ đoàn viên' },
  { criterion: 'finance', points: 10, evidence: 'Báo cáo tài chính' },
  { criterion: 'inspection', points: 10, evidence: 'Biên bản kiểm tra' },
];

describe('the CĐCS rating and the days membership publishes', () => {
  it('founded 1/3/2025 (set on the unit): 2025 is refused with the day it becomes ratable, 2026 is rated', async () => {
    const future = await admin.patch(`/v1/membership/units/${units.a}`, { foundedOn: '2099-01-01' });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('date-in-future');
    const set = await admin.patch(`/v1/membership/units/${units.a}`, { foundedOn: '2025-03-01' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.foundedOn).toBe('2025-03-01');
    await platform.drain();

    const cdcs = client(platform, await tokenFor(platform, ['officer'], units.a));
    const refused = await cdcs.put(`/v1/emulation/units/${units.a}/ratings/2025`, { scores });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.code).toBe('rating-too-early');
    expect(refused.body.detail).toContain('thành lập ngày 01/03/2025');
    expect(refused.body.detail).toContain('được xếp loại từ năm 2026');
    const english = await cdcs.put(
      `/v1/emulation/units/${units.a}/ratings/2025`,
      { scores },
      { 'accept-language': 'en' },
    );
    expect(english.body.detail).toContain('founded on 2025-03-01');
    expect(english.body.detail).toContain('complete on 2026-03-01');

    const rated = await cdcs.put(`/v1/emulation/units/${units.a}/ratings/2026`, { scores });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body.operation).toMatchObject({ foundedOn: '2025-03-01', lastMergerOn: null, note: null });
    const read = await cdcs.get(`/v1/emulation/units/${units.a}/ratings/2026`);
    expect(read.body.operation).toMatchObject({ foundedOn: '2025-03-01', monthsOfOperation: 12 });
  });

  it('merged 1/9/2026 into a CĐCS founded long ago: 2026 is refused naming the merger day, 2025 is rated', async () => {
    await admin.patch(`/v1/membership/units/${units.b}`, { foundedOn: '1998-05-20' });
    const absorbed = await admin.post('/v1/membership/units', {
      code: uniqueCode('CDCS'),
      name: 'CĐCS Bị Sáp Nhập',
      level: 'grassroots',
      parentId: units.upper,
      agency: agency(`2613${String(Date.now()).slice(-5)}3`),
      foundedOn: '2010-04-01',
    });
    expect(absorbed.status, JSON.stringify(absorbed.body)).toBe(201);
    const merger = await admin.post(`/v1/membership/units/${absorbed.body.id}/dissolution`, {
      mode: 'merge',
      mergeIntoUnitId: units.b,
      date: '2026-09-01',
      reason: 'Sáp nhập theo Kết luận 157-KL/TW',
      decisionNumber: '91/QĐ-CĐVC',
    });
    expect(merger.status, JSON.stringify(merger.body)).toBe(202);
    await platform.drain();
    expect((await admin.get(`/v1/membership/units/${units.b}`)).body.lastMerger).toEqual({
      absorbedUnitId: absorbed.body.id,
      date: '2026-09-01',
      decisionNumber: '91/QĐ-CĐVC',
    });

    const cdcs = client(platform, await tokenFor(platform, ['officer'], units.b));
    const refused = await cdcs.put(`/v1/emulation/units/${units.b}/ratings/2026`, { scores });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.detail).toContain('sáp nhập ngày 01/09/2026');
    expect(refused.body.detail).toContain('đủ vào ngày 01/03/2027');
    const earlier = await cdcs.put(`/v1/emulation/units/${units.b}/ratings/2025`, { scores });
    expect(earlier.status, JSON.stringify(earlier.body)).toBe(200);
    expect(earlier.body.operation).toMatchObject({ foundedOn: '1998-05-20', lastMergerOn: '2026-09-01' });
  });
});
