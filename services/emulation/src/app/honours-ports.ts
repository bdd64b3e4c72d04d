import type { Award } from '@congdoan/contracts';
import type { StatsDelta } from '../domain/honours.ts';

/**
 * What an award decided or an initiative accepted adds to the statistics counters: of its year,
 * for its unit and every unit above it, written in the change's own transaction.
 */
export interface StatsPlan {
  year: number;
  /** The unit the change counts in, then every unit above it. */
  units: readonly string[];
  delta: StatsDelta;
}

/** The statistics counters kept per unit subtree and year. */
export interface StatsStore {
  /** The subtree's counters of each year from `fromYear` to `toYear` that has any: one Query. */
  of(unitId: string, fromYear: number, toYear: number): Promise<StatsDelta[]>;
}

/** The awards given in a unit: its own, and its members' while in it. */
export interface HonourRolls {
  /** By year, collective then individual, then title; of one year or all; a page at a time. */
  ofUnit(
    unitId: string,
    year: number | undefined,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Award[]; nextCursor: string | null }>;
}

export interface HonoursDeps {
  stats: StatsStore;
  honourRolls: HonourRolls;
}
