import { addMonths, conflict, type DomainError, type Month, monthOf, unprocessable } from '@congdoan/contracts';
import { formatDong } from '../policy/policy.ts';
import { MONEY_ACCOUNTS } from './chart.ts';
import { EARLIEST_POSTING_DAY, movementsByAccount, totalsOf } from './posting.ts';
import type { PostingInput, PostingLine } from './types.ts';

/**
 * What a unit's books as a whole allow a posting, beyond its own rules
 * (`./posting.ts`). Pure: the ledger reads the figures, these decide, and the
 * ledger's transaction holds each rule by a condition (docs/finance-ledger.md):
 *
 * - **closed books** (a dissolved unit, settled): nothing more, 409 `books-closed`;
 * - **locked months** (khóa sổ): the books are locked through a month, so no
 *   posting is dated in it or before it, 422 `period-locked`. Locks run in
 *   order: locking a month locks every month before it, reopening one reopens
 *   every month after it. So a published year whose last month is locked keeps
 *   its figures, opening balances included;
 * - **safe integers**: the books' turnover (every debit ever posted, which
 *   equals every credit) stays at most 2^53 − 1, so no balance, movement, trial
 *   balance or report total computed from them can leave JavaScript's safe
 *   integers, 422 `ledger-amount-out-of-range`;
 * - **money**: cash (111) and the bank (112) never go below zero, 422
 *   `money-balance-negative` naming the balance.
 */

/** The largest amount the books hold exactly: `Number.MAX_SAFE_INTEGER`, 9 007 199 254 740 991 đồng. */
export const MAX_BOOKS_AMOUNT = Number.MAX_SAFE_INTEGER;

/** What the ledger reads of a unit's books before a posting. */
export interface BooksFigures {
  closedAt: string | null;
  /** Every month up to this one is locked; null while none is. */
  lockedThrough: Month | null;
  /** Every debit the books ever took (= every credit). */
  turnover: number;
  /** The balances of the money accounts the posting takes money out of (absent: never posted to, 0). */
  money: Readonly<Record<string, number>>;
}

/** A month `YYYY-MM` as Vietnamese write it: `06/2025`. */
const vnMonth = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
const fmtEn = (n: number) => n.toLocaleString('en-US');

export const isLocked = (period: string, lockedThrough: string | null): boolean =>
  lockedThrough !== null && period <= lockedThrough;

/** What a posting takes out of each money account: its credits less its debits there, when positive. */
export function moneyOut(lines: readonly PostingLine[]): { account: string; amount: number }[] {
  return movementsByAccount(lines)
    .filter((m) => MONEY_ACCOUNTS.includes(m.account) && m.credit > m.debit)
    .map((m) => ({ account: m.account, amount: m.credit - m.debit }));
}

export const booksClosed = (unitId: string) =>
  conflict('books-closed', {
    vi: `Sổ sách của đơn vị "${unitId}" đã khóa: không thể ghi thêm bút toán.`,
    en: `The books of unit "${unitId}" are closed: nothing more can be posted.`,
  });

export const periodLocked = (unitId: string, period: string, lockedThrough: string) =>
  unprocessable('period-locked', {
    vi: `Tháng ${vnMonth(period)} của đơn vị "${unitId}" đã khóa sổ (khóa đến hết tháng ${vnMonth(lockedThrough)}): không ghi được bút toán, khoản thu hay bút toán đảo nào vào tháng này. Hãy ghi vào tháng đang mở, hoặc đề nghị quản trị viên mở lại tháng (kèm lý do).`,
    en: `The month ${period} of unit "${unitId}" is locked (locked through ${lockedThrough}): no posting, collection or reversal can be dated in it. Date it in an open month, or ask an admin to reopen the month (with a reason).`,
  });

export const amountOutOfRange = (turnover: number, adding: number) =>
  unprocessable('ledger-amount-out-of-range', {
    vi: `Sổ của đơn vị đã ghi tổng cộng ${formatDong(turnover)} đ; thêm ${formatDong(adding)} đ sẽ vượt ${formatDong(MAX_BOOKS_AMOUNT)} đ, số lớn nhất sổ sách giữ được chính xác. Kiểm tra lại số tiền.`,
    en: `The unit's books have taken ${fmtEn(turnover)} đồng in all; ${fmtEn(adding)} more would pass ${fmtEn(MAX_BOOKS_AMOUNT)} đồng, the largest amount the books hold exactly. Check the amounts.`,
  });

export const moneyBalanceNegative = (account: string, balance: number, out: number) =>
  unprocessable('money-balance-negative', {
    vi: `Số dư tài khoản ${account} là ${formatDong(balance)} đ; bút toán lấy ra ${formatDong(out)} đ sẽ làm số dư âm (${formatDong(balance - out)} đ). Tiền mặt và tiền gửi không được âm.`,
    en: `The balance of account ${account} is ${fmtEn(balance)} đồng; taking ${fmtEn(out)} đồng out would leave it at ${fmtEn(balance - out)} đồng. Cash and bank may not go below zero.`,
  });

/**
 * A stored figure beyond the safe integers (written before the ledger refused
 * them): read as a number it would silently lose đồng, so reading stops here.
 */
export const storedAmountOutOfRange = (unitId: string, what: string, value: string) =>
  unprocessable('ledger-amount-out-of-range', {
    vi: `Sổ của đơn vị "${unitId}" ghi ${what} là ${value} đ, vượt 2^53 − 1 (${formatDong(MAX_BOOKS_AMOUNT)} đ): không đọc chính xác được. Cần sửa dữ liệu sổ.`,
    en: `The books of unit "${unitId}" hold ${what} of ${value} đồng, beyond 2^53 − 1 (${fmtEn(MAX_BOOKS_AMOUNT)} đồng): they cannot be read exactly. The data must be corrected.`,
  });

/** Why the books refuse the posting, or null when they take it. */
export function booksRefusal(posting: PostingInput, books: BooksFigures): DomainError | null {
  if (books.closedAt !== null) return booksClosed(posting.unitId);
  const period = monthOf(posting.date);
  if (books.lockedThrough !== null && isLocked(period, books.lockedThrough)) {
    return periodLocked(posting.unitId, period, books.lockedThrough);
  }
  const adding = totalsOf(posting.lines).debit;
  if (books.turnover > MAX_BOOKS_AMOUNT - adding) return amountOutOfRange(books.turnover, adding);
  for (const { account, amount } of moneyOut(posting.lines)) {
    const balance = books.money[account] ?? 0;
    if (balance < amount) return moneyBalanceNegative(account, balance, amount);
  }
  return null;
}

/* ---------- locking and reopening months ---------- */

export interface LockState {
  closedAt: string | null;
  lockedThrough: Month | null;
}

export interface LockChange {
  previousLockedThrough: Month | null;
  lockedThrough: Month | null;
}

/**
 * Locking `month` (khóa sổ) locks it and every month before it. Only a month
 * that has ended in Vietnam may be locked (422 `period-not-ended`); one already
 * locked is 409 `period-already-locked`; closed books are 409 `books-closed`.
 */
export function planLock(unitId: string, books: LockState, month: Month, today: string): LockChange {
  if (books.closedAt !== null) throw booksClosed(unitId);
  if (month >= monthOf(today)) {
    throw unprocessable('period-not-ended', {
      vi: `Tháng ${vnMonth(month)} chưa kết thúc (hôm nay ${today}): chỉ khóa sổ tháng đã qua.`,
      en: `The month ${month} has not ended (today is ${today}): only a past month can be locked.`,
    });
  }
  if (isLocked(month, books.lockedThrough)) {
    throw conflict('period-already-locked', {
      vi: `Tháng ${vnMonth(month)} đã khóa sổ (khóa đến hết tháng ${vnMonth(books.lockedThrough!)}).`,
      en: `The month ${month} is already locked (locked through ${books.lockedThrough}).`,
    });
  }
  return { previousLockedThrough: books.lockedThrough, lockedThrough: month };
}

/**
 * Reopening `month` reopens it and every later month: the books stay locked
 * through the month before. Only a locked month may be reopened (409
 * `period-not-locked`); closed books stay closed (409 `books-closed`).
 */
export function planReopen(
  unitId: string,
  books: LockState,
  month: Month,
): LockChange & { previousLockedThrough: Month } {
  if (books.closedAt !== null) throw booksClosed(unitId);
  if (books.lockedThrough === null || !isLocked(month, books.lockedThrough)) {
    throw conflict('period-not-locked', {
      vi: `Tháng ${vnMonth(month)} không bị khóa sổ${books.lockedThrough ? ` (sổ khóa đến hết tháng ${vnMonth(books.lockedThrough)})` : ''}.`,
      en: `The month ${month} is not locked${books.lockedThrough ? ` (the books are locked through ${books.lockedThrough})` : ''}.`,
    });
  }
  const before = addMonths(month, -1);
  // Nothing is dated before the earliest day: reopening its month unlocks everything.
  return {
    previousLockedThrough: books.lockedThrough,
    lockedThrough: before < monthOf(EARLIEST_POSTING_DAY) ? null : before,
  };
}
