import type { FundingType, LevyMonthView } from '@congdoan/contracts';
import { levyMonthView } from '../../domain/levy/month.ts';
import type { LevyMonthState } from '../../domain/levy/types.ts';
import type { Policy } from '../../domain/policy/types.ts';

/** A month as the API shows it: the declaration and its corrections, and the figures as of `asOf`. */
export function monthView(
  state: LevyMonthState,
  policy: Policy,
  asOf: string,
  fundingType: FundingType | null,
): LevyMonthView {
  const view = levyMonthView(state, policy, asOf, fundingType);
  return {
    unitId: view.unitId,
    month: view.month,
    asOf,
    declaration: state.declaration,
    corrections: state.corrections,
    due: view.due,
    paid: view.paid,
    outstanding: view.outstanding,
    deadline: view.deadline,
    status: view.status,
    penalty: view.penalty,
    penaltyPaid: view.penaltyPaid,
    allocation: view.allocation,
    version: state.declaration?.version ?? 0,
  };
}
