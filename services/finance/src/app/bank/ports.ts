import type { BankLineView, BankStatementView } from '@congdoan/contracts';
import type { PendingEvent, WriteContext } from '@congdoan/ddb';
import type { TaxIdHolder } from '../../domain/bank/matching.ts';
import type { StatementLine } from '../../domain/bank/statement.ts';
import type { Page, PageKey } from '../ledger/ports.ts';
import type { LevyDeps, LevyPaymentChange } from '../levy/ports.ts';

/** What one line adds to its statement's summary. */
export interface SummaryDelta {
  new?: number;
  duplicates?: number;
  conflicts?: number;
  matched?: number;
  review?: number;
  ignored?: number;
  matchedAmount?: number;
}

/** Line `index` (0-based) of an import of `total` lines, and what it adds to the summary (and its conflicts). */
export interface LineProgress {
  statementId: string;
  index: number;
  total: number;
  delta: SummaryDelta;
  /** The line's reference was known with other content: listed in the import's `conflicts`. */
  conflict?: BankStatementView['conflicts'][number];
}

/** A line of a statement the account already had, as the import notes it. */
export type KnownLine = BankStatementView['duplicates'][number];

/** A matched or confirmed line's levy payment, and every event of its transaction. */
export interface LinePayment {
  change: LevyPaymentChange;
  events: readonly PendingEvent[];
}

/**
 * Bank statements of an upper level's account and their lines. A line is keyed by
 * account and bank reference, so it is recorded once however many imports carry
 * it; an import moves past each line in that line's own transaction, from the
 * line it read, so a worker overtaken by another stops.
 */
export interface BankStore {
  getStatement(id: string): Promise<BankStatementView | undefined>;
  /** The file's parsed lines, kept with the import for the background to continue from. */
  statementFileLines(statementId: string): Promise<StatementLine[]>;
  /** The unit's imports, newest first (gsi1); a start key from another list is 400 `invalid-cursor`. */
  listStatements(unitId: string, limit: number, startKey?: PageKey): Promise<Page<BankStatementView>>;
  getLine(id: string): Promise<BankLineView | undefined>;
  /** The unit's lines with a status, oldest first (gsi1); a start key from another list is 400 `invalid-cursor`. */
  listLines(unitId: string, status: string, limit: number, startKey?: PageKey): Promise<Page<BankLineView>>;
  /** Every line an import recorded, in file order (gsi2). */
  statementLines(statementId: string): Promise<BankLineView[]>;
  /** The units whose agency has the tax ID, as matching needs them. */
  taxIdHolders(taxId: string): Promise<TaxIdHolder[]>;
  /** The import and its parsed lines, audited. */
  saveStatement(statement: BankStatementView, lines: readonly StatementLine[], ctx: WriteContext): Promise<void>;
  /** A line the account already had: only the import moves past it (StatementOvertakenError if it already has). */
  recordKnownLine(progress: LineProgress, known: KnownLine, ctx: WriteContext): Promise<void>;
  /**
   * A line seen for the first time, in ONE transaction with the import moving past
   * it, audited: matched with its levy `payment`, or waiting for review or ignored.
   * StatementOvertakenError when the import has moved past the line;
   * BankLineRecordedError when another import recorded the line (or its payment)
   * first; TransactionConflictError when a month the payment was fitted to moved.
   */
  recordLine(line: BankLineView, progress: LineProgress, ctx: WriteContext, payment?: LinePayment): Promise<void>;
  /**
   * A person's decision on a line (`confirm` with its payment, or `ignore`), in ONE
   * transaction with the statement's counters, audited; only if the line is still
   * `before`. TransactionConflictError when it (or a month of the payment) moved;
   * BankLineRecordedError when its payment is already recorded.
   */
  decideLine(
    before: BankLineView,
    after: BankLineView,
    decision: { action: 'confirm' | 'ignore'; counters?: SummaryDelta; payment?: LinePayment },
    ctx: WriteContext,
  ): Promise<void>;
  /** Notes the import's continuation at line `index`, with its event; false when another worker moved it on. */
  queueContinuation(
    statementId: string,
    index: number,
    ctx: WriteContext,
    events: readonly PendingEvent[],
  ): Promise<boolean>;
}

/** The import moved on without this worker: another delivery of its continuation is recording it. */
export class StatementOvertakenError extends Error {
  constructor(statementId: string) {
    super(`bank statement import ${statementId} moved on without this worker`);
    this.name = 'StatementOvertakenError';
  }
}

/** The line, or the payment it makes, is already recorded. */
export class BankLineRecordedError extends Error {
  constructor(lineId: string) {
    super(`bank line ${lineId} (or its payment) is already recorded`);
    this.name = 'BankLineRecordedError';
  }
}

/** What the bank-statement use cases need: the levy's ports and the bank store. */
export interface BankDeps extends LevyDeps {
  bank: BankStore;
}
