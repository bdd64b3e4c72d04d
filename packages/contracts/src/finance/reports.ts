// Finance reports schemas: disclosure, dashboard, closing books.
import { z } from 'zod';
import { UNIT_LEVELS, UNIT_STATUSES } from '../membership/units.ts';
import { textSchema } from '../text.ts';

/**
 * Finance reports of one unit (docs/finance-reports.md):
 *
 * - the annual financial disclosure (công khai tài chính): income and spending by
 *   budget category against the year's budget, cash and bank at the start and end;
 * - the dashboard: a unit's month at a glance;
 * - closing the books of a dissolved unit, settling every balance to the upper level.
 *
 * Money is whole đồng. A share is integer basis points (10 000 = 100%), the nearest
 * basis point, a half rounding up; null when there is nothing to divide by.
 */

const money = () => z.number().int();
const bp = () => z.number().int().nullable();
const text = z.object({ vi: z.string(), en: z.string() });

/** A calendar year of the books. */
export const reportYearParams = z.strictObject({
  id: z.string().min(1).max(64),
  year: z.coerce.number().int().min(2000).max(2100),
});

export const reportUnitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS),
  status: z.enum(UNIT_STATUSES),
  parentId: z.string().nullable(),
});

export const disclosureLineSchema = z.object({
  category: z.string(),
  account: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  /** Planned for the year; null when the budget has no line for the category, or there is no budget. */
  budget: money().nullable(),
  actual: money(),
  /** actual − budget; null without a budget line. */
  variance: money().nullable(),
  /** actual / budget in basis points; null without a budget line or with a zero one. */
  percentBp: bp(),
  /** How the actual is computed: which account, which side. */
  rule: text,
});

export const disclosureTotalSchema = z.object({
  budget: money().nullable(),
  actual: money(),
  variance: money().nullable(),
  percentBp: bp(),
});

export const moneyBalancesSchema = z.object({ cash: money(), bank: money(), total: money() });

export const positionLineSchema = z.object({
  account: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  /** What is owed, on the account's normal side (receivable: debit − credit; payable: credit − debit). */
  amount: money(),
});

/** What a unit is owed (receivables, e.g. 1361 by the upper level) and owes (payables, e.g. 3361 to the upper level) on a day, and its fund balance (421). */
export const positionSchema = z.object({
  receivables: z.object({ lines: z.array(positionLineSchema), total: money() }),
  payables: z.object({ lines: z.array(positionLineSchema), total: money() }),
  fundBalance: money(),
});

/**
 * The year's money explained: closingMoney = openingMoney + surplus + payablesChange −
 * receivablesChange + fundBalanceChange, and `difference` (0 when the books balance) says so.
 */
export const moneyReconciliationSchema = z.object({
  openingMoney: money(),
  surplus: money(),
  /** The rise in what the unit owes over the year. */
  payablesChange: money(),
  /** The rise in what the unit is owed. */
  receivablesChange: money(),
  /** The rise in the fund balance (421), the books-closing transfer into it taken out. */
  fundBalanceChange: money(),
  closingMoney: money(),
  difference: money(),
});

export const disclosureSchema = z.object({
  unit: reportUnitSchema,
  year: z.number().int(),
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  /** Figures include postings up to this day: the year's end, or today for the current year. */
  asOf: z.iso.date(),
  generatedAt: z.iso.datetime({ offset: true }),
  /** The budget (dự toán) the actuals are compared with; null when the unit has none for the year. */
  budget: z.object({ version: z.number().int(), note: z.string().nullable(), updatedAt: z.string() }).nullable(),
  income: z.object({ lines: z.array(disclosureLineSchema), total: disclosureTotalSchema }),
  spending: z.object({ lines: z.array(disclosureLineSchema), total: disclosureTotalSchema }),
  /** Income − spending, planned and actual. */
  surplus: z.object({ budget: money().nullable(), actual: money() }),
  /** 111 and 112 on 1 January and 31 December (or today for the current year). */
  balances: z.object({ opening: moneyBalancesSchema, closing: moneyBalancesSchema }),
  /** Receivables, payables and the fund balance on 1 January and 31 December (or today). */
  position: z.object({ opening: positionSchema, closing: positionSchema }),
  /** How the money at the end follows from the money at the start. */
  moneyReconciliation: moneyReconciliationSchema,
  /** Present when the unit's books were closed in this year: what was handed to the upper level. */
  settlement: z
    .object({ date: z.iso.date(), upperUnitId: z.string(), settled: money(), postingId: z.string().nullable() })
    .nullable(),
  /** How figures are computed and rounded. */
  method: text,
});
export type Disclosure = z.infer<typeof disclosureSchema>;

export const dashboardQuery = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'tháng dạng YYYY-MM'),
});

const duesFiguresSchema = z.object({
  /** Roster × policy for the month(s). */
  expected: money(),
  collected: money(),
  /** expected − collected (negative when more was collected than expected). */
  outstanding: money(),
  /** The upper level's share of what was collected (policy dues split). */
  upperShareDue: money(),
  remitted: money(),
  /** upperShareDue − remitted. */
  remitOutstanding: money(),
  /** collected / expected in basis points. */
  collectedBp: bp(),
});

const levyFiguresSchema = z.object({
  /** The levy due on the months' payroll declarations (0 where none was filed or the agency is not liable). */
  due: money(),
  paid: money(),
  /** due − paid. */
  outstanding: money(),
  /** Penalty as of the end of the month (or today), on late and unpaid levy. */
  penalty: money(),
  /** Months of the period without a payroll declaration. */
  monthsUndeclared: z.array(z.string()),
  /** The month's penalty status; in the year-to-date figures, the worst month's. */
  status: z.enum(['on-time', 'late', 'unpaid']),
});

export const dashboardBudgetLineSchema = z.object({
  category: z.string(),
  kind: z.enum(['income', 'spending']),
  budget: money().nullable(),
  actual: money(),
  percentBp: bp(),
});

export const dashboardSchema = z.object({
  unit: reportUnitSchema,
  month: z.string(),
  /** Penalties and balances are as of this day: the end of the month, or today for the current month. */
  asOf: z.iso.date(),
  generatedAt: z.iso.datetime({ offset: true }),
  /** Dues of the unit's own members (a unit that holds members); null otherwise. */
  dues: z.object({ month: duesFiguresSchema, yearToDate: duesFiguresSchema }).nullable(),
  /** The employer levy of a CĐCS's agency; null for other levels. */
  levy: z.object({ month: levyFiguresSchema, yearToDate: levyFiguresSchema }).nullable(),
  /** Cash and bank at the end of the month (`asOf`: today in the current month). */
  balances: moneyBalancesSchema,
  /** The year's budget use, January to the month. */
  budget: z.object({
    year: z.number().int(),
    exists: z.boolean(),
    lines: z.array(dashboardBudgetLineSchema),
    income: disclosureTotalSchema,
    spending: disclosureTotalSchema,
  }),
  books: z.object({ closed: z.boolean(), closedAt: z.string().nullable() }),
  /**
   * The latest reconciliation report of the year up to the month (the month's own when it
   * was run); null when none was run.
   */
  reconciliation: z
    .object({
      month: z.string(),
      status: z.enum(['clean', 'discrepancies']),
      discrepancies: z.number().int(),
      byKind: z.record(z.string(), z.number().int()),
      generatedAt: z.string(),
    })
    .nullable(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const closeBooksBody = z.strictObject({
  /** The accounting date of the settlement: today or earlier, and not before the unit's last posting. */
  date: z.iso.date(),
  note: textSchema({ min: 1, max: 300, multiline: true }).optional(),
});
export type CloseBooksInput = z.infer<typeof closeBooksBody>;

export const closingLineSchema = z.object({
  account: z.string(),
  debit: money(),
  credit: money(),
  memo: z.string().optional(),
});

export const closingPostingSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  date: z.iso.date(),
  memo: z.string(),
  voucherNumber: z.string().nullable(),
  lines: z.array(closingLineSchema),
});

export const closingAmountsSchema = z.object({
  cash: money(),
  bank: money(),
  /** Handed to the upper level: cash + bank. */
  settled: money(),
  /** 3361 still owed up (the dues share). */
  duesOwed: money(),
  /** 1361 at the unit: what it had recorded as owed to it by the upper level, written off into 3363. */
  allocationReceivable: money(),
  /** The unit's levy share the upper level received and never allocated back: cleared from its 3362, kept. */
  levyUnallocated: money(),
  /** 421 after income and spending were closed into it. */
  fundBalance: money(),
  /** Income − spending closed into 421. */
  closedSurplus: money(),
  /** 5116 at the upper level (negative: a deficit it absorbed). */
  settlementIncome: money(),
});

export const booksClosingSchema = z.object({
  unitId: z.string(),
  upperUnitId: z.string(),
  date: z.iso.date(),
  note: z.string().nullable(),
  closedAt: z.iso.datetime({ offset: true }),
  closedBy: z.string(),
  amounts: closingAmountsSchema,
  /**
   * At the dissolved unit (kết chuyển, chuyển 3363, phiếu chi) and at the upper level (phiếu thu);
   * null where there was nothing to post (books with no balance left).
   */
  postings: z.object({ unit: closingPostingSchema.nullable(), upper: closingPostingSchema.nullable() }),
});
export type BooksClosing = z.infer<typeof booksClosingSchema>;

export const booksSchema = z.object({
  unitId: z.string(),
  state: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  /** The unit is dissolved and its books still open: someone must close them. */
  toClose: z.boolean(),
  closing: booksClosingSchema.nullable(),
});
export type Books = z.infer<typeof booksSchema>;

export const booksToCloseItemSchema = z.object({
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  parentId: z.string(),
  dissolvedAt: z.string(),
});
export const booksToCloseListSchema = z.object({ items: z.array(booksToCloseItemSchema) });
