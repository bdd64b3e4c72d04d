import type { DomainError } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from '../../src/adapters/ledger-store.ts';
import { createLevyFigures } from '../../src/adapters/report-sources.ts';
import type { BankDeps } from '../../src/app/bank/ports.ts';
import { allocateLevy } from '../../src/app/levy/allocations.ts';
import { declareLevy } from '../../src/app/levy/declarations.ts';
import { getLevyPayment, recordLevyPayment } from '../../src/app/levy/payments.ts';
import { levyYear } from '../../src/app/levy/year.ts';
import { domainError } from '../support/errors.ts';
import { balanceOf } from '../support/ledger.ts';
import { registerUnits, unit } from '../support/units.ts';
import { bacGiangTree, callerIn, levyTable } from './support.ts';

let db: Db;
let deps: BankDeps;
let tree: ReturnType<typeof bacGiangTree>;

beforeAll(async () => {
  ({ db, deps } = await levyTable());
  tree = bacGiangTree();
  await registerUnits(db, ...Object.values(tree));
});

const upperAccountant = () => callerIn(tree.upper.id);
const balance = (unitId: string, account: string) => balanceOf(createLedger(db), unitId, account);

describe('declarations', () => {
  it('makes 2% of the payroll due, with its rule, and keeps corrections in an audit trail', async () => {
    /** The hospital's own accountant declaring its January 2025 payroll, against `version` (undefined: the first). */
    const declareJanuary = (input: Parameters<typeof declareLevy>[4], version: number | undefined) =>
      declareLevy(deps, callerIn(tree.bvdk.id), tree.bvdk.id, '2025-01', input, version);
    const first = await declareJanuary({ payroll: 3_000_000_000, headcount: 420 }, undefined);
    expect(first).toMatchObject({
      version: 1,
      due: { liable: true, amount: 60_000_000 },
      declaration: { payroll: 3_000_000_000, headcount: 420, fundingType: 'self-funded' },
      corrections: [],
      status: 'unpaid',
    });
    expect(first.due!.formula).toContain('2%');

    const again = await declareJanuary({ payroll: 3_000_000_000, headcount: 420 }, 1);
    expect(again.version).toBe(1);

    const stale = await domainError(declareJanuary({ payroll: 3_100_000_000, headcount: 421 }, 7));
    expect(stale.kind).toBe('precondition-failed');

    const corrected = await declareJanuary(
      { payroll: 3_100_000_000, headcount: 421, note: 'Bổ sung lương tháng 1' },
      1,
    );
    expect(corrected).toMatchObject({ version: 2, due: { amount: 62_000_000 } });
    expect(corrected.corrections).toEqual([
      expect.objectContaining({ payroll: 3_000_000_000, headcount: 420, due: 60_000_000, version: 1 }),
    ]);
  });

  it('refuses a unit that is not a CĐCS, a month to come, and a caller outside the subtree (404)', async () => {
    expect(
      (
        await domainError(
          declareLevy(deps, upperAccountant(), tree.upper.id, '2025-01', { payroll: 1, headcount: 1 }, undefined),
        )
      ).code,
    ).toBe('levy-not-grassroots');
    expect(
      (
        await domainError(
          declareLevy(deps, upperAccountant(), tree.bvdk.id, '2025-08', { payroll: 1, headcount: 1 }, undefined),
        )
      ).code,
    ).toBe('levy-month-in-future');
    expect(
      (
        await domainError(
          declareLevy(deps, callerIn(tree.snv.id), tree.bvdk.id, '2025-01', { payroll: 1, headcount: 1 }, undefined),
        )
      ).kind,
    ).toBe('not-found');
    const noTaxId = unit({ level: 'grassroots', parentId: tree.upper.id, name: 'CĐCS chưa có MST' });
    await registerUnits(db, noTaxId);
    expect(
      (
        await domainError(
          declareLevy(deps, upperAccountant(), noTaxId.id, '2025-01', { payroll: 1, headcount: 1 }, undefined),
        )
      ).code,
    ).toBe('levy-agency-incomplete');
  });

  it('owes nothing for a unit paid 100% from the state budget from July 2025', async () => {
    const june = await declareLevy(
      deps,
      upperAccountant(),
      tree.snv.id,
      '2025-06',
      { payroll: 148_000_000, headcount: 40 },
      undefined,
    );
    const july = await declareLevy(
      deps,
      upperAccountant(),
      tree.snv.id,
      '2025-07',
      { payroll: 150_000_000, headcount: 40 },
      undefined,
    );
    expect(june.due).toMatchObject({ liable: true, amount: 2_960_000 });
    expect(july.due).toMatchObject({ liable: false, amount: 0 });
    expect(july.status).toBe('not-liable');
  });
});

describe('payments', () => {
  it('records a payment over several months at the upper level with its receipt, late months marked', async () => {
    await declareLevy(
      deps,
      upperAccountant(),
      tree.bvdk.id,
      '2025-02',
      { payroll: 3_000_000_000, headcount: 420 },
      undefined,
    );
    const payment = await recordLevyPayment(deps, upperAccountant(), tree.bvdk.id, {
      date: '2025-03-20',
      amount: 122_000_000,
      months: [
        { month: '2025-01', amount: 62_000_000 },
        { month: '2025-02', amount: 60_000_000 },
      ],
      reference: 'UNC 125',
    });
    expect(payment).toMatchObject({
      unitId: tree.bvdk.id,
      upperUnitId: tree.upper.id,
      source: { kind: 'manual' },
      posting: { unitId: tree.upper.id, voucherNumber: 'PT-2025-000001' },
    });
    expect(payment.months.map((m) => [m.month, m.late, m.upper.amount, m.grassroots.amount])).toEqual([
      ['2025-01', true, 15_500_000, 46_500_000],
      ['2025-02', false, 15_000_000, 45_000_000],
    ]);
    expect(await getLevyPayment(deps, callerIn(tree.bvdk.id), tree.bvdk.id, payment.id)).toEqual(payment);
    expect(await balance(tree.upper.id, '112')).toBe(122_000_000);
    expect(await balance(tree.upper.id, '5112')).toBe(-30_500_000);
    expect(await balance(tree.upper.id, '3362')).toBe(-91_500_000);

    const year = await levyYear(
      deps,
      { unitId: tree.bvdk.id, now: new Date('2025-07-31T03:00:00Z') },
      tree.bvdk.id,
      2025,
    );
    const [jan, feb, mar] = year.months;
    expect(jan).toMatchObject({ status: 'paid-late', outstanding: 0, paid: { late: 62_000_000, onTime: 0 } });
    // 12% × 62.000.000 paid after 28/2/2025.
    expect(jan!.penalty).toMatchObject({ amount: 7_440_000, status: 'late' });
    expect(feb).toMatchObject({ status: 'paid', penalty: { amount: 0 }, allocation: { due: { amount: 45_000_000 } } });
    expect(mar).toMatchObject({ status: 'not-declared', outstanding: null });
    expect(year.totals).toMatchObject({
      due: 122_000_000,
      paid: 122_000_000,
      penalty: 7_440_000,
      allocationDue: 91_500_000,
    });
  });

  it('records a penalty paid with the levy on 5115', async () => {
    const payment = await recordLevyPayment(deps, upperAccountant(), tree.ttddtb.id, {
      date: '2025-04-02',
      amount: 1_120_000,
      months: [{ month: '2025-02', amount: 1_000_000 }],
      penalties: [{ month: '2025-01', amount: 120_000 }],
    });
    expect(payment.penalties).toEqual([{ month: '2025-01', amount: 120_000 }]);
    expect(await balance(tree.upper.id, '5115')).toBe(-120_000);
    const year = await levyYear(deps, { unitId: null, now: new Date('2025-07-31T03:00:00Z') }, tree.ttddtb.id, 2025);
    expect(year.months[0]).toMatchObject({ penaltyPaid: 120_000 });
  });

  it('is for the upper level’s accountants only (403 for the CĐCS’s own), and checks the amounts (422)', async () => {
    const own = await domainError(
      recordLevyPayment(deps, callerIn(tree.bvdk.id), tree.bvdk.id, {
        date: '2025-04-01',
        amount: 1,
        months: [{ month: '2025-03', amount: 1 }],
      }),
    );
    expect(own).toMatchObject({ kind: 'forbidden', code: 'levy-upper-level-only' });
    const wrong = await domainError(
      recordLevyPayment(deps, upperAccountant(), tree.bvdk.id, {
        date: '2025-04-01',
        amount: 100,
        months: [{ month: '2025-03', amount: 99 }],
      }),
    );
    expect(wrong).toMatchObject({ kind: 'unprocessable', code: 'invalid-levy-payment' });
  });
});

describe('allocations down', () => {
  it('allocates at most the CĐCS share of what was paid, in one transaction with both vouchers', async () => {
    const cdcsCaller = upperAccountant();
    // February: 60.000.000 paid, 45.000.000 CĐCS share.
    const first = await allocateLevy(deps, cdcsCaller, tree.bvdk.id, {
      month: '2025-02',
      amount: 30_000_000,
      date: '2025-04-10',
    });
    expect(first).toMatchObject({
      remainingBefore: 45_000_000,
      postings: {
        upper: { unitId: tree.upper.id, voucherNumber: 'PC-2025-000001' },
        grassroots: { unitId: tree.bvdk.id, voucherNumber: 'PT-2025-000001' },
      },
    });
    const over = await domainError(
      allocateLevy(deps, cdcsCaller, tree.bvdk.id, { month: '2025-02', amount: 15_000_001, date: '2025-04-10' }),
    );
    expect(over).toMatchObject({ kind: 'unprocessable', code: 'levy-allocation-exceeds-share' });
    expect(over.detail.en).toContain('15.000.000');
    expect(await balance(tree.bvdk.id, '5113')).toBe(-30_000_000);
    expect(await balance(tree.bvdk.id, '112')).toBe(30_000_000);
    expect(
      (
        await domainError(
          allocateLevy(deps, cdcsCaller, tree.bvdk.id, { month: '2025-03', amount: 1, date: '2025-04-10' }),
        )
      ).code,
    ).toBe('levy-allocation-exceeds-share');
    expect(
      (
        await domainError(
          allocateLevy(deps, callerIn(tree.bvdk.id), tree.bvdk.id, { month: '2025-02', amount: 1, date: '2025-04-10' }),
        )
      ).kind,
    ).toBe('forbidden');
  });

  it('lets only what remains through when allocations race', async () => {
    // 15.000.000 remain for February; five requests of 6.000.000 at once: two pass.
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        allocateLevy(deps, upperAccountant(), tree.bvdk.id, {
          month: '2025-02',
          amount: 6_000_000,
          date: '2025-04-11',
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as DomainError).code).toBe('levy-allocation-exceeds-share');
    }
    const figures = await createLevyFigures(db, deps.loadPolicy)(tree.bvdk.id, '2025-02', '2025-07-31');
    expect(figures).toMatchObject({
      paid: 60_000_000,
      allocated: 42_000_000,
      allocationDue: { amount: 45_000_000 },
      declared: { payroll: 3_000_000_000, due: { amount: 60_000_000 } },
      penalty: { amount: 0 },
    });
    expect(await balance(tree.upper.id, '3362')).toBe(-91_500_000 - 750_000 + 42_000_000);
  });
});

describe('figures for the reconciliation', () => {
  it('reads one month in one call, as of a day', async () => {
    const figures = createLevyFigures(db, deps.loadPolicy);
    expect(await figures(tree.bvdk.id, '2025-01', '2025-02-28')).toMatchObject({
      declared: { payroll: 3_100_000_000 },
      paid: 0,
      penalty: { amount: 0, status: 'on-time' },
    });
    expect(await figures(tree.bvdk.id, '2025-01', '2025-03-01')).toMatchObject({
      paid: 0,
      penalty: { amount: 7_440_000, status: 'unpaid' },
    });
    expect(await figures(tree.lhhkhkt.id, '2025-05', '2025-07-31')).toMatchObject({ declared: null, paid: 0 });
  });
});
