import { type Month, monthsBetween } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { createLevyStore } from '../../adapters/levy-store.ts';
import { levyMonthView } from '../../domain/levy/month.ts';
import { emptyLevyMonth, type LevyMonthState } from '../../domain/levy/types.ts';
import type { Policy } from '../../domain/policy/types.ts';
import type { LevyMonthFigures } from '../../domain/reconciliation/sources.ts';

/**
 * One CĐCS's levy month as of a day, as the reconciliation and the reports see
 * it: what the declaration makes due (with the funding type recorded on it, the
 * one in force for the month when it was filed), what was paid, the CĐCS's share
 * of it the upper level owes back, what it allocated, and the penalty. Pure.
 */
export function levyMonthFigures(state: LevyMonthState, policy: Policy, asOf: string): LevyMonthFigures {
  // The funding type only tells `not-liable` for an undeclared month, a status these figures do not carry.
  const view = levyMonthView(state, policy, asOf, state.declaration?.fundingType ?? null);
  return {
    unitId: state.unitId,
    month: state.month,
    declared: state.declaration && view.due ? { payroll: state.declaration.payroll, due: view.due } : null,
    paid: view.paid.total,
    allocationDue: view.allocation.due,
    allocated: view.allocation.allocated,
    penalty: view.penalty,
  };
}

/**
 * The levy side of the monthly reconciliation: one CĐCS's month as of a day. One
 * GetItem per unit and month (the policy is loaded by the caller's loader, cached
 * per instance).
 */
export function createLevyFigures(
  db: Db,
  loadPolicy: () => Promise<Policy>,
): (unitId: string, month: Month, asOf: string) => Promise<LevyMonthFigures> {
  const store = createLevyStore(db);
  return async (unitId, month, asOf) => {
    const [policy, state] = await Promise.all([loadPolicy(), store.getMonth(unitId, month)]);
    return levyMonthFigures(state, policy, asOf);
  };
}

/** The same figures for `from`…`to` as of a day, for the dashboard and the disclosure: one Query for the months. */
export function createLevyRange(
  db: Db,
  loadPolicy: () => Promise<Policy>,
): (unitId: string, from: Month, to: Month, asOf: string) => Promise<LevyMonthFigures[]> {
  const store = createLevyStore(db);
  return async (unitId, from, to, asOf) => {
    const [policy, stored] = await Promise.all([loadPolicy(), store.getMonths(unitId, from, to)]);
    const byMonth = new Map(stored.map((s) => [s.month, s]));
    return monthsBetween(from, to).map((month) =>
      levyMonthFigures(byMonth.get(month) ?? emptyLevyMonth(unitId, month), policy, asOf),
    );
  };
}
