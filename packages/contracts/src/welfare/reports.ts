import { z } from 'zod';
import { visitOccasionSchema, visitTotalsSchema } from './care.ts';
import { supportCaseStatusSchema } from './cases.ts';
import { fundKindSchema, supportCaseTypeSchema } from './index.ts';

/** A period of a welfare report: days `from` to `to`, both included (docs/welfare.md, Reports). */
export const welfareReportQuery = z
  .strictObject({ from: z.iso.date(), to: z.iso.date() })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] });
export type WelfareReportQuery = z.infer<typeof welfareReportQuery>;

const amount = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/** Money through a fund in the period, by kind of movement, with the balance either side. */
export const fundFiguresSchema = z.object({
  /** The balance at the start of `from`. */
  opening: amount,
  /** Drive receipts and other receipts (in). */
  received: amount,
  /** Allocations from the unit's budget (in). */
  allocated: amount,
  /** Members' deposits into a women's savings fund (in). */
  deposited: amount,
  /** Repayments of a women's savings fund's loans (in). */
  repaid: amount,
  /** Disbursements: support, gifts (out). */
  disbursed: amount,
  /** Loans from a women's savings fund (out). */
  lent: amount,
  /** The balance at the end of `to`. */
  closing: amount,
  /** How many movements the period holds. */
  movements: z.number().int().nonnegative(),
});
export type FundFigures = z.infer<typeof fundFiguresSchema>;

const count = z.number().int().nonnegative();
const byStatus = z.partialRecord(supportCaseStatusSchema, count);

/** Support cases counted by type and by status (only the types and statuses the period has). */
export const caseFiguresSchema = z.object({
  opened: count,
  /** Each status's count, whatever the type. */
  byStatus,
  /** Each type's count, and its statuses', in the order of the types. */
  byType: z.array(z.object({ type: supportCaseTypeSchema, count, byStatus })),
});
export type CaseFigures = z.infer<typeof caseFiguresSchema>;

/** The average processing time of the cases paid in the period, in days to one decimal (null without any). */
export const processingSchema = z.object({
  paid: count,
  amount,
  averageDays: z.number().nonnegative().nullable(),
  shortestDays: z.number().nonnegative().nullable(),
  longestDays: z.number().nonnegative().nullable(),
});
export type Processing = z.infer<typeof processingSchema>;

/** Which unit's subtree, which period, and when: the head of the report and of the beneficiary list. */
const reportHead = {
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  generatedAt: z.iso.datetime({ offset: true }),
};

export const welfareReportSchema = z.object({
  ...reportHead,
  /** Every fund of a unit in the subtree, by unit then age, each with its figures. */
  funds: z.array(
    fundFiguresSchema.extend({
      fundId: z.string(),
      unitId: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      kind: fundKindSchema,
      name: z.string(),
      account: z.string(),
    }),
  ),
  /** The same figures added up by kind of fund (only kinds the subtree has). */
  byKind: z.array(fundFiguresSchema.extend({ kind: fundKindSchema, funds: z.number().int().positive() })),
  total: fundFiguresSchema,
  /** The women's savings funds' loans open today: not a figure of the period (loans are read as they stand). */
  loans: z.object({
    asOf: z.iso.date(),
    open: z.number().int().nonnegative(),
    outstanding: amount,
    overdue: z.number().int().nonnegative(),
    overdueOutstanding: amount,
  }),
  /** Support cases opened in the period (by the day they were opened), by type and by their status today. */
  cases: caseFiguresSchema,
  /** Support cases paid in the period (by the disbursement's day): from the first submission to the payment. */
  processing: processingSchema,
  /** The subtree's visits and gifts dated in the period, and each occasion's. */
  visits: visitTotalsSchema.extend({
    byOccasion: z.array(visitTotalsSchema.extend({ occasion: visitOccasionSchema })),
  }),
  /** The subtree's blood-donation drives held in the period, their donors and units of blood. */
  bloodDrives: z.object({
    drives: z.number().int().nonnegative(),
    donors: z.number().int().nonnegative(),
    units: z.number().int().nonnegative(),
  }),
  /** How each figure is computed. */
  rules: z.record(z.string(), z.object({ vi: z.string(), en: z.string() })),
});
export type WelfareReport = z.infer<typeof welfareReportSchema>;

/**
 * Who received money in the period (docs/welfare.md, "The beneficiary list"): each support case
 * paid and each gift of money, masked for a caller who may not see who and why.
 */
export const beneficiaryRowSchema = z.object({
  kind: z.enum(['support-case', 'gift']),
  /** The case or the visit. */
  id: z.string(),
  /** The member's id: null when masked. */
  memberId: z.string().nullable(),
  /** The member's full name, or masked their initials (e.g. "N.T.H."); null for a member the directory lacks. */
  member: z.string().nullable(),
  /** The member's card number, or masked its last three digits ("•••123"); null without one. */
  cardNumber: z.string().nullable(),
  /** The member's CĐCS (a case's), or the unit that gave the gift. */
  unitId: z.string(),
  /** A support case's type, or a gift's occasion. */
  type: supportCaseTypeSchema.nullable(),
  occasion: visitOccasionSchema.nullable(),
  amount,
  date: z.iso.date(),
  fundId: z.string(),
  fundName: z.string().nullable(),
  /** The case's summary or the gift's memo: null when masked. */
  reason: z.string().nullable(),
});
export type BeneficiaryRow = z.infer<typeof beneficiaryRowSchema>;

export const beneficiaryListSchema = z.object({
  ...reportHead,
  /** Whether names, ids and reasons are masked for this caller. */
  masked: z.boolean(),
  /** By day, then cases before gifts. */
  items: z.array(beneficiaryRowSchema),
  total: z.object({ members: count, payments: count, amount }),
});
export type BeneficiaryList = z.infer<typeof beneficiaryListSchema>;
