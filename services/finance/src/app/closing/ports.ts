import type { BooksClosing, Role } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import type { UnitLookup } from '@congdoan/org-directory';
import type { AccountFigures, Ledger, PreparedPosting } from '../ledger/ports.ts';
import type { ProfileReader } from '../ports.ts';

/** A dissolved unit whose books are still open, as its upper level sees it. */
export interface BooksToClose {
  unitId: string;
  code: string;
  name: string;
  parentId: string;
  /** The dissolution's effective date, or when it was recorded. */
  dissolvedAt: string;
}

/** A closing ready to commit: the record, the postings it makes and the balances it was computed from. */
export interface ClosingChange {
  record: BooksClosing;
  /** The unit's closing posting (its transaction closes the books), or null when nothing is left to post. */
  unitPosting: PreparedPosting | null;
  /** The upper level's receipt, or null when nothing is handed up. */
  upperPosting: PreparedPosting | null;
  /** The unit's balances the plan was computed from: the commit fails if any has moved since. */
  balancesRead: readonly AccountFigures[];
}

export interface ClosingStore {
  get(unitId: string): Promise<BooksClosing | undefined>;
  /** Whether the unit was recorded as dissolved with its books still open. */
  isToClose(unitId: string): Promise<boolean>;
  /** The upper level's dissolved units whose books are still open, oldest first; one Query (paged through). */
  listToClose(upperId: string): Promise<BooksToClose[]>;
  /** Records a dissolved unit as "to close"; false when already recorded or already closed. */
  markToClose(item: BooksToClose, ctx: WriteContext): Promise<boolean>;
  /**
   * Writes the closing in ONE transaction, audited: both postings, the unit's books
   * closed, the record (once per unit), the "to close" mark removed. When a balance
   * moved since it was read, or another posting took a voucher number first,
   * TransactionConflictError (compute the closing again); when the unit's or the
   * upper level's books were closed meanwhile, BooksClosedMeanwhileError.
   */
  close(change: ClosingChange, ctx: WriteContext): Promise<void>;
}

/** Whose books were closed while the closing was being computed: the unit's own (closed already), or the upper level's. */
export class BooksClosedMeanwhileError extends Error {
  constructor(readonly whose: 'unit' | 'upper') {
    super(`the ${whose === 'unit' ? "unit's" : "upper level's"} books were closed meanwhile`);
    this.name = 'BooksClosedMeanwhileError';
  }
}

/** What closing the books needs: the unit profiles, the ledger, the closings and the directory for scope checks. */
export interface ClosingDeps {
  profiles: ProfileReader;
  ledger: Pick<Ledger, 'balances' | 'booksState' | 'prepare' | 'listPostings' | 'get'>;
  closings: ClosingStore;
  directory: UnitLookup;
  /** The CĐCS's share of levy its upper level received and has not allocated back, as of a day. */
  levyUnallocated: (unitId: string, asOf: string) => Promise<number>;
}

/** The caller: the root of their subtree (null: the whole tree) and their roles. */
export interface ClosingCaller {
  unitId: string | null;
  roles: readonly Role[];
}
