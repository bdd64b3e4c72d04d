import type { Month } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { levyMonthFigures } from '../app/levy/figures.ts';
import type { Policy } from '../domain/policy/types.ts';
import { createLevyStore } from './levy-store.ts';

/**
 * The dues and levy figures of a run of months, for the dashboard's year to date
 * and the disclosure: the same readers as the reconciliation's
 * (`app/dues/figures.ts`, `app/levy/figures.ts`), which read a run of months in a
 * constant number of calls whatever the number of months or members.
 */
export { createDuesRange } from '../app/dues/figures.ts';
export { createLevyRange } from '../app/levy/figures.ts';

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
      const figures = levyMonthFigures(state, policy, asOf);
      return total + figures.allocationDue.amount - figures.allocated;
    }, 0);
  };
}
