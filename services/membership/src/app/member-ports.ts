import type { MemberState } from '@congdoan/contracts';
import type { PendingEvent, WriteContext, WriteItem } from '@congdoan/ddb';
import type { LastExit } from '../domain/member/lifecycle.ts';
import type { Page, PageKey } from './ports.ts';

/**
 * A CCCD's lock (`CCCDLOCK#<cccd>`) as read: held by one record from application to
 * exit or rejection, and remembering the last membership of the CCCD that ended by
 * exit, for the re-admission rule. `version` is what a write that takes the lock is
 * conditioned on (null: no lock item yet), so a decision made on this read cannot
 * be overtaken by another membership of the same person.
 */
export interface CccdLock {
  version: number | null;
  lastExit: LastExit | null;
}

/** What one consistent read of a CCCD's lock tells: who holds it now, and the lock itself. */
export interface CccdRecord {
  holder?: StoredMember;
  lock: CccdLock;
}

/** A member as stored: their state, and the statistics counters they currently add to their unit. */
export interface StoredMember {
  member: MemberState;
  counted: Record<string, number>;
}

export interface MemberFilter {
  status?: MemberState['status'];
  gender?: MemberState['gender'];
  employmentCategory?: MemberState['employmentCategory'];
  educationLevel?: MemberState['educationLevel'];
  partyMember?: boolean;
  /** Age bands become birth-date ranges. */
  bornAfter?: string;
  bornOnOrBefore?: string;
  /** Diacritic- and case-insensitive, anywhere in the name. */
  nameQuery?: string;
}

/**
 * One change to one member. The store derives every invariant from `before` and
 * `after` in the same transaction: the CCCD lock (and, when the change takes it,
 * the re-admission rule on the lock's last exit), the unit's member counter, the
 * statistics counters and the card number.
 */
export interface MemberChange {
  before: StoredMember | null;
  after: MemberState;
  action: string;
  /** The business date the change takes effect (decision, exit or transfer date). */
  day: string;
  /** Counts of movements on that day, per unit: `flow:admitted`, `flow:exited`, … */
  flows?: Record<string, Record<string, number>>;
  /** The card sequence value read before assigning `after.cardNumber`. */
  card?: { year: number; read: number };
  ifMatch?: number;
  /** More writes that must happen with this change or not at all (e.g. a job's progress counter). */
  alsoWrite?: readonly WriteItem[];
  /**
   * When the change makes the record hold a CCCD: the lock as the caller read it
   * (`readCccd`) to decide. The store reads it itself when it is not given.
   */
  lock?: CccdLock;
}

/**
 * One new member among several of one unit created together (`MemberStore.createMany`):
 * like a `MemberChange` with no `before`, and a card number taken from the sequence.
 */
export interface MemberCreation {
  after: MemberState;
  action: string;
  day: string;
  flows?: MemberChange['flows'];
  /** The card sequence value this member's number follows: the batch's read, plus the members before it. */
  card: { year: number; read: number };
  /** The first is the one its audit record refers to (e.g. `MemberAdmitted`). */
  events: readonly PendingEvent[];
  /** The CCCD's lock as read to decide the creation (`readCccd`); the store reads it when not given. */
  lock?: CccdLock;
}

export interface MemberStore {
  get(id: string): Promise<StoredMember | undefined>;
  findByCccd(cccd: string): Promise<MemberState[]>;
  findByCard(cardNumber: string): Promise<MemberState | undefined>;
  /** The member currently holding a CCCD (applicant, active or suspended), read consistently through its lock. */
  findHolder(cccd: string): Promise<StoredMember | undefined>;
  /** The holder and the lock of a CCCD, read consistently: what the re-admission rule decides on. */
  readCccd(cccd: string): Promise<CccdRecord>;
  /** The member whose own account this is, if an officer linked one. */
  findByAccount(subject: string): Promise<MemberState | undefined>;
  listByUnit(
    unitId: string,
    filter: MemberFilter,
    page: { limit: number; startKey?: PageKey },
  ): Promise<Page<MemberState>>;
  readCardSequence(year: number): Promise<number>;
  save(change: MemberChange, ctx: WriteContext, events: readonly PendingEvent[]): Promise<void>;
  /**
   * Several new members of one unit and card year in ONE transaction, with the same
   * invariants as `save` per member; the items they all move (the unit's member
   * counter, its statistics, the card sequence) are written once with the sums.
   * Card reads must be consecutive: `read`, `read + 1`, … in order. All or nothing.
   */
  createMany(creations: readonly MemberCreation[], ctx: WriteContext): Promise<void>;
}
