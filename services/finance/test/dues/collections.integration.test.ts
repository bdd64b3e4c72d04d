import type { BusEvent, DomainError, Month, Unit } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDuesFigures } from '../../src/adapters/report-sources.ts';
import { collectDues } from '../../src/app/dues/collections.ts';
import type { DuesDeps } from '../../src/app/dues/ports.ts';
import { getArrears, getMemberDues, getMonthSheet } from '../../src/app/dues/reads.ts';
import { listRemittances, remitDues } from '../../src/app/dues/remittances.ts';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import { createPolicy } from '../../src/domain/policy/policy.ts';
import { accountantIn } from '../support/callers.ts';
import { duesDepsOn } from '../support/deps.ts';
import { partition } from '../support/dynamo.ts';
import { domainError } from '../support/errors.ts';
import { financeTable } from '../support/tables.ts';
import { registerUnits } from '../support/units.ts';
import { memberEvents, unit } from './events.ts';
import { SEED_001_MEMBERS } from './support.ts';

let db: Db;
let deps: DuesDeps;
let onMemberChanged: (event: BusEvent) => Promise<void>;
const policy = createPolicy(DEFAULT_POLICY_VERSIONS);
const loadPolicy = async () => policy;

beforeAll(async () => {
  db = await financeTable();
  ({ onMemberChanged } = await import('../../src/handlers/roster.ts'));
  deps = duesDepsOn(db, loadPolicy);
});

/** The caller: an accountant of `unitId`'s subtree (null: the whole tree), on a fixed day in Vietnam. */
const caller = (unitId: string | null, now = '2025-07-25T03:00:00.000Z') => accountantIn(unitId, now);

async function addUnit(overrides: Partial<Unit>): Promise<Unit> {
  const u = unit(overrides);
  await registerUnits(db, u);
  return u;
}

/** An upper level with a CĐCS holding seed 001's seven members (partly self-funded), and a sibling CĐCS. */
async function seed001() {
  const upper = await addUnit({ level: 'upper', agency: null, name: 'Công đoàn Viên chức tỉnh Bắc Giang' });
  const cdcs = await addUnit({ parentId: upper.id });
  const other = await addUnit({ parentId: upper.id, name: 'CĐCS Sở Nội vụ' });
  const members: Record<string, string> = {};
  await Promise.all(
    SEED_001_MEMBERS.map(async ([name, salary]) => {
      const m = memberEvents(cdcs.id, name, salary, '2010-05-19');
      members[name] = m.id;
      for (const e of m.events) await onMemberChanged(e);
    }),
  );
  return { upper, cdcs, other, members };
}

const balances = async (unitId: string) =>
  Object.fromEntries((await deps.ledger.balances(unitId)).map((b) => [b.account, b.balance]));

describe('dues collections', () => {
  it('seed 001: the June 2025 sheet, a collection for one member, then a batch for the rest', async () => {
    const { cdcs, members } = await seed001();
    const sheet = await getMonthSheet(deps, { unitId: null }, cdcs.id, '2025-06');
    expect(sheet.totals).toEqual({ members: 7, expected: 446_000, collected: 0, outstanding: 446_000, advance: 0 });
    const lan = members['Hoàng Thị Lan']!;
    expect(sheet.members.find((m) => m.memberId === lan)?.expected).toMatchObject({
      amount: 52_000,
      formula: '1% × 5.200.000 = 52.000 (QĐ 1908/QĐ-TLĐ (2016))',
    });

    const one = await collectDues(deps, caller(cdcs.id), cdcs.id, '2025-06', {
      lines: [{ memberId: lan, amount: 52_000 }],
      date: '2025-06-20',
      method: 'cash',
    });
    expect(one).toMatchObject({
      amount: 52_000,
      split: { grassroots: 36_400, upper: 15_600 },
      voucherNumber: 'PT-2025-000001',
    });
    expect(await balances(cdcs.id)).toEqual({ '111': 52_000, '5111': -36_400, '3361': -15_600 });

    const batch = await collectDues(deps, caller(cdcs.id), cdcs.id, '2025-06', {
      batch: true,
      date: '2025-06-28',
      method: 'bank',
    });
    expect(batch.lines).toHaveLength(6);
    expect(batch.amount).toBe(394_000);
    expect(batch.voucherNumber).toBe('PT-2025-000002');
    const after = await getMonthSheet(deps, { unitId: null }, cdcs.id, '2025-06');
    expect(after.totals).toMatchObject({ collected: 446_000, outstanding: 0 });
    expect(after.split).toMatchObject({ grassroots: 312_200, upper: 133_800 });
    expect(after.toRemit).toBe(133_800);
    expect(after.collections.map((c) => c.voucherNumber)).toEqual(['PT-2025-000001', 'PT-2025-000002']);
    expect(await balances(cdcs.id)).toEqual({ '111': 52_000, '112': 394_000, '5111': -312_200, '3361': -133_800 });

    // July 2025 at 0.5%: Lan owes 26,000.
    const july = await getMonthSheet(deps, { unitId: null }, cdcs.id, '2025-07');
    expect(july.totals.expected).toBe(223_000);
    expect(july.members.find((m) => m.memberId === lan)?.expected.amount).toBe(26_000);

    const figures = await createDuesFigures(db, loadPolicy)(cdcs.id, '2025-06');
    expect(figures).toMatchObject({ collected: 446_000, remitted: 0, expected: { total: 446_000 } });
    expect(figures.upperShareDue.amount).toBe(133_800);
    expect(figures.collectedByMember[lan]).toBe(52_000);
    expect(figures.expected.members.find((m) => m.memberId === lan)).toMatchObject({
      duesSalary: 5_200_000,
      amount: 52_000,
    });
  });

  it('refuses bad collections with 422, writing nothing', async () => {
    const { cdcs, other, members } = await seed001();
    const stranger = memberEvents(other.id, 'Người Đơn Vị Khác', 5_000_000, '2015-01-01');
    for (const e of stranger.events) await onMemberChanged(e);
    const lan = members['Hoàng Thị Lan']!;
    await collectDues(deps, caller(cdcs.id), cdcs.id, '2025-07', {
      lines: [{ memberId: lan, amount: 20_000 }],
      date: '2025-07-10',
      method: 'cash',
    });
    const before = { dues: await partition(db, `DUES#${cdcs.id}`), ledger: await partition(db, `LEDGER#${cdcs.id}`) };
    const attempt = (body: Parameters<typeof collectDues>[4], month: Month = '2025-07') =>
      domainError(collectDues(deps, caller(cdcs.id), cdcs.id, month, body));
    const line = (memberId: string, amount: number) => ({
      lines: [{ memberId, amount }],
      date: '2025-07-20',
      method: 'cash' as const,
    });
    const codes = [
      (await attempt(line(stranger.id, 26_000))).code,
      (await attempt(line(lan, -1))).code,
      (await attempt(line(lan, 10_000_001))).code,
      (await attempt(line(lan, 6_001))).code,
      (await attempt(line(lan, 26_000), '2025-08')).code,
      (await attempt({ ...line(lan, 1_000), date: '2025-07-26' })).code,
    ];
    expect(codes).toEqual([
      'member-not-owing',
      'invalid-dues-amount',
      'dues-amount-too-large',
      'dues-overpayment',
      'dues-month-not-started',
      'collection-date-in-future',
    ]);
    const e = await attempt(line(lan, 6_001));
    expect(e.kind).toBe('unprocessable');
    expect(e.detail.vi).toContain('Hoàng Thị Lan');
    expect(e.detail.en).toContain('allowAdvance');
    expect({ dues: await partition(db, `DUES#${cdcs.id}`), ledger: await partition(db, `LEDGER#${cdcs.id}`) }).toEqual(
      before,
    );

    // A caller outside the unit's subtree gets 404.
    expect((await domainError(collectDues(deps, caller(other.id), cdcs.id, '2025-07', line(lan, 1_000)))).kind).toBe(
      'not-found',
    );
    // With allowAdvance, more than owed is kept as an advance on the month.
    const advance = await collectDues(deps, caller(cdcs.id), cdcs.id, '2025-07', {
      ...line(lan, 6_000 + 26_000 * 5),
      allowAdvance: true,
    });
    expect(advance.amount).toBe(136_000);
    const sheet = await getMonthSheet(deps, { unitId: null }, cdcs.id, '2025-07');
    expect(sheet.members.find((m) => m.memberId === lan)).toMatchObject({
      collected: 156_000,
      outstanding: 0,
      advance: 130_000,
    });
  });

  it('50 concurrent collections for one unit and month lose nothing: totals, ledger and vouchers 1..50', async () => {
    const upper = await addUnit({ level: 'upper', agency: null });
    const cdcs = await addUnit({ parentId: upper.id, name: 'CĐCS Bệnh viện' });
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const m = memberEvents(
          cdcs.id,
          `Đoàn Viên ${String(i).padStart(2, '0')}`,
          4_000_000 + i * 100_000,
          '2020-01-01',
        );
        ids.push(m.id);
        for (const e of m.events) await onMemberChanged(e);
      }),
    );
    const sheet = await getMonthSheet(deps, { unitId: null }, cdcs.id, '2025-07');
    expect(sheet.totals.members).toBe(50);
    const owed = new Map(sheet.members.map((m) => [m.memberId, m.expected.amount]));
    const started = performance.now();
    const results = await Promise.all(
      ids.map((memberId) =>
        collectDues(deps, caller(upper.id), cdcs.id, '2025-07', {
          lines: [{ memberId, amount: owed.get(memberId)! }],
          date: '2025-07-15',
          method: 'bank',
        }),
      ),
    );
    console.info(`50 concurrent dues collections on one unit and month: ${Math.round(performance.now() - started)} ms`);
    const total = [...owed.values()].reduce((t, a) => t + a, 0);
    expect(results.reduce((t, c) => t + c.amount, 0)).toBe(total);
    const state = await deps.dues.monthState(cdcs.id, '2025-07');
    expect(state).toMatchObject({ collected: total, collections: 50, version: 50 });
    expect(Object.keys(state.paid)).toHaveLength(50);
    const split = policy.duesSplit('2025-07', total);
    expect(state.upperCollected).toBe(split.upper.amount);
    expect(await balances(cdcs.id)).toEqual({
      '112': total,
      '5111': -split.grassroots.amount,
      '3361': -split.upper.amount,
    });
    const vouchers = await deps.ledger.vouchers(cdcs.id, 2025, 'receipt');
    expect(vouchers.items.map((v) => v.n)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(results.map((c) => c.voucherNumber)).size).toBe(50);
    expect((await getMonthSheet(deps, { unitId: null }, cdcs.id, '2025-07')).totals.outstanding).toBe(0);
  }, 120_000);
});

describe('transfers on the roster and in collections', () => {
  it('a member transferred mid-July owes July to the unit left and August to the new one', async () => {
    const { cdcs, other } = await seed001();
    const m = memberEvents(cdcs.id, 'Ngô Thị Thanh Xuân', 6_000_000, '2018-03-01').transfer('2025-07-15', other.id);
    for (const e of m.events) await onMemberChanged(e);
    const line = (amount: number) => ({
      lines: [{ memberId: m.id, amount }],
      date: '2025-07-20',
      method: 'cash' as const,
    });
    await collectDues(deps, caller(null), cdcs.id, '2025-07', line(30_000));
    expect((await domainError(collectDues(deps, caller(null), other.id, '2025-07', line(30_000)))).code).toBe(
      'member-not-owing',
    );
    const august = caller(null, '2025-08-05T03:00:00.000Z');
    expect((await domainError(collectDues(deps, august, cdcs.id, '2025-08', line(30_000)))).code).toBe(
      'member-not-owing',
    );
    await collectDues(deps, august, other.id, '2025-08', { ...line(30_000), date: '2025-08-05' });

    const statement = await getMemberDues(deps, { unitId: null }, m.id, '2025-06', '2025-09');
    expect(
      statement.months.map((x) => [x.month, x.unitId === cdcs.id ? 'A' : 'B', x.expected?.amount, x.paid]),
    ).toEqual([
      ['2025-06', 'A', 60_000, 0],
      ['2025-07', 'A', 30_000, 30_000],
      ['2025-08', 'B', 30_000, 30_000],
      ['2025-09', 'B', 30_000, 0],
    ]);
    // Seen from the new unit only: the months owed to the old one show no amounts.
    const fromB = await getMemberDues(deps, { unitId: other.id }, m.id, '2025-06', '2025-09');
    expect(fromB.months.map((x) => [x.visible, x.expected?.amount ?? null, x.paid])).toEqual([
      [false, null, 0],
      [false, null, 0],
      [true, 30_000, 30_000],
      [true, 30_000, 0],
    ]);
    const unrelated = await addUnit({ level: 'upper', agency: null });
    expect((await domainError(getMemberDues(deps, { unitId: unrelated.id }, m.id, '2025-06', '2025-09'))).kind).toBe(
      'not-found',
    );
  });
});

describe('arrears', () => {
  it('per member and total, flagging six months without dues', async () => {
    const { cdcs, members } = await seed001();
    const late = memberEvents(cdcs.id, 'Người Mới Vào', 5_000_000, '2025-05-10');
    for (const e of late.events) await onMemberChanged(e);
    // Everyone but Lan paid January to June 2025.
    for (const month of ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'] as Month[]) {
      const sheet = await getMonthSheet(deps, { unitId: null }, cdcs.id, month);
      const lines = sheet.members
        .filter((m) => m.memberId !== members['Hoàng Thị Lan'] && m.memberId !== late.id)
        .map((m) => ({ memberId: m.memberId, amount: m.expected.amount }));
      await collectDues(deps, caller(null), cdcs.id, month, { lines, date: '2025-07-01', method: 'bank' });
    }
    const result = await getArrears(deps, { unitId: null }, cdcs.id, '2025-04', '2025-06');
    expect(result.members.map((m) => [m.fullName, m.balance, m.monthsWithoutDues, m.removalCandidate])).toEqual([
      ['Hoàng Thị Lan', 156_000, 6, true],
      ['Người Mới Vào', 100_000, 2, false],
    ]);
    expect(result.totals).toEqual({ membersInArrears: 2, expected: 256_000, paid: 0, balance: 256_000 });
    expect(result.removal.months).toBe(6);
    expect((await domainError(getArrears(deps, { unitId: null }, cdcs.id, '2020-01', '2025-06'))).code).toBe(
      'period-too-long',
    );
  });
});

describe('remittances of the upper share', () => {
  it('pays the upper level in one transaction, never more than collected and not yet remitted, even concurrently', async () => {
    const { upper, cdcs } = await seed001();
    await collectDues(deps, caller(null), cdcs.id, '2025-06', { batch: true, date: '2025-06-28', method: 'bank' });
    const june = { month: '2025-06' as Month, date: '2025-07-05', method: 'bank' as const };

    const tooMuch = await domainError(remitDues(deps, caller(cdcs.id), cdcs.id, { ...june, amount: 133_801 }));
    expect(tooMuch.code).toBe('remittance-exceeds-upper-share');
    expect(tooMuch.detail.vi).toContain('133.800');

    // Two at once, each of 100,000, with 133,800 to remit: exactly one goes through.
    const outcomes = await Promise.allSettled([
      remitDues(deps, caller(cdcs.id), cdcs.id, { ...june, amount: 100_000 }),
      remitDues(deps, caller(cdcs.id), cdcs.id, { ...june, amount: 100_000 }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as DomainError).code).toBe('remittance-exceeds-upper-share');

    // The dues went to the bank: the till is empty, and cash never goes below zero.
    const fromTill = await domainError(
      remitDues(deps, caller(cdcs.id), cdcs.id, { ...june, amount: 33_800, method: 'cash' }),
    );
    expect(fromTill).toMatchObject({ kind: 'unprocessable', code: 'money-balance-negative' });
    expect(fromTill.detail.vi).toContain('Số dư tài khoản 111 là 0 đ');

    const rest = await remitDues(deps, caller(cdcs.id), cdcs.id, { ...june, amount: 33_800 });
    expect(rest).toMatchObject({
      upperUnitId: upper.id,
      voucherNumbers: { payment: 'PC-2025-000002', receipt: 'PT-2025-000002' },
    });
    expect(await balances(cdcs.id)).toEqual({ '112': 446_000 - 133_800, '5111': -312_200, '3361': 0 });
    expect(await balances(upper.id)).toEqual({ '112': 133_800, '5114': -133_800 });

    const sheet = await getMonthSheet(deps, { unitId: null }, cdcs.id, '2025-06');
    expect(sheet).toMatchObject({ remitted: 133_800, toRemit: 0 });
    expect(sheet.remittances).toHaveLength(2);
    const listed = await listRemittances(deps, { unitId: null }, cdcs.id, '2025');
    expect(listed.total).toBe(133_800);
    expect((await domainError(remitDues(deps, caller(cdcs.id), cdcs.id, { ...june, amount: 1 }))).code).toBe(
      'remittance-exceeds-upper-share',
    );
    const figures = await createDuesFigures(db, loadPolicy)(cdcs.id, '2025-06');
    expect(figures).toMatchObject({ remitted: 133_800, upperShareDue: { amount: 133_800 } });
  });

  it('refuses a unit without an upper level', async () => {
    const lonely = await addUnit({ parentId: null });
    expect(
      (
        await domainError(
          remitDues(deps, caller(null), lonely.id, { month: '2025-06', amount: 1, date: '2025-07-01', method: 'bank' }),
        )
      ).code,
    ).toBe('no-upper-level');
  });
});
