/**
 * The chart of accounts of a trade-union unit's books (hệ thống tài khoản kế
 * toán công đoàn), reduced to what the product posts. Every unit keeps the same
 * chart; codes follow the union accounting regime's numbering (1xx assets,
 * 3xx payables, 4xx fund balance, 5xx income, 6xx spending), with the income
 * and spending accounts split into the categories a union budget (dự toán) is
 * drawn up in. Documented in `docs/finance-ledger.md`.
 *
 * A balance is always stored as debit minus credit; an account's `normal`
 * side says which sign is its usual one (an asset or an expense is normally
 * positive, a liability, the fund balance or an income normally negative).
 *
 * The welfare funds (353x) and the savings fund's loans (1388) are money a unit
 * holds for a purpose, outside its budget: a fund receives drive receipts (Dr
 * 111/112), allocations from the unit's budget (Dr 6112) and members' deposits,
 * and pays grants and loans out. They are typed `liability` (the regime's class 3,
 * "quỹ đặc thù": held for their purpose, normally in credit), so the disclosure
 * lists them among what the unit owes. Their codes are the product's, not
 * confirmed in the union regime (docs/finance-ledger.md, "Fund accounts").
 */

import { LEDGER_BUDGET_CATEGORIES, LEDGER_INCOME_CATEGORIES, LEDGER_SPENDING_CATEGORIES } from '@congdoan/contracts';

export type AccountType = 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';
export type NormalSide = 'debit' | 'credit';

/** Budget categories (the lines of a dự toán), as the API names them. */
export const INCOME_CATEGORIES = LEDGER_INCOME_CATEGORIES;
export const SPENDING_CATEGORIES = LEDGER_SPENDING_CATEGORIES;
export const BUDGET_CATEGORIES = LEDGER_BUDGET_CATEGORIES;

export type IncomeCategory = (typeof INCOME_CATEGORIES)[number];
export type SpendingCategory = (typeof SPENDING_CATEGORIES)[number];
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export interface Account {
  code: string;
  /** The name in the union's accounting regime. */
  nameVi: string;
  nameEn: string;
  type: AccountType;
  normal: NormalSide;
  /** The budget line the account's movements count against; income and spending accounts only. */
  budgetCategory: BudgetCategory | null;
}

/** The account codes, by the name code uses for them. Other areas post to these. */
export const ACCOUNT = {
  /** 111 Tiền mặt. */
  cash: '111',
  /** 112 Tiền gửi ngân hàng, kho bạc. */
  bank: '112',
  /** 1361 Phải thu cấp trên – KPCĐ được phân phối: the CĐCS's share of the levy the upper level owes back. */
  allocationReceivable: '1361',
  /** 1388 Phải thu khác – cho vay từ quỹ tiết kiệm: interest-free loans the women's savings fund made to members, not yet repaid. */
  savingsFundLoans: '1388',
  /** 3361 Phải nộp cấp trên – đoàn phí: the upper level's share of dues collected. */
  duesPayableUp: '3361',
  /** 3362 Phải trả cấp dưới – KPCĐ phân phối: at the upper level, the CĐCS's share of levy received. */
  allocationPayableDown: '3362',
  /** 3363 Phải nộp cấp trên – quyết toán khi giải thể: what a dissolved unit hands up when it closes its books. */
  settlementPayableUp: '3363',
  /** 3531 Quỹ "Mái ấm Công đoàn": the housing-support fund (drive receipts, budget allocations in; grants out). */
  housingFund: '3531',
  /** 3532 Quỹ xã hội, hỗ trợ đoàn viên khó khăn: the social or hardship fund. */
  hardshipFund: '3532',
  /** 3533 Quỹ thăm hỏi: the visits fund. */
  visitsFund: '3533',
  /** 3534 Quỹ chăm lo Tết: the Tết fund. */
  tetFund: '3534',
  /** 3535 Quỹ tiết kiệm phụ nữ: members' deposits in the women's savings fund (lent out through 1388). */
  savingsFund: '3535',
  /** 421 Chênh lệch thu chi lũy kế: accumulated surplus, the unit's fund balance. */
  fundBalance: '421',
  /** 5111 Thu đoàn phí: dues, the CĐCS's share. */
  duesIncome: '5111',
  /** 5112 Thu kinh phí công đoàn: the levy, at the level that receives it. */
  levyIncome: '5112',
  /** 5113 Thu kinh phí cấp trên phân phối: levy allocated by the upper level. */
  allocationIncome: '5113',
  /** 5114 Thu đoàn phí cấp dưới nộp lên: the dues share remitted by CĐCS. */
  duesFromLowerIncome: '5114',
  /** 5115 Thu tiền phạt chậm nộp KPCĐ: late-levy penalties. */
  penaltyIncome: '5115',
  /** 5116 Thu quyết toán từ cấp dưới giải thể: balances settled by a dissolved lower unit. */
  settlementIncome: '5116',
  /** 5118 Thu khác. */
  otherIncome: '5118',
  /** 6111 Chi hoạt động phong trào. */
  activities: '6111',
  /** 6112 Chi chăm lo, hỗ trợ đoàn viên. */
  welfare: '6112',
  /** 6113 Chi khen thưởng. */
  awards: '6113',
  /** 6114 Chi quản lý hành chính. */
  administration: '6114',
  /** 6115 Chi phụ cấp cán bộ công đoàn. */
  allowances: '6115',
  /** 6118 Chi khác. */
  otherSpending: '6118',
} as const;

export type AccountCode = (typeof ACCOUNT)[keyof typeof ACCOUNT];

const account = (
  code: AccountCode,
  nameVi: string,
  nameEn: string,
  type: AccountType,
  budgetCategory: BudgetCategory | null = null,
): Account => ({
  code,
  nameVi,
  nameEn,
  type,
  normal: type === 'asset' || type === 'expense' ? 'debit' : 'credit',
  budgetCategory,
});

/** Every account, in code order. */
export const CHART: readonly Account[] = [
  account(ACCOUNT.cash, 'Tiền mặt', 'Cash on hand', 'asset'),
  account(ACCOUNT.bank, 'Tiền gửi ngân hàng, kho bạc', 'Bank and treasury deposits', 'asset'),
  account(
    ACCOUNT.allocationReceivable,
    'Phải thu cấp trên – KPCĐ được phân phối',
    'Receivable from the upper level – levy allocation',
    'asset',
  ),
  account(
    ACCOUNT.savingsFundLoans,
    'Phải thu khác – cho vay từ quỹ tiết kiệm',
    'Loans from the savings fund, receivable',
    'asset',
  ),
  account(
    ACCOUNT.duesPayableUp,
    'Phải nộp cấp trên – đoàn phí',
    'Payable to the upper level – dues share',
    'liability',
  ),
  account(
    ACCOUNT.allocationPayableDown,
    'Phải trả cấp dưới – KPCĐ phân phối',
    'Payable to lower levels – levy allocation',
    'liability',
  ),
  account(
    ACCOUNT.settlementPayableUp,
    'Phải nộp cấp trên – quyết toán khi giải thể',
    'Payable to the upper level – settlement on dissolution',
    'liability',
  ),
  account(
    ACCOUNT.housingFund,
    'Quỹ "Mái ấm Công đoàn"',
    'Union housing-support fund ("Mái ấm Công đoàn")',
    'liability',
  ),
  account(ACCOUNT.hardshipFund, 'Quỹ xã hội, hỗ trợ đoàn viên khó khăn', 'Social and hardship fund', 'liability'),
  account(ACCOUNT.visitsFund, 'Quỹ thăm hỏi', 'Visits fund', 'liability'),
  account(ACCOUNT.tetFund, 'Quỹ chăm lo Tết', 'Tết fund', 'liability'),
  account(
    ACCOUNT.savingsFund,
    'Quỹ tiết kiệm phụ nữ – tiền gửi của đoàn viên',
    "Women's savings fund – members' deposits",
    'liability',
  ),
  account(ACCOUNT.fundBalance, 'Chênh lệch thu chi lũy kế', 'Accumulated surplus (fund balance)', 'equity'),
  account(ACCOUNT.duesIncome, 'Thu đoàn phí', 'Dues income (CĐCS share)', 'revenue', 'dues'),
  account(ACCOUNT.levyIncome, 'Thu kinh phí công đoàn', 'Union levy income', 'revenue', 'levy'),
  account(
    ACCOUNT.allocationIncome,
    'Thu kinh phí cấp trên phân phối',
    'Levy allocated by the upper level',
    'revenue',
    'allocations',
  ),
  account(
    ACCOUNT.duesFromLowerIncome,
    'Thu đoàn phí cấp dưới nộp lên',
    'Dues share remitted by lower units',
    'revenue',
    'dues-from-lower',
  ),
  account(ACCOUNT.penaltyIncome, 'Thu tiền phạt chậm nộp KPCĐ', 'Late-levy penalty income', 'revenue', 'penalties'),
  account(
    ACCOUNT.settlementIncome,
    'Thu quyết toán từ cấp dưới giải thể',
    'Settlement received from a dissolved lower unit',
    'revenue',
    'settlements',
  ),
  account(ACCOUNT.otherIncome, 'Thu khác', 'Other income', 'revenue', 'other-income'),
  account(ACCOUNT.activities, 'Chi hoạt động phong trào', 'Movement activities', 'expense', 'activities'),
  account(ACCOUNT.welfare, 'Chi chăm lo, hỗ trợ đoàn viên', 'Member welfare and support', 'expense', 'welfare'),
  account(ACCOUNT.awards, 'Chi khen thưởng', 'Awards', 'expense', 'awards'),
  account(ACCOUNT.administration, 'Chi quản lý hành chính', 'Administration', 'expense', 'administration'),
  account(ACCOUNT.allowances, 'Chi phụ cấp cán bộ công đoàn', 'Union officer allowances', 'expense', 'allowances'),
  account(ACCOUNT.otherSpending, 'Chi khác', 'Other spending', 'expense', 'other-spending'),
];

const BY_CODE = new Map(CHART.map((a) => [a.code, a]));

export const findAccount = (code: string): Account | undefined => BY_CODE.get(code);
export const isKnownAccount = (code: string): boolean => BY_CODE.has(code);

/** Budget category → the account whose movements are its actuals (one account per category). */
export const BUDGET_ACCOUNT: Readonly<Record<BudgetCategory, AccountCode>> = {
  dues: ACCOUNT.duesIncome,
  levy: ACCOUNT.levyIncome,
  allocations: ACCOUNT.allocationIncome,
  'dues-from-lower': ACCOUNT.duesFromLowerIncome,
  penalties: ACCOUNT.penaltyIncome,
  settlements: ACCOUNT.settlementIncome,
  'other-income': ACCOUNT.otherIncome,
  activities: ACCOUNT.activities,
  welfare: ACCOUNT.welfare,
  awards: ACCOUNT.awards,
  administration: ACCOUNT.administration,
  allowances: ACCOUNT.allowances,
  'other-spending': ACCOUNT.otherSpending,
};

export const isIncomeCategory = (c: BudgetCategory): c is IncomeCategory =>
  (INCOME_CATEGORIES as readonly string[]).includes(c);

/** Accounts a receipt (phiếu thu) brings money into, and a payment (phiếu chi) takes it out of. */
export const MONEY_ACCOUNTS: readonly string[] = [ACCOUNT.cash, ACCOUNT.bank];
