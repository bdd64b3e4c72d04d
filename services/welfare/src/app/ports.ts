import type {
  BloodDrive,
  DirectoryMember,
  Donation,
  Drive,
  Fund,
  FundMovement,
  Loan,
  LocalizedText,
  MemberDeposit,
  MemberDuesStanding,
  Pledge,
  SupportCase,
  SupportCaseStatus,
  SupportCaseType,
  UnitLevel,
  Visit,
} from '@congdoan/contracts';
import type { PendingEvent, WriteContext } from '@congdoan/ddb';
import type { PaidCase } from '../domain/care-report.ts';
import type { YearCap } from '../domain/fund.ts';
import type { FundDay } from '../domain/report.ts';

/** The unit whose subtree a caller may act in; null is the whole tree. */
export interface CallerScope {
  unitId: string | null;
}

/** A caller who writes: their scope and the write context (actor, clock, ids). */
export interface Caller extends CallerScope {
  write: WriteContext;
}

/** Who a member is, as welfare's member directory keeps them. */
export interface Members {
  /** The member; a not-found domain error when unknown or outside the caller's subtree. */
  get(caller: CallerScope, id: string): Promise<DirectoryMember>;
}

/** The organisation tree as welfare's org directory keeps it. */
export interface Units {
  /** A unit the caller named: outside their subtree it is the 404 of a missing unit. */
  assertInScope(caller: CallerScope, unitId: string): Promise<void>;
  /** A resource found by its own id, as the caller may see it: missing or outside, one and the same 404. */
  visible<T>(
    caller: CallerScope,
    found: T | undefined,
    unitOf: (t: T) => string,
    what: LocalizedText,
    id: string,
  ): Promise<T>;
  /** Whether `unitId` is `ancestorId` or lies below it. */
  isWithin(ancestorId: string, unitId: string): Promise<boolean>;
  /** The active units of `unitId`'s subtree, itself first, then each level's children by code. */
  subtreeOf(unitId: string): Promise<{ id: string; code: string; name: string }[]>;
  /** The unit's level (grassroots, upper, province…); undefined for a unit the directory lacks. */
  levelOf(unitId: string): Promise<UnitLevel | undefined>;
}

/** Finance's answer to a movement's posting request, as the movement records it. */
export type PostingAnswer =
  | { status: 'posted'; postingId: string; voucherNumber: string | null }
  | { status: 'unposted'; reason: { code: string; vi: string; en: string } };

export interface FundStore {
  get(id: string): Promise<Fund | undefined>;
  create(fund: Fund, ctx: WriteContext): Promise<void>;
  /** A unit's funds, oldest first. */
  listOfUnit(unitId: string): Promise<Fund[]>;
  /**
   * Writes the movement, its effect on the fund's balance and its posting request in one
   * transaction. An outflow is conditioned on the balance covering it: a conflict
   * `fund-balance-insufficient` naming the balance otherwise, and nothing is written. With a
   * yearly cap, the beneficiary's total of the case type in the year (in this fund) is added
   * to in the same transaction, conditioned on staying within it (`member-year-cap-reached`).
   */
  record(
    fund: Fund,
    movement: FundMovement,
    events: readonly PendingEvent[],
    ctx: WriteContext,
    yearCap?: YearCap | null,
  ): Promise<void>;
  /** A fund's totals of each day on or after `from` with movements (by the movements' dates), oldest first. */
  daysFrom(fundId: string, from: string): Promise<FundDay[]>;
  /** A fund's movements, newest first, paged. */
  movements(
    fundId: string,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: FundMovement[]; nextCursor: string | null }>;
  /**
   * Records finance's answer on the movement whose request it answers, once per event:
   * `applied` false for a redelivery or a movement already answered; `unknown` for a request
   * id that names no movement of welfare's.
   */
  recordAnswer(
    requestId: string,
    answer: PostingAnswer,
    eventId: string,
    ctx: WriteContext,
  ): Promise<'applied' | 'duplicate' | 'unknown'>;
}

/** What a drive has gathered from one unit (and its members), kept in each pledge's and receipt's transaction. */
export interface DriveUnitCounter {
  unitId: string;
  pledged: number;
  received: number;
  pledges: number;
}

export interface DriveStore {
  get(id: string): Promise<Drive | undefined>;
  create(drive: Drive, ctx: WriteContext): Promise<void>;
  getPledge(driveId: string, pledgeId: string): Promise<Pledge | undefined>;
  /** The pledge, with the drive's and its unit's counters, in one transaction. */
  pledge(pledge: Pledge, ctx: WriteContext): Promise<void>;
  /**
   * A receipt against a pledge: the fund's movement (as `FundStore.record`, with its posting
   * request) and the pledge's, the drive's and the unit's received counters, in one transaction.
   */
  receive(
    fund: Fund,
    movement: FundMovement,
    pledge: Pledge,
    events: readonly PendingEvent[],
    ctx: WriteContext,
  ): Promise<void>;
  /** Every unit's counter of a drive (one Query of the drive's partition). */
  unitCounters(driveId: string): Promise<DriveUnitCounter[]>;
}

/** The women's savings fund's loans. */
export interface LoanStore {
  get(id: string): Promise<Loan | undefined>;
  /**
   * The loan's movement (an outflow conditioned on the balance, as `FundStore.record`), the
   * loan, and the member's open-loan marker of the fund in one transaction: a member with an
   * open loan is the conflict `loan-already-open`, and nothing is written.
   */
  lend(
    fund: Fund,
    movement: FundMovement,
    loan: Loan,
    events: readonly PendingEvent[],
    ctx: WriteContext,
  ): Promise<void>;
  /**
   * A repayment's movement and the loan after it, conditioned on the loan being as read
   * (`loan-busy` otherwise); the open-loan marker goes when it closes.
   */
  repay(
    fund: Fund,
    movement: FundMovement,
    before: Loan,
    after: Loan,
    events: readonly PendingEvent[],
    ctx: WriteContext,
  ): Promise<void>;
  /** A fund's open loans (one Query of its loans index). */
  openOfFund(fundId: string): Promise<Loan[]>;
  /** Open loans whose next instalment, not yet flagged, fell due before the day (one Query of the due index). */
  unflaggedDueBefore(day: string): Promise<Loan[]>;
  /** Flags the loan as read: false when it changed meanwhile (another run flagged it, a repayment came). */
  flag(before: Loan, after: Loan, events: readonly PendingEvent[], ctx: WriteContext): Promise<boolean>;
}

/** Visits and gifts (thăm hỏi) of a unit's members. */
export interface VisitStore {
  /** A visit without money, on condition its id is new (the conflict `visit-already-recorded`). */
  record(visit: Visit, ctx: WriteContext): Promise<void>;
  /**
   * A gift: the fund's disbursement (as `FundStore.record`: conditioned on the balance, with
   * its posting request and the member's yearly cap of the occasion's case type) and the
   * visit, in one transaction; a visit id already recorded is `visit-already-recorded`.
   */
  recordGift(
    fund: Fund,
    movement: FundMovement,
    visit: Visit,
    events: readonly PendingEvent[],
    ctx: WriteContext,
    yearCap: YearCap | null,
  ): Promise<void>;
  get(unitId: string, date: string, id: string): Promise<Visit | undefined>;
  /** A unit's visits from one day to another, both included, by day then as recorded (one Query). */
  between(unitId: string, from: string, to: string): Promise<Visit[]>;
}

/** Blood-donation drives and their donors. */
export interface BloodDriveStore {
  get(id: string): Promise<BloodDrive | undefined>;
  create(drive: BloodDrive, ctx: WriteContext): Promise<void>;
  /** A unit's drives, by day (one Query). */
  listOfUnit(unitId: string): Promise<BloodDrive[]>;
  /** A unit's drives held from one day to another, both included, by day (one Query). */
  heldBetween(unitId: string, from: string, to: string): Promise<BloodDrive[]>;
  /** The donation and the drive's totals (donors, units) in one transaction; a member twice is `donor-already-recorded`. */
  donate(donation: Donation, ctx: WriteContext): Promise<void>;
  /** A drive's donations (one Query of its partition). */
  donations(driveId: string): Promise<Donation[]>;
}

/** The women's savings fund's lists. */
export interface SavingsLists {
  /** A fund's loans of a status, oldest first (one Query of its loans index). */
  loansOfFund(fundId: string, status: 'open' | 'closed' | 'all'): Promise<Loan[]>;
  /** The members' deposited totals in a fund, or one member's (one Query of the fund's partition). */
  deposits(fundId: string, memberId?: string): Promise<MemberDeposit[]>;
}

/** What welfare's use cases are given: ports only, never a concrete adapter. */
export interface WelfareDeps {
  members: Members;
  units: Units;
  funds: FundStore;
  drives: DriveStore;
  loans: LoanStore;
  visits: VisitStore;
  bloodDrives: BloodDriveStore;
  savings: SavingsLists;
  cases: CaseStore;
  dues: DuesStandings;
}

/** Support cases (issue 12, item 3). */
export interface CaseStore {
  get(id: string): Promise<SupportCase | undefined>;
  /** A new draft (the member's duplicates were looked for before). */
  create(c: SupportCase, ctx: WriteContext): Promise<void>;
  /** The case after a step, on condition it is still as read (`case-changed` otherwise). */
  update(before: SupportCase, after: SupportCase, ctx: WriteContext): Promise<void>;
  /**
   * The disbursement: the fund's movement (an outflow conditioned on the balance, the member's
   * yearly total within its cap, as `FundStore.record`) and the case after it, on condition it
   * is still as read (approved), in one transaction.
   */
  disburse(
    fund: Fund,
    movement: FundMovement,
    before: SupportCase,
    after: SupportCase,
    events: readonly PendingEvent[],
    ctx: WriteContext,
    yearCap: YearCap | null,
  ): Promise<void>;
  /** The member's cases of a type whose incident lies between two days (one Query of its index). */
  ofMember(memberId: string, type: SupportCaseType, from: string, to: string): Promise<SupportCase[]>;
  /** A unit's cases, newest first, of one status or all, paged. */
  ofUnit(
    unitId: string,
    status: SupportCaseStatus | undefined,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: SupportCase[]; nextCursor: string | null }>;
  /** Finance's answer to the disbursement's posting, read from its movement. */
  postingOf(c: SupportCase): Promise<FundMovement['posting'] | undefined>;
  /** The type and status of a unit's cases opened between two instants, both included (one Query of its index per status). */
  openedBetween(unitId: string, start: string, end: string): Promise<Pick<SupportCase, 'type' | 'status'>[]>;
  /** A unit's cases paid from one day to another, both included, by day (one Query of its payments partition). */
  paidBetween(unitId: string, from: string, to: string): Promise<PaidCase[]>;
}

/** Members' dues standing as finance announces it (`MemberDuesStandingChanged`); a member never announced owes nothing. */
export interface DuesStandings {
  get(memberId: string): Promise<MemberDuesStanding | undefined>;
  /** Keeps the highest version: false for a stale or repeated announcement. */
  apply(standing: MemberDuesStanding, ctx: WriteContext): Promise<boolean>;
}
