import { conflict } from '@congdoan/contracts';
import { ACCOUNT, findAccount } from '../ledger/chart.ts';
import type { PostingLine } from '../ledger/types.ts';

/**
 * Closing the books of a dissolved CĐCS (khóa sổ, quyết toán khi giải thể): every
 * remaining balance is settled to the upper level. Pure: from the unit's balances
 * (debit − credit per account) it plans four postings. Documented with examples in
 * `docs/finance-reports.md`.
 *
 * At the dissolved unit:
 *  1. `close`   kết chuyển: every income (5xxx) and spending (6xxx) account into 421;
 *  2. `transfer` every other balance but the money (111, 112) into 3363, so 3363 holds
 *     exactly what the unit owes up: the dues share still owed (3361), the fund
 *     balance (421), less what the upper level still owed it (1361);
 *  3. `pay`     phiếu chi: Dr 3363 / Cr 111, Cr 112: the money goes up.
 * At the upper level:
 *  4. `receive` phiếu thu: Dr 112 by the money received; Dr 3362 by the unit's share of
 *     levy the upper level received and never allocated back (the levy area's figures:
 *     the allocation due less the allocated, over every month), which it now keeps;
 *     Cr 5114 by the dues share the unit still owed; and 5116 (settlement received) by
 *     the rest. A deficit makes that last line a debit.
 *
 * What the unit itself recorded as owed to it by the upper level (1361) is written
 * off into 3363 at the unit: the upper level's own figure decides what it cancels.
 * A negative balance flips its line's side. Afterwards every account of the unit is
 * zero, and the upper level's 112 rose by exactly what the unit's 111 and 112 held.
 */

export interface ClosingPlan {
  close: PostingLine[];
  transfer: PostingLine[];
  pay: PostingLine[];
  receive: PostingLine[];
  amounts: ClosingAmounts;
}

export interface ClosingAmounts {
  /** 111 and 112 at the unit before closing: what is handed up. */
  cash: number;
  bank: number;
  /** Handed up: cash + bank. */
  settled: number;
  /** 3361: the dues share the unit still owed up. */
  duesOwed: number;
  /** 1361 at the unit: what it had recorded as owed to it by the upper level, written off into 3363. */
  allocationReceivable: number;
  /** At the upper level: the unit's levy share received and never allocated back, cleared from 3362. */
  levyUnallocated: number;
  /** 421 after the income and spending of the unit were closed into it. */
  fundBalance: number;
  /** Income and spending closed into 421 (income − spending over the unit's life since the last close). */
  closedSurplus: number;
  /** Credited to 5116 at the upper level (negative: debited, a deficit the upper level absorbs). */
  settlementIncome: number;
}

/** Line memos, so each group of the closing posting reads as its step. */
export const MEMO = {
  close: 'Kết chuyển thu, chi vào TK 421',
  transfer: 'Chuyển số dư sang TK 3363 (quyết toán khi giải thể)',
  pay: 'Nộp số dư tiền lên cấp trên',
  received: 'Tiền nhận quyết toán của cấp dưới giải thể',
  allocation: 'KPCĐ phần cấp dưới chưa phân phối, cấp trên giữ lại khi cấp dưới giải thể',
  dues: 'Đoàn phí cấp dưới còn phải nộp',
  settlement: 'Thu quyết toán từ cấp dưới giải thể',
} as const;

const MONEY = new Set<string>([ACCOUNT.cash, ACCOUNT.bank]);

const isResult = (account: string) => {
  const type = findAccount(account)?.type;
  return type === 'revenue' || type === 'expense';
};

/** The line that brings an account of balance `balance` (debit − credit) to zero. */
const zeroing = (account: string, balance: number, memo?: string): PostingLine => ({
  account,
  debit: balance < 0 ? -balance : 0,
  credit: Math.max(balance, 0),
  ...(memo ? { memo } : {}),
});

/** The line that puts `amount` on the debit side (negative: on the credit side). */
const debitOf = (account: string, amount: number, memo?: string): PostingLine => ({
  account,
  debit: Math.max(amount, 0),
  credit: amount < 0 ? -amount : 0,
  ...(memo ? { memo } : {}),
});

const nonZero = (lines: PostingLine[]) => lines.filter((l) => l.debit > 0 || l.credit > 0);

/**
 * The plan for `balances`. Refuses (409) books that do not balance: the ledger
 * keeps them balanced, so this only fires on corrupt data.
 */
export function planClosing(
  balances: Readonly<Record<string, number>>,
  upper: { levyUnallocated: number } = { levyUnallocated: 0 },
): ClosingPlan {
  const entries = Object.entries(balances).filter(([, v]) => v !== 0);
  const sum = entries.reduce((s, [, v]) => s + v, 0);
  if (sum !== 0) {
    throw conflict('books-unbalanced', {
      vi: `Sổ của đơn vị không cân (chênh lệch Nợ − Có ${sum} đồng); không thể khóa sổ.`,
      en: `The unit's books do not balance (debits − credits = ${sum} đồng); they cannot be closed.`,
    });
  }

  // 1. Income and spending into 421.
  const results = entries.filter(([a]) => isResult(a));
  const closedSurplus = -results.reduce((s, [, v]) => s + v, 0);
  const close = nonZero([
    ...results.map(([a, v]) => zeroing(a, v, MEMO.close)),
    // The results' net (credit when a surplus) lands on 421.
    debitOf(ACCOUNT.fundBalance, -closedSurplus, MEMO.close),
  ]);
  const after: Record<string, number> = Object.fromEntries(entries.filter(([a]) => !isResult(a)));
  after[ACCOUNT.fundBalance] = (after[ACCOUNT.fundBalance] ?? 0) - closedSurplus;

  // 2. Every other balance but the money and 3363 into 3363.
  const others = Object.entries(after).filter(
    ([a, v]) => v !== 0 && !MONEY.has(a) && a !== ACCOUNT.settlementPayableUp,
  );
  const othersNet = others.reduce((s, [, v]) => s + v, 0);
  const transfer = nonZero([
    ...others.map(([a, v]) => zeroing(a, v, MEMO.transfer)),
    debitOf(ACCOUNT.settlementPayableUp, othersNet, MEMO.transfer),
  ]);

  // 3. The money goes up, clearing 3363.
  const cash = after[ACCOUNT.cash] ?? 0;
  const bank = after[ACCOUNT.bank] ?? 0;
  const settled = cash + bank;
  const pay = nonZero([
    debitOf(ACCOUNT.settlementPayableUp, settled, MEMO.pay),
    zeroing(ACCOUNT.cash, cash, MEMO.pay),
    zeroing(ACCOUNT.bank, bank, MEMO.pay),
  ]);

  // 4. The upper level receives it.
  const duesOwed = -(after[ACCOUNT.duesPayableUp] ?? 0);
  const allocationReceivable = after[ACCOUNT.allocationReceivable] ?? 0;
  const { levyUnallocated } = upper;
  const settlementIncome = settled + levyUnallocated - duesOwed;
  const receive = nonZero([
    debitOf(ACCOUNT.bank, settled, MEMO.received),
    debitOf(ACCOUNT.allocationPayableDown, levyUnallocated, MEMO.allocation),
    debitOf(ACCOUNT.duesFromLowerIncome, -duesOwed, MEMO.dues),
    debitOf(ACCOUNT.settlementIncome, -settlementIncome, MEMO.settlement),
  ]);

  return {
    close,
    transfer,
    pay,
    receive,
    amounts: {
      cash,
      bank,
      settled,
      duesOwed,
      allocationReceivable,
      levyUnallocated,
      fundBalance: -(after[ACCOUNT.fundBalance] ?? 0),
      closedSurplus,
      settlementIncome,
    },
  };
}

/** The balances after applying `postings` to `balances` (debit − credit per account). */
export function applyLines(
  balances: Readonly<Record<string, number>>,
  ...postings: readonly (readonly PostingLine[])[]
): Record<string, number> {
  const out: Record<string, number> = { ...balances };
  for (const lines of postings) {
    for (const l of lines) out[l.account] = (out[l.account] ?? 0) + l.debit - l.credit;
  }
  return out;
}
