import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type Inspection, inspectionReportSchema, ubktWarningListSchema } from '@congdoan/contracts';
import type { Db, WriteContext } from '@congdoan/ddb';
import { systemContext } from '@congdoan/ddb';
import { applyMemberFacts, factsFromEvent } from '@congdoan/member-directory';
import { applyUnitSnapshot } from '@congdoan/org-directory';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { admittedMember, unitState } from '../../../../test/support/states.ts';
import { freshTable } from '../../../../test/support/tables.ts';
import { directoryUnits } from '../../src/adapters/directory.ts';
import { decideDiscipline, lapseDiscipline, revokeDiscipline } from '../../src/app/discipline.ts';
import { listInspections, openInspection, takeInspectionStep } from '../../src/app/inspections.ts';
import { approvePlan, completePlanItem, createPlan } from '../../src/app/plans.ts';
import type { InspectionDeps } from '../../src/app/ports.ts';
import { recordAppointment } from '../../src/app/projections.ts';
import { followUpRecommendation } from '../../src/app/recommendations.ts';
import { annualReport, annualReportExport, ubktWarnings } from '../../src/app/reports.ts';
import { at, caseFiguresOf, depsOn, member, noCases, outcome } from './world.ts';

/**
 * The reports on DynamoDB Local: the annual report of a seeded year (with its .xlsx read back),
 * the UBKT warning list on the real organisation and member directories, the unit's inspections
 * listed by year, and the proceedings an inspection announces.
 *
 *   province ─ upper ─ cdcs-a ─ section-a
 *                    └ cdcs-b
 */
const MEMBERS = [member('inspector', 'upper'), member('m-a', 'cdcs-a'), member('m-d', 'cdcs-a')];
const CASES = {
  ...noCases(),
  'complaint-first': {
    received: 3,
    accepted: 2,
    refused: 1,
    transferred: 0,
    resolvedOnTime: 1,
    resolvedLate: 1,
    open: 0,
  },
  denunciation: { received: 2, accepted: 2, refused: 0, transferred: 0, resolvedOnTime: 0, resolvedLate: 0, open: 2 },
};

let db: Db;
let deps: InspectionDeps;
const upper = (iso = '2026-06-15T03:00:00Z') => ({ unitId: 'upper', write: at(iso) });
/** The report's day: 15/6/2026. */
const NOW = new Date('2026-06-15T03:00:00Z');

const seat = (memberId: string, unitId: string, from: string, end: string | null, id = `appt-${memberId}`) => ({
  id,
  termId: 't',
  unitId,
  memberId,
  memberUnitId: unitId,
  fullName: 'x',
  position: 'inspection-member' as const,
  from,
  decisionNumber: '1',
  decisionDate: null,
  note: null,
  end: end ? { date: end, reason: 'resigned' as const, decisionNumber: null, note: null } : null,
  version: 1,
  createdAt: '2023-05-10T00:00:00Z',
  updatedAt: '2023-05-10T00:00:00Z',
});

const decision = (date: string, number = '05/QĐ-UBKT') => ({
  number,
  date,
  scope: 'Chấp hành Điều lệ, thu chi tài chính',
  period: { from: '2025-01-01', to: '2025-12-31' },
});

async function outbox(type: string, proceedingId: string) {
  const out = await db.client.send(new ScanCommand({ TableName: db.tableName }));
  return (out.Items ?? [])
    .filter((i) => i.kind === 'outbox' && i.detailType === type)
    .map((i) => JSON.parse(String(i.detail)) as { data: Record<string, unknown> })
    .filter((d) => d.data.proceedingId === proceedingId);
}

let financeInspection: Inspection;
let charterInspection: Inspection;
let supervision: Inspection;

beforeAll(async () => {
  db = await freshTable('inspection');
  deps = depsOn(db, MEMBERS, caseFiguresOf({ 'upper/2026': CASES }));
  await recordAppointment(deps, seat('inspector', 'upper', '2023-05-10', null));

  // The 2026 plan: a finance inspection of cdcs-a, a charter inspection of cdcs-b, a supervision of an employer.
  const plan = await createPlan(deps, upper('2026-01-05T03:00:00Z'), 'upper', {
    year: 2026,
    title: 'Kế hoạch kiểm tra, giám sát năm 2026',
    items: [
      { type: 'finance', target: { kind: 'unit', unitId: 'cdcs-a' }, plannedMonth: '2026-03' },
      { type: 'charter-compliance', target: { kind: 'unit', unitId: 'cdcs-b' }, plannedMonth: '2026-05' },
      {
        type: 'supervision',
        target: { kind: 'agency', taxId: '2400123456', name: 'Công ty X' },
        plannedMonth: '2026-04',
      },
    ],
  });
  await approvePlan(deps, upper('2026-01-10T03:00:00Z'), plan.id, { decisionNumber: '01/KH', date: '2026-01-10' });
  await completePlanItem(deps, upper('2026-04-20T03:00:00Z'), plan.id, plan.items[2]!.id, { on: '2026-04-20' });

  financeInspection = await openInspection(deps, upper('2026-03-02T03:00:00Z'), {
    unitId: 'upper',
    targetUnitId: 'cdcs-a',
    type: 'finance',
    decision: decision('2026-03-02'),
    planItem: { planId: plan.id, itemId: plan.items[0]!.id },
  });
  const id = financeInspection.id;
  const step = (input: Parameters<typeof takeInspectionStep>[3], iso = '2026-04-10T03:00:00Z') =>
    takeInspectionStep(deps, upper(iso), id, input);
  await step({ step: 'team', members: [{ memberId: 'inspector', role: 'lead', invited: false }] });
  await step({ step: 'fieldwork', from: '2026-03-10', to: '2026-03-20' });
  await step({
    step: 'findings',
    findings: [
      { severity: 'serious', description: 'Chi sai mục đích', amount: 12_500_000 },
      { severity: 'moderate', description: 'Thu thiếu đoàn phí', amount: 3_000_001 },
      { severity: 'minor', description: 'Thiếu biên bản họp' },
    ],
  });
  await step({ step: 'conclusion', number: '02/KL-UBKT', date: '2026-04-10', summary: 'Kết luận' });
  const recommended = await step({
    step: 'recommendations',
    recommendations: [
      { owner: { kind: 'unit', unitId: 'cdcs-a' }, content: 'Thu hồi khoản chi sai', deadline: '2026-05-01' },
      { owner: { kind: 'unit', unitId: 'cdcs-a' }, content: 'Thu đủ đoàn phí', deadline: '2026-12-31' },
      { owner: { kind: 'member', memberId: 'm-a' }, content: 'Lập biên bản', deadline: '2027-01-31' },
    ],
  });
  await followUpRecommendation(deps, upper('2026-06-01T03:00:00Z'), recommended.recommendationIds[1]!, {
    status: 'done',
    note: 'Đã thu đủ',
  });

  charterInspection = await openInspection(deps, upper('2026-05-02T03:00:00Z'), {
    unitId: 'upper',
    targetUnitId: 'cdcs-b',
    type: 'charter-compliance',
    decision: decision('2026-05-02', '07/QĐ-UBKT'),
  });
  // Another year's, and another committee's, inspections are not this report's.
  supervision = await openInspection(deps, upper('2025-11-01T03:00:00Z'), {
    unitId: 'upper',
    targetUnitId: 'cdcs-b',
    type: 'supervision',
    decision: decision('2025-11-01', '20/QĐ-UBKT'),
  });
  await openInspection(
    deps,
    { unitId: 'province', write: at('2026-02-01T03:00:00Z') },
    {
      unitId: 'province',
      targetUnitId: 'upper',
      type: 'signs-of-violation',
      decision: decision('2026-02-01', '1/QĐ-UBKT-T'),
    },
  );

  // Discipline: a 2025 reprimand that lapses in 2026, a 2026 reprimand, a 2026 warning revoked in 2026.
  const body = (subject: { kind: 'member'; memberId: string } | { kind: 'unit'; unitId: string }, date: string) => ({
    subject,
    form: subject.kind === 'member' ? ('reprimand' as const) : ('warning' as const),
    decision: { number: '09/QĐ-UBKT', date },
    issuerUnitId: 'upper',
    grounds: 'Vi phạm quy định thu, chi',
    basis: null,
  });
  await decideDiscipline(deps, upper('2025-03-02T03:00:00Z'), body({ kind: 'member', memberId: 'm-d' }, '2025-03-01'));
  expect((await lapseDiscipline(deps, at('2026-03-05T03:00:00Z'))).lapsed).toBe(1);
  await decideDiscipline(deps, upper('2026-03-10T03:00:00Z'), body({ kind: 'member', memberId: 'm-a' }, '2026-03-09'));
  const warning = await decideDiscipline(
    deps,
    upper('2026-03-10T03:00:00Z'),
    body({ kind: 'unit', unitId: 'cdcs-b' }, '2026-03-10'),
  );
  await revokeDiscipline(deps, upper('2026-04-02T03:00:00Z'), warning.id, {
    decision: { number: '12/QĐ-UBKT', date: '2026-04-01' },
    reason: 'Khiếu nại được chấp nhận',
  });
});

describe('the annual report', () => {
  it('counts the year of the unit’s committee, each figure by its rule', async () => {
    const r = await annualReport(deps, { unitId: 'upper' }, 'upper', 2026, NOW);
    // What the route answers is what its response schema says.
    expect(inspectionReportSchema.parse(r)).toEqual(r);
    expect(r.asOf).toBe('2026-06-15');
    expect(r.inspections.byType.finance).toEqual({
      planned: 1,
      plannedDone: 1,
      decided: 1,
      concluded: 1,
      inProgress: 0,
    });
    expect(r.inspections.byType['charter-compliance']).toEqual({
      planned: 1,
      plannedDone: 0,
      decided: 1,
      concluded: 0,
      inProgress: 1,
    });
    expect(r.inspections.byType.supervision).toEqual({
      planned: 1,
      plannedDone: 1,
      decided: 0,
      concluded: 0,
      inProgress: 0,
    });
    expect(r.inspections.total).toEqual({ planned: 3, plannedDone: 2, decided: 2, concluded: 1, inProgress: 1 });
    expect(r.findings.bySeverity.serious).toEqual({ count: 1, withAmount: 1, amount: 12_500_000 });
    expect(r.findings.bySeverity.minor).toEqual({ count: 1, withAmount: 0, amount: 0 });
    expect(r.findings.total).toEqual({ count: 3, withAmount: 2, amount: 15_500_001 });
    // Due 1/5 and not done: overdue on 15/6 although the daily run never marked it.
    expect(r.recommendations).toMatchObject({ made: 3, done: 1, open: 1, overdue: 1 });
    expect(r.cases.byClass['complaint-first']).toEqual(CASES['complaint-first']);
    expect(r.cases.total).toEqual({
      received: 5,
      accepted: 4,
      refused: 1,
      transferred: 0,
      resolvedOnTime: 1,
      resolvedLate: 1,
      open: 2,
    });
    expect(r.discipline.byForm.reprimand).toEqual({ decided: 1, lapsed: 1, revoked: 0 });
    expect(r.discipline.byForm.warning).toEqual({ decided: 1, lapsed: 0, revoked: 1 });
    expect(r.discipline.total).toEqual({ decided: 2, lapsed: 1, revoked: 1 });
    expect(r.recommendations.rules.overdue?.en).toContain('deadline passed, not done');
    for (const section of [r.inspections, r.findings, r.recommendations, r.cases, r.discipline]) {
      expect(Object.keys(section.rules).length).toBeGreaterThan(0);
    }
  });

  it('the year before holds only its own', async () => {
    const r = await annualReport(deps, { unitId: 'upper' }, 'upper', 2025, NOW);
    expect(r.inspections.total).toEqual({ planned: 0, plannedDone: 0, decided: 1, concluded: 0, inProgress: 1 });
    expect(r.inspections.byType.supervision.decided).toBe(1);
    expect(r.discipline.total).toEqual({ decided: 1, lapsed: 0, revoked: 0 });
    expect(r.cases.total.received).toBe(0);
  });

  it('is the 404 of a missing unit outside the caller’s subtree', async () => {
    expect(await outcome(annualReport(deps, { unitId: 'cdcs-a' }, 'upper', 2026, NOW))).toBe('not-found:not-found');
  });

  it('a year before any policy or data is all zeros, not an error', async () => {
    const r = await annualReport(deps, { unitId: 'upper' }, 'upper', 2000, NOW);
    expect(r.inspections.total.decided + r.discipline.total.decided + r.recommendations.made).toBe(0);
  });

  it('exports the same figures as an .xlsx that reads back', async () => {
    await applyUnitSnapshot(
      db,
      unitState({ id: 'upper', code: 'CD-TREN', name: 'Công đoàn Viên chức tỉnh', level: 'upper' }),
      systemContext('test'),
    );
    const file = await annualReportExport(deps, { unitId: 'upper' }, 'upper', 2026, NOW);
    expect(file.filename).toBe('bao-cao-kiem-tra-CD-TREN-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Báo cáo 2026')!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    const find = (label: string, after = '') => {
      const from = after ? rows.findIndex((r) => r[0] === after) : 0;
      return rows.slice(from).find((r) => r[0] === label);
    };
    expect(ws.getCell('A1').value).toBe('CÔNG ĐOÀN VIÊN CHỨC TỈNH');
    expect(find('Kiểm tra tài chính')).toEqual(['Kiểm tra tài chính', 1, 1, 1, 1, 0]);
    expect(find('Tổng cộng', 'II. PHÁT HIỆN QUA KIỂM TRA')).toEqual(['Tổng cộng', 3, 2, 15_500_001]);
    expect(find('Quá hạn')).toEqual(['Quá hạn', 1]);
    expect(find('Khiếu nại lần đầu')).toEqual(['Khiếu nại lần đầu', 3, 2, 1, 0, 1, 1, 0]);
    expect(find('Khiển trách')).toEqual(['Khiển trách', 1, 1, 0]);
    const amountRow = rows.findIndex((r) => r[0] === 'Nghiêm trọng') + 1;
    expect(ws.getRow(amountRow).getCell(4).numFmt).toBe('#,##0');
    const rules = wb.getWorksheet('Cách tính')!;
    expect(rules.rowCount).toBeGreaterThan(20);
    expect(String(rules.getRow(2).getCell(3).value)).toContain('năm 2026');
  });
});

describe('proceedings', () => {
  it('an inspection opens one at its decision and closes it at its conclusion, once; a supervision is none', async () => {
    const opened = await outbox('ProceedingOpened', financeInspection.id);
    expect(opened.map((e) => e.data)).toEqual([
      {
        proceedingId: financeInspection.id,
        version: 1,
        kind: 'inspection',
        subject: { kind: 'unit', unitId: 'cdcs-a' },
        handlingUnitId: 'upper',
        openedOn: '2026-03-02',
      },
    ]);
    // A conclusion taken again meets the state machine: nothing more is announced.
    expect(
      await outcome(
        takeInspectionStep(deps, upper(), financeInspection.id, {
          step: 'conclusion',
          number: '02/KL-UBKT',
          date: '2026-04-10',
          summary: 'Kết luận',
        }),
      ),
    ).toBe('conflict:illegal-transition');
    const closed = await outbox('ProceedingClosed', financeInspection.id);
    expect(closed).toHaveLength(1);
    expect(closed[0]!.data).toMatchObject({ closedOn: '2026-04-10', outcome: 'concluded', version: 5 });
    expect(await outbox('ProceedingOpened', charterInspection.id)).toHaveLength(1);
    expect(await outbox('ProceedingClosed', charterInspection.id)).toHaveLength(0);
    expect(await outbox('ProceedingOpened', supervision.id)).toHaveLength(0);
  });

  it('of ten concurrent conclusions, one closes the proceeding', async () => {
    const i = await openInspection(deps, upper('2026-06-01T03:00:00Z'), {
      unitId: 'upper',
      targetUnitId: 'cdcs-a',
      type: 'signs-of-violation',
      decision: decision('2026-06-01', '30/QĐ-UBKT'),
    });
    const w = (iso: string): WriteContext => at(iso);
    await takeInspectionStep(deps, { unitId: 'upper', write: w('2026-06-02T03:00:00Z') }, i.id, {
      step: 'team',
      members: [{ memberId: 'inspector', role: 'lead', invited: false }],
    });
    await takeInspectionStep(deps, upper(), i.id, { step: 'fieldwork', from: '2026-06-02', to: '2026-06-03' });
    await takeInspectionStep(deps, upper(), i.id, {
      step: 'findings',
      findings: [{ severity: 'minor', description: 'Thiếu sổ sách' }],
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        outcome(
          takeInspectionStep(deps, upper(), i.id, {
            step: 'conclusion',
            number: `${n}/KL`,
            date: '2026-06-10',
            summary: 'Kết luận',
          }),
        ),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(await outbox('ProceedingClosed', i.id)).toHaveLength(1);
  });
});

describe('a unit’s inspections', () => {
  it('lists those its committee decided, newest first, by year and stage, paged', async () => {
    const page = (filter: { year?: number; stage?: Inspection['stage'] }, limit = 50, cursor?: string) =>
      listInspections(deps, { unitId: 'upper' }, 'upper', filter, { limit, cursor });
    const y2026 = await page({ year: 2026 });
    expect(y2026.items.map((i) => i.decision.date)).toEqual(['2026-06-01', '2026-05-02', '2026-03-02']);
    expect((await page({ year: 2025 })).items.map((i) => i.id)).toEqual([supervision.id]);
    expect((await page({ year: 2026, stage: 'decided' })).items.map((i) => i.id)).toEqual([charterInspection.id]);
    const first = await page({ year: 2026 }, 2);
    expect(first.items).toHaveLength(2);
    const second = await page({ year: 2026 }, 2, first.nextCursor!);
    expect(second.items.map((i) => i.id)).toEqual([financeInspection.id]);
    // A cursor of another year's list is refused, not followed.
    const other = await page({ year: 2025 }, 1);
    expect(other.nextCursor).not.toBeNull();
    expect(await outcome(page({ year: 2026 }, 2, other.nextCursor!))).toBe('validation:invalid-cursor');
    expect(await outcome(listInspections(deps, { unitId: 'cdcs-a' }, 'upper', {}, { limit: 10 }))).toBe(
      'not-found:not-found',
    );
  });
});

describe('the UBKT warning list', () => {
  /**
   * On the real directories:
   *
   *   w-province ─ w-upper ─ w-big    31 admitted, 1 transferred to w-gains: 30 → listed
   *              │         ├ w-seated 30, a UBKT member in office → not listed
   *              │         ├ w-ended  30, the only seat ended in May → listed
   *              │         ├ w-exits  30 admitted, 1 exited: 29 → not listed
   *              │         └ w-gains  29 admitted + 1 transferred in: 30 → listed
   *              └ w-upper2 ─ w-other 35 → listed
   */
  let wdeps: InspectionDeps;
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    wdeps = { ...depsOn(db, []), units: directoryUnits(db) };
    const ctx = systemContext('test');
    const unit = (id: string, parentId: string | null, level: 'province' | 'upper' | 'grassroots' | 'section') =>
      applyUnitSnapshot(db, unitState({ id, parentId, level, code: id.toUpperCase(), name: `Đơn vị ${id}` }), ctx);
    await unit('w-province', null, 'province');
    await unit('w-upper', 'w-province', 'upper');
    await unit('w-upper2', 'w-province', 'upper');
    for (const c of ['w-big', 'w-seated', 'w-ended', 'w-exits', 'w-gains']) await unit(c, 'w-upper', 'grassroots');
    await unit('w-other', 'w-upper2', 'grassroots');
    await unit('w-big-sec', 'w-big', 'section');
    const admit = async (unitId: string, n: number) => {
      ids[unitId] = [];
      for (let k = 0; k < n; k++) {
        const m = admittedMember(unitId, '2020-01-15');
        ids[unitId].push(m.id);
        await applyMemberFacts(db, factsFromEvent('admitted', { member: m }, '2020-01-15T03:00:00Z'), ctx);
      }
    };
    await admit('w-big', 31);
    await admit('w-seated', 30);
    await admit('w-ended', 30);
    await admit('w-exits', 30);
    await admit('w-gains', 29);
    await admit('w-other', 35);
    await admit('w-big-sec', 40);
    const moved = { ...admittedMember('w-big', '2020-01-15'), id: ids['w-big']![0]!, unitId: 'w-gains', version: 3 };
    await applyMemberFacts(
      db,
      factsFromEvent('transferred', { member: moved, date: '2026-02-01', toUnitId: 'w-gains' }, '2026-02-01T03:00:00Z'),
      ctx,
    );
    const left = {
      ...admittedMember('w-exits', '2020-01-15'),
      id: ids['w-exits']![0]!,
      status: 'exited' as const,
      exit: { date: '2026-03-01', reason: 'retired' as const, note: null },
      version: 3,
    };
    // Delivered twice: the count is what the directory holds, not how often it was told.
    for (let k = 0; k < 2; k++) {
      await applyMemberFacts(db, factsFromEvent('exited', { member: left }, '2026-03-01T03:00:00Z'), ctx);
    }
    await recordAppointment(wdeps, seat(ids['w-seated']![0]!, 'w-seated', '2024-01-01', null));
    await recordAppointment(wdeps, seat(ids['w-ended']![0]!, 'w-ended', '2024-01-01', '2026-05-01'));
    // A redelivery of the ended seat's older version changes nothing.
    expect(
      await recordAppointment(wdeps, { ...seat(ids['w-ended']![0]!, 'w-ended', '2024-01-01', null), version: 1 }),
    ).toBe(false);
  });

  it('lists the CĐCS of 30 or more active members with no UBKT member in office, with its rule', async () => {
    const list = await ubktWarnings(wdeps, { unitId: null }, 'w-province', NOW);
    expect(ubktWarningListSchema.parse(list)).toEqual(list);
    expect(list.checked).toBe(6);
    expect(list.items.map((i) => [i.unitId, i.activeMembersAtLeast])).toEqual([
      ['w-big', 30],
      ['w-ended', 30],
      ['w-gains', 30],
      ['w-other', 30],
    ]);
    expect(list.rule).toMatchObject({ threshold: 30, certainty: 'likely' });
    expect(list.rule.source).toContain('Điều lệ');
    const below = await ubktWarnings(wdeps, { unitId: 'w-upper2' }, 'w-upper2', NOW);
    expect(below.items.map((i) => i.unitId)).toEqual(['w-other']);
    // A CĐCS asked for itself is its own list.
    expect((await ubktWarnings(wdeps, { unitId: 'w-exits' }, 'w-exits', NOW)).items).toEqual([]);
  });

  it('a seat that ends, or one that starts, moves a CĐCS on or off the list', async () => {
    const before = new Date('2026-04-15T03:00:00Z');
    const list = await ubktWarnings(wdeps, { unitId: null }, 'w-upper', before);
    expect(list.items.map((i) => i.unitId)).toEqual(['w-big', 'w-gains']);
  });

  it('is the 404 of a missing unit outside the caller’s subtree', async () => {
    expect(await outcome(ubktWarnings(wdeps, { unitId: 'w-upper2' }, 'w-upper', NOW))).toBe('not-found:not-found');
  });
});
