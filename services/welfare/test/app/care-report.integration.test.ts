import type { DirectoryMember } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { beneficiaryList, beneficiaryListExport } from '../../src/app/beneficiaries.ts';
import { createBloodDrive, recordDonation } from '../../src/app/blood-drives.ts';
import {
  approveCase,
  type CaseCaller,
  disburseCase,
  openCase,
  returnCase,
  submitCase,
  verifyCase,
} from '../../src/app/cases.ts';
import { createFund, recordMovement } from '../../src/app/funds.ts';
import type { WelfareDeps } from '../../src/app/ports.ts';
import { welfareReport, welfareReportExport } from '../../src/app/reports.ts';
import { recordVisit } from '../../src/app/visits.ts';
import { callerAt, depsOn, outcome } from './world.ts';

/**
 * The report's cases, processing time, visits and blood drives, and the beneficiary list with
 * its masking, on DynamoDB Local: cases opened and paid on either side of February 2026 (Vietnam
 * days), gifts and a visit without money, two blood drives.
 */
let db: Db;
let deps: WelfareDeps;
const NOW = '2026-03-20T03:00:00.000Z';
const PERIOD = { from: '2026-02-01', to: '2026-02-28' };
const HEALTH = 'Suy thận mạn, chạy thận';

/** The world's members, with names and a card number: what the list shows and masks. */
const NAMES: Record<string, { fullName: string; cardNumber: string | null }> = {
  'ha-a': { fullName: 'Nguyễn Thị Hà', cardNumber: '0123456789' },
  'lan-b': { fullName: 'Trần Thị Lan', cardNumber: null },
};

/** A caller at an instant, seeing personal data (the desk, approvers) or not. */
const at = (iso: string, unitId: string | null = 'upper', seesPersonal = true): CaseCaller => ({
  ...callerAt(iso, unitId),
  seesPersonal,
});

const DOCS = {
  illness: ['application', 'hospital-papers'],
  accident: ['application', 'hospital-papers', 'accident-report'],
  'sudden-hardship': ['application', 'local-confirmation'],
} as const;

/**
 * A case opened at `opened`, submitted at `submitted`, and (when `paid` is given) verified,
 * approved and disbursed at `paid`: the disbursement's instant and day are `paid`'s.
 */
async function caseOf(
  fundId: string,
  memberId: string,
  type: keyof typeof DOCS | 'bereavement',
  amount: number,
  times: { opened: string; submitted?: string; paid?: string },
  summary = 'Hỗ trợ',
) {
  const officer = at(times.opened, memberId === 'ha-a' ? 'cdcs-a' : 'cdcs-b');
  const c = await openCase(deps, officer, {
    fundId,
    memberId,
    type,
    amount,
    incidentDate: '2025-12-01',
    summary,
    health: HEALTH,
    method: 'cash',
  });
  if (times.submitted) await submitCase(deps, { ...officer, ...at(times.submitted, officer.unitId) }, c.id, {});
  if (times.paid && type !== 'bereavement') {
    await verifyCase(deps, at(times.paid), c.id, { documents: [...DOCS[type]] });
    await approveCase(deps, at(times.paid, null), c.id, {});
    await disburseCase(deps, at(times.paid), c.id, {});
  }
  return c.id;
}

beforeAll(async () => {
  db = await freshTable('welfare');
  const base = depsOn(db);
  deps = {
    ...base,
    members: {
      async get(caller, id) {
        const m = await base.members.get(caller, id);
        return { ...m, ...NAMES[id] } as DirectoryMember;
      },
    },
  };
  const desk = callerAt('2026-01-01T03:00:00.000Z');
  const hardship = await createFund(deps, desk, 'upper', { kind: 'hardship', name: 'Quỹ xã hội' });
  await recordMovement(deps, desk, hardship.id, { type: 'allocation', amount: 20_000_000, memo: 'Trích' });
  const visits = await createFund(deps, desk, 'upper', { kind: 'visits', name: 'Quỹ thăm hỏi' });
  await recordMovement(deps, desk, visits.id, { type: 'allocation', amount: 5_000_000, memo: 'Trích' });

  // Paid in the period, opened before it: first submitted 21/1 09:00, paid 5/2 09:00 (Vietnam) → 15 days.
  await caseOf(
    hardship.id,
    'ha-a',
    'sudden-hardship',
    1_000_000,
    { opened: '2026-01-20T02:00:00.000Z', submitted: '2026-01-21T02:00:00.000Z', paid: '2026-02-05T02:00:00.000Z' },
    'Nhà bị tốc mái',
  );
  // Opened and paid in the period: submitted 3/2, paid 8/2, same hour → 5 days.
  await caseOf(
    hardship.id,
    'ha-a',
    'illness',
    3_000_000,
    { opened: '2026-02-02T02:00:00.000Z', submitted: '2026-02-03T02:00:00.000Z', paid: '2026-02-08T02:00:00.000Z' },
    'Nằm viện điều trị',
  );
  // Returned and submitted again: counted from its first submission, 10/2 02:00Z, to 20/2 14:00Z → 10.5 days.
  const returned = await caseOf(hardship.id, 'lan-b', 'accident', 2_000_000, {
    opened: '2026-02-09T02:00:00.000Z',
    submitted: '2026-02-10T02:00:00.000Z',
  });
  await returnCase(deps, at('2026-02-11T02:00:00.000Z'), returned, { reason: 'Thiếu biên bản' });
  await submitCase(deps, at('2026-02-12T02:00:00.000Z', 'cdcs-b'), returned, {});
  const paidAt = '2026-02-20T14:00:00.000Z';
  await verifyCase(deps, at(paidAt), returned, { documents: [...DOCS.accident] });
  await approveCase(deps, at(paidAt, null), returned, {});
  await disburseCase(deps, at(paidAt), returned, {});
  // Opened at 01:00 on 1/2 in Vietnam (31/1 in UTC): in the period, a draft.
  await caseOf(hardship.id, 'ha-a', 'bereavement', 2_000_000, { opened: '2026-01-31T18:00:00.000Z' });
  // Opened in the period, submitted only.
  await caseOf(hardship.id, 'lan-b', 'illness', 1_500_000, {
    opened: '2026-02-15T02:00:00.000Z',
    submitted: '2026-02-16T02:00:00.000Z',
  });
  // Opened at 00:30 on 1/3 in Vietnam (28/2 in UTC): after the period.
  await caseOf(hardship.id, 'lan-b', 'bereavement', 2_000_000, { opened: '2026-02-28T17:30:00.000Z' });
  // Paid after the period (opened before it).
  await caseOf(hardship.id, 'lan-b', 'sudden-hardship', 500_000, {
    opened: '2026-01-05T02:00:00.000Z',
    submitted: '2026-01-06T02:00:00.000Z',
    paid: '2026-03-02T02:00:00.000Z',
  });

  // Gifts in the period, a visit without money, a gift after it.
  const giver = callerAt(NOW);
  const gift = (memberId: string, occasion: 'sickness' | 'tet', amount: number, date: string, memo?: string) =>
    recordVisit(deps, giver, 'upper', {
      memberId,
      occasion,
      amount,
      date,
      ...(memo ? { memo } : {}),
      ...(amount > 0 ? { fundId: visits.id, method: 'cash' as const } : {}),
    });
  await gift('lan-b', 'tet', 1_300_000, '2026-02-10', 'Quà Tết 2026');
  await gift('ha-a', 'sickness', 500_000, '2026-02-12', 'Thăm ốm tại viện');
  await gift('ha-a', 'sickness', 0, '2026-02-14');
  await gift('lan-b', 'sickness', 200_000, '2026-03-03');

  // Blood drives: one in the period (two donors, three units), one before it.
  const held = await createBloodDrive(deps, giver, 'upper', {
    name: 'Hiến máu 2/2026',
    date: '2026-02-14',
    place: 'LĐLĐ',
  });
  await recordDonation(deps, giver, held.id, { memberId: 'ha-a', units: 1, recognition: 'certificate' });
  await recordDonation(deps, giver, held.id, { memberId: 'lan-b', units: 2, recognition: 'none' });
  const before = await createBloodDrive(deps, callerAt(NOW, 'cdcs-a'), 'cdcs-a', {
    name: 'Hiến máu 1/2026',
    date: '2026-01-10',
    place: 'CĐCS',
  });
  await recordDonation(deps, callerAt(NOW, 'cdcs-a'), before.id, { memberId: 'ha-a', units: 1, recognition: 'none' });
});

describe('the report’s cases, processing time, visits and blood drives', () => {
  it('counts the cases opened in the period (Vietnam days) by type and status today', async () => {
    const report = await welfareReport(deps, { unitId: 'upper' }, 'upper', PERIOD, new Date(NOW));
    expect(report.cases).toEqual({
      opened: 4,
      byStatus: { draft: 1, submitted: 1, disbursed: 2 },
      byType: [
        { type: 'illness', count: 2, byStatus: { submitted: 1, disbursed: 1 } },
        { type: 'accident', count: 1, byStatus: { disbursed: 1 } },
        { type: 'bereavement', count: 1, byStatus: { draft: 1 } },
      ],
    });
    expect(report.rules.cases?.en).toContain('opened');
  });

  it('averages the cases paid in the period from their first submission to their disbursement', async () => {
    const report = await welfareReport(deps, { unitId: 'upper' }, 'upper', PERIOD, new Date(NOW));
    // 15, 5 and 10.5 days: 30.5 / 3 = 10.1666… → 10.2.
    expect(report.processing).toEqual({
      paid: 3,
      amount: 6_000_000,
      averageDays: 10.2,
      shortestDays: 5,
      longestDays: 15,
    });
    expect(report.rules.processing?.en).toContain('first submission');
  });

  it('gives the visits and gifts by occasion and the blood drives held in the period', async () => {
    const report = await welfareReport(deps, { unitId: 'upper' }, 'upper', PERIOD, new Date(NOW));
    expect(report.visits).toEqual({
      visits: 3,
      withMoney: 2,
      amount: 1_800_000,
      byOccasion: [
        { occasion: 'sickness', visits: 2, withMoney: 1, amount: 500_000 },
        { occasion: 'tet', visits: 1, withMoney: 1, amount: 1_300_000 },
      ],
    });
    expect(report.bloodDrives).toEqual({ drives: 1, donors: 2, units: 3 });
    const january = await welfareReport(
      deps,
      { unitId: 'upper' },
      'upper',
      { from: '2026-01-01', to: '2026-01-31' },
      new Date(NOW),
    );
    expect(january.bloodDrives).toEqual({ drives: 1, donors: 1, units: 1 });
    expect(january.processing).toMatchObject({ paid: 0, averageDays: null });
    expect(january.cases.opened).toBe(2);
  });

  it('keeps a CĐCS’s report to its own members’ cases', async () => {
    const mine = await welfareReport(deps, { unitId: 'cdcs-a' }, 'cdcs-a', PERIOD, new Date(NOW));
    expect(mine.cases).toMatchObject({ opened: 2, byStatus: { draft: 1, disbursed: 1 } });
    expect(mine.processing).toMatchObject({ paid: 2, amount: 4_000_000, averageDays: 10 });
    expect(mine.visits.visits).toBe(0);
  });

  it('writes the new tables into the .xlsx', async () => {
    const file = await welfareReportExport(deps, { unitId: 'upper' }, 'upper', PERIOD, new Date(NOW));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const text: string[] = [];
    book.worksheets[0]?.eachRow((row) => {
      text.push((row.values as unknown[]).filter((v) => v !== undefined && v !== null).join('|'));
    });
    const all = text.join('\n');
    expect(all).toContain('IV. HỒ SƠ HỖ TRỢ');
    expect(all).toContain('Ốm đau|0|1|0|0|0|1|0|0|0|2');
    expect(all).toContain('3|6000000|10.2|5|15');
    expect(all).toContain('Tết|1|1|1300000');
    expect(all).toContain('1|2|3');
    const rules = book.getWorksheet('Cách tính');
    expect(rules).toBeDefined();
  });
});

describe('the beneficiary list', () => {
  it('lists every member paid in the period, cases by the disbursement’s day and gifts, with names for the desk', async () => {
    const list = await beneficiaryList(deps, { unitId: 'upper', seesPersonal: true }, 'upper', PERIOD, new Date(NOW));
    expect(list.masked).toBe(false);
    expect(
      list.items.map((r) => [
        r.date,
        r.kind,
        r.member,
        r.cardNumber,
        r.type ?? r.occasion,
        r.amount,
        r.fundName,
        r.reason,
      ]),
    ).toEqual([
      [
        '2026-02-05',
        'support-case',
        'Nguyễn Thị Hà',
        '0123456789',
        'sudden-hardship',
        1_000_000,
        'Quỹ xã hội',
        'Nhà bị tốc mái',
      ],
      [
        '2026-02-08',
        'support-case',
        'Nguyễn Thị Hà',
        '0123456789',
        'illness',
        3_000_000,
        'Quỹ xã hội',
        'Nằm viện điều trị',
      ],
      ['2026-02-10', 'gift', 'Trần Thị Lan', null, 'tet', 1_300_000, 'Quỹ thăm hỏi', 'Quà Tết 2026'],
      ['2026-02-12', 'gift', 'Nguyễn Thị Hà', '0123456789', 'sickness', 500_000, 'Quỹ thăm hỏi', 'Thăm ốm tại viện'],
      ['2026-02-20', 'support-case', 'Trần Thị Lan', null, 'accident', 2_000_000, 'Quỹ xã hội', 'Hỗ trợ'],
    ]);
    expect(list.items.map((r) => r.memberId)).toEqual(['ha-a', 'ha-a', 'lan-b', 'ha-a', 'lan-b']);
    expect(list.total).toEqual({ members: 2, payments: 5, amount: 7_800_000 });
  });

  it('masks the member and drops the reason for a caller who may not see a case’s personal data', async () => {
    const list = await beneficiaryList(deps, { unitId: 'upper', seesPersonal: false }, 'upper', PERIOD, new Date(NOW));
    expect(list.masked).toBe(true);
    expect(list.items.map((r) => [r.member, r.cardNumber, r.memberId, r.reason])).toEqual([
      ['N.T.H.', '•••789', null, null],
      ['N.T.H.', '•••789', null, null],
      ['T.T.L.', null, null, null],
      ['N.T.H.', '•••789', null, null],
      ['T.T.L.', null, null, null],
    ]);
    expect(list.total).toEqual({ members: 2, payments: 5, amount: 7_800_000 });
    const json = JSON.stringify(list);
    for (const secret of ['Nguyễn', 'Trần', '0123456789', 'ha-a', 'lan-b', 'tốc mái', 'Thăm ốm', HEALTH])
      expect(json).not.toContain(secret);
  });

  it('exports the list masked as the JSON is', async () => {
    const read = async (seesPersonal: boolean) => {
      const file = await beneficiaryListExport(deps, { unitId: 'upper', seesPersonal }, 'upper', PERIOD, new Date(NOW));
      expect(file.filename).toBe('danh-sach-huong-ho-tro-UPPER-2026-02-01-2026-02-28.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      const lines: string[] = [];
      book.worksheets[0]?.eachRow((row) => {
        lines.push((row.values as unknown[]).filter((v) => v !== undefined && v !== null).join('|'));
      });
      return lines.join('\n');
    };
    const full = await read(true);
    expect(full).toContain(
      'Nguyễn Thị Hà|0123456789|Hồ sơ: Khó khăn đột xuất|05/02/2026|1000000|Quỹ xã hội|Nhà bị tốc mái',
    );
    expect(full).toContain('7800000');
    const masked = await read(false);
    expect(masked).toContain('N.T.H.|•••789|Hồ sơ: Khó khăn đột xuất|05/02/2026|1000000|Quỹ xã hội');
    expect(masked).not.toContain('Nguyễn');
    expect(masked).not.toContain('tốc mái');
  });

  it('keeps to the caller’s subtree', async () => {
    const mine = await beneficiaryList(deps, { unitId: 'cdcs-b', seesPersonal: true }, 'cdcs-b', PERIOD, new Date(NOW));
    expect(mine.items.map((r) => [r.kind, r.memberId, r.amount])).toEqual([['support-case', 'lan-b', 2_000_000]]);
    expect(
      await outcome(beneficiaryList(deps, { unitId: 'cdcs-b', seesPersonal: true }, 'upper', PERIOD, new Date(NOW))),
    ).toBe('not-found:not-found');
  });
});

describe('what the report and the list read', () => {
  it('is a fixed number of DynamoDB calls for the subtree: ten more gifts in the period add none', async () => {
    const calls = new Map<string, number>();
    db.raw.middlewareStack.add(
      (next, context) => async (args) => {
        const name = String(context.commandName ?? '').replace(/Command$/, '');
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'careReportCallCounter' },
    );
    const count = async (read: () => Promise<unknown>) => {
      calls.clear();
      await read();
      return Object.fromEntries(calls);
    };
    const report = () => welfareReport(deps, { unitId: 'upper' }, 'upper', PERIOD, new Date(NOW));
    const list = () => beneficiaryList(deps, { unitId: 'upper', seesPersonal: true }, 'upper', PERIOD, new Date(NOW));
    const reportBefore = await count(report);
    const listBefore = await count(list);
    // Three units, two funds: 3 funds lists + 2 day reads + 3 × (9 case statuses + paid + visits + blood) = 41.
    expect(reportBefore).toEqual({ Query: 41 });
    // 3 × (paid + visits) Queries, one GetItem per fund paid from (the members are in memory here).
    expect(listBefore).toEqual({ Query: 6, GetItem: 2 });

    const visitsFund = (await welfareReport(deps, { unitId: 'upper' }, 'upper', PERIOD, new Date(NOW))).funds.find(
      (f) => f.kind === 'visits',
    );
    for (let i = 0; i < 10; i++)
      await recordVisit(deps, callerAt(NOW), 'upper', {
        memberId: i % 2 ? 'ha-a' : 'lan-b',
        occasion: 'sickness',
        amount: 10_000,
        date: '2026-02-25',
        fundId: visitsFund?.fundId,
        method: 'cash',
      });
    expect(await count(report)).toEqual(reportBefore);
    expect(await count(list)).toEqual(listBefore);
    expect((await list()).total.payments).toBe(15);
  });
});
