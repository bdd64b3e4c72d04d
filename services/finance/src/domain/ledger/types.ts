import type { Month, ServiceName } from '@congdoan/contracts';

/**
 * The ledger's vocabulary, shared by every use case that posts. The chart of
 * accounts is in `./chart.ts` and documented in `docs/finance-ledger.md`.
 */

/** Phiếu thu (PT) or phiếu chi (PC), numbered without gaps per unit and year. */
export type VoucherKind = 'receipt' | 'payment';

/** One side of a posting: exactly one of `debit` and `credit` is positive, in whole đồng. */
export interface PostingLine {
  account: string;
  debit: number;
  credit: number;
  memo?: string;
}

/** What caused a posting; with `id` it makes the posting idempotent. */
export interface PostingSource {
  service: ServiceName;
  /** e.g. `dues-collection`, `dues-remittance`, `levy-payment`, `levy-allocation`, `welfare-disbursement`. */
  kind: string;
  id: string;
}

export interface PostingInput {
  /** Deterministic from the source, so posting twice is refused as a duplicate. */
  id: string;
  unitId: string;
  /** The accounting date, `YYYY-MM-DD` (Vietnam). */
  date: string;
  memo: string;
  lines: PostingLine[];
  /** Issues the next receipt or payment voucher number of the unit and the date's year. */
  voucher?: VoucherKind;
  source: PostingSource;
  /** The posting this one reverses (corrections are reversals, never edits). */
  reverses?: string;
}

export interface Posting extends PostingInput {
  period: Month;
  /** `PT-2025-000123` / `PC-2025-000045`, or null without a voucher. */
  voucherNumber: string | null;
  createdAt: string;
  createdBy: string;
}
