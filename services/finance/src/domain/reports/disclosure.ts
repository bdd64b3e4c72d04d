import type { LocalizedText } from '@congdoan/contracts';
import { basisPoints } from '../ledger/budget.ts';
import {
  BUDGET_ACCOUNT,
  type BudgetCategory,
  findAccount,
  INCOME_CATEGORIES,
  SPENDING_CATEGORIES,
} from '../ledger/chart.ts';

/**
 * The annual financial disclosure (công khai tài chính) of one unit: each budget
 * category's actual for the year against the budget, with the variance and the
 * share used, and the money the unit held at the start and end of the year.
 *
 * Pure: the use case reads the ledger and the budget, this computes.
 *
 * - An income category's actual is the credits minus the debits of its account in
 *   the year's periods; a spending category's, the debits minus the credits. A
 *   correction (a reversal) therefore lowers the figure it corrects.
 * - The entry that closes income and spending into 421 when a dissolved unit's
 *   books are closed is not income or spending: the use case removes it first.
 * - Variance = actual − budget; share = actual / budget in basis points, nearest
 *   basis point, a half rounding up; null without a budget line or with a zero one.
 */

export interface AccountTurnover {
  account: string;
  debit: number;
  credit: number;
}

/** A movement of one account in one period (`YYYY-MM`). */
export interface PeriodTurnover extends AccountTurnover {
  period: string;
}

export interface MoneyBalances {
  /** 111 Tiền mặt. */
  cash: number;
  /** 112 Tiền gửi ngân hàng, kho bạc. */
  bank: number;
  total: number;
}

export interface DisclosureLine {
  category: BudgetCategory;
  account: string;
  nameVi: string;
  nameEn: string;
  /** Planned for the year; null when the budget has no line for it (or there is no budget). */
  budget: number | null;
  actual: number;
  /** actual − budget; null without a budget line. */
  variance: number | null;
  /** actual / budget in basis points (10 000 = 100%); null without a budget line or with a zero one. */
  percentBp: number | null;
  /** How the actual is computed, naming the account. */
  rule: LocalizedText;
}

export interface DisclosureTotal {
  budget: number | null;
  actual: number;
  variance: number | null;
  percentBp: number | null;
}

export interface DisclosureFigures {
  income: { lines: DisclosureLine[]; total: DisclosureTotal };
  spending: { lines: DisclosureLine[]; total: DisclosureTotal };
  /** Income minus spending, planned and actual. */
  surplus: { budget: number | null; actual: number };
  balances: { opening: MoneyBalances; closing: MoneyBalances };
}

export interface DisclosureInput {
  /** The year's turnover per account, the books-closing entry already removed. */
  turnover: readonly AccountTurnover[];
  /** Planned amount per category; null when the unit has no budget for the year. */
  budget: Partial<Record<BudgetCategory, number>> | null;
  opening: MoneyBalances;
  closing: MoneyBalances;
}

export const CASH_ACCOUNT = '111';
export const BANK_ACCOUNT = '112';

export function ruleOf(category: BudgetCategory): LocalizedText {
  const account = BUDGET_ACCOUNT[category];
  const income = (INCOME_CATEGORIES as readonly string[]).includes(category);
  return income
    ? {
        vi: `Tổng phát sinh Có trừ phát sinh Nợ của TK ${account} trong năm (bút toán đảo được trừ; không tính bút toán kết chuyển khi khóa sổ).`,
        en: `Credits minus debits of account ${account} in the year's periods (reversals deducted; the books-closing transfer excluded).`,
      }
    : {
        vi: `Tổng phát sinh Nợ trừ phát sinh Có của TK ${account} trong năm (bút toán đảo được trừ; không tính bút toán kết chuyển khi khóa sổ).`,
        en: `Debits minus credits of account ${account} in the year's periods (reversals deducted; the books-closing transfer excluded).`,
      };
}

function line(
  category: BudgetCategory,
  sign: 1 | -1,
  byAccount: Map<string, AccountTurnover>,
  budget: DisclosureInput['budget'],
): DisclosureLine {
  const account = BUDGET_ACCOUNT[category];
  const t = byAccount.get(account);
  const actual = t ? sign * (t.debit - t.credit) : 0;
  const planned = budget?.[category];
  const b = planned === undefined ? null : planned;
  const meta = findAccount(account);
  return {
    category,
    account,
    nameVi: meta?.nameVi ?? account,
    nameEn: meta?.nameEn ?? account,
    budget: b,
    actual,
    variance: b === null ? null : actual - b,
    percentBp: b === null ? null : basisPoints(actual, b),
    rule: ruleOf(category),
  };
}

function total(lines: readonly DisclosureLine[]): DisclosureTotal {
  const actual = lines.reduce((s, l) => s + l.actual, 0);
  const withBudget = lines.filter((l) => l.budget !== null);
  const budget = withBudget.length === 0 ? null : withBudget.reduce((s, l) => s + (l.budget ?? 0), 0);
  return {
    budget,
    actual,
    variance: budget === null ? null : actual - budget,
    percentBp: budget === null ? null : basisPoints(actual, budget),
  };
}

/** Sums turnover per account. */
export function sumTurnover(rows: readonly AccountTurnover[]): Map<string, AccountTurnover> {
  const out = new Map<string, AccountTurnover>();
  for (const r of rows) {
    const t = out.get(r.account) ?? { account: r.account, debit: 0, credit: 0 };
    t.debit += r.debit;
    t.credit += r.credit;
    out.set(r.account, t);
  }
  return out;
}

/** `rows` minus `removed`, per account (to take the books-closing entry out of a year's turnover). */
export function subtractTurnover(
  rows: readonly AccountTurnover[],
  removed: readonly AccountTurnover[],
): AccountTurnover[] {
  const out = sumTurnover(rows);
  for (const r of removed) {
    const t = out.get(r.account) ?? { account: r.account, debit: 0, credit: 0 };
    t.debit -= r.debit;
    t.credit -= r.credit;
    out.set(r.account, t);
  }
  return [...out.values()];
}

export function disclosureFigures(input: DisclosureInput): DisclosureFigures {
  const byAccount = sumTurnover(input.turnover);
  const income = INCOME_CATEGORIES.map((c) => line(c, -1, byAccount, input.budget));
  const spending = SPENDING_CATEGORIES.map((c) => line(c, 1, byAccount, input.budget));
  const incomeTotal = total(income);
  const spendingTotal = total(spending);
  return {
    income: { lines: income, total: incomeTotal },
    spending: { lines: spending, total: spendingTotal },
    surplus: {
      budget:
        incomeTotal.budget === null && spendingTotal.budget === null
          ? null
          : (incomeTotal.budget ?? 0) - (spendingTotal.budget ?? 0),
      actual: incomeTotal.actual - spendingTotal.actual,
    },
    balances: { opening: input.opening, closing: input.closing },
  };
}

const money = (cash: number, bank: number): MoneyBalances => ({ cash, bank, total: cash + bank });

/**
 * Cash and bank at the start and the end of `year`, rolled back from today's
 * balances (debit − credit) with the movements of every period from January of
 * the year on: opening = today − everything since 1 January; closing = today −
 * everything after December.
 */
export function moneyBalancesOfYear(
  current: Readonly<Record<string, number>>,
  sinceYearStart: readonly PeriodTurnover[],
  year: number,
): { opening: MoneyBalances; closing: MoneyBalances } {
  const first = `${year}-01`;
  const last = `${year}-12`;
  const roll = (account: string, after: (period: string) => boolean) =>
    (current[account] ?? 0) -
    sinceYearStart.filter((m) => m.account === account && after(m.period)).reduce((s, m) => s + m.debit - m.credit, 0);
  return {
    opening: money(
      roll(CASH_ACCOUNT, (p) => p >= first),
      roll(BANK_ACCOUNT, (p) => p >= first),
    ),
    closing: money(
      roll(CASH_ACCOUNT, (p) => p > last),
      roll(BANK_ACCOUNT, (p) => p > last),
    ),
  };
}

/** The turnover of the periods of `year` only. */
export function turnoverOfYear(rows: readonly PeriodTurnover[], year: number): AccountTurnover[] {
  const prefix = `${year}-`;
  return [...sumTurnover(rows.filter((r) => r.period.startsWith(prefix))).values()];
}
