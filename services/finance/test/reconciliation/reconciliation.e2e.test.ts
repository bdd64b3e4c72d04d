import { addMonths, dayInVietnam, firstDayOf, monthOf, monthsBetween } from '@congdoan/contracts';
import { createClients } from '@congdoan/ddb';
import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { client, sharedPlatform, tokenFor, uniqueCode } from '../../../../test/support/platform.ts';
import { createCdcsDirectory } from '../../src/adapters/reconciliation-units.ts';
import { standingMonth } from '../../src/domain/dues/standing.ts';
import { admitMember, createUnit as createUnitIn } from '../support/platform.ts';

/**
 * The reconciliation through the whole local platform: units and members made in
 * membership reach finance through events; dues collected and levy declared
 * through finance's API; the run started through the API and by the schedule;
 * each unit reconciled by the queued subscription.
 */

let platform: Platform;
let admin: ReturnType<typeof client>;
let accountant: ReturnType<typeof client>;
const today = dayInVietnam(new Date());
/** The month the schedule reconciles when run today. */
const month = addMonths(monthOf(today), -1);
const year = Number(month.slice(0, 4));
const units = { province: '', upper: '', a: '', b: '' };
const members: Record<string, string> = {};

const createUnit = (body: Record<string, unknown>): Promise<string> =>
  createUnitIn(admin, { code: uniqueCode('R'), name: `Đơn vị ${uniqueCode('N')}`, ...body });

/** A member admitted two months before the month reconciled. */
function admit(unitId: string, fullName: string, cccd: string, duesSalary: number): Promise<string> {
  const joined = firstDayOf(addMonths(month, -2));
  return admitMember(
    admin,
    unitId,
    {
      fullName,
      gender: 'female',
      dateOfBirth: '1990-03-04',
      cccd,
      educationLevel: 'bachelor',
      employmentCategory: 'public-employee',
      duesSalary,
      applicationDate: joined,
    },
    { decisionNumber: '01/QĐ-CĐCS', decisionDate: joined },
  );
}

const kinds = (report: { discrepancies: { kind: string; subject: string }[] }) =>
  report.discrepancies.map((d) => `${d.kind}:${d.subject}`);

const busEvents = (detailType: string, unitId: string) =>
  platform.bus
    .history()
    .filter((r) => r.event['detail-type'] === detailType)
    .map((r) => r.event.detail.data as Record<string, unknown>)
    .filter((d) => d.unitId === unitId && d.month === month);

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units.province = await createUnit({ level: 'province' });
  units.upper = await createUnit({ level: 'upper', parentId: units.province });
  // A owes the levy (self-funded); B is paid wholly by the state budget and owes none from 1/7/2025.
  units.a = await createUnit({
    level: 'grassroots',
    parentId: units.upper,
    agency: { name: 'Trung tâm Dịch vụ A', taxId: '2400999001', fundingType: 'self-funded' },
  });
  units.b = await createUnit({
    level: 'grassroots',
    parentId: units.upper,
    agency: { name: 'Sở B', taxId: '2400999002', fundingType: 'state-budget-full' },
  });
  members.lan = await admit(units.a, 'Hoàng Thị Lan', '024190000101', 6_000_000);
  members.mai = await admit(units.a, 'Lê Thị Mai', '024190000102', 8_000_000);
  accountant = client(platform, await tokenFor(platform, ['accountant'], units.upper));

  // Finance hears of both members (roster) and both units (profiles) through events.
  await platform.drain();
  const dues = await accountant.get(`/v1/finance/units/${units.a}/dues/${month}`);
  expect(dues.status, JSON.stringify(dues.body)).toBe(200);
  expect(dues.body.members).toHaveLength(2);
  const sheet = dues.body as { members: { memberId: string; expected: { amount: number } }[] };
  expect((await accountant.get(`/v1/finance/units/${units.b}`)).status).toBe(200);

  // Lan pays her dues for the month, Mai does not; nothing is remitted; A declares its payroll and pays no levy.
  const lan = sheet.members.find((m) => m.memberId === members.lan)!;
  const collected = await accountant.post(`/v1/finance/units/${units.a}/dues/${month}/collections`, {
    lines: [{ memberId: members.lan, amount: lan.expected.amount }],
    date: today,
    method: 'bank',
  });
  expect(collected.status, JSON.stringify(collected.body)).toBe(201);
  const declared = await accountant.put(`/v1/finance/units/${units.a}/levy/${month}/declaration`, {
    payroll: 100_000_000,
    headcount: 2,
  });
  expect([200, 201], JSON.stringify(declared.body)).toContain(declared.status);
}, 120_000);

describe('the monthly reconciliation through the platform', () => {
  it('runs from the API: 202 with the run, then each CĐCS reconciled by the queued worker', async () => {
    const body = { month, unitIds: [units.a, units.b] };
    const started = await accountant.post('/v1/finance/reconciliations', body, { 'idempotency-key': 'recon-e2e-1' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.id as string;
    expect(started.headers.get('location')).toBe(`/v1/finance/reconciliations/${runId}`);
    const again = await accountant.post('/v1/finance/reconciliations', body, { 'idempotency-key': 'recon-e2e-1' });
    expect(again.body.id).toBe(runId);

    await platform.drain();
    const done = await accountant.get(`/v1/finance/reconciliations/${runId}`);
    expect(done.body.status, JSON.stringify(done.body)).toBe('completed');
    const run = done.body;
    expect(run).toMatchObject({
      month,
      units: { total: 2, done: 2, failed: 0, withDiscrepancies: 1 },
      discrepancies: 4,
    });

    const a = await accountant.get(`/v1/finance/units/${units.a}/reconciliations/${month}`);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(kinds(a.body)).toEqual([
      `dues-member:${members.mai}`,
      'dues-total:unit',
      'dues-remittance:unit',
      'levy-payment:unit',
    ]);
    const [mai, , remittance, levy] = a.body.discrepancies;
    expect(mai.actual).toBe(0);
    expect(mai.expected.rules.map((r: { parameter: string }) => r.parameter)).toContain('dues-rate');
    expect(remittance.expected.rules.map((r: { parameter: string }) => r.parameter)).toEqual(['dues-split']);
    expect(levy).toMatchObject({ expected: { amount: 2_000_000 }, actual: 0, difference: -2_000_000 });

    const b = await accountant.get(`/v1/finance/units/${units.b}/reconciliations/${month}`);
    expect(b.body.discrepancies).toEqual([]);
    const list = await accountant.get(`/v1/finance/units/${units.a}/reconciliations?year=${year}`);
    expect(list.body.items.map((r: { month: string }) => r.month)).toContain(month);

    await platform.drain();
    expect(busEvents('DiscrepancyFound', units.a)).toHaveLength(4);
    expect(busEvents('ReconciliationCompleted', units.a)).toHaveLength(1);
    expect(busEvents('ReconciliationCompleted', units.b)).toHaveLength(1);
  });

  it('keeps reports inside the caller’s subtree', async () => {
    const bAccountant = client(platform, await tokenFor(platform, ['accountant'], units.b));
    expect((await bAccountant.get(`/v1/finance/units/${units.a}/reconciliations/${month}`)).status).toBe(404);
    const refused = await bAccountant.post('/v1/finance/reconciliations', { month, unitIds: [units.a] });
    expect(refused.status).toBe(404);
    const future = await accountant.post('/v1/finance/reconciliations', { month: addMonths(monthOf(today), 1) });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('month-in-future');
  });

  it('runs from the schedule for the previous month, replacing the reports and announcing nothing twice', async () => {
    // The schedule reconciles every CĐCS finance knows, found through the profiles' CĐCS index.
    const cdcs = createCdcsDirectory({ ...createClients(), tableName: platform.tables.finance! });
    expect(
      await cdcs.list(firstDayOf(month)),
      'finance unit profiles carry no CĐCS index: adapters/unit-profile-store.ts must spread cdcsIndex(profile) into the item',
    ).toEqual(expect.arrayContaining([units.a, units.b]));
    await platform.scheduler.runNow('finance-monthly-reconciliation');
    await platform.drain();
    const scheduled = await accountant.get(`/v1/finance/units/${units.a}/reconciliations/${month}`);
    expect(scheduled.body.runId, JSON.stringify(scheduled.body)).toMatch(new RegExp(`^sched-${month}-`));
    const report = scheduled.body;
    expect(report.version).toBe(2);
    expect(kinds(report)).toHaveLength(4);
    expect(busEvents('DiscrepancyFound', units.a)).toHaveLength(4);
    expect(busEvents('ReconciliationCompleted', units.a)).toHaveLength(1);
    const run = await admin.get(`/v1/finance/reconciliations/${report.runId}`);
    expect(run.body).toMatchObject({ trigger: 'schedule', status: 'completed' });
    expect(run.body.units.done).toBeGreaterThanOrEqual(2);

    // Each unit's message also recomputes its members' dues standing, and every change is announced
    // once, whichever of the collection, the API's run and the schedule's got there first. Mai paid
    // nothing since she joined two months before the month reconciled.
    const standings = (memberId: string) =>
      platform.bus
        .history()
        .filter((r) => r.event['detail-type'] === 'MemberDuesStandingChanged')
        .map((r) => r.event.detail.data as { memberId: string; unitId: string; asOf: string; version: number })
        .filter((d) => d.memberId === memberId)
        .sort((x, y) => x.version - y.version);
    const asOf = standingMonth(today);
    const mai = standings(members.mai!);
    expect(mai.map((s) => s.version)).toEqual(mai.map((_, i) => i + 1));
    expect(mai.at(-1)).toMatchObject({
      unitId: units.a,
      asOf,
      monthsInArrears: monthsBetween(addMonths(month, -2), asOf).length,
    });
  });
});
