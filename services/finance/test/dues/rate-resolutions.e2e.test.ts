import { addMonths, dayInVietnam, monthOf } from '@congdoan/contracts';
import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { agency, client, sharedPlatform, tokenFor, uniqueCode } from '../../../../test/support/platform.ts';

let platform: Platform;
let admin: ReturnType<typeof client>;
let cdcs: string;

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  const create = async (body: Record<string, unknown>) => {
    const res = await admin.post('/v1/membership/units', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const province = await create({ code: uniqueCode('BG'), name: 'LĐLĐ tỉnh Bắc Giang', level: 'province' });
  const upper = await create({ code: uniqueCode('CDVC'), name: 'CĐ Viên chức', level: 'upper', parentId: province });
  cdcs = await create({
    code: uniqueCode('LHH'),
    name: 'CĐCS Liên hiệp các Hội KH&KT',
    level: 'grassroots',
    parentId: upper,
    agency: agency('2400312468'),
  });
}, 60_000);

describe('a CĐCS’s dues rate by resolution and its funding history, end to end', () => {
  it('an officer records the resolution, the month sheet names it, and a funding type change leaves past months alone', async () => {
    const applied = await admin.post(`/v1/membership/units/${cdcs}/members`, {
      fullName: 'Hoàng Thị Lan',
      gender: 'female',
      dateOfBirth: '1988-02-14',
      cccd: '024188004322', // not dues.e2e's: the two may share a platform
      educationLevel: 'bachelor',
      employmentCategory: 'public-employee',
      duesSalary: 5_200_000,
      applicationDate: '2025-05-02',
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const admitted = await admin.post(`/v1/membership/members/${applied.body.id}/admit`, {
      decisionNumber: '03/QĐ-CĐCS',
      decisionDate: '2025-05-15',
    });
    expect(admitted.status, JSON.stringify(admitted.body)).toBe(200);
    await platform.drain();
    expect((await admin.get(`/v1/finance/units/${cdcs}/dues/2025-09`)).body.totals?.expected).toBe(26_000);

    const path = `/v1/finance/units/${cdcs}/dues-rate-resolutions`;
    const officer = client(platform, await tokenFor(platform, ['officer'], cdcs));
    const body = {
      resolutionNumber: '05/NQ-CĐCS',
      resolutionDate: '2025-08-20',
      effectiveFrom: '2025-09',
      rateBp: 150,
    };
    const first = await officer.post(path, body, { 'idempotency-key': 'nq-05-2025' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const replay = await officer.post(path, body, { 'idempotency-key': 'nq-05-2025' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const inspector = client(platform, await tokenFor(platform, ['inspector'], cdcs));
    expect((await inspector.post(path, { ...body, effectiveFrom: '2025-10' })).status).toBe(403);
    expect((await officer.post(path, { ...body, rateBp: 0 })).status).toBe(400);
    const early = await officer.post(
      path,
      { ...body, effectiveFrom: '2026-06', rateBp: 40 },
      { 'accept-language': 'en' },
    );
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('unit-dues-rate-not-higher');
    expect(early.body.detail).toContain('dues-rate@2025-07-01');
    const again = await officer.post(path, body);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('05/NQ-CĐCS');

    const list = await inspector.get(path);
    expect(list.body.items).toMatchObject([
      { resolutionNumber: '05/NQ-CĐCS', effectiveFrom: '2025-09', effectiveUntil: null },
    ]);
    const september = await officer.get(`/v1/finance/units/${cdcs}/dues/2025-09`);
    expect(september.body.members[0].expected).toMatchObject({
      amount: 78_000,
      formula: '1,5% × 5.200.000 = 78.000 (Nghị quyết 05/NQ-CĐCS, QĐ 61/QĐ-TLĐ (29/7/2025))',
    });

    // Membership records that the agency is now paid fully from the state budget: from today on.
    const patched = await admin.patch(`/v1/membership/units/${cdcs}`, {
      agency: { ...agency('2400312468'), fundingType: 'state-budget-full' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const today = dayInVietnam(new Date());
    await platform.drain();
    const profile = (await admin.get(`/v1/finance/units/${cdcs}`)).body;
    expect(profile.fundingType).toBe('state-budget-full');
    expect(profile.fundingHistory).toEqual([
      { from: expect.any(String), fundingType: 'state-budget-partial' },
      { from: today, fundingType: 'state-budget-full' },
    ]);
    expect(profile.duesRateResolutions).toHaveLength(1);
    const past = await admin.get(`/v1/finance/units/${cdcs}/dues/2025-09`);
    expect(past.body).toMatchObject({ fundingType: 'state-budget-partial', totals: { expected: 78_000 } });
    const next = await admin.get(`/v1/finance/units/${cdcs}/dues/${addMonths(monthOf(today), 1)}`);
    expect(next.body.fundingType).toBe('state-budget-full');
  });
});
