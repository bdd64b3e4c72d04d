import type { Award, Initiative, InitiativeStatus, Nomination, Rating, SeatAllocation } from '@congdoan/contracts';
import type { PendingEvent, WriteContext } from '@congdoan/ddb';
import type { StatsPlan } from './honours-ports.ts';
import type { Subject } from './ports.ts';
import type { BaseSalaries } from './prize-ports.ts';

/** The awards each member and unit holds, by year: the chains of consecutive titles read them. */
export interface AwardStore {
  /**
   * Records the award, with what it adds to the statistics counters when given; the same title
   * for the same recipient and year a second time is `awardExists`.
   */
  record(award: Award, ctx: WriteContext, stats?: StatsPlan): Promise<void>;
  /** Every award of a recipient, across the units they were in, oldest year first. */
  ofRecipient(recipient: Subject): Promise<Award[]>;
}

export interface NominationStore {
  get(id: string): Promise<Nomination | undefined>;
  /** The nominations a unit proposed, of a year or all, by year. */
  listOfUnit(
    unitId: string,
    year: number | undefined,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Nomination[]; nextCursor: string | null }>;
  /**
   * Writes the nomination and spends each of its initiatives on it (used by it from `spentOn`), in
   * one transaction: an initiative not accepted or already used is `initiativeUnavailable`.
   */
  create(nomination: Nomination, spentOn: string, ctx: WriteContext): Promise<void>;
  /**
   * Writes `after` if the nomination is still at `before.version` (a lost race is a conflict to
   * retry), with the award a decision records in the same transaction (`awardExists` if the
   * recipient already holds the title for the year) and, where the deciding unit has a quota of
   * the title for the year, one of its seats (`quotaFull` when none is left).
   */
  save(
    before: Nomination,
    after: Nomination,
    action: string,
    ctx: WriteContext,
    decided?: {
      award: Award;
      /** The quota's seat, and the allocation the nomination was seated by (null: no allocation may exist). */
      quota: { unitId: string; allocationId: string | null } | null;
      events?: readonly PendingEvent[];
      /** What the award adds to the statistics counters. */
      stats?: StatsPlan;
    },
  ): Promise<void>;
}

/** The seats a unit may give of a title in a year, and those used. */
export interface QuotaStore {
  of(
    unitId: string,
    year: number,
  ): Promise<{ titleCode: string; seats: number; used: number; allocation?: SeatAllocation }[]>;
  /**
   * Records the allocation on the quota, if it has none and still has `usedRead` seats used,
   * with each nomination's place (`after`, if still at its `before` version), in one transaction:
   * a lost race is `allocationExists`, a nomination changed meanwhile a conflict to retry.
   */
  allocate(
    allocation: SeatAllocation,
    usedRead: number,
    nominations: readonly { before: Nomination; after: Nomination }[],
    ctx: WriteContext,
  ): Promise<void>;
  /** Sets seats, never below those used (`quotaBelowUsed`). */
  set(
    unitId: string,
    year: number,
    quotas: readonly { titleCode: string; seats: number }[],
    ctx: WriteContext,
  ): Promise<void>;
}

export interface InitiativeStore {
  get(id: string): Promise<Initiative | undefined>;
  create(initiative: Initiative, ctx: WriteContext): Promise<void>;
  /**
   * Writes `after` if the initiative is still at `before.version` (a lost race is a conflict to
   * retry), with what it adds to the statistics counters when given (an acceptance).
   */
  save(before: Initiative, after: Initiative, action: string, ctx: WriteContext, stats?: StatsPlan): Promise<void>;
  /** A unit's initiatives, of a status or all, by status then day applied. */
  listOfUnit(
    unitId: string,
    status: InitiativeStatus | undefined,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Initiative[]; nextCursor: string | null }>;
}

/** Each CĐCS's rating of a year. */
export interface RatingStore {
  get(unitId: string, year: number): Promise<Rating | undefined>;
  /** Writes `after` if the rating is still as read (`before`, or none): a lost race is a conflict to retry. */
  save(before: Rating | undefined, after: Rating, action: string, ctx: WriteContext): Promise<void>;
}

export interface NominationDeps {
  awards: AwardStore;
  /** Lương cơ sở as finance announced it, for the prizes of decisions. */
  baseSalaries: BaseSalaries;
  nominations: NominationStore;
  initiatives: InitiativeStore;
  ratings: RatingStore;
  quotas: QuotaStore;
}
