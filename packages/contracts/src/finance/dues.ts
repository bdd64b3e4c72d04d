// Finance dues schemas: requests, responses.
import { z } from 'zod';
import { textSchema } from '../text.ts';
import { explainedSchema, ruleRefSchema } from './policy.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'tháng dạng YYYY-MM (ví dụ 2025-07)');
const id = z.string().min(1).max(64);
const money = z.number().int();

export const DUES_PAYMENT_METHODS = ['cash', 'bank'] as const;

export const duesMonthParams = z.strictObject({ id, month });

export const duesRangeQuery = z
  .strictObject({ from: month, to: month })
  .refine((q) => q.from <= q.to, { message: 'from phải trước hoặc bằng to' });

export const duesRemittanceListQuery = z.strictObject({
  year: z.string().regex(/^\d{4}$/, 'năm dạng YYYY'),
});

const collectionCommon = {
  /** The day the money was received, `YYYY-MM-DD` (Vietnam); not after today. */
  date: z.iso.date(),
  /** `cash`: the receipt debits 111 Tiền mặt; `bank`: 112 Tiền gửi ngân hàng. */
  method: z.enum(DUES_PAYMENT_METHODS),
  note: textSchema({ min: 1, max: 500, multiline: true }).optional(),
  /** Accept a month not yet begun, and lines above what the member still owes for the month (kept as an advance). */
  allowAdvance: z.boolean().optional(),
};

/** One member's payment: whole đồng (the amount's sign and size are checked by the rules, 422). */
export const duesCollectionLineSchema = z.strictObject({ memberId: id, amount: money });

/** Up to 2,000 lines in a request; a batch collects for everyone owing (up to 4,000 members). */
export const collectDuesBody = z.union([
  z.strictObject({ lines: z.array(duesCollectionLineSchema).min(1).max(2_000), ...collectionCommon }),
  z.strictObject({ batch: z.literal(true), ...collectionCommon }),
]);
export type CollectDuesInput = z.infer<typeof collectDuesBody>;

export const duesCollectionSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  month: z.string(),
  date: z.iso.date(),
  method: z.enum(DUES_PAYMENT_METHODS),
  note: z.string().nullable(),
  batch: z.boolean(),
  allowAdvance: z.boolean(),
  lines: z.array(z.object({ memberId: z.string(), amount: money })),
  amount: money,
  /** The CĐCS's share (credited to 5111) and the upper level's (credited to 3361), with how they were found. */
  split: z.object({ grassroots: money, upper: money, formula: z.string() }),
  postingId: z.string(),
  /** The receipt voucher, `PT-2025-000123`. */
  voucherNumber: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});

const duesCollectionSummary = duesCollectionSchema.omit({ lines: true }).extend({ lineCount: z.number().int() });

export const remitDuesBody = z.strictObject({
  month,
  amount: money,
  date: z.iso.date(),
  /** How the money goes up: `bank` credits 112 at the CĐCS and debits 112 at the upper level; `cash` uses 111 on both sides. */
  method: z.enum(DUES_PAYMENT_METHODS),
  note: textSchema({ min: 1, max: 500, multiline: true }).optional(),
});

export const duesRemittanceSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  upperUnitId: z.string(),
  month: z.string(),
  amount: money,
  date: z.iso.date(),
  method: z.enum(DUES_PAYMENT_METHODS),
  note: z.string().nullable(),
  postingIds: z.object({ unit: z.string(), upper: z.string() }),
  /** The CĐCS's payment voucher (PC) and the upper level's receipt voucher (PT). */
  voucherNumbers: z.object({ payment: z.string().nullable(), receipt: z.string().nullable() }),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const duesMonthLineSchema = z.object({
  memberId: z.string(),
  fullName: z.string(),
  /** false for someone paid for this month here who no longer owes it here (their history changed afterwards). */
  owes: z.boolean(),
  /** `first-day`: active in the unit on the 1st; `admission`: admitted or re-admitted during the month. */
  basis: z.enum(['first-day', 'admission']).nullable(),
  duesSalary: money.nullable(),
  expected: explainedSchema,
  collected: money,
  outstanding: money,
  /** Collected above the expected amount (allowAdvance). */
  advance: money,
});

export const duesMonthSheetSchema = z.object({
  unitId: z.string(),
  month: z.string(),
  fundingType: z.string().nullable(),
  members: z.array(duesMonthLineSchema),
  totals: z.object({
    members: z.number().int(),
    expected: money,
    collected: money,
    outstanding: money,
    advance: money,
  }),
  /** What was collected, split: the CĐCS keeps `grassroots`, owes `upper` to the upper level. */
  split: z.object({ grassroots: money, upper: money, formula: z.string() }),
  remitted: money,
  toRemit: money,
  collections: z.array(duesCollectionSummary),
  remittances: z.array(duesRemittanceSchema),
});

export const duesArrearsMonthSchema = z.object({
  month: z.string(),
  expected: money,
  paid: money,
  outstanding: money,
});

export const duesArrearsSchema = z.object({
  unitId: z.string(),
  from: z.string(),
  to: z.string(),
  /** Members whose balance over the period is above 0, or flagged for removal. */
  members: z.array(
    z.object({
      memberId: z.string(),
      fullName: z.string(),
      expected: money,
      paid: money,
      /** expected − paid over the period; advances count against it. */
      balance: money,
      months: z.array(duesArrearsMonthSchema),
      /** Consecutive months up to `to` owed here and paid nothing at all. */
      monthsWithoutDues: z.number().int(),
      /** monthsWithoutDues ≥ the policy's removal months (xóa tên may be considered). */
      removalCandidate: z.boolean(),
    }),
  ),
  totals: z.object({ membersInArrears: z.number().int(), expected: money, paid: money, balance: money }),
  removal: z.object({ months: z.number().int(), rule: ruleRefSchema }),
});

export const memberDuesSchema = z.object({
  memberId: z.string(),
  fullName: z.string(),
  from: z.string(),
  to: z.string(),
  months: z.array(
    z.object({
      month: z.string(),
      /** The unit owed the month under the month rule; null when nothing is owed. */
      unitId: z.string().nullable(),
      /** false when that unit lies outside the caller's subtree: the amounts are not shown. */
      visible: z.boolean(),
      basis: z.enum(['first-day', 'admission']).nullable(),
      expected: explainedSchema.nullable(),
      paid: money,
      balance: money,
    }),
  ),
  totals: z.object({ expected: money, paid: money, balance: money }),
});

export const duesRemittanceListSchema = z.object({
  unitId: z.string(),
  year: z.string(),
  items: z.array(duesRemittanceSchema),
  total: money,
});

/**
 * A CĐCS's own dues rate by resolution (nghị quyết), where the policy allows one
 * (`dues-unit-rate-allowed`, from 1/7/2025 under QĐ 61/QĐ-TLĐ): from its first
 * month until the next resolution. `rateBp: null` ends the one before.
 */
export const duesRateResolutionBody = z.strictObject({
  /** The resolution's number, e.g. `05/NQ-CĐCS`; the dues formula names it. */
  resolutionNumber: textSchema({ min: 1, max: 100 }),
  /** The day the resolution was passed, `YYYY-MM-DD`; not after today. */
  resolutionDate: z.iso.date(),
  /** The first month it governs, `YYYY-MM`: after the first month of the unit's latest resolution. */
  effectiveFrom: month,
  /** The rate in basis points (100 = 1%), above the policy's rate; `null` ends the earlier resolution's rate. */
  rateBp: z.number().int().min(1).max(10_000).nullable(),
  note: textSchema({ min: 1, max: 500, multiline: true }).optional(),
});
export type DuesRateResolutionInput = z.infer<typeof duesRateResolutionBody>;

export const duesRateResolutionSchema = z.object({
  resolutionNumber: z.string(),
  resolutionDate: z.iso.date(),
  /** First month governed, `YYYY-MM`. */
  effectiveFrom: z.string(),
  /** Basis points; `null`: from `effectiveFrom` the policy rate applies again. */
  rateBp: z.number().int().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type DuesRateResolution = z.infer<typeof duesRateResolutionSchema>;

export const duesRateResolutionListSchema = z.object({
  unitId: z.string(),
  /** Oldest first; `effectiveUntil` is the last month each governs (null while it still does). */
  items: z.array(duesRateResolutionSchema.extend({ effectiveUntil: z.string().nullable() })),
});
export type DuesRateResolutionList = z.infer<typeof duesRateResolutionListSchema>;

export type DuesCollectionView = z.infer<typeof duesCollectionSchema>;
export type DuesRemittanceView = z.infer<typeof duesRemittanceSchema>;
export type DuesMonthSheet = z.infer<typeof duesMonthSheetSchema>;
export type DuesArrears = z.infer<typeof duesArrearsSchema>;
export type MemberDues = z.infer<typeof memberDuesSchema>;
