import { type Month, monthsBetween } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { expectedDues } from '../domain/dues/expected.ts';
import { upperShareOfMonth } from '../domain/dues/sheet.ts';
import { emptyMonthState } from '../domain/dues/types.ts';
import { levyMonthView } from '../domain/levy/month.ts';
import { emptyLevyMonth } from '../domain/levy/types.ts';
import type { Policy } from '../domain/policy/types.ts';
import type { DuesMonthFigures, LevyMonthFigures } from '../domain/reconciliation/sources.ts';
import { owingOnRoster } from '../domain/roster/roster.ts';
import { createDuesStore } from './dues-store.ts';
import { createLevyStore } from './levy-store.ts';
import { createRosterStore } from './roster-store.ts';
import { createUnitProfileStore } from './unit-profile-store.ts';

/**
 * The dues and levy figures of a run of months, for the dashboard's year to
 * date: the same figures as the reconciliation's readers (`app/dues/figures.ts`,
 * `app/levy/figures.ts`), month by month from the same pure rules, but read in a
 * constant number of calls whatever the number of months or members.
 */

/** Dues of `from`…`to`: the roster (one Query), the months' states (one Query), the profile (one Get). */
export function createDuesRange(
  db: Db,
  loadPolicy: () => Promise<Policy>,
): (unitId: string, from: Month, to: Month) => Promise<DuesMonthFigures[]> {
  const roster = createRosterStore(db);
  const dues = createDuesStore(db);
  const profiles = createUnitProfileStore(db);
  return async (unitId, from, to) => {
    const [policy, entries, states, profile] = await Promise.all([
      loadPolicy(),
      roster.unitRoster(unitId),
      dues.monthStates(unitId, from, to),
      profiles.get(unitId),
    ]);
    return monthsBetween(from, to).map((month) => {
      const state = states.get(month) ?? emptyMonthState(unitId, month);
      const owing = expectedDues(
        policy,
        unitId,
        profile?.fundingType ?? null,
        month,
        owingOnRoster(entries, unitId, month),
      );
      const members = owing.map((o) => ({ memberId: o.memberId, duesSalary: o.duesSalary, ...o.expected }));
      return {
        unitId,
        month,
        expected: { total: members.reduce((t, m) => t + m.amount, 0), members },
        collected: state.collected,
        collectedByMember: { ...state.paid },
        upperShareDue: upperShareOfMonth(policy, month, state),
        remitted: state.remitted,
      };
    });
  };
}

/** Levy of `from`…`to` as of a day: the months' states (one Query). */
export function createLevyRange(
  db: Db,
  loadPolicy: () => Promise<Policy>,
): (unitId: string, from: Month, to: Month, asOf: string) => Promise<LevyMonthFigures[]> {
  const store = createLevyStore(db);
  return async (unitId, from, to, asOf) => {
    const [policy, stored] = await Promise.all([loadPolicy(), store.getMonths(unitId, from, to)]);
    const byMonth = new Map(stored.map((s) => [s.month, s]));
    return monthsBetween(from, to).map((month) => {
      const state = byMonth.get(month) ?? emptyLevyMonth(unitId, month);
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
    });
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
export function createLevyUnallocated(
  db: Db,
  loadPolicy: () => Promise<Policy>,
): (unitId: string, asOf: string) => Promise<number> {
  const store = createLevyStore(db);
  return async (unitId, asOf) => {
    const stored = await store.getMonths(unitId, FIRST_MONTH, LAST_MONTH);
    if (stored.length === 0) return 0;
    const policy = await loadPolicy();
    return stored.reduce((total, state) => {
      const view = levyMonthView(state, policy, asOf, state.declaration?.fundingType ?? null);
      return total + view.allocation.due.amount - view.allocation.allocated;
    }, 0);
  };
}
