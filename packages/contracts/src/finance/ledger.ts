import { z } from 'zod';
import { textSchema } from '../text.ts';

/**
 * Finance ledger schemas: the chart of accounts, postings, vouchers and budgets.
 * Structure is checked here (400); the accounting rules (balanced, known
 * accounts, one positive side per line) are checked by the ledger (422), so
 * the same rules answer an accountant and another service alike.
 */

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
export const VOUCHER_KINDS = ['receipt', 'payment'] as const;
export const LEDGER_INCOME_CATEGORIES = [
  'dues',
  'levy',
  'allocations',
  'dues-from-lower',
  'penalties',
  'settlements',
  'other-income',
] as const;
export const LEDGER_SPENDING_CATEGORIES = [
  'activities',
  'welfare',
  'awards',
  'administration',
  'allowances',
  'other-spending',
] as const;
export const LEDGER_BUDGET_CATEGORIES = [...LEDGER_INCOME_CATEGORIES, ...LEDGER_SPENDING_CATEGORIES] as const;

const day = z.iso.date();
const money = z.number().int();
/**
 * A posting line's amount: whole đồng, at most 10^13 (10 nghìn tỷ). Forty such
 * lines stay far inside JavaScript's safe integers, and the ledger refuses any
 * posting that would take a unit's books past them (docs/finance-ledger.md, "Limits").
 */
export const MAX_POSTING_LINE_AMOUNT = 10_000_000_000_000;
const lineAmount = money.min(0).max(MAX_POSTING_LINE_AMOUNT);
const accountCode = z.string().regex(/^\d{3,5}$/, 'an account code of the chart, e.g. 111');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');

export const ledgerAccountSchema = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  type: z.enum(ACCOUNT_TYPES),
  normal: z.enum(['debit', 'credit']),
  budgetCategory: z.enum(LEDGER_BUDGET_CATEGORIES).nullable(),
});

export const chartOfAccountsSchema = z.object({
  accounts: z.array(ledgerAccountSchema),
  budgetCategories: z.array(
    z.object({
      category: z.enum(LEDGER_BUDGET_CATEGORIES),
      direction: z.enum(['income', 'spending']),
      account: z.string(),
    }),
  ),
});

export const postingLineSchema = z.object({
  account: accountCode,
  debit: lineAmount.describe('Whole đồng, at most 10^13; exactly one of debit and credit is positive'),
  credit: lineAmount,
  memo: textSchema({ max: 500, multiline: true }).optional(),
});

export const postingSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  date: day,
  period: z.string(),
  memo: z.string(),
  lines: z.array(postingLineSchema),
  voucher: z.enum(VOUCHER_KINDS).optional(),
  voucherNumber: z.string().nullable().describe('PT-2025-000001 (receipt) or PC-2025-000001 (payment)'),
  source: z.object({ service: z.string(), kind: z.string(), id: z.string() }),
  reverses: z.string().optional().describe('The posting this one reverses'),
  reversedBy: z.string().nullable().optional().describe('The reversal of this posting, once reversed'),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const postingPage = z.object({ items: z.array(postingSchema), nextCursor: z.string().nullable() });

export const unitPostingParams = z.strictObject({
  id: z.string().min(1).max(64),
  postingId: z.string().min(1).max(220),
});

export const postingsQuery = z
  .strictObject({
    period: month.optional(),
    from: day.optional(),
    to: day.optional(),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .refine((q) => !(q.period && (q.from || q.to)), {
    message: 'give period, or from and to, not both',
    path: ['period'],
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), { message: 'from is after to', path: ['from'] });

export const createPostingBody = z.strictObject({
  date: day.describe('The accounting date'),
  memo: textSchema({ min: 1, max: 500, multiline: true }),
  voucher: z.enum(VOUCHER_KINDS).optional().describe('Issue the next receipt or payment voucher number'),
  lines: z.array(postingLineSchema).min(1).max(40),
});

export const reversePostingBody = z.strictObject({
  date: day.describe('The accounting date of the reversal, not before the original’s'),
  memo: textSchema({ min: 1, max: 500, multiline: true }).optional(),
});

export const accountBalanceSchema = ledgerAccountSchema.extend({
  debit: money.describe('Debit turnover'),
  credit: money.describe('Credit turnover'),
  balance: money.describe('Debit minus credit'),
});

export const trialBalanceSchema = z.object({
  debit: money.describe('Sum of the debit balances'),
  credit: money.describe('Sum of the credit balances'),
  turnoverDebit: money,
  turnoverCredit: money,
  balanced: z.boolean(),
});

export const booksStateSchema = z.object({
  closed: z.boolean(),
  closedAt: z.string().nullable(),
  /** Every month up to this one is locked (khóa sổ); null while none is. */
  lockedThrough: month.nullable(),
});

export const ledgerBalancesSchema = z.object({
  unitId: z.string(),
  accounts: z.array(accountBalanceSchema),
  trialBalance: trialBalanceSchema,
  books: booksStateSchema,
});

/* ---------- accounting periods (khóa sổ) ---------- */

export const periodParams = z.strictObject({ id: z.string().min(1).max(64), month });

export const periodsQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export const lockPeriodBody = z.strictObject({
  note: textSchema({ min: 1, max: 500, multiline: true })
    .optional()
    .describe('e.g. the minutes or decision the month was closed by'),
});

export const reopenPeriodBody = z.strictObject({
  reason: textSchema({ min: 5, max: 500, multiline: true }).describe(
    'Why the month is opened again (kept in the audit)',
  ),
});

export const PERIOD_ACTIONS = ['lock', 'reopen'] as const;

export const periodChangeSchema = z.object({
  /** The month the action named. */
  month,
  action: z.enum(PERIOD_ACTIONS),
  /** Locked through before and after the action. */
  previousLockedThrough: month.nullable(),
  lockedThrough: month.nullable(),
  /** A lock's note. */
  note: z.string().nullable(),
  /** A reopening's reason. */
  reason: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
  by: z.string(),
});

export const periodsSchema = z.object({
  unitId: z.string(),
  year: z.number().int(),
  /** Every month up to this one is locked; null while none is. */
  lockedThrough: month.nullable(),
  books: booksStateSchema,
  months: z.array(z.object({ month, state: z.enum(['locked', 'open']) })),
  /** Locks and reopenings of the year's months, oldest first. */
  history: z.array(periodChangeSchema),
});
export type PeriodsView = z.infer<typeof periodsSchema>;
export type PeriodChangeView = z.infer<typeof periodChangeSchema>;

export const vouchersQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  kind: z.enum(VOUCHER_KINDS),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(2048).optional(),
});

export const voucherSchema = z.object({
  number: z.string(),
  kind: z.enum(VOUCHER_KINDS),
  year: z.number().int(),
  n: z.number().int(),
  postingId: z.string(),
  date: day,
  memo: z.string(),
  amount: money,
  reversedBy: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const voucherPage = z.object({ items: z.array(voucherSchema), nextCursor: z.string().nullable() });

export const budgetParams = z.strictObject({
  id: z.string().min(1).max(64),
  year: z.coerce.number().int().min(2000).max(2100),
});

const budgetAmounts = z
  .strictObject(
    Object.fromEntries(LEDGER_BUDGET_CATEGORIES.map((c) => [c, money.min(0).max(1e15).optional()])) as Record<
      (typeof LEDGER_BUDGET_CATEGORIES)[number],
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .describe('Planned amount per category in whole đồng; a category left out is planned at 0');

export const putBudgetBody = z.strictObject({
  amounts: budgetAmounts,
  note: textSchema({ max: 1000, multiline: true }).optional(),
});

export const budgetLineSchema = z.object({
  category: z.enum(LEDGER_BUDGET_CATEGORIES),
  direction: z.enum(['income', 'spending']),
  account: z.string(),
  planned: money,
  actual: money.describe('Income: credits minus debits of the year; spending: debits minus credits'),
  variance: money.describe('actual − planned'),
  usedBasisPoints: z
    .number()
    .int()
    .nullable()
    .describe('actual / planned in basis points (10000 = 100%), nearest, half up; null when nothing is planned'),
});

export const budgetSchema = z.object({
  unitId: z.string(),
  year: z.number().int(),
  version: z.number().int().min(0).describe('0 while no budget has been set'),
  note: z.string().nullable(),
  lines: z.array(budgetLineSchema),
  totals: z.object({
    income: z.object({ planned: money, actual: money, variance: money }),
    spending: z.object({ planned: money, actual: money, variance: money }),
  }),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export type LedgerAccountView = z.infer<typeof ledgerAccountSchema>;
export type PostingView = z.infer<typeof postingSchema>;
export type BudgetView = z.infer<typeof budgetSchema>;
export type BudgetLineView = z.infer<typeof budgetLineSchema>;
