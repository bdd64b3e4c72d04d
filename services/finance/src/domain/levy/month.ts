import { DomainError, type FundingType, type Month } from '@congdoan/contracts';
import type { Explained, LevyDeadline, LevyDue, LevyPenalty, Policy } from '../policy/types.ts';
import type { LevyAllocationEntry, LevyMonthState, LevyPaymentEntry } from './types.ts';

/**
 * Where a month's levy stands on a day:
 * - `not-liable`: the agency owes no levy that month (policy `levy-liable`);
 * - `not-declared`: no payroll declaration, so nothing is known to be due;
 * - `due`: declared, not fully paid, the deadline not passed;
 * - `paid`: fully paid by the deadline; `paid-late`: fully paid, part after it;
 * - `late`: past the deadline and not fully paid;
 * - `unpaid`: still not fully paid on or after the policy's unpaid threshold
 *   (60 days after the deadline from NĐ 105/2026).
 */
export const LEVY_MONTH_STATUSES = [
  'not-liable',
  'not-declared',
  'due',
  'paid',
  'paid-late',
  'late',
  'unpaid',
] as const;
export type LevyMonthStatus = (typeof LEVY_MONTH_STATUSES)[number];

export interface LevyMonthView {
  unitId: string;
  month: Month;
  asOf: string;
  /** The declaration with the levy it makes due, or null. */
  due: LevyDue | null;
  paid: { total: number; onTime: number; late: number; payments: LevyPaymentEntry[] };
  /** Due minus paid, never below 0; null without a declaration. */
  outstanding: number | null;
  deadline: LevyDeadline;
  status: LevyMonthStatus;
  penalty: LevyPenalty;
  penaltyPaid: number;
  allocation: {
    /** The CĐCS's share of what was paid (policy levy split). */
    due: Explained;
    allocated: number;
    /** What the upper level may still allocate: share minus allocated. */
    remaining: number;
    allocations: LevyAllocationEntry[];
  };
}

const sum = (xs: readonly { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);

/**
 * The policy's penalty; for a month late before the first penalty rule (NĐ 12/2022
 * from 2022), none, said so, rather than no answer for the whole year.
 */
function penaltyOf(
  policy: Policy,
  month: Month,
  late: number,
  outstanding: number,
  asOf: string,
  deadline: LevyDeadline,
): LevyPenalty {
  try {
    return policy.levyPenalty(month, late, outstanding, asOf);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'policy-rule-missing') throw error;
    return {
      status: outstanding > 0 && asOf >= deadline.unpaidFrom ? 'unpaid' : 'late',
      amount: 0,
      formula: `0 (không có quy định tiền phạt chậm nộp cho tháng ${month} / no late-levy penalty rule covers ${month})`,
      rules: deadline.rules,
    };
  }
}

/**
 * The month as it stood on `asOf` (a day in Vietnam): only payments and
 * allocations dated on or before it count. `fundingType` is the agency's
 * current one, used only to tell `not-liable` for a month with no declaration.
 */
export function levyMonthView(
  state: LevyMonthState,
  policy: Policy,
  asOf: string,
  fundingType: FundingType | null,
): LevyMonthView {
  const { month } = state;
  const deadline = policy.levyDeadline(month);
  const declaration = state.declaration;
  const due = declaration ? policy.levy(month, declaration.fundingType, declaration.payroll) : null;
  const payments = state.payments.filter((p) => p.date <= asOf);
  const late = sum(payments.filter((p) => p.date > deadline.deadline));
  const total = sum(payments);
  const outstanding = due ? Math.max(0, due.amount - total) : null;
  const penalty = penaltyOf(policy, month, late, outstanding ?? 0, asOf, deadline);
  const allocations = state.allocations.filter((a) => a.date <= asOf);
  const allocated = sum(allocations);
  const share = policy.levySplit(month, total).grassroots;

  let status: LevyMonthStatus;
  const liable = due ? due.liable : fundingType ? policy.levy(month, fundingType, 0).liable : true;
  if (!liable) status = 'not-liable';
  else if (!due) status = 'not-declared';
  else if (outstanding === 0) status = late > 0 ? 'paid-late' : 'paid';
  else if (asOf <= deadline.deadline) status = 'due';
  else if (asOf >= deadline.unpaidFrom) status = 'unpaid';
  else status = 'late';

  return {
    unitId: state.unitId,
    month,
    asOf,
    due,
    paid: { total, onTime: total - late, late, payments },
    outstanding,
    deadline,
    status,
    penalty,
    penaltyPaid: sum(state.penaltyPayments.filter((p) => p.date <= asOf)),
    allocation: { due: share, allocated, remaining: share.amount - allocated, allocations },
  };
}

/** What the upper level may still allocate down for the month, from everything paid and allocated so far. */
export function allocatable(state: LevyMonthState, policy: Policy): { share: Explained; remaining: number } {
  const share = policy.levySplit(state.month, state.paid).grassroots;
  return { share, remaining: share.amount - state.allocated };
}

/** The levy still owed for a month from everything paid so far; null without a declaration. */
export function outstandingOf(state: LevyMonthState, policy: Policy): number | null {
  if (!state.declaration) return null;
  const due = policy.levy(state.month, state.declaration.fundingType, state.declaration.payroll);
  return Math.max(0, due.amount - state.paid);
}
