import type { CommitteeTerm, OfficerAppointment, OfficerPosition } from '@congdoan/contracts';
import type { PendingEvent, WriteContext } from '@congdoan/ddb';
import type { Holding, Seat } from '../../domain/committee/holdings.ts';
import type { TermSpan } from '../../domain/committee/term.ts';
import type { MemberStore } from '../member-ports.ts';
import type { Page, PageKey, UnitStore } from '../ports.ts';

/**
 * A small item that records the facts a rule is checked against, read
 * consistently and rewritten in the same transaction as the change, on the
 * condition that its version is still the one read. Two changes that read the
 * same version cannot both commit: the second re-reads and meets the first.
 */
export interface Ledger<E> {
  /** 0 when the item does not exist yet. */
  version: number;
  entries: E[];
}

/** A ledger's new entries, written only if it is still at the version read. */
export interface LedgerWrite<E> {
  read: number;
  entries: E[];
}

export interface AppointmentChange {
  before: OfficerAppointment | null;
  after: OfficerAppointment;
  action: 'appoint' | 'end';
  /** The person's holdings in the committee's unit. */
  guard: LedgerWrite<Holding>;
  /** The holders of the position in the term, for positions with a limit. */
  seats?: LedgerWrite<Seat>;
  /** When set, the member must still be active in this unit at commit. */
  activeMember?: { id: string; unitId: string };
  ifMatch?: number;
}

/**
 * Committee terms and officer appointments. Every write is one transaction with
 * its outbox events and audit record. A ledger or member that moved since it was
 * read comes back as TransactionConflictError: the use case reads again and the
 * rules decide; a stale If-Match is a 412.
 */
export interface CommitteeStore {
  getTerm(id: string): Promise<CommitteeTerm | undefined>;
  /** A unit's terms, the latest first. */
  listTerms(unitId: string, page: { limit: number; startKey?: PageKey }): Promise<Page<CommitteeTerm>>;
  /** The spans of a unit's terms, read consistently. */
  readTermLedger(unitId: string): Promise<Ledger<TermSpan>>;
  openTerm(
    term: CommitteeTerm,
    ledger: LedgerWrite<TermSpan>,
    ctx: WriteContext,
    events: PendingEvent[],
  ): Promise<void>;
  /** Writes a closed term and its new span in the unit's ledger; `before` must still be current. */
  closeTerm(
    before: CommitteeTerm,
    after: CommitteeTerm,
    ledger: LedgerWrite<TermSpan>,
    ctx: WriteContext,
    events: PendingEvent[],
    ifMatch?: number,
  ): Promise<void>;

  getAppointment(id: string): Promise<OfficerAppointment | undefined>;
  /** Every appointment of a term. */
  listTermAppointments(termId: string): Promise<OfficerAppointment[]>;
  readOfficerGuard(unitId: string, memberId: string): Promise<Ledger<Holding>>;
  /** Everything a member holds or held, in every unit, from their guards (an index by member). */
  memberHoldings(memberId: string): Promise<Holding[]>;
  readSeats(termId: string, position: OfficerPosition): Promise<Ledger<Seat>>;
  saveAppointment(change: AppointmentChange, ctx: WriteContext, events: PendingEvent[]): Promise<void>;
}

export interface CommitteeDeps {
  units: UnitStore;
  members: Pick<MemberStore, 'get'>;
  committees: CommitteeStore;
}
