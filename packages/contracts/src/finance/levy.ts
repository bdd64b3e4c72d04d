// Finance levy (KPCĐ) and bank-statement schemas: requests, responses.
import { z } from 'zod';
import { FUNDING_TYPES } from '../membership/units.ts';
import { textSchema } from '../text.ts';
import { explainedSchema, levyDeadlineSchema } from './policy.ts';

const unitId = z.string().min(1).max(64);
const levyMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'tháng dạng YYYY-MM');
const day = z.iso.date();
/** Whole đồng, positive, at most 10^13. */
const positiveDong = z.number().int().min(1).max(10_000_000_000_000);
const dong = z.number().int().min(0).max(10_000_000_000_000);
/** A name or reference, and free text (notes, reasons): the shared text type. */
const text = (max: number) => textSchema({ min: 1, max });
const freeText = (max: number) => textSchema({ min: 1, max, multiline: true });

export const levyMonthParams = z.strictObject({ id: unitId, month: levyMonth });
export const levyYearQuery = z.strictObject({
  year: z.coerce.number().int().min(2014).max(2099),
  /** The day the figures stand on (Vietnam); today by default. */
  asOf: day.optional(),
});
export const levyPaymentParams = z.strictObject({ id: unitId, paymentId: z.string().min(1).max(80) });
export const levyAllocationParams = z.strictObject({ id: unitId, allocationId: z.string().min(1).max(80) });

/* ---------- declarations ---------- */

export const levyDeclarationBody = z.strictObject({
  /** The month's payroll used for compulsory social insurance, in đồng. */
  payroll: dong,
  /** Employees on that payroll. */
  headcount: z.number().int().min(0).max(1_000_000),
  note: freeText(500).optional(),
});
export type LevyDeclarationInput = z.infer<typeof levyDeclarationBody>;

const declarationFields = {
  payroll: z.number().int(),
  headcount: z.number().int(),
  note: z.string().nullable(),
  fundingType: z.enum(FUNDING_TYPES),
  declaredAt: z.iso.datetime({ offset: true }),
  declaredBy: z.string(),
  version: z.number().int().positive(),
};

export const levyDeclarationSchema = z.object(declarationFields);
export const levyCorrectionSchema = z.object({
  ...declarationFields,
  /** The levy the replaced figures made due. */
  due: z.number().int(),
  replacedAt: z.iso.datetime({ offset: true }),
  replacedBy: z.string(),
});

/* ---------- one month ---------- */

export const LEVY_STATUSES = ['not-liable', 'not-declared', 'due', 'paid', 'paid-late', 'late', 'unpaid'] as const;

export const levyPaymentEntrySchema = z.object({
  paymentId: z.string(),
  date: day,
  amount: z.number().int(),
  /** Paid after the month's deadline. */
  late: z.boolean(),
  source: z.enum(['manual', 'bank']),
});

export const levyAllocationEntrySchema = z.object({ allocationId: z.string(), date: day, amount: z.number().int() });

export const levyMonthSchema = z.object({
  unitId: z.string(),
  month: z.string(),
  /** The day the figures stand on. */
  asOf: day,
  declaration: levyDeclarationSchema.nullable(),
  /** Earlier figures replaced by corrections, oldest first. */
  corrections: z.array(levyCorrectionSchema),
  /** The levy the declaration makes due, with its formula and rules; null without a declaration. */
  due: explainedSchema.extend({ liable: z.boolean() }).nullable(),
  paid: z.object({
    total: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    payments: z.array(levyPaymentEntrySchema),
  }),
  /** Due minus paid, never below 0; null without a declaration. */
  outstanding: z.number().int().nullable(),
  deadline: levyDeadlineSchema,
  status: z.enum(LEVY_STATUSES),
  /** The late-levy penalty as of `asOf`, with its formula and rules. */
  penalty: explainedSchema.extend({ status: z.enum(['on-time', 'late', 'unpaid']) }),
  penaltyPaid: z.number().int(),
  allocation: z.object({
    /** The CĐCS's share of the levy paid (policy levy split). */
    due: explainedSchema,
    allocated: z.number().int(),
    remaining: z.number().int(),
    allocations: z.array(levyAllocationEntrySchema),
  }),
  /** The declaration's version (0 without one); send it back in If-Match to correct. */
  version: z.number().int().nonnegative(),
});
export type LevyMonthView = z.infer<typeof levyMonthSchema>;

export const levyYearSchema = z.object({
  unitId: z.string(),
  year: z.number().int(),
  asOf: day,
  fundingType: z.enum(FUNDING_TYPES).nullable(),
  months: z.array(levyMonthSchema),
  totals: z.object({
    due: z.number().int(),
    paid: z.number().int(),
    outstanding: z.number().int(),
    penalty: z.number().int(),
    penaltyPaid: z.number().int(),
    allocationDue: z.number().int(),
    allocated: z.number().int(),
  }),
});

/* ---------- payments ---------- */

export const levyMonthAmountSchema = z.strictObject({ month: levyMonth, amount: positiveDong });

export const levyPaymentBody = z.strictObject({
  /** The day the money arrived at the upper level's account. */
  date: day,
  amount: positiveDong,
  /** How the amount is split over the months it pays for (at most 12). */
  months: z.array(levyMonthAmountSchema).min(1).max(12),
  /** Late-levy penalties paid with it, by month (kept whole by the upper level, account 5115). */
  penalties: z.array(levyMonthAmountSchema).max(12).optional(),
  /** The bank's reference or the receipt number. */
  reference: text(100).optional(),
  note: freeText(500).optional(),
});
export type LevyPaymentInput = z.infer<typeof levyPaymentBody>;

const postingRef = z.object({ unitId: z.string(), postingId: z.string(), voucherNumber: z.string().nullable() });

export const levyPaymentSchema = z.object({
  id: z.string(),
  /** The CĐCS whose agency paid. */
  unitId: z.string(),
  /** The upper level that received it. */
  upperUnitId: z.string(),
  date: day,
  amount: z.number().int(),
  months: z.array(
    z.object({
      month: z.string(),
      amount: z.number().int(),
      late: z.boolean(),
      deadline: day,
      grassroots: explainedSchema,
      upper: explainedSchema,
    }),
  ),
  penalties: z.array(z.object({ month: z.string(), amount: z.number().int() })),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('manual') }),
    z.object({ kind: z.literal('bank'), lineId: z.string(), statementId: z.string().nullable() }),
  ]),
  /** The receipt voucher at the upper level. */
  posting: postingRef,
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
});
export type LevyPaymentView = z.infer<typeof levyPaymentSchema>;

/* ---------- allocations ---------- */

export const levyAllocationBody = z.strictObject({
  month: levyMonth,
  amount: positiveDong,
  /** The day the money left the upper level's account. */
  date: day,
  note: freeText(500).optional(),
});

export const levyAllocationSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  upperUnitId: z.string(),
  month: z.string(),
  amount: z.number().int(),
  date: day,
  note: z.string().nullable(),
  /** The CĐCS's share of the month's levy paid, and what remained to allocate before this one. */
  share: explainedSchema,
  remainingBefore: z.number().int(),
  /** Payment voucher at the upper level (Dr 3362 / Cr 112), receipt at the CĐCS (Dr 112 / Cr 5113). */
  postings: z.object({ upper: postingRef, grassroots: postingRef }),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
});
export type LevyAllocationView = z.infer<typeof levyAllocationSchema>;

/* ---------- bank statements ---------- */

export const BANK_LINE_STATUSES = ['matched', 'review', 'ignored'] as const;
/** Why a credit line waits for a person instead of being matched. */
export const BANK_REVIEW_REASONS = [
  'no-tax-id',
  'unknown-tax-id',
  'ambiguous-tax-id',
  'not-under-this-unit',
  'not-levy',
  'penalty',
  'no-month',
  'future-month',
  'amount-does-not-fit',
  'no-declaration',
  'exceeds-due',
  'reference-conflict',
  'no-rule',
  'period-locked',
  'not-postable',
] as const;
/** Why a line is set aside. */
export const BANK_IGNORE_REASONS = ['debit', 'ignored-by-person'] as const;
export const BANK_LINE_REASONS = [...BANK_REVIEW_REASONS, ...BANK_IGNORE_REASONS] as const;

export const bankStatementBody = z.strictObject({
  fileName: text(255),
  /** The CSV text, or its bytes in base64 with `encoding: 'base64'`. */
  content: z.string().min(1).max(262_144),
  encoding: z.enum(['text', 'base64']).default('text'),
  /** The account the statement is of; lines are identified by account and bank reference. */
  accountNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z.-]{4,34}$/, 'số tài khoản: 4–34 chữ số, chữ cái, dấu chấm hoặc gạch')
    .optional(),
});
export type BankStatementInput = z.infer<typeof bankStatementBody>;

export const bankStatementParams = z.strictObject({ id: unitId, statementId: z.string().min(1).max(80) });
export const bankLineParams = z.strictObject({ id: unitId, lineId: z.string().min(1).max(80) });

export const bankLinesQuery = z.strictObject({
  status: z.enum(BANK_LINE_STATUSES).default('review'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});

export const bankLineSchema = z.object({
  id: z.string(),
  /** The unit that owns the account. */
  unitId: z.string(),
  account: z.string(),
  reference: z.string(),
  date: day,
  description: z.string(),
  credit: z.number().int(),
  debit: z.number().int(),
  balance: z.number().int().nullable(),
  counterAccount: z.string().nullable(),
  counterName: z.string().nullable(),
  /** The import that first brought the line, and its row in that file. */
  statementId: z.string(),
  row: z.number().int(),
  status: z.enum(BANK_LINE_STATUSES),
  reason: z.object({ code: z.enum(BANK_LINE_REASONS), vi: z.string(), en: z.string() }).nullable(),
  /** What the memo was read as. */
  memo: z.object({ taxIds: z.array(z.string()), months: z.array(z.string()), mentionsLevy: z.boolean() }),
  /** The CĐCS the line was matched to (or, under review, the one its tax ID points to). */
  matchedUnitId: z.string().nullable(),
  /**
   * A line whose bank reference the account already had with other content (reason
   * `reference-conflict`): the line it conflicts with. Null otherwise.
   */
  conflictsWith: z.string().nullable().optional(),
  paymentId: z.string().nullable(),
  months: z.array(z.object({ month: z.string(), amount: z.number().int() })),
  note: z.string().nullable(),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime({ offset: true }),
  updatedBy: z.string(),
});
export type BankLineView = z.infer<typeof bankLineSchema>;

export const bankLinePage = z.object({ items: z.array(bankLineSchema), nextCursor: z.string().nullable() });

export const bankStatementSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  account: z.string(),
  fileName: z.string(),
  /** SHA-256 of the decoded text. */
  sha256: z.string(),
  importedAt: z.iso.datetime({ offset: true }),
  importedBy: z.string(),
  /** `importing` while its lines are being recorded (in the background past the request's time budget); `complete` after. */
  status: z.enum(['importing', 'complete']),
  /** Lines of the file handled so far, in file order. */
  processed: z.number().int().nonnegative(),
  summary: z.object({
    lines: z.number().int(),
    /** Lines this import recorded (the others were already known). */
    new: z.number().int(),
    duplicates: z.number().int(),
    /** Lines whose reference the account had with another amount, date or memo: each waits for review. */
    conflicts: z.number().int(),
    matched: z.number().int(),
    review: z.number().int(),
    ignored: z.number().int(),
    /** Sum of the matched credits. */
    matchedAmount: z.number().int(),
  }),
  /** Lines of the file already known (same account, reference and content): nothing recorded again. */
  duplicates: z.array(z.object({ row: z.number().int(), reference: z.string(), lineId: z.string() })),
  /**
   * Lines of the file whose reference the account already had with other content: recorded as
   * a line of their own (`lineId`) waiting for review, beside the one already known.
   */
  conflicts: z.array(
    z.object({
      row: z.number().int(),
      reference: z.string(),
      lineId: z.string(),
      knownLineId: z.string(),
      differences: z.array(z.enum(['amount', 'date', 'description'])),
    }),
  ),
});
export const bankStatementWithLinesSchema = bankStatementSchema.extend({ lines: z.array(bankLineSchema) });
export type BankStatementView = z.infer<typeof bankStatementSchema>;

export const bankStatementsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2048).optional(),
});
export const bankStatementPage = z.object({ items: z.array(bankStatementSchema), nextCursor: z.string().nullable() });

export const confirmBankLineBody = z.strictObject({
  /** The CĐCS whose levy the credit pays; directly under the account's unit. */
  unitId,
  /** The split over months; adds up to the line's credit. */
  months: z.array(levyMonthAmountSchema).min(1).max(12),
  note: freeText(500).optional(),
});
export const ignoreBankLineBody = z.strictObject({ reason: freeText(500) });

export const confirmedBankLineSchema = z.object({ line: bankLineSchema, payment: levyPaymentSchema });
