import type { WorkingCalendar } from '@congdoan/calendar';
import type {
  DirectoryMember,
  Discipline,
  Inspection,
  LocalizedText,
  OfficerPosition,
  Recommendation,
} from '@congdoan/contracts';
import type { PendingEvent, WriteContext } from '@congdoan/ddb';
import type { GuardEntry } from '../domain/discipline.ts';
import type { Discrepancy, MonthSummary } from '../domain/finance-picture.ts';
import type { PlanRecord } from '../domain/plan.ts';
import type { Seat } from '../domain/team.ts';
import type { CaseFigures, CaseStore, IdentityCipher } from './case-ports.ts';
import type { Roster } from './report-ports.ts';

/** The unit whose subtree a caller may act in; null is the whole tree. */
export interface CallerScope {
  unitId: string | null;
  /** The member record linked to the caller's account, when the token names one (`member_id`). */
  memberId?: string | null;
}

/** A caller who writes: their scope and the write context (actor, clock, ids). */
export interface Caller extends CallerScope {
  write: WriteContext;
}

/** The organisation tree as inspection's org directory keeps it. */
export interface Units {
  /** A unit the caller named: outside their subtree it is the 404 of a missing unit. */
  assertInScope(caller: CallerScope, unitId: string): Promise<void>;
  /** Whether `unitId` is `ancestorId` or lies below it. */
  isWithin(ancestorId: string, unitId: string): Promise<boolean>;
  /** Those of `unitIds` that are `ancestorId` or lie below it; each unit of the tree read once, however many share it. */
  within(ancestorId: string, unitIds: readonly string[]): Promise<Set<string>>;
  /** The unit and its ancestors, nearest first, ending at the root (the deadline board indexes a case under each). */
  chainOf(unitId: string): Promise<string[]>;
  /** A resource found by its own id, as the caller may see it: missing or outside, one and the same 404. */
  visible<T>(
    caller: CallerScope,
    found: T | undefined,
    unitOf: (t: T) => string,
    what: LocalizedText,
    id: string,
  ): Promise<T>;
}

/** Who a member is, as inspection's member directory keeps them. */
export interface Members {
  /** The member; a not-found domain error when unknown or outside the caller's subtree. */
  get(caller: CallerScope, id: string): Promise<DirectoryMember>;
}

/** The inspection-committee (UBKT) seats each member has held, projected from membership's officer events. */
export interface UbktSeats {
  seatsOf(memberId: string): Promise<Seat[]>;
  /** Every seat of one unit's committee, past and present, from the per-unit index (a Query). */
  seatsAt(unitId: string): Promise<(Seat & { memberId: string })[]>;
  /** Keeps an appointment's span if its version is newer than the one kept; false when not. */
  record(seat: Seat & { memberId: string; appointmentId: string; unitId: string; version: number }): Promise<boolean>;
}

/** An office as the officer projection keeps it: a position on a unit's committee, over `[from, to)`. */
export interface Office extends Seat {
  position: OfficerPosition;
  /** The unit whose committee it is. */
  unitId: string;
}

/** Every office each member has held (any position, any committee), projected from membership's officer events. */
export interface Offices {
  officesOf(memberId: string): Promise<Office[]>;
  /** Keeps an appointment's office if its version is newer than the one kept; false when not. */
  record(office: Office & { memberId: string; appointmentId: string; version: number }): Promise<boolean>;
}

export interface PlanStore {
  get(id: string): Promise<PlanRecord | undefined>;
  /** A unit's plans, of a year or all, newest year first. */
  listOfUnit(unitId: string, year?: number): Promise<PlanRecord[]>;
  create(plan: PlanRecord, ctx: WriteContext): Promise<void>;
  /** Writes `after` if the plan is still at `before.version`; `ifMatch` turns a lost race into a 412. */
  save(before: PlanRecord, after: PlanRecord, ctx: WriteContext, action: string, ifMatch?: number): Promise<void>;
}

export interface InspectionChange {
  before: Inspection;
  after: Inspection;
  action: string;
  /** Recommendations made by this step, written in its transaction. */
  recommendations?: readonly Recommendation[];
  /** The plan item this step records as done, in the same transaction. */
  plan?: { before: PlanRecord; after: PlanRecord };
  events?: readonly PendingEvent[];
}

export interface InspectionStore {
  get(id: string): Promise<Inspection | undefined>;
  /** Writes a new inspection with its events (a proceeding opened) in one transaction. */
  create(inspection: Inspection, ctx: WriteContext, events?: readonly PendingEvent[]): Promise<void>;
  /** A page of the inspections a unit's UBKT decided, newest decision first; of a year, at a stage. */
  listOfUnit(
    unitId: string,
    filter: { year?: number; stage?: Inspection['stage'] },
    page: PageRequest,
  ): Promise<{ items: Inspection[]; nextCursor: string | null }>;
  /** Every inspection a unit's UBKT decided in a year, from the decision-date index (a Query). */
  decidedIn(unitId: string, year: number): Promise<Inspection[]>;
  /** Writes a step if the inspection (and plan) are still as read; `ifMatch` turns a lost race into a 412. */
  save(change: InspectionChange, ctx: WriteContext, ifMatch?: number): Promise<void>;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface RecommendationStore {
  get(id: string): Promise<Recommendation | undefined>;
  /** The recommendations of these ids that exist, read by key (BatchGetItem, 100 a call). */
  getMany(ids: readonly string[]): Promise<Recommendation[]>;
  /** The recommendations of inspections of a unit, by status then deadline. */
  listOfUnit(
    unitId: string,
    status: Recommendation['status'] | undefined,
    page: PageRequest,
  ): Promise<{ items: Recommendation[]; nextCursor: string | null }>;
  save(before: Recommendation, after: Recommendation, ctx: WriteContext, ifMatch?: number): Promise<void>;
  /** Open or in-progress recommendations whose deadline is before `day`, from the deadline index (a Query, never a Scan). */
  dueBefore(day: string, limit: number): Promise<Recommendation[]>;
  /**
   * Marks one overdue on `today` with its event, if it is still open or in progress; false
   * when another run got there first or it was done meanwhile. Notes written meanwhile stay.
   */
  markOverdue(rec: Recommendation, today: string, event: PendingEvent, ctx: WriteContext): Promise<boolean>;
}

/** The finance picture inspection keeps from finance's reconciliation events. */
export interface FinanceFacts {
  read(
    unitId: string,
    fromMonth: string,
    toMonth: string,
  ): Promise<{ months: MonthSummary[]; discrepancies: Discrepancy[] }>;
  /** Keeps a month's summary if its report version is newer than the one kept; false when not. */
  recordSummary(unitId: string, summary: MonthSummary): Promise<boolean>;
  /** Keeps a discrepancy by its fingerprint: a redelivery writes the same item again. */
  recordDiscrepancy(unitId: string, fingerprint: string, discrepancy: Discrepancy): Promise<void>;
}

/** The decisions against one subject, read consistently, with the version to write them back on. */
export interface DisciplineGuard {
  version: number;
  entries: GuardEntry[];
}

export interface DisciplineChange {
  before: Discipline | null;
  after: Discipline;
  /** The subject's guard as read, and its entries after the change: written only if still at that version. */
  guard: { read: number; entries: GuardEntry[] };
  action: 'decide' | 'revoke' | 'lapse' | 'defer-lapse';
  events: readonly PendingEvent[];
}

export interface DisciplineStore {
  get(id: string): Promise<Discipline | undefined>;
  /** The decisions about a unit or its members, newest first. */
  listOfUnit(unitId: string, page: PageRequest): Promise<{ items: Discipline[]; nextCursor: string | null }>;
  readGuard(subject: Discipline['subject']): Promise<DisciplineGuard>;
  /** Writes the decision with its guard, events and audit, if both are still as read; `ifMatch` turns a lost race into a 412. */
  save(change: DisciplineChange, ctx: WriteContext, ifMatch?: number): Promise<void>;
  /** Decisions in force whose lapse date is before `day`, from the lapse index (a Query, never a Scan). */
  lapsingBefore(day: string, limit: number): Promise<Discipline[]>;
  /** What the issuer's decisions reached in a year: decided, lapsed or revoked on a day of it (three Queries). */
  milestonesIn(issuerUnitId: string, year: number): Promise<DisciplineMilestone[]>;
}

/** A discipline decision's milestone, as the annual report counts it. */
export interface DisciplineMilestone {
  milestone: 'decided' | 'lapsed' | 'revoked';
  id: string;
  form: Discipline['form'];
  day: string;
}

/** What inspection's use cases are given: ports only, never a concrete adapter. */
export interface InspectionDeps {
  units: Units;
  members: Members;
  seats: UbktSeats;
  plans: PlanStore;
  inspections: InspectionStore;
  recommendations: RecommendationStore;
  finance: FinanceFacts;
  discipline: DisciplineStore;
  /** Complaints, denunciations, anonymous reports and petitions, and their annual figures. */
  cases: CaseStore & CaseFigures;
  /** The CĐCS of a subtree and their active members, for the UBKT warning list. */
  roster: Roster;
  /** The working-day calendar, with the yearly notices recorded so far. */
  calendar: CaseCalendar;
  /** Seals and opens a case's person. */
  identityCipher: IdentityCipher;
  /** The offices members hold, for a case whose subject is an officer. */
  offices: Offices;
}

/** The working-day calendar (`@congdoan/calendar`), loaded with the notices recorded so far. */
export interface CaseCalendar {
  current(): Promise<WorkingCalendar>;
}
