import { type LocalizedText, MAX_POSTING_LINE_AMOUNT, unprocessable } from '@congdoan/contracts';
import { isKnownAccount, MONEY_ACCOUNTS } from './chart.ts';
import type { Posting, PostingInput, PostingLine } from './types.ts';

/**
 * The rules every posting obeys, whoever makes it (a use case of this service,
 * an accountant by hand, or another service through `LedgerPostingRequested`):
 *
 * - at least two lines, at most `MAX_LINES`;
 * - each line has exactly one positive side, in whole đồng, on an account of the chart;
 * - total debits equal total credits;
 * - a receipt voucher (phiếu thu) debits cash (111) or the bank (112), a payment
 *   voucher (phiếu chi) credits one of them;
 * - the date is a real calendar day, not after today in Vietnam and not before
 *   `EARLIEST_POSTING_DAY`; the memo is not empty.
 *
 * What the books as a whole allow (a month locked, cash below zero, totals past
 * the safe integers) is in `./books.ts`, checked by the ledger when it prepares
 * the posting and held by the conditions of its transaction.
 *
 * Postings are never changed: a correction is a reversal, the same lines with
 * their sides swapped, posted under an id derived from the original's.
 */

export const MAX_LINES = 40;
/** A line's amount is at most 10^13 đồng (10 nghìn tỷ), as the schema says; see `./books.ts` for the books' totals. */
export const MAX_LINE_AMOUNT = MAX_POSTING_LINE_AMOUNT;
/**
 * The earliest accounting date the books take: the day Luật Công đoàn 2012
 * came into force, the first day any rule of the policy covers. A posting dated
 * before it is a typing mistake (2012 for 2021), not history.
 */
export const EARLIEST_POSTING_DAY = '2013-01-01';
export const MAX_MEMO = 500;
export const MAX_POSTING_ID = 200;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Every problem of a posting, in Vietnamese and English; empty when it may be
 * posted. `today` is the day in Vietnam (`dayInVietnam(now)`): nothing is
 * posted after it.
 */
export function postingProblems(input: PostingInput, today: string): LocalizedText[] {
  const problems: LocalizedText[] = [];
  const add = (vi: string, en: string) => problems.push({ vi, en });

  if (typeof input.id !== 'string' || input.id.length === 0 || input.id.length > MAX_POSTING_ID) {
    add(
      `Mã bút toán phải có từ 1 đến ${MAX_POSTING_ID} ký tự.`,
      `The posting id must have 1 to ${MAX_POSTING_ID} characters.`,
    );
  } else if (/[\s#]/.test(input.id)) {
    add('Mã bút toán không được chứa khoảng trắng hay ký tự "#".', 'The posting id may not contain spaces or "#".');
  }
  if (typeof input.unitId !== 'string' || input.unitId.length === 0) add('Thiếu đơn vị.', 'The unit is missing.');
  if (typeof input.date !== 'string' || !isCalendarDay(input.date)) {
    add(
      `Ngày hạch toán "${String(input.date)}" không phải ngày hợp lệ (YYYY-MM-DD).`,
      `The accounting date "${String(input.date)}" is not a valid day (YYYY-MM-DD).`,
    );
  } else if (input.date > today) {
    add(
      `Ngày hạch toán ${input.date} ở sau hôm nay (${today}, giờ Việt Nam).`,
      `The accounting date ${input.date} is after today (${today}, Vietnam).`,
    );
  } else if (input.date < EARLIEST_POSTING_DAY) {
    add(
      `Ngày hạch toán ${input.date} ở trước ngày sớm nhất sổ sách nhận (${EARLIEST_POSTING_DAY}).`,
      `The accounting date ${input.date} is before the earliest day the books take (${EARLIEST_POSTING_DAY}).`,
    );
  }
  if (typeof input.memo !== 'string' || input.memo.trim().length === 0 || input.memo.length > MAX_MEMO) {
    add(`Diễn giải phải có từ 1 đến ${MAX_MEMO} ký tự.`, `The memo must have 1 to ${MAX_MEMO} characters.`);
  }

  const lines: PostingLine[] = Array.isArray(input.lines) ? input.lines : [];
  if (lines.length < 2) {
    add(
      'Bút toán phải có ít nhất hai dòng (một Nợ, một Có).',
      'A posting needs at least two lines (a debit and a credit).',
    );
  }
  if (lines.length > MAX_LINES) {
    add(`Bút toán có tối đa ${MAX_LINES} dòng.`, `A posting has at most ${MAX_LINES} lines.`);
  }

  let debit = 0;
  let credit = 0;
  lines.forEach((line, i) => {
    const n = i + 1;
    if (!isKnownAccount(line.account)) {
      add(
        `Dòng ${n}: tài khoản "${String(line.account)}" không có trong hệ thống tài khoản.`,
        `Line ${n}: account "${String(line.account)}" is not in the chart of accounts.`,
      );
    }
    const sides = [line.debit, line.credit];
    if (!sides.every((v) => Number.isSafeInteger(v) && v >= 0 && v <= MAX_LINE_AMOUNT)) {
      add(
        `Dòng ${n}: số tiền Nợ và Có phải là số nguyên đồng, từ 0 đến ${fmt(MAX_LINE_AMOUNT)}.`,
        `Line ${n}: debit and credit must be whole đồng, from 0 to ${fmt(MAX_LINE_AMOUNT)}.`,
      );
      return;
    }
    if (line.debit > 0 === line.credit > 0) {
      add(
        `Dòng ${n}: phải có đúng một bên dương, hoặc Nợ hoặc Có.`,
        `Line ${n}: exactly one of debit and credit must be positive.`,
      );
    }
    debit += line.debit;
    credit += line.credit;
  });
  if (debit !== credit) {
    add(
      `Tổng Nợ (${fmt(debit)} đ) khác tổng Có (${fmt(credit)} đ).`,
      `Total debits (${fmt(debit)} đồng) differ from total credits (${fmt(credit)} đồng).`,
    );
  }

  if (input.voucher === 'receipt' && !lines.some((l) => MONEY_ACCOUNTS.includes(l.account) && l.debit > 0)) {
    add(
      'Phiếu thu phải ghi Nợ tài khoản tiền mặt (111) hoặc tiền gửi (112).',
      'A receipt voucher must debit cash (111) or the bank (112).',
    );
  }
  if (input.voucher === 'payment' && !lines.some((l) => MONEY_ACCOUNTS.includes(l.account) && l.credit > 0)) {
    add(
      'Phiếu chi phải ghi Có tài khoản tiền mặt (111) hoặc tiền gửi (112).',
      'A payment voucher must credit cash (111) or the bank (112).',
    );
  }
  if (input.voucher !== undefined && input.voucher !== 'receipt' && input.voucher !== 'payment') {
    add('Loại chứng từ phải là phiếu thu hoặc phiếu chi.', 'The voucher kind must be receipt or payment.');
  }
  return problems;
}

/** Throws `unprocessable` (422 `invalid-posting`) listing every problem, in both languages. */
export function assertValidPosting(input: PostingInput, today: string): void {
  const problems = postingProblems(input, today);
  if (problems.length === 0) return;
  throw unprocessable('invalid-posting', {
    vi: `Bút toán không hợp lệ: ${problems.map((p) => p.vi).join(' ')}`,
    en: `The posting is invalid: ${problems.map((p) => p.en).join(' ')}`,
  });
}

export interface AccountMovement {
  account: string;
  debit: number;
  credit: number;
}

/** The lines summed per account, in chart order of first appearance: one balance and one movement update each. */
export function movementsByAccount(lines: readonly PostingLine[]): AccountMovement[] {
  const byAccount = new Map<string, AccountMovement>();
  for (const line of lines) {
    const m = byAccount.get(line.account) ?? { account: line.account, debit: 0, credit: 0 };
    m.debit += line.debit;
    m.credit += line.credit;
    byAccount.set(line.account, m);
  }
  return [...byAccount.values()];
}

export function totalsOf(lines: readonly { debit: number; credit: number }[]): { debit: number; credit: number } {
  return lines.reduce((t, l) => ({ debit: t.debit + l.debit, credit: t.credit + l.credit }), { debit: 0, credit: 0 });
}

/** The id of the reversal of posting `id`: one reversal per posting, so a second is a duplicate. */
export const reversalId = (id: string) => `${id}~reversal`;

/**
 * The reversal of a posting: the same lines with debit and credit swapped, on
 * the given date. A reversal cannot itself be reversed (post the original
 * again instead), and it issues no voucher: the original voucher stays in the
 * numbered sequence, marked as reversed.
 */
export function reversalOf(original: Posting, at: { date: string; memo?: string }): PostingInput {
  if (original.reverses) {
    throw unprocessable('reversal-of-reversal', {
      vi: `Bút toán "${original.id}" là bút toán đảo, không thể đảo tiếp. Hãy hạch toán lại bút toán gốc.`,
      en: `Posting "${original.id}" is itself a reversal and cannot be reversed. Post the original again instead.`,
    });
  }
  if (at.date < original.date) {
    throw unprocessable('reversal-before-original', {
      vi: `Ngày đảo bút toán (${at.date}) không được trước ngày bút toán gốc (${original.date}).`,
      en: `The reversal date (${at.date}) may not be before the original posting's date (${original.date}).`,
    });
  }
  return {
    id: reversalId(original.id),
    unitId: original.unitId,
    date: at.date,
    memo: at.memo ?? `Đảo bút toán ${original.id}: ${original.memo}`.slice(0, MAX_MEMO),
    lines: original.lines.map((l) => ({
      account: l.account,
      debit: l.credit,
      credit: l.debit,
      ...(l.memo !== undefined ? { memo: l.memo } : {}),
    })),
    source: original.source,
    reverses: original.id,
  };
}

/** `PT-2025-000001` for a receipt, `PC-2025-000001` for a payment. */
export function voucherNumber(kind: 'receipt' | 'payment', year: number | string, n: number): string {
  return `${kind === 'receipt' ? 'PT' : 'PC'}-${year}-${String(n).padStart(6, '0')}`;
}
