import type { Month } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { duesFigures, duesRange } from '../app/dues/figures.ts';
import { levyFigures, levyRange, levyUnallocated } from '../app/levy/figures.ts';
import type { Policy } from '../domain/policy/types.ts';
import type { DuesMonthFigures, LevyMonthFigures } from '../domain/reconciliation/sources.ts';
import { createDuesStore } from './dues-store.ts';
import { createLevyStore } from './levy-store.ts';
import { createRosterStore } from './roster-store.ts';
import { createUnitProfileStore } from './unit-profile-store.ts';

/**
 * The dues and levy figures the reconciliation and the reports read, over the
 * finance table: the use cases' readers (`app/dues/figures.ts`,
 * `app/levy/figures.ts`) on this table's stores. Each reads a run of months in a
 * constant number of calls whatever the number of months or members.
 */

const duesSources = (db: Db, loadPolicy: () => Promise<Policy>) => ({
  roster: createRosterStore(db),
  dues: createDuesStore(db),
  profiles: createUnitProfileStore(db),
  loadPolicy,
});

export const createDuesRange = (
  db: Db,
  loadPolicy: () => Promise<Policy>,
): ((unitId: string, from: Month, to: Month) => Promise<DuesMonthFigures[]>) => duesRange(duesSources(db, loadPolicy));

export const createDuesFigures = (
  db: Db,
  loadPolicy: () => Promise<Policy>,
): ((unitId: string, month: Month) => Promise<DuesMonthFigures>) => duesFigures(duesSources(db, loadPolicy));

export const createLevyFigures = (
  db: Db,
  loadPolicy: () => Promise<Policy>,
): ((unitId: string, month: Month, asOf: string) => Promise<LevyMonthFigures>) =>
  levyFigures({ levy: createLevyStore(db), loadPolicy });

export const createLevyRange = (
  db: Db,
  loadPolicy: () => Promise<Policy>,
): ((unitId: string, from: Month, to: Month, asOf: string) => Promise<LevyMonthFigures[]>) =>
  levyRange({ levy: createLevyStore(db), loadPolicy });

export const createLevyUnallocated = (
  db: Db,
  loadPolicy: () => Promise<Policy>,
): ((unitId: string, asOf: string) => Promise<number>) => levyUnallocated({ levy: createLevyStore(db), loadPolicy });
