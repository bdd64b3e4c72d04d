import { basisPoints } from '../ledger/budget.ts';
import type { BudgetCategory } from '../ledger/chart.ts';
import type { LevyPenalty } from '../policy/types.ts';
import type { DuesMonthFigures, LevyMonthFigures } from '../reconciliation/sources.ts';
import { type AccountTurnover, type DisclosureTotal, disclosureFigures } from './disclosure.ts';

/**
 * A unit's month at a glance, summed from the figures the dues and levy areas
 * compute (the same readers the monthly reconciliation uses). Pure.
 */

export interface DuesSummary {
  expected: number;
  collected: number;
  outstanding: number;
  upperShareDue: number;
  remitted: number;
  remitOutstanding: number;
  collectedBp: number | null;
}

export interface LevySummary {
  due: number;
  paid: number;
  outstanding: number;
  penalty: number;
  monthsUndeclared: string[];
  status: LevyPenalty['status'];
}

/** The dues of one or more months added up. */
export function duesSummary(months: readonly DuesMonthFigures[]): DuesSummary {
  const expected = months.reduce((s, m) => s + m.expected.total, 0);
  const collected = months.reduce((s, m) => s + m.collected, 0);
  const upperShareDue = months.reduce((s, m) => s + m.upperShareDue.amount, 0);
  const remitted = months.reduce((s, m) => s + m.remitted, 0);
  return {
    expected,
    collected,
    outstanding: expected - collected,
    upperShareDue,
    remitted,
    remitOutstanding: upperShareDue - remitted,
    collectedBp: basisPoints(collected, expected),
  };
}

const SEVERITY: Record<LevyPenalty['status'], number> = { 'on-time': 0, late: 1, unpaid: 2 };

/** The levy of one or more months added up; the status is the worst month's. */
export function levySummary(months: readonly LevyMonthFigures[]): LevySummary {
  const due = months.reduce((s, m) => s + (m.declared?.due.amount ?? 0), 0);
  const paid = months.reduce((s, m) => s + m.paid, 0);
  let status: LevyPenalty['status'] = 'on-time';
  for (const m of months) if (SEVERITY[m.penalty.status] > SEVERITY[status]) status = m.penalty.status;
  return {
    due,
    paid,
    outstanding: due - paid,
    penalty: months.reduce((s, m) => s + m.penalty.amount, 0),
    monthsUndeclared: months.filter((m) => m.declared === null).map((m) => m.month),
    status,
  };
}

export interface BudgetUseLine {
  category: BudgetCategory;
  kind: 'income' | 'spending';
  budget: number | null;
  actual: number;
  percentBp: number | null;
}

/** The year's budget beside the actuals so far: the disclosure's rules, without the balances. */
export function budgetUse(
  budget: Partial<Record<BudgetCategory, number>> | null,
  turnover: readonly AccountTurnover[],
): { lines: BudgetUseLine[]; income: DisclosureTotal; spending: DisclosureTotal } {
  const zero = { cash: 0, bank: 0, total: 0 };
  const f = disclosureFigures({ turnover, budget, opening: zero, closing: zero });
  const pick =
    (kind: 'income' | 'spending') =>
    (l: (typeof f.income.lines)[number]): BudgetUseLine => ({
      category: l.category,
      kind,
      budget: l.budget,
      actual: l.actual,
      percentBp: l.percentBp,
    });
  return {
    lines: [...f.income.lines.map(pick('income')), ...f.spending.lines.map(pick('spending'))],
    income: f.income.total,
    spending: f.spending.total,
  };
}
