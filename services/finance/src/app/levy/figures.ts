import type { Month } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { createLevyStore } from '../../adapters/levy-store.ts';
import { levyMonthView } from '../../domain/levy/month.ts';
import type { Policy } from '../../domain/policy/types.ts';
import type { LevyMonthFigures } from '../../domain/reconciliation/sources.ts';

/**
 * The levy side of the monthly reconciliation: one CĐCS's month as of a day —
 * what the declaration makes due, what was paid, the CĐCS's share of it the
 * upper level owes back, what it allocated, and the penalty. One GetItem per
 * unit and month (the policy is loaded by the caller's loader, cached per instance).
 */
export function createLevyFigures(
  db: Db,
  loadPolicy: () => Promise<Policy>,
): (unitId: string, month: Month, asOf: string) => Promise<LevyMonthFigures> {
  const store = createLevyStore(db);
  return async (unitId, month, asOf) => {
    const [policy, state] = await Promise.all([loadPolicy(), store.getMonth(unitId, month)]);
    const view = levyMonthView(state, policy, asOf, state.declaration?.fundingType ?? null);
    return {
      unitId,
      month,
      declared: state.declaration && view.due ? { payroll: state.declaration.payroll, due: view.due } : null,
      paid: view.paid.total,
      allocationDue: view.allocation.due,
      allocated: view.allocation.allocated,
      penalty: view.penalty,
    };
  };
}
