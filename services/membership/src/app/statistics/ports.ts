import type { WriteContext } from '@congdoan/ddb';

/** Counter name → count, e.g. `total`, `women`, `edu:master`, `born:1988-04-12`, `flow:admitted`. */
export type Counters = Record<string, number>;

export interface StatsStore {
  /** Each unit's counters now. */
  current(unitIds: readonly string[]): Promise<Map<string, Counters>>;
  /** The sum of a unit's daily changes after `day` (to undo them for a report as of `day`). */
  changesAfter(unitId: string, day: string): Promise<Counters>;
  /** The sum of a unit's daily changes from `from` to `to`, both included (movements in a period). */
  changesBetween(unitId: string, from: string, to: string): Promise<Counters>;
  /** Adds a correction found by a rebuild to the counters now (audited). */
  correct(unitId: string, delta: Counters, ctx: WriteContext): Promise<void>;
}
