import { describe, expect, it } from 'vitest';
import type { DuesMonthFigures, LevyMonthFigures } from '../../src/domain/reconciliation/sources.ts';
import { budgetUse, duesSummary, levySummary } from '../../src/domain/reports/dashboard.ts';
import {
  disclosureFigures,
  moneyBalancesOfYear,
  moneyReconciliation,
  positionsOfYear,
  subtractTurnover,
  turnoverOfYear,
} from '../../src/domain/reports/disclosure.ts';

const zero = { cash: 0, bank: 0, total: 0 };

describe('disclosure figures', () => {
  it('nets each category’s account the way its side says, against the budget', () => {
    const f = disclosureFigures({
      turnover: [
        { account: '5111', debit: 50_000, credit: 3_050_000 }, // a reversal of 50 000 deducted
        { account: '6111', debit: 1_000_000, credit: 0 },
        { account: '111', debit: 999, credit: 0 }, // money is not a category
      ],
      budget: { dues: 3_000_000, activities: 3_000_000, welfare: 0 },
      opening: zero,
      closing: zero,
    });
    const dues = f.income.lines.find((l) => l.category === 'dues');
    expect(dues).toMatchObject({
      account: '5111',
      nameVi: 'Thu đoàn phí',
      budget: 3_000_000,
      actual: 3_000_000,
      variance: 0,
      percentBp: 10_000,
    });
    const activities = f.spending.lines.find((l) => l.category === 'activities');
    // 1 000 000 / 3 000 000 = 33.333…% → 3333 bp.
    expect(activities).toMatchObject({ actual: 1_000_000, variance: -2_000_000, percentBp: 3333 });
    // Planned at zero: no share.
    expect(f.spending.lines.find((l) => l.category === 'welfare')).toMatchObject({
      budget: 0,
      actual: 0,
      percentBp: null,
    });
    // Not in the budget at all: no budget, no variance.
    expect(f.income.lines.find((l) => l.category === 'levy')).toMatchObject({
      budget: null,
      variance: null,
      percentBp: null,
    });
    expect(f.income.total).toEqual({ budget: 3_000_000, actual: 3_000_000, variance: 0, percentBp: 10_000 });
    expect(f.spending.total).toEqual({ budget: 3_000_000, actual: 1_000_000, variance: -2_000_000, percentBp: 3333 });
    expect(f.surplus).toEqual({ budget: 0, actual: 2_000_000 });
    expect(dues?.rule.vi).toContain('TK 5111');
  });

  it('rounds a share to the nearest basis point, a half up', () => {
    const share = (actual: number, budget: number) =>
      disclosureFigures({
        turnover: [{ account: '6111', debit: actual, credit: 0 }],
        budget: { activities: budget },
        opening: zero,
        closing: zero,
      }).spending.lines[0]?.percentBp;
    expect(share(1, 20_000)).toBe(1); // 0.5 bp → 1
    expect(share(1, 20_001)).toBe(0); // 0.49998 bp → 0
    expect(share(2, 3)).toBe(6667); // 6666.67 → 6667
    expect(share(-1, 20_000)).toBe(0); // −0.5 bp rounds up to 0
  });

  it('is all nulls against no budget', () => {
    const f = disclosureFigures({ turnover: [], budget: null, opening: zero, closing: zero });
    expect(f.income.total).toEqual({ budget: null, actual: 0, variance: null, percentBp: null });
    expect(f.surplus).toEqual({ budget: null, actual: 0 });
  });

  it('rolls cash and bank back to the start and end of a year from today’s balances', () => {
    const since = [
      { period: '2024-03', account: '111', debit: 100, credit: 0 },
      { period: '2024-11', account: '112', debit: 0, credit: 40 },
      { period: '2025-01', account: '111', debit: 5, credit: 0 },
      { period: '2025-02', account: '112', debit: 7, credit: 0 },
    ];
    // Today: 111 = 1 000, 112 = 2 000.
    const b = moneyBalancesOfYear({ '111': 1_000, '112': 2_000 }, since, 2024);
    expect(b.opening).toEqual({ cash: 1_000 - 100 - 5, bank: 2_000 + 40 - 7, total: 895 + 2_033 });
    expect(b.closing).toEqual({ cash: 995, bank: 1_993, total: 2_988 });
  });

  it('shows what the unit owes and is owed at both ends of the year, and reconciles them with its money', () => {
    // Today: 111 = 325 700, 112 = 669 000, 3361 owed up 13 500, 5111 and 5113 the year's income (2025 only).
    const current = { '111': 325_700, '112': 669_000, '3361': -13_500, '5111': -312_200, '5113': -669_000 };
    const since = [
      { period: '2025-06', account: '111', debit: 446_000, credit: 0 },
      { period: '2025-06', account: '5111', debit: 0, credit: 312_200 },
      { period: '2025-06', account: '3361', debit: 0, credit: 133_800 },
      { period: '2025-07', account: '3361', debit: 120_300, credit: 0 },
      { period: '2025-07', account: '111', debit: 0, credit: 120_300 },
      { period: '2025-07', account: '112', debit: 669_000, credit: 0 },
      { period: '2025-07', account: '5113', debit: 0, credit: 669_000 },
    ];
    const positions = positionsOfYear(current, since, 2025);
    expect(positions.opening).toEqual({
      receivables: {
        lines: [
          expect.objectContaining({ account: '1361', amount: 0 }),
          expect.objectContaining({ account: '1388', amount: 0 }),
        ],
        total: 0,
      },
      payables: {
        lines: [
          expect.objectContaining({ account: '3361', amount: 0, nameVi: 'Phải nộp cấp trên – đoàn phí' }),
          expect.objectContaining({ account: '3362', amount: 0 }),
          expect.objectContaining({ account: '3363', amount: 0 }),
          // The welfare funds: held for their purpose, listed with what the unit owes.
          ...['3531', '3532', '3533', '3534', '3535'].map((account) => expect.objectContaining({ account, amount: 0 })),
        ],
        total: 0,
      },
      fundBalance: 0,
    });
    expect(positions.closing.payables.lines[0]).toMatchObject({ account: '3361', amount: 13_500 });
    expect(positions.closing.payables.total).toBe(13_500);

    const money = moneyBalancesOfYear(current, since, 2025);
    const r = moneyReconciliation({ money, surplus: 981_200, positions, closingTransfer: 0 });
    expect(r).toEqual({
      openingMoney: 0,
      surplus: 981_200,
      payablesChange: 13_500,
      receivablesChange: 0,
      fundBalanceChange: 0,
      closingMoney: 994_700,
      difference: 0,
    });
    // Money that moved against nothing the disclosure shows would leave a difference.
    expect(moneyReconciliation({ money, surplus: 981_000, positions, closingTransfer: 0 }).difference).toBe(200);
  });

  it('takes the year’s periods only, and can take the closing transfer out', () => {
    const rows = [
      { period: '2024-12', account: '5111', debit: 0, credit: 10 },
      { period: '2025-01', account: '5111', debit: 0, credit: 20 },
      { period: '2025-07', account: '5111', debit: 25, credit: 5 },
    ];
    const year = turnoverOfYear(rows, 2025);
    expect(year).toEqual([{ account: '5111', debit: 25, credit: 25 }]);
    expect(subtractTurnover(year, [{ account: '5111', debit: 25, credit: 0 }])).toEqual([
      { account: '5111', debit: 0, credit: 25 },
    ]);
  });
});

const duesMonth = (month: string, expected: number, collected: number, upper: number, remitted: number) =>
  ({
    unitId: 'u',
    month,
    expected: { total: expected, members: [] },
    collected,
    collectedByMember: {},
    upperShareDue: { amount: upper, formula: '', rules: [] },
    remitted,
  }) as unknown as DuesMonthFigures;

const levyMonth = (
  month: string,
  due: number | null,
  paid: number,
  penalty: number,
  status: 'on-time' | 'late' | 'unpaid',
) =>
  ({
    unitId: 'u',
    month,
    declared: due === null ? null : { payroll: due * 50, due: { amount: due, formula: '', rules: [], liable: true } },
    paid,
    allocationDue: { amount: 0, formula: '', rules: [] },
    allocated: 0,
    penalty: { amount: penalty, formula: '', rules: [], status },
  }) as unknown as LevyMonthFigures;

describe('dashboard sums', () => {
  it('adds dues months up, with what is outstanding and the share collected', () => {
    expect(
      duesSummary([duesMonth('2025-01', 1_000, 800, 240, 240), duesMonth('2025-02', 1_000, 1_000, 300, 0)]),
    ).toEqual({
      expected: 2_000,
      collected: 1_800,
      outstanding: 200,
      upperShareDue: 540,
      remitted: 240,
      remitOutstanding: 300,
      collectedBp: 9_000,
    });
  });

  it('adds levy months up, listing undeclared months and keeping the worst status', () => {
    expect(
      levySummary([
        levyMonth('2025-01', 2_000, 2_000, 0, 'on-time'),
        levyMonth('2025-02', null, 0, 0, 'on-time'),
        levyMonth('2025-03', 2_000, 500, 180, 'late'),
      ]),
    ).toEqual({
      due: 4_000,
      paid: 2_500,
      outstanding: 1_500,
      penalty: 180,
      monthsUndeclared: ['2025-02'],
      status: 'late',
    });
  });

  it('shows the budget use with the disclosure’s rules', () => {
    const use = budgetUse({ activities: 400 }, [{ account: '6111', debit: 100, credit: 0 }]);
    expect(use.lines.find((l) => l.category === 'activities')).toEqual({
      category: 'activities',
      kind: 'spending',
      budget: 400,
      actual: 100,
      percentBp: 2_500,
    });
    expect(use.spending.actual).toBe(100);
  });
});
