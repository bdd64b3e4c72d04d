import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { upperWithTwoCdcs } from '../support/org-world.ts';
import { agency, client, sharedPlatform, tokenFor, uniqueCode } from '../support/platform.ts';

/**
 * Units merged into a collective as eligibility facts, across services on the shared platform:
 * membership merges a CĐCS into another through its API (a dissolution in `merge` mode, which
 * publishes `UnitMerged`), emulation's subscription `emulation-unit-mergers` keeps the merger,
 * and the absorbing CĐCS's Bằng khen counts the absorbed one's Tập thể lao động xuất sắc of the
 * year before the merger, naming it and the merger day.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Nhận Sáp Nhập', 'CĐCS Bên Cạnh'], '2617');
});

const award = (unitId: string, year: number) =>
  admin.post(
    '/v1/emulation/awards',
    {
      titleCode: 'tap-the-lao-dong-xuat-sac',
      year,
      recipient: { kind: 'unit', unitId },
      decision: { number: `${year - 2000}/QĐ-LĐLĐ`, date: `${year}-12-20` },
    },
    { 'idempotency-key': `award-${unitId}-${year}` },
  );

describe('a collective’s chain of titles across a merger', () => {
  it('counts the absorbed CĐCS’s 2024 title once membership merges it into the candidate', async () => {
    const absorbed = await admin.post('/v1/membership/units', {
      code: uniqueCode('CDCS'),
      name: 'CĐCS Trường Sáp Nhập',
      level: 'grassroots',
      parentId: units.upper,
      agency: agency(`2617${String(Date.now()).slice(-5)}3`),
    });
    expect(absorbed.status, JSON.stringify(absorbed.body)).toBe(201);
    await platform.drain(); // emulation's organisation directory
    expect((await award(absorbed.body.id, 2024)).status).toBe(201);
    expect((await award(units.a, 2025)).status).toBe(201);

    const desk = client(platform, await tokenFor(platform, ['emulation-officer'], units.upper));
    const nomination = await desk.post(
      '/v1/emulation/nominations',
      {
        proposingUnitId: units.upper,
        titleCode: 'bang-khen-tap-the',
        year: 2025,
        candidate: { kind: 'unit', unitId: units.a },
        achievements: 'Hai năm liền Tập thể lao động xuất sắc',
      },
      { 'idempotency-key': `nom-merged-${units.a}` },
    );
    expect(nomination.status, JSON.stringify(nomination.body)).toBe(201);
    const chain = async (lang?: 'en') => {
      const res = await desk.get(
        `/v1/emulation/nominations/${nomination.body.id}/eligibility`,
        lang ? { 'accept-language': lang } : {},
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.verdicts as { rule: string; outcome: string; reason: { vi: string; en: string } }[]).find(
        (v) => v.rule === 'consecutive-titles',
      )!;
    };
    const before = await chain();
    expect(before.outcome).toBe('fail');
    expect(before.reason.vi).toContain('thiếu năm 2024');

    const merger = await admin.post(`/v1/membership/units/${absorbed.body.id}/dissolution`, {
      mode: 'merge',
      mergeIntoUnitId: units.a,
      date: '2025-07-01',
      reason: 'Sáp nhập theo Kết luận 157-KL/TW',
      decisionNumber: '77/QĐ-CĐVC',
    });
    expect(merger.status, JSON.stringify(merger.body)).toBe(202);
    await platform.drain();

    const after = await chain();
    expect(after.outcome).toBe('pass');
    expect(after.reason.vi).toBe(
      'Đạt Tập thể lao động xuất sắc 2 năm liên tục 2024–2025: ' +
        '2024: Tập thể lao động xuất sắc của CĐCS Trường Sáp Nhập (sáp nhập vào đơn vị ngày 01/07/2025; QĐ 24/QĐ-LĐLĐ), ' +
        '2025 (QĐ 25/QĐ-LĐLĐ, tại CĐCS Nhận Sáp Nhập).',
    );
    expect(after.reason.en).toContain(
      '2024: Tập thể lao động xuất sắc of CĐCS Trường Sáp Nhập (merged into the unit on 2025-07-01; decision 24/QĐ-LĐLĐ)',
    );
    // The neighbouring CĐCS, not merged into, does not inherit it.
    expect((await award(units.b, 2025)).status).toBe(201);
    const neighbour = await desk.post(
      '/v1/emulation/nominations',
      {
        proposingUnitId: units.upper,
        titleCode: 'bang-khen-tap-the',
        year: 2025,
        candidate: { kind: 'unit', unitId: units.b },
        achievements: 'Tập thể lao động xuất sắc',
      },
      { 'idempotency-key': `nom-merged-${units.b}` },
    );
    const other = await desk.get(`/v1/emulation/nominations/${neighbour.body.id}/eligibility`);
    expect(other.body.verdicts.find((v: { rule: string }) => v.rule === 'consecutive-titles').reason.vi).toContain(
      'thiếu năm 2024',
    );
  });
});
