import type { BudgetLineView, BudgetView } from '@congdoan/contracts';
import { BUDGET_ACCOUNT, BUDGET_CATEGORIES, type BudgetCategory, isIncomeCategory } from './chart.ts';

/**
 * A unit's budget (dự toán) for a year: a planned amount per category, in
 * whole đồng, replaced as a whole. Actuals come from the ledger: the year's
 * movements on the category's account, income as credits minus debits and
 * spending as debits minus credits, so a reversal takes its amount back out.
 */
export interface Budget {
  unitId: string;
  year: number;
  amounts: Record<BudgetCategory, number>;
  note: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** Every category, planned at 0 unless given. */
export function fullAmounts(
  given: Partial<Record<BudgetCategory, number | undefined>>,
): Record<BudgetCategory, number> {
  return Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, given[c] ?? 0])) as Record<BudgetCategory, number>;
}

const floorDiv = (a: bigint, b: bigint) => {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};

/**
 * `actual / planned` in basis points (10000 = 100%), rounded to the nearest
 * basis point, half up (towards +∞); null when nothing is planned. Exact: the
 * arithmetic is on integers (BigInt), never floats.
 */
export function basisPoints(actual: number, planned: number): number | null {
  if (planned <= 0) return null;
  const p = BigInt(planned);
  return Number(floorDiv(BigInt(actual) * 20_000n + p, 2n * p));
}

/** The budget beside the year's actuals, per category and in total; `budget` undefined means none was set. */
export function budgetWithActuals(
  unitId: string,
  year: number,
  budget: Budget | undefined,
  movements: readonly { account: string; debit: number; credit: number }[],
): BudgetView {
  const net = new Map<string, number>();
  for (const m of movements) net.set(m.account, (net.get(m.account) ?? 0) + m.debit - m.credit);
  const amounts = budget?.amounts ?? fullAmounts({});
  const lines: BudgetLineView[] = BUDGET_CATEGORIES.map((category) => {
    const account = BUDGET_ACCOUNT[category];
    const income = isIncomeCategory(category);
    const debitMinusCredit = net.get(account) ?? 0;
    const actual = income ? -debitMinusCredit : debitMinusCredit;
    const planned = amounts[category] ?? 0;
    return {
      category,
      direction: income ? 'income' : 'spending',
      account,
      planned,
      actual,
      variance: actual - planned,
      usedBasisPoints: basisPoints(actual, planned),
    };
  });
  const total = (direction: 'income' | 'spending') => {
    const of = lines.filter((l) => l.direction === direction);
    const planned = of.reduce((s, l) => s + l.planned, 0);
    const actual = of.reduce((s, l) => s + l.actual, 0);
    return { planned, actual, variance: actual - planned };
  };
  return {
    unitId,
    year,
    version: budget?.version ?? 0,
    note: budget?.note ?? null,
    lines,
    totals: { income: total('income'), spending: total('spending') },
    updatedAt: budget?.updatedAt ?? null,
    updatedBy: budget?.updatedBy ?? null,
  };
}
