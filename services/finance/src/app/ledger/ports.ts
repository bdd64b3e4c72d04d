import type { LedgerPostingProducer, LocalizedText, Month } from '@congdoan/contracts';
import type { PendingEvent, WriteContext, WriteItem } from '@congdoan/ddb';
import type { UnitLookup } from '@congdoan/org-directory';
import type { Budget } from '../../domain/ledger/budget.ts';
import type { Posting, PostingInput, VoucherKind } from '../../domain/ledger/types.ts';

/** A posting as read back: the immutable posting and, once reversed, the id of its reversal. */
export interface StoredPosting extends Posting {
  reversedBy: string | null;
}

/** An account's running figures: turnover on each side and the balance (debit minus credit). */
export interface AccountFigures {
  account: string;
  debit: number;
  credit: number;
  balance: number;
}

export interface MovementFigures extends AccountFigures {
  period: Month;
}

export interface Voucher {
  number: string;
  kind: VoucherKind;
  year: number;
  n: number;
  postingId: string;
  date: string;
  memo: string;
  /** The money received (receipt: debits to cash or bank) or paid out (payment: credits to them). */
  amount: number;
  reversedBy: string | null;
  createdAt: string;
  createdBy: string;
}

export interface BooksState {
  closed: boolean;
  closedAt: string | null;
  /** Every month up to this one is locked (khóa sổ); null while none is. */
  lockedThrough: Month | null;
}

/** A lock or a reopening of a unit's months, as the books' log keeps it. */
export interface LockChangeRecord {
  unitId: string;
  /** The month the action named. */
  month: Month;
  action: 'lock' | 'reopen';
  previousLockedThrough: Month | null;
  lockedThrough: Month | null;
  /** A lock's note. */
  note: string | null;
  /** A reopening's reason. */
  reason: string | null;
  at: string;
  by: string;
}

/**
 * Where a page starts: the key a client's cursor carries. The store binds it to
 * its own query (the unit, the kind of list) and refuses any other with 400.
 */
export type PageKey = Record<string, unknown>;

export interface Page<T> {
  items: T[];
  lastKey?: PageKey;
}

export interface PostingQuery {
  /** A month, `YYYY-MM`; or `from`/`to`, days inclusive. Neither: every posting. */
  period?: Month;
  from?: string;
  to?: string;
  /** `desc` (default): newest date first. */
  order?: 'asc' | 'desc';
  limit?: number;
  startKey?: PageKey;
}

export interface PrepareOptions {
  /**
   * This posting is the last one of the unit: its transaction closes the books
   * (sets `closedAt`) instead of only checking they are open.
   */
  closeBooksAt?: string;
}

/**
 * A posting ready to commit in the transaction of the business change it records:
 * the posting as it will stand (voucher number taken), and the ledger's writes for
 * it, which the use case hands unread to the store that commits the change.
 */
export interface PreparedPosting {
  posting: Posting;
  items: WriteItem[];
}

/**
 * The double-entry journal of every unit. A posting is recorded on its own
 * (`post`, `reverse`) or prepared for another change's transaction (`prepare`);
 * either way run under `retry`, which reads again when another posting took the
 * voucher number or touched the same balances, and answers a posting on closed
 * books with 409 `books-closed`. What the books as a whole allow (locked months,
 * money never below zero, totals within the safe integers) is checked by
 * `prepare` and held by the posting's transaction (`domain/ledger/books.ts`).
 */
export interface Ledger {
  /** Checks the posting's rules (422 `invalid-posting`) and reads its voucher number; writes nothing. */
  prepare(input: PostingInput, ctx: WriteContext, options?: PrepareOptions): Promise<PreparedPosting>;
  /** Records a posting on its own, with its audit record; a taken id is 409 `duplicate-posting`. */
  post(input: PostingInput, ctx: WriteContext, extra?: { events?: PendingEvent[] }): Promise<Posting>;
  /** Posts the reversal of a posting on `at.date`; a second reversal is 409 `already-reversed`. */
  reverse(unitId: string, postingId: string, at: { date: string; memo?: string }, ctx: WriteContext): Promise<Posting>;
  get(unitId: string, postingId: string): Promise<StoredPosting | undefined>;
  /** A unit's postings by accounting date, newest first unless `order: 'asc'`; one Query per page. */
  listPostings(unitId: string, q?: PostingQuery): Promise<Page<Posting>>;
  /** Every account that has ever moved, with turnover and balance; one Query. */
  balances(unitId: string): Promise<AccountFigures[]>;
  /** The movement of each account in every period from `from` to `to` (months, inclusive); one Query. */
  movements(unitId: string, from: Month, to?: Month): Promise<MovementFigures[]>;
  /** A unit's vouchers of one kind and year, in number order; one Query per page. */
  vouchers(
    unitId: string,
    year: number,
    kind: VoucherKind,
    page?: { limit?: number; startKey?: PageKey },
  ): Promise<Page<Voucher>>;
  booksState(unitId: string): Promise<BooksState>;
  /**
   * Moves the lock of the unit's months (a lock or a reopening) from the value
   * read to the new one, in ONE transaction with its log entry, `events` and the
   * audit. TransactionConflictError when the lock moved since it was read (read
   * and decide again); 409 `books-closed` when the books were closed meanwhile.
   */
  changeLock(change: LockChangeRecord, ctx: WriteContext, events: readonly PendingEvent[]): Promise<void>;
  /** The locks and reopenings of a year's months, oldest first; one Query. */
  periodLog(unitId: string, year: number): Promise<LockChangeRecord[]>;
  /** Runs a whole read-prepare-commit again when another posting got in first (see above). */
  retry<T>(fn: () => Promise<T>): Promise<T>;
}

/** A unit's budget for a year: one record, replaced whole under its version. */
export interface BudgetStore {
  get(unitId: string, year: number): Promise<Budget | undefined>;
  /**
   * Writes `after` (version = before's + 1, or 1) if the stored budget is still
   * `before` (absent when undefined), audited. With `ifMatch`, a stale version is a
   * 412; without, a concurrent change is a TransactionConflictError: read again.
   */
  save(before: Budget | undefined, after: Budget, ctx: WriteContext, ifMatch?: number): Promise<void>;
}

/** What the ledger and budget use cases need: the ledger, the budgets and the organisation directory for scope checks. */
export interface LedgerDeps {
  ledger: Ledger;
  budgets: BudgetStore;
  directory: UnitLookup;
}

/** The caller as a use case sees it: the root of the subtree they may act in (null: the whole tree). */
export interface Caller {
  unitId: string | null;
}

/** One posting request from another service, as its answer is recorded. */
export interface PostingRequestRecord {
  producer: LedgerPostingProducer;
  requestId: string;
  unitId: string | null;
}

/**
 * The answers to other services' posting requests: one per (producer, requestId),
 * posted or rejected, whichever commits first.
 */
export interface PostingRequestStore {
  /**
   * ONE transaction: the request recorded as posted, its posting and `events`,
   * audited. PostingRequestAnsweredError when the request (or its posting) is
   * already recorded.
   */
  recordPosted(
    request: PostingRequestRecord,
    posting: PreparedPosting,
    ctx: WriteContext,
    events: readonly PendingEvent[],
  ): Promise<void>;
  /** The request recorded as rejected with its reason and `events`; false when it was already answered. */
  recordRejected(
    request: PostingRequestRecord,
    reason: LocalizedText & { code: string },
    ctx: WriteContext,
    events: readonly PendingEvent[],
  ): Promise<boolean>;
}

/** The request already has its answer (or its posting): a redelivery. */
export class PostingRequestAnsweredError extends Error {
  constructor(request: PostingRequestRecord) {
    super(`posting request ${request.producer}:${request.requestId} is already answered`);
    this.name = 'PostingRequestAnsweredError';
  }
}
