import { z } from 'zod';
import { fundKindSchema } from './index.ts';

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

export const welfareReportSchema = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  generatedAt: z.iso.datetime({ offset: true }),
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
  /** How each figure is computed. */
  rules: z.record(z.string(), z.object({ vi: z.string(), en: z.string() })),
});
export type WelfareReport = z.infer<typeof welfareReportSchema>;
