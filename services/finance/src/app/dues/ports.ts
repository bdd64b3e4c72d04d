import type { Month } from '@congdoan/contracts';
import type { PendingEvent, WriteContext } from '@congdoan/ddb';
import type { DirectoryUnit, UnitLookup } from '@congdoan/org-directory';
import type { DuesStanding } from '../../domain/dues/standing.ts';
import type { DuesCollection, DuesMonthState, DuesRemittance } from '../../domain/dues/types.ts';
import type { Policy } from '../../domain/policy/types.ts';
import type { Admission, RosterChange, Span } from '../../domain/roster/history.ts';
import type { RosterEntry } from '../../domain/roster/roster.ts';
import type { Ledger, PreparedPosting } from '../ledger/ports.ts';
import type { ProfileReader, UnitProfileStore } from '../ports.ts';

/** A unit's dues months, with the collections and remittances that change them. */
export interface DuesStore {
  /** The month as stored now (consistent read); an empty month with version 0 before any collection. */
  monthState(unitId: string, month: Month): Promise<DuesMonthState>;
  /**
   * Every stored month from `from` to `to`: one Query, paged. With `memberId`,
   * only that member's entry of `paid` is read.
   */
  monthStates(unitId: string, from: Month, to: Month, memberId?: string): Promise<Map<Month, DuesMonthState>>;
  collections(unitId: string, month: Month): Promise<DuesCollection[]>;
  /** Remittances whose dues month starts with `prefix` (a year `2025` or a month `2025-07`). */
  remittances(unitId: string, prefix: string): Promise<DuesRemittance[]>;
  /**
   * ONE transaction, audited: the collection, the month's new state (written only
   * at the version it was read at), the collection's posting and its events
   * (`DuesCollected`). When another collection or remittance of the month got in
   * first, TransactionConflictError.
   */
  saveCollection(
    collection: DuesCollection,
    month: DuesMonthState,
    posting: PreparedPosting,
    events: readonly PendingEvent[],
    ctx: WriteContext,
  ): Promise<void>;
  /** The same for a remittance, with its two postings: the CĐCS's payment and the upper level's receipt. */
  saveRemittance(
    remittance: DuesRemittance,
    month: DuesMonthState,
    postings: readonly [PreparedPosting, PreparedPosting],
    ctx: WriteContext,
  ): Promise<void>;
  /**
   * Runs `run` in this process's turn for the unit's month: collections and
   * remittances of one month rewrite the same summary, so within one process
   * they take turns instead of colliding. Across processes conditions decide.
   */
  inMonthTurn<T>(unitId: string, month: Month, run: () => Promise<T>): Promise<T>;
}

/** A member's whole history as the roster holds it. */
export interface RosterMember {
  memberId: string;
  fullName: string;
  spans: Span[];
  admissions: Admission[];
  units: string[];
  changeCount: number;
  latestVersion: number;
}

export type ApplyOutcome = 'applied' | 'duplicate';

/** The dues roster: a projection of membership's member events, per member and per unit. */
export interface RosterStore {
  /**
   * Records one member change (one per member version) and rebuilds the member's
   * history and every unit roster entry from all the changes kept, in one
   * transaction guarded by the number of changes it was built from. A version
   * already kept is a duplicate and changes nothing.
   */
  apply(change: RosterChange, ctx: WriteContext): Promise<ApplyOutcome>;
  /** Everyone who ever belonged to the unit, with their spans there: one Query, paged. */
  unitRoster(unitId: string): Promise<RosterEntry[]>;
  member(memberId: string): Promise<RosterMember | undefined>;
}

/** What the dues use cases need. */
export interface DuesDeps {
  roster: RosterStore;
  dues: DuesStore;
  profiles: UnitProfileStore;
  ledger: Ledger;
  /** The organisation directory: scope checks, and the CĐCS above a section or group. */
  directory: UnitLookup & { getUnit(id: string): Promise<DirectoryUnit | undefined> };
  loadPolicy: () => Promise<Policy>;
}

/** Who is asking: the root of the subtree they may act in (null: the whole tree), and the write context. */
export interface DuesCaller {
  unitId: string | null;
  write: WriteContext;
}

/**
 * The last dues standing announced per member (`MemberDuesStandingChanged`): one
 * item per member, whose `version` grows with each announcement.
 */
export interface StandingStore {
  /** The last standing announced for each of these members (consistent reads); absent: never announced. */
  lastAnnounced(memberIds: readonly string[]): Promise<Map<string, DuesStanding>>;
  /**
   * ONE transaction, audited: the member's new standing, written only over the
   * version it was decided against (`standing.version - 1`; 0: none yet), and its
   * event. Throws `StandingOvertakenError` when another run announced the member
   * since it was read.
   */
  announce(
    standing: DuesStanding,
    previous: DuesStanding | undefined,
    events: readonly PendingEvent[],
    ctx: WriteContext,
  ): Promise<void>;
}

/** What computing members' dues standing needs. */
export interface StandingDeps {
  roster: Pick<RosterStore, 'unitRoster'>;
  dues: Pick<DuesStore, 'monthStates'>;
  profiles: ProfileReader;
  standings: StandingStore;
  loadPolicy: () => Promise<Policy>;
}

/** Another run announced the member's standing after it was read: read again and decide again. */
export class StandingOvertakenError extends Error {
  constructor(readonly memberId: string) {
    super(`the dues standing of member ${memberId} was announced by another run meanwhile`);
    this.name = 'StandingOvertakenError';
  }
}
