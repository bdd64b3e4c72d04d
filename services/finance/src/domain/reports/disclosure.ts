import type { LocalizedText } from '@congdoan/contracts';
import { basisPoints } from '../ledger/budget.ts';
import {
  BUDGET_ACCOUNT,
  type BudgetCategory,
  CHART,
  findAccount,
  INCOME_CATEGORIES,
  MONEY_ACCOUNTS,
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
 * - Beside cash and bank, what the unit is owed (receivables, 1xxx but money),
 *   what it owes (payables, 3xxx) and its fund balance (421) at both ends of the
 *   year, so the money reconciles: money at the end = money at the start +
 *   surplus + the rise in payables − the rise in receivables + the rise in the
 *   fund balance (the books-closing transfer into it taken out, as it is from the
 *   surplus). Double entry makes the difference zero; it is shown all the same.
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

/** The last period a roll-back from today's balances must take in: any posting dated later still counts. */
export const LAST_PERIOD = '9999-12';

/**
 * Every account's balance (debit − credit) at the end of `month`, rolled back
 * from today's balances: today − every movement of a later period. `movements`
 * must hold every period after `month` (earlier ones are passed over).
 */
export function balancesAtEndOf(
  current: Readonly<Record<string, number>>,
  movements: readonly PeriodTurnover[],
  month: string,
): Record<string, number> {
  const out: Record<string, number> = { ...current };
  for (const m of movements) {
    if (m.period > month) out[m.account] = (out[m.account] ?? 0) - (m.debit - m.credit);
  }
  return out;
}

/**
 * Every account's balance at the start and the end of `year` (`balancesAtEndOf`
 * December before and December), from the movements of every period from
 * January of the year on.
 */
export function balancesOfYear(
  current: Readonly<Record<string, number>>,
  sinceYearStart: readonly PeriodTurnover[],
  year: number,
): { opening: Record<string, number>; closing: Record<string, number> } {
  return {
    opening: balancesAtEndOf(current, sinceYearStart, `${year - 1}-12`),
    closing: balancesAtEndOf(current, sinceYearStart, `${year}-12`),
  };
}

/** Cash and bank at the start and the end of `year` (`balancesOfYear`). */
export function moneyBalancesOfYear(
  current: Readonly<Record<string, number>>,
  sinceYearStart: readonly PeriodTurnover[],
  year: number,
): { opening: MoneyBalances; closing: MoneyBalances } {
  const { opening, closing } = balancesOfYear(current, sinceYearStart, year);
  return {
    opening: money(opening[CASH_ACCOUNT] ?? 0, opening[BANK_ACCOUNT] ?? 0),
    closing: money(closing[CASH_ACCOUNT] ?? 0, closing[BANK_ACCOUNT] ?? 0),
  };
}

export interface PositionLine {
  account: string;
  nameVi: string;
  nameEn: string;
  /** What is owed, on the account's normal side (a receivable debit − credit, a payable credit − debit). */
  amount: number;
}

/** What a unit is owed and owes on a day, and its fund balance. */
export interface Position {
  receivables: { lines: PositionLine[]; total: number };
  payables: { lines: PositionLine[]; total: number };
  /** 421, credit − debit. */
  fundBalance: number;
}

/** Assets other than money: what others owe the unit (1361, owed by the upper level; 1388, loans from its savings fund). */
const RECEIVABLE_ACCOUNTS = CHART.filter((a) => a.type === 'asset' && !MONEY_ACCOUNTS.includes(a.code));
/** Liabilities: what the unit owes (3361 up, 3362 down, 3363 on dissolution) and the welfare funds it holds (353x). */
const PAYABLE_ACCOUNTS = CHART.filter((a) => a.type === 'liability');
const FUND_ACCOUNTS = CHART.filter((a) => a.type === 'equity');

function positionOf(balances: Readonly<Record<string, number>>): Position {
  const lines = (accounts: typeof CHART, sign: 1 | -1) =>
    accounts.map((a) => ({
      account: a.code,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
      // 0 − x, not −1 × x: an account at zero owes 0, not −0.
      amount: sign === 1 ? (balances[a.code] ?? 0) : 0 - (balances[a.code] ?? 0),
    }));
  const receivables = lines(RECEIVABLE_ACCOUNTS, 1);
  const payables = lines(PAYABLE_ACCOUNTS, -1);
  const sum = (xs: readonly PositionLine[]) => xs.reduce((s, l) => s + l.amount, 0);
  return {
    receivables: { lines: receivables, total: sum(receivables) },
    payables: { lines: payables, total: sum(payables) },
    fundBalance: sum(lines(FUND_ACCOUNTS, -1)),
  };
}

/** What the unit is owed and owes, and its fund balance, at the start and the end of `year`. */
export function positionsOfYear(
  current: Readonly<Record<string, number>>,
  sinceYearStart: readonly PeriodTurnover[],
  year: number,
): { opening: Position; closing: Position } {
  const { opening, closing } = balancesOfYear(current, sinceYearStart, year);
  return { opening: positionOf(opening), closing: positionOf(closing) };
}

export interface MoneyReconciliation {
  openingMoney: number;
  surplus: number;
  /** The rise in what the unit owes (payables at the end − at the start). */
  payablesChange: number;
  /** The rise in what the unit is owed. */
  receivablesChange: number;
  /** The rise in the fund balance (421), the books-closing transfer into it taken out. */
  fundBalanceChange: number;
  closingMoney: number;
  /** closingMoney − (openingMoney + surplus + payablesChange − receivablesChange + fundBalanceChange): 0. */
  difference: number;
}

/**
 * The money at the end of the year explained from the money at the start: the
 * surplus, plus what the unit came to owe, less what it came to be owed, plus
 * what went into its fund balance otherwise than from income and spending.
 * `closingTransfer` is the books-closing posting's net on income and spending
 * accounts (debit − credit) in the year, which moved into 421: taken out of the
 * surplus already, it is taken out of the fund balance's change too.
 */
export function moneyReconciliation(input: {
  money: { opening: MoneyBalances; closing: MoneyBalances };
  surplus: number;
  positions: { opening: Position; closing: Position };
  closingTransfer: number;
}): MoneyReconciliation {
  const { money: m, surplus, positions: p } = input;
  const payablesChange = p.closing.payables.total - p.opening.payables.total;
  const receivablesChange = p.closing.receivables.total - p.opening.receivables.total;
  const fundBalanceChange = p.closing.fundBalance - p.opening.fundBalance - input.closingTransfer;
  const explained = m.opening.total + surplus + payablesChange - receivablesChange + fundBalanceChange;
  return {
    openingMoney: m.opening.total,
    surplus,
    payablesChange,
    receivablesChange,
    fundBalanceChange,
    closingMoney: m.closing.total,
    difference: m.closing.total - explained,
  };
}

/** The turnover of the periods of `year` only. */
export function turnoverOfYear(rows: readonly PeriodTurnover[], year: number): AccountTurnover[] {
  const prefix = `${year}-`;
  return [...sumTurnover(rows.filter((r) => r.period.startsWith(prefix))).values()];
}
