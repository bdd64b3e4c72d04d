import { type Month, monthsBetween } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBudgetStore } from '../../src/adapters/budget-store.ts';
import { createLedger, type LedgerStore as Ledger } from '../../src/adapters/ledger-store.ts';
import { createPolicyStore } from '../../src/adapters/policy-store.ts';
import {
  createDuesFigures,
  createDuesRange,
  createLevyFigures,
  createLevyRange,
} from '../../src/adapters/report-sources.ts';
import { createRosterStore } from '../../src/adapters/roster-store.ts';
import { collectDues } from '../../src/app/dues/collections.ts';
import type { DuesDeps } from '../../src/app/dues/ports.ts';
import { remitDues } from '../../src/app/dues/remittances.ts';
import { declareLevy } from '../../src/app/levy/declarations.ts';
import { recordLevyPayment } from '../../src/app/levy/payments.ts';
import { startReconciliation } from '../../src/app/reconciliation/start.ts';
import { reconcileUnit } from '../../src/app/reconciliation/worker.ts';
import { fullAmounts } from '../../src/domain/ledger/budget.ts';
import { buildFinanceDeps } from '../../src/handlers/deps.ts';
import { duesDepsOn } from '../support/deps.ts';
import { type Answer, type Call, claimsFor } from '../support/http.ts';
import { financeTable } from '../support/tables.ts';
import { seedUnit } from '../support/units.ts';
import { ctx, posting, reportsApi } from './support.ts';

let db: Db;
let ledger: Ledger;
let call: (c: Call) => Promise<Answer>;
let duesDeps: DuesDeps;
const policies = () => createPolicyStore(db);
const loadPolicy = () => policies().load();

beforeAll(async () => {
  db = await financeTable();
  ledger = createLedger(db);
  call = await reportsApi(db);
  duesDeps = duesDepsOn(db, loadPolicy);
});

const caller = { unitId: null, write: ctx };

/**
 * A CĐCS of three members (admitted 1 January 2025), whose dues of January and
 * February were collected in cash and January's upper share remitted, whose
 * agency declared July's payroll and paid half of its levy, with a budget and
 * some spending; the upper level above it.
 */
async function scenario() {
  const upper = await seedUnit(db, { level: 'upper' });
  const cdcs = await seedUnit(db, { parentId: upper.id, name: 'CĐCS Bệnh viện Sản Nhi' });
  const roster = createRosterStore(db);
  const salaries = [5_200_000, 7_800_000, 12_400_000];
  for (const [i, salary] of salaries.entries()) {
    await roster.apply(
      {
        memberId: `${cdcs.id}-m${i}`,
        version: 2,
        kind: 'admitted',
        date: '2025-01-01',
        unitId: cdcs.id,
        status: 'active',
        duesSalary: salary,
        fullName: ['Nguyễn Thị Hoa', 'Trần Văn Bình', 'Lê Minh Châu'][i] ?? 'X',
        salaryChanged: false,
      },
      ctx,
    );
  }
  await collectDues(duesDeps, caller, cdcs.id, '2025-01', { batch: true, date: '2025-01-25', method: 'cash' });
  await collectDues(duesDeps, caller, cdcs.id, '2025-02', { batch: true, date: '2025-02-25', method: 'cash' });
  const january = await createDuesFigures(db, loadPolicy)(cdcs.id, '2025-01');
  await remitDues(duesDeps, caller, cdcs.id, {
    month: '2025-01',
    amount: january.upperShareDue.amount,
    date: '2025-02-05',
    method: 'cash',
  });

  const levyDeps = buildFinanceDeps(db);
  await declareLevy(levyDeps, caller, cdcs.id, '2025-07', { payroll: 100_000_000, headcount: 3 }, undefined);
  await recordLevyPayment(levyDeps, caller, cdcs.id, {
    date: '2025-08-10',
    amount: 1_000_000,
    months: [{ month: '2025-07', amount: 1_000_000 }],
  });

  await ledger.post(
    posting(
      cdcs.id,
      '2025-03-08',
      [
        ['6111', 250_000, 0],
        ['111', 0, 250_000],
      ],
      { voucher: 'payment' },
    ),
    ctx,
  );
  await createBudgetStore(db).save(
    undefined,
    {
      unitId: cdcs.id,
      year: 2025,
      amounts: fullAmounts({ dues: 2_000_000, activities: 1_000_000 }),
      note: null,
      version: 1,
      updatedAt: '2025-01-05T00:00:00.000Z',
      updatedBy: 'accountant',
    },
    ctx,
  );
  return { upper, cdcs };
}

describe('a unit’s finance dashboard', () => {
  it('shows the month and the year to date, agreeing with the figures the reconciliation reads', async () => {
    const { upper, cdcs } = await scenario();
    const res = await call({
      path: `/v1/finance/units/${cdcs.id}/dashboard`,
      query: { month: '2025-08' },
      claims: claimsFor(['officer'], cdcs.id),
    });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({ month: '2025-08', asOf: '2025-08-31', books: { closed: false, closedAt: null } });

    // Dues: the same figures as the reconciliation's reader, month by month.
    const perMonth = await Promise.all(
      monthsBetween('2025-01', '2025-08').map((m) => createDuesFigures(db, loadPolicy)(cdcs.id, m)),
    );
    const expectedYtd = perMonth.reduce((s, m) => s + m.expected.total, 0);
    const collected = perMonth.reduce((s, m) => s + m.collected, 0);
    expect(collected).toBe(perMonth[0]!.expected.total + perMonth[1]!.expected.total);
    expect(perMonth[7]!.expected.total).toBeGreaterThan(0);
    expect(d.dues.month).toMatchObject({
      expected: perMonth[7]!.expected.total,
      collected: 0,
      outstanding: perMonth[7]!.expected.total,
      remitted: 0,
      collectedBp: 0,
    });
    expect(d.dues.yearToDate).toMatchObject({
      expected: expectedYtd,
      collected,
      outstanding: expectedYtd - collected,
      upperShareDue: perMonth[0]!.upperShareDue.amount + perMonth[1]!.upperShareDue.amount,
      remitted: perMonth[0]!.upperShareDue.amount,
      remitOutstanding: perMonth[1]!.upperShareDue.amount,
    });

    // Levy: July declared at 2% of 100 000 000, half of it paid; August not declared yet.
    const july = await createLevyFigures(db, loadPolicy)(cdcs.id, '2025-07', '2025-08-31');
    expect(july.declared?.due.amount).toBe(2_000_000);
    expect(d.levy.month).toEqual({
      due: 0,
      paid: 0,
      outstanding: 0,
      penalty: 0,
      monthsUndeclared: ['2025-08'],
      status: 'on-time',
    });
    expect(d.levy.yearToDate).toMatchObject({
      due: 2_000_000,
      paid: 1_000_000,
      outstanding: 1_000_000,
      penalty: july.penalty.amount,
    });
    expect(d.levy.yearToDate.monthsUndeclared).toEqual(
      monthsBetween('2025-01', '2025-08').filter((m) => m !== '2025-07'),
    );

    // Cash: dues collected, less the remittance and the spending.
    expect(d.balances).toEqual({
      cash: collected - perMonth[0]!.upperShareDue.amount - 250_000,
      bank: 0,
      total: collected - perMonth[0]!.upperShareDue.amount - 250_000,
    });
    const dues = d.budget.lines.find((l: { category: string }) => l.category === 'dues');
    const grassrootsShare = collected - perMonth[0]!.upperShareDue.amount - perMonth[1]!.upperShareDue.amount;
    expect(dues).toMatchObject({ kind: 'income', budget: 2_000_000, actual: grassrootsShare });
    expect(d.budget.lines.find((l: { category: string }) => l.category === 'activities')).toEqual({
      category: 'activities',
      kind: 'spending',
      budget: 1_000_000,
      actual: 250_000,
      percentBp: 2_500,
    });
    expect(d.budget.exists).toBe(true);
    expect(d.reconciliation).toBeNull();

    // The upper level has no dues or levy of its own here, only its books.
    const up = await call({
      path: `/v1/finance/units/${upper.id}/dashboard`,
      query: { month: '2025-08' },
      claims: claimsFor(['accountant'], upper.id),
    });
    expect(up.status).toBe(200);
    expect(up.body.dues).toBeNull();
    expect(up.body.levy).toBeNull();
    expect(up.body.budget.exists).toBe(false);
  });

  it('shows cash and bank at the end of the chosen month, not today’s', async () => {
    const { cdcs } = await scenario();
    const at = async (month: string) =>
      (
        await call({
          path: `/v1/finance/units/${cdcs.id}/dashboard`,
          query: { month },
          claims: claimsFor(['accountant'], cdcs.id),
        })
      ).body;
    const [january, february] = await Promise.all(
      ['2025-01', '2025-02'].map((m) => createDuesFigures(db, loadPolicy)(cdcs.id, m as Month)),
    );
    // January: its dues in the till. February: both months' dues, January's upper share paid out.
    expect((await at('2025-01')).balances).toEqual({ cash: january!.collected, bank: 0, total: january!.collected });
    const endOfFebruary = january!.collected + february!.collected - january!.upperShareDue.amount;
    expect((await at('2025-02')).balances).toEqual({ cash: endOfFebruary, bank: 0, total: endOfFebruary });
    // March's spending comes after; a month before any posting holds nothing.
    expect((await at('2025-03')).balances.cash).toBe(endOfFebruary - 250_000);
    expect((await at('2024-12')).balances).toEqual({ cash: 0, bank: 0, total: 0 });
  });

  it('reads the dues and levy of a run of months exactly as the per-month readers do', async () => {
    const { cdcs } = await scenario();
    const months = monthsBetween('2025-01', '2025-12') as Month[];
    const range = await createDuesRange(db, loadPolicy)(cdcs.id, '2025-01', '2025-12');
    const single = await Promise.all(months.map((m) => createDuesFigures(db, loadPolicy)(cdcs.id, m)));
    expect(range).toEqual(single);
    const levyRange = await createLevyRange(db, loadPolicy)(cdcs.id, '2025-01', '2025-12', '2025-12-31');
    const levySingle = await Promise.all(
      months.map((m) => createLevyFigures(db, loadPolicy)(cdcs.id, m, '2025-12-31')),
    );
    expect(levyRange).toEqual(levySingle);
  });

  it('shows the latest reconciliation of the year up to the month', async () => {
    const { cdcs } = await scenario();
    const reconciliation = buildFinanceDeps(db, { loadPolicy });
    const runId = `run-${cdcs.id}`;
    const { run } = await startReconciliation(
      reconciliation,
      { unitId: null, subject: 'admin', write: ctx },
      {
        month: '2025-07',
        unitIds: [cdcs.id],
        runId,
        trigger: 'request',
      },
    );
    await reconcileUnit(reconciliation, { runId, unitId: cdcs.id, month: '2025-07', asOf: run.asOf }, loadPolicy, ctx);
    const stored = await reconciliation.store.getReport(cdcs.id, '2025-07');
    expect(stored).toBeDefined();

    const at = async (month: string) =>
      (
        await call({
          path: `/v1/finance/units/${cdcs.id}/dashboard`,
          query: { month },
          claims: claimsFor(['inspector'], cdcs.id),
        })
      ).body;
    const august = await at('2025-08');
    expect(august.reconciliation).toEqual({
      month: '2025-07',
      status: stored!.counts.discrepancies > 0 ? 'discrepancies' : 'clean',
      discrepancies: stored!.counts.discrepancies,
      byKind: stored!.counts.byKind,
      generatedAt: stored!.generatedAt,
    });
    // Months before the report know nothing of it.
    expect((await at('2025-06')).reconciliation).toBeNull();
  });

  it('costs the same few DynamoDB calls for January as for December, whatever the members', async () => {
    const { cdcs } = await scenario();
    const { dashboard } = await import('../../src/app/reports/dashboard.ts');
    const { disclosure } = await import('../../src/app/reports/disclosure.ts');
    const calls: string[] = [];
    const counting = {
      ...db,
      client: {
        send: (command: { constructor: { name: string } }) => {
          calls.push(command.constructor.name);
          return db.client.send(command as never);
        },
      },
    } as unknown as Db;
    const deps = buildFinanceDeps(counting);
    const who = { unitId: null, roles: ['admin' as const] };
    const count = async (fn: () => Promise<unknown>) => {
      calls.length = 0;
      await fn();
      return [...calls];
    };
    await dashboard(deps, who, cdcs.id, '2025-01', new Date()); // warms the policy cache
    const january = await count(() => dashboard(deps, who, cdcs.id, '2025-01', new Date()));
    const december = await count(() => dashboard(deps, who, cdcs.id, '2025-12', new Date()));
    expect(december.length).toBe(january.length);
    expect(january.length).toBeLessThanOrEqual(14);
    const disclosed = await count(() => disclosure(deps, who, cdcs.id, 2025, new Date()));
    expect(disclosed.length).toBeLessThanOrEqual(8);
    console.info(
      `dashboard: ${january.length} calls (${january.join(', ')}); disclosure: ${disclosed.length} calls (${disclosed.join(', ')})`,
    );
  });

  it('refuses a malformed month and a unit outside the caller’s subtree', async () => {
    const { cdcs } = await scenario();
    const other = await seedUnit(db, { level: 'upper' });
    const bad = await call({
      path: `/v1/finance/units/${cdcs.id}/dashboard`,
      query: { month: '2025-13' },
      claims: claimsFor(['admin']),
    });
    expect(bad.status).toBe(400);
    const outside = await call({
      path: `/v1/finance/units/${cdcs.id}/dashboard`,
      query: { month: '2025-08' },
      claims: claimsFor(['admin'], other.id),
    });
    expect(outside.status).toBe(404);
  });
});
