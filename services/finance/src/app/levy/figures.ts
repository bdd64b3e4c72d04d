import { type Month, monthsBetween } from '@congdoan/contracts';
import { levyMonthView } from '../../domain/levy/month.ts';
import { emptyLevyMonth, type LevyMonthState } from '../../domain/levy/types.ts';
import type { Policy } from '../../domain/policy/types.ts';
import type { LevyMonthFigures } from '../../domain/reconciliation/sources.ts';
import type { LevyStore } from './ports.ts';

/** What the levy figures read: a CĐCS's months, and the policy. */
export interface LevyFigureSources {
  levy: Pick<LevyStore, 'getMonth' | 'getMonths'>;
  loadPolicy: () => Promise<Policy>;
}

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
export function levyFigures({
  levy,
  loadPolicy,
}: LevyFigureSources): (unitId: string, month: Month, asOf: string) => Promise<LevyMonthFigures> {
  return async (unitId, month, asOf) => {
    const [policy, state] = await Promise.all([loadPolicy(), levy.getMonth(unitId, month)]);
    return levyMonthFigures(state, policy, asOf);
  };
}

/** The same figures for `from`…`to` as of a day, for the dashboard and the disclosure: one Query for the months. */
export function levyRange({
  levy,
  loadPolicy,
}: LevyFigureSources): (unitId: string, from: Month, to: Month, asOf: string) => Promise<LevyMonthFigures[]> {
  return async (unitId, from, to, asOf) => {
    const [policy, stored] = await Promise.all([loadPolicy(), levy.getMonths(unitId, from, to)]);
    const byMonth = new Map(stored.map((s) => [s.month, s]));
    return monthsBetween(from, to).map((month) =>
      levyMonthFigures(byMonth.get(month) ?? emptyLevyMonth(unitId, month), policy, asOf),
    );
  };
}

/** Months that old and that far ahead bound "every month the levy area holds" for one Query. */
const FIRST_MONTH = '1900-01' as Month;
const LAST_MONTH = '9999-12' as Month;

/**
 * What an upper level still owes a CĐCS of the levy it received for it: over every
 * month the levy area holds (one Query), the CĐCS's share of what was paid (the
 * policy levy split) less what was allocated back, payments counted up to `asOf`.
 */
export function levyUnallocated({
  levy,
  loadPolicy,
}: LevyFigureSources): (unitId: string, asOf: string) => Promise<number> {
  return async (unitId, asOf) => {
    const stored = await levy.getMonths(unitId, FIRST_MONTH, LAST_MONTH);
    if (stored.length === 0) return 0;
    const policy = await loadPolicy();
    return stored.reduce((total, state) => {
      const figures = levyMonthFigures(state, policy, asOf);
      return total + figures.allocationDue.amount - figures.allocated;
    }, 0);
  };
}
