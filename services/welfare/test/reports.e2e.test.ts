import { dayInVietnam } from '@congdoan/contracts';
import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, upperWithTwoCdcs } from '../../../test/support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../../../test/support/platform.ts';

/**
 * The report's cases, processing time and visits, and the beneficiary list, through the HTTP
 * API on the shared platform: a case paid from the upper level's fund and a gift of the upper
 * level; the list named for the desk and the approvers, masked for the accountant, in JSON and
 * .xlsx; 404 outside the caller's subtree, 400 for a backwards period.
 */
let platform: Platform;
let desk: ReturnType<typeof client>;
let officer: ReturnType<typeof client>;
let accountant: ReturnType<typeof client>;
let officerB: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };
let member: string;
const SUMMARY = 'Nằm viện điều trị dài ngày';
const HEALTH = 'Viêm phổi nặng, thở máy';
const period = () => `from=2026-01-01&to=${dayInVietnam(new Date())}`;

beforeAll(async () => {
  platform = await sharedPlatform();
  const admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Báo cáo A', 'CĐCS Báo cáo B'], '2750');
  member = await activeMember(admin, units.a, 'Phạm Thị Mai');
  desk = client(platform, await tokenFor(platform, ['welfare-officer'], units.upper));
  officer = client(platform, await tokenFor(platform, ['officer'], units.a));
  officerB = client(platform, await tokenFor(platform, ['officer'], units.b));
  accountant = client(platform, await tokenFor(platform, ['accountant'], units.upper));
  const standing = client(platform, await tokenFor(platform, ['admin'], units.upper));
  await platform.drain();

  const fund = (await desk.post(`/v1/welfare/units/${units.upper}/funds`, { kind: 'hardship', name: 'Quỹ xã hội BC' }))
    .body.id as string;
  const visits = (
    await desk.post(`/v1/welfare/units/${units.upper}/funds`, { kind: 'visits', name: 'Quỹ thăm hỏi BC' })
  ).body.id as string;
  for (const id of [fund, visits])
    expect(
      (await desk.post(`/v1/welfare/funds/${id}/movements`, { type: 'allocation', amount: 10_000_000, memo: 'Trích' }))
        .status,
    ).toBe(201);

  const opened = await officer.post('/v1/welfare/cases', {
    fundId: fund,
    memberId: member,
    type: 'illness',
    amount: 3_000_000,
    incidentDate: '2026-10-02',
    summary: SUMMARY,
    health: HEALTH,
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const id = opened.body.id as string;
  expect((await officer.post(`/v1/welfare/cases/${id}/submit`, {})).status).toBe(200);
  expect(
    (await desk.post(`/v1/welfare/cases/${id}/verify`, { documents: ['application', 'hospital-papers'] })).status,
  ).toBe(200);
  expect((await standing.post(`/v1/welfare/cases/${id}/approve`, {})).status).toBe(200);
  const paid = await desk.post(`/v1/welfare/cases/${id}/disburse`, {});
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);

  const gift = await desk.post(`/v1/welfare/units/${units.upper}/visits`, {
    memberId: member,
    occasion: 'sickness',
    amount: 500_000,
    fundId: visits,
    method: 'cash',
    memo: 'Thăm tại bệnh viện',
  });
  expect(gift.status, JSON.stringify(gift.body)).toBe(201);
  await platform.drain();
});

describe('the report’s cases and visits through the API', () => {
  it('counts the case opened and paid, its processing time, and the gift', async () => {
    const res = await officer.get(`/v1/welfare/units/${units.upper}/report?${period()}`);
    // The CĐCS officer does not see the upper level's report.
    expect(res.status).toBe(404);
    const report = await desk.get(`/v1/welfare/units/${units.upper}/report?${period()}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.cases).toEqual({
      opened: 1,
      byStatus: { disbursed: 1 },
      byType: [{ type: 'illness', count: 1, byStatus: { disbursed: 1 } }],
    });
    expect(report.body.processing).toMatchObject({ paid: 1, amount: 3_000_000 });
    expect(report.body.processing.averageDays).toBeGreaterThanOrEqual(0);
    expect(report.body.processing.averageDays).toBeLessThan(1);
    expect(report.body.visits).toMatchObject({ visits: 1, withMoney: 1, amount: 500_000 });
    expect(report.body.bloodDrives).toEqual({ drives: 0, donors: 0, units: 0 });
    expect(report.body.rules.processing.vi).toContain('lần gửi đầu tiên');
  });
});

describe('the beneficiary list through the API', () => {
  it('names the member and the reason for the desk and the approvers', async () => {
    const res = await desk.get(`/v1/welfare/units/${units.upper}/beneficiaries?${period()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.masked).toBe(false);
    const rows = res.body.items as { kind: string; memberId: string; member: string; reason: string; amount: number }[];
    expect(rows.map((r) => [r.kind, r.memberId, r.amount, r.reason])).toEqual(
      expect.arrayContaining([
        ['support-case', member, 3_000_000, SUMMARY],
        ['gift', member, 500_000, 'Thăm tại bệnh viện'],
      ]),
    );
    expect(rows[0]?.member).toMatch(/^Phạm Thị Mai \d+$/);
    expect(res.body.total).toEqual({ members: 1, payments: 2, amount: 3_500_000 });
    expect(JSON.stringify(res.body)).not.toContain(HEALTH);
    // The CĐCS officer (an approver) sees their own members' case, named.
    const own = await officer.get(`/v1/welfare/units/${units.a}/beneficiaries?${period()}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ masked: false, total: { payments: 1, amount: 3_000_000 } });
  });

  it('masks the member and drops the reason for the accountant, in JSON and .xlsx', async () => {
    const res = await accountant.get(`/v1/welfare/units/${units.upper}/beneficiaries?${period()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.masked).toBe(true);
    for (const row of res.body.items as { member: string; memberId: string | null; reason: string | null }[]) {
      expect(row.member).toMatch(/^P\.T\.M\.\d\.$/);
      expect(row.memberId).toBeNull();
      expect(row.reason).toBeNull();
    }
    const json = JSON.stringify(res.body);
    for (const secret of ['Phạm', member, SUMMARY, HEALTH, 'bệnh viện']) expect(json).not.toContain(secret);
    const file = await accountant.get(`/v1/welfare/units/${units.upper}/beneficiaries/export?${period()}`);
    expect(file.status).toBe(200);
    expect(file.body.filename).toMatch(/^danh-sach-huong-ho-tro-.+\.xlsx$/);
    expect(file.body.size).toBeGreaterThan(0);
  });

  it('answers 404 outside the caller’s subtree and 400 for a backwards period', async () => {
    const outside = await officerB.get(`/v1/welfare/units/${units.a}/beneficiaries?${period()}`, {
      'accept-language': 'en',
    });
    expect(outside.status).toBe(404);
    expect(JSON.stringify(outside.body)).not.toContain('Phạm');
    const backwards = await desk.get(`/v1/welfare/units/${units.upper}/beneficiaries?from=2026-03-01&to=2026-02-01`);
    expect(backwards.status).toBe(400);
  });
});
