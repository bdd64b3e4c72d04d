import { z } from 'zod';
import { MAX_POSTING_LINE_AMOUNT } from '../finance/ledger.ts';
import { defineEvent } from './envelope.ts';

/**
 * The posting contract: how another service has the finance ledger record
 * money it moved (a welfare disbursement, an award paid, a fine collected).
 *
 * The producer writes `LedgerPostingRequested` to its own outbox in the
 * transaction of its change. Finance posts it once per (producer, requestId)
 * and answers with `LedgerPosted` or `LedgerPostingRejected`, written in the
 * same transaction as the posting or the rejection; a rejection is final, so
 * the producer corrects its data and sends a new request id. Documented with an
 * example in `docs/finance-ledger.md`.
 */

/** Services that may ask finance to post. */
export const LEDGER_POSTING_PRODUCERS = ['welfare', 'emulation', 'inspection'] as const;
export type LedgerPostingProducer = (typeof LEDGER_POSTING_PRODUCERS)[number];

const requestId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : -');

export const ledgerPostingRequestLine = z.object({
  /** An account of finance's chart (`GET /v1/finance/accounts`), e.g. `111`, `6112`. */
  account: z.string().min(1).max(10),
  /** Whole đồng, at most 10^13; exactly one of debit and credit is positive. */
  debit: z.number().int().min(0).max(MAX_POSTING_LINE_AMOUNT),
  credit: z.number().int().min(0).max(MAX_POSTING_LINE_AMOUNT),
  memo: z.string().max(500).optional(),
});

export const ledgerPostingRequestData = z.object({
  /** The producer's id for this request, unique per producer: a redelivery with the same id posts nothing more. */
  requestId,
  /** The unit whose books record the posting. */
  unitId: z.string().min(1).max(64),
  /** The accounting date, `YYYY-MM-DD` (Vietnam). */
  date: z.iso.date(),
  memo: z.string().min(1).max(500),
  /** `receipt` or `payment` issues the unit's next voucher number (phiếu thu / phiếu chi). */
  voucher: z.enum(['receipt', 'payment']).optional(),
  /** Balanced lines (debits = credits); finance rejects the request otherwise. */
  lines: z.array(ledgerPostingRequestLine).min(1).max(40),
  /** What the producer is posting, e.g. `{ kind: 'support-case-disbursement', id: '<case id>' }`. */
  source: z.object({ kind: z.string().min(1).max(64), id: z.string().min(1).max(200) }),
});
export type LedgerPostingRequestData = z.infer<typeof ledgerPostingRequestData>;

const requested = (service: LedgerPostingProducer) =>
  defineEvent({
    service,
    detailType: 'LedgerPostingRequested',
    version: 1,
    description: `The ${service} service asks finance to record a posting in a unit's ledger (idempotent per requestId).`,
    data: ledgerPostingRequestData,
  });

export const WelfareLedgerPostingRequested = requested('welfare');
export const EmulationLedgerPostingRequested = requested('emulation');
export const InspectionLedgerPostingRequested = requested('inspection');

export const LEDGER_POSTING_REQUESTS = [
  WelfareLedgerPostingRequested,
  EmulationLedgerPostingRequested,
  InspectionLedgerPostingRequested,
] as const;

/**
 * A producer's record of its request as finance answered it (a welfare movement's, an award
 * decision's prize): `pending` until finance answers; `posted`; or `unposted` when finance
 * refused it, with the reason.
 */
export const requestedPostingSchema = z.object({
  status: z.enum(['pending', 'posted', 'unposted']),
  requestId: z.string(),
  postingId: z.string().nullable(),
  voucherNumber: z.string().nullable(),
  reason: z.object({ code: z.string(), vi: z.string(), en: z.string() }).nullable(),
});
export type RequestedPosting = z.infer<typeof requestedPostingSchema>;

export const LedgerPosted = defineEvent({
  service: 'finance',
  detailType: 'LedgerPosted',
  version: 1,
  description: 'Finance recorded a requested posting. Producers match it on producer and requestId.',
  data: z.object({
    producer: z.enum(LEDGER_POSTING_PRODUCERS),
    requestId,
    unitId: z.string(),
    postingId: z.string(),
    date: z.iso.date(),
    /** Total debits (= total credits), whole đồng. */
    amount: z.number().int(),
    voucherNumber: z.string().nullable(),
  }),
});

export const LedgerPostingRejected = defineEvent({
  service: 'finance',
  detailType: 'LedgerPostingRejected',
  version: 1,
  description:
    'Finance refused a requested posting (invalid lines, unknown unit, closed books). Final: a corrected request needs a new requestId.',
  data: z.object({
    producer: z.enum(LEDGER_POSTING_PRODUCERS),
    requestId,
    unitId: z.string().nullable(),
    reason: z.object({
      /**
       * Stable: `invalid-posting`, `invalid-request`, `unknown-unit`, `books-closed`,
       * `period-locked`, `money-balance-negative`, `ledger-amount-out-of-range`.
       */
      code: z.string(),
      vi: z.string(),
      en: z.string(),
    }),
  }),
});

const periodMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const AccountingPeriodLocked = defineEvent({
  service: 'finance',
  detailType: 'AccountingPeriodLocked',
  version: 1,
  description:
    "A unit's books are locked (khóa sổ) through a month: nothing more is posted in it or before it until an admin reopens it.",
  data: z.object({
    unitId: z.string(),
    /** The month locked; every month before it is locked too. */
    month: periodMonth,
    lockedThrough: periodMonth,
    previousLockedThrough: periodMonth.nullable(),
  }),
});

export const AccountingPeriodReopened = defineEvent({
  service: 'finance',
  detailType: 'AccountingPeriodReopened',
  version: 1,
  description:
    "An admin reopened a locked month of a unit's books (with a reason, kept in the audit): it and every later month take postings again.",
  data: z.object({
    unitId: z.string(),
    /** The month reopened; every later month is open too. */
    month: periodMonth,
    /** The month before it, which stays locked (null: nothing is locked any more). */
    lockedThrough: periodMonth.nullable(),
    previousLockedThrough: periodMonth,
  }),
});
