import type { LevyAllocationView, LevyPaymentView, Month } from '@congdoan/contracts';
import type { PendingEvent, WriteContext } from '@congdoan/ddb';
import type { UnitLookup } from '@congdoan/org-directory';
import type {
  LevyAllocationEntry,
  LevyCorrection,
  LevyDeclaration,
  LevyMonthState,
  LevyPaymentEntry,
  LevyPenaltyEntry,
} from '../../domain/levy/types.ts';
import type { Policy } from '../../domain/policy/types.ts';
import type { Ledger, PreparedPosting } from '../ledger/ports.ts';
import type { ProfileReader } from '../ports.ts';

/** What a month's write expects to find, so that a concurrent change makes it fail and be retried. */
export interface MonthGuard {
  paid?: number;
  allocated?: number;
}

/** What a payment credits to one month: its share of the payment and/or a penalty paid. */
export interface MonthPaymentChange {
  payment?: LevyPaymentEntry;
  penalty?: LevyPenaltyEntry;
  /** The month's figures the share was fitted to, when they must still hold at commit. */
  guard?: MonthGuard;
}

/**
 * A levy payment ready to commit: the payment, what it credits to each month, its
 * receipt posting at the upper level and its event (`LevyPaymentRecorded`).
 */
export interface LevyPaymentChange {
  payment: LevyPaymentView;
  months: ReadonlyMap<Month, MonthPaymentChange>;
  posting: PreparedPosting;
  events: PendingEvent[];
}

/** A CĐCS's levy months, and the payments and allocations that change them. */
export interface LevyStore {
  /** One month of a CĐCS (one GetItem). */
  getMonth(unitId: string, month: Month): Promise<LevyMonthState>;
  /** The months `from`…`to` of a CĐCS that have anything stored, ascending (one Query; pages only past 1 MB). */
  getMonths(unitId: string, from: Month, to: Month): Promise<LevyMonthState[]>;
  getPayment(paymentId: string): Promise<LevyPaymentView | undefined>;
  getAllocation(allocationId: string): Promise<LevyAllocationView | undefined>;
  /**
   * Files or corrects a month's declaration, audited, with `events`: the new
   * figures and version, the replaced ones kept in `corrections`; only if the
   * month's declaration is still `before`. When it changed meanwhile: with
   * `ifMatch` a 412, without it TransactionConflictError (read again).
   */
  saveDeclaration(
    change: {
      unitId: string;
      month: Month;
      before: LevyDeclaration | null;
      declaration: LevyDeclaration;
      replaced: LevyCorrection | null;
    },
    ctx: WriteContext,
    events: readonly PendingEvent[],
    ifMatch: number | undefined,
  ): Promise<void>;
  /**
   * ONE transaction, audited: the payment, each month's credit and the receipt
   * posting. A guarded month whose figures moved is a TransactionConflictError.
   */
  savePayment(change: LevyPaymentChange, ctx: WriteContext): Promise<void>;
  /**
   * ONE transaction, audited, with `events`: the allocation, its entry on the
   * month (only while what was paid and allocated is still `guard`) and its two
   * postings. A month that moved is a TransactionConflictError.
   */
  saveAllocation(
    change: {
      allocation: LevyAllocationView;
      entry: LevyAllocationEntry;
      guard: Required<MonthGuard>;
      postings: readonly [PreparedPosting, PreparedPosting];
    },
    ctx: WriteContext,
    events: readonly PendingEvent[],
  ): Promise<void>;
}

/** What the levy use cases need. */
export interface LevyDeps {
  profiles: ProfileReader;
  directory: UnitLookup;
  loadPolicy: () => Promise<Policy>;
  levy: LevyStore;
  /** The ledger: postings prepared for the levy's own transactions, and whether a unit's books are closed. */
  ledger: Pick<Ledger, 'prepare' | 'booksState' | 'retry'>;
}

/** The caller as a use case sees it. */
export interface LevyCaller {
  /** The root of the subtree they may act in (null: the whole tree). */
  unitId: string | null;
  write: WriteContext;
}
