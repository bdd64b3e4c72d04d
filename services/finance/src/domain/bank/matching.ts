import {
  type BANK_IGNORE_REASONS,
  type BANK_REVIEW_REASONS,
  type LocalizedText,
  type Month,
  monthOf,
} from '@congdoan/contracts';
import type { MonthAmount } from '../levy/types.ts';
import type { ParsedMemo } from './memo.ts';

/**
 * Decides what becomes of one statement line. A credit is matched to a CĐCS's
 * levy automatically only when nothing is left to judgement:
 * 1. the memo names one tax ID, and it belongs to exactly one CĐCS, whose upper
 *    level owns the account;
 * 2. the memo speaks of the levy, not only of dues or a penalty;
 * 3. it names the month(s), none after the transaction's month;
 * 4. every month named has its payroll declaration, and the amount fits what is
 *    still owed: one month takes up to what it still owes; several months take
 *    exactly the sum of what each still owes (each owing something), split
 *    accordingly. Nothing is ever matched beyond what is due.
 * Everything else goes to a person (review), with the reason; a debit is ignored.
 * A bank reference the account already had is a plain duplicate only when its
 * content is the same (`lineDifferences`); otherwise it is a conflict a person sees.
 */

export type ReviewReason = (typeof BANK_REVIEW_REASONS)[number];
export type IgnoreReason = (typeof BANK_IGNORE_REASONS)[number];

export const REASON_TEXT: Record<ReviewReason | IgnoreReason, LocalizedText> = {
  'no-tax-id': { vi: 'Nội dung không có mã số thuế.', en: 'The memo has no tax ID.' },
  'unknown-tax-id': {
    vi: 'Mã số thuế không thuộc công đoàn cơ sở nào.',
    en: 'The tax ID belongs to no grassroots union.',
  },
  'ambiguous-tax-id': {
    vi: 'Mã số thuế thuộc nhiều công đoàn cơ sở, hoặc nội dung có nhiều mã số thuế.',
    en: 'The tax ID belongs to several grassroots unions, or the memo has several tax IDs.',
  },
  'not-under-this-unit': {
    vi: 'Công đoàn cơ sở của mã số thuế không trực thuộc đơn vị chủ tài khoản.',
    en: 'The grassroots union of the tax ID is not directly under the unit that owns the account.',
  },
  'not-levy': {
    vi: 'Nội dung nói về đoàn phí, không phải kinh phí công đoàn.',
    en: 'The memo is about member dues, not the levy.',
  },
  penalty: {
    vi: 'Nội dung nói về tiền phạt hoặc lãi chậm nộp: cần người xác nhận.',
    en: 'The memo speaks of a penalty or late interest: a person must confirm it.',
  },
  'no-month': { vi: 'Nội dung không ghi rõ tháng và năm nộp.', en: 'The memo names no month and year.' },
  'future-month': {
    vi: 'Nội dung ghi tháng sau tháng của giao dịch.',
    en: 'The memo names a month after the transaction’s month.',
  },
  'amount-does-not-fit': {
    vi: 'Số tiền không bằng tổng số còn phải nộp của các tháng ghi trong nội dung.',
    en: 'The amount is not the sum still owed for the months in the memo.',
  },
  'no-declaration': {
    vi: 'Tháng ghi trong nội dung chưa có kê khai quỹ lương: chưa biết số phải nộp.',
    en: 'A month in the memo has no payroll declaration: what is due is not known.',
  },
  'exceeds-due': {
    vi: 'Số tiền nhiều hơn số tháng đó còn phải nộp (có thể đã nộp rồi): cần người xác nhận.',
    en: 'The amount is more than the month still owes (it may be paid already): a person must confirm it.',
  },
  'reference-conflict': {
    vi: 'Số tham chiếu này đã có trong sao kê trước với số tiền, ngày hoặc nội dung khác: cần người kiểm tra.',
    en: 'The account already had this bank reference with another amount, date or memo: a person must check it.',
  },
  'period-locked': {
    vi: 'Tháng của ngày giao dịch đã khóa sổ ở đơn vị chủ tài khoản: không ghi được phiếu thu.',
    en: "The month of the transaction's date is locked in the account unit's books: no receipt can be posted.",
  },
  'not-postable': {
    vi: 'Sổ kế toán từ chối phiếu thu của khoản này: cần người kiểm tra.',
    en: 'The ledger refused the receipt for this credit: a person must check it.',
  },
  'no-rule': {
    vi: 'Chưa có quy định kinh phí công đoàn cho tháng ghi trong nội dung.',
    en: 'No levy rule covers the month in the memo.',
  },
  debit: { vi: 'Giao dịch ghi nợ (tiền ra), không phải khoản nộp.', en: 'A debit (money out), not a payment.' },
  'ignored-by-person': { vi: 'Người dùng đã bỏ qua giao dịch.', en: 'A person ignored the line.' },
};

/** A unit holding the memo's tax ID, as finance's unit profiles know it. */
export interface TaxIdHolder {
  unitId: string;
  level: string;
  parentId: string | null;
}

export interface LineFacts {
  date: string;
  credit: number;
  debit: number;
}

export type Identification =
  | { kind: 'ignored'; reason: IgnoreReason }
  | { kind: 'review'; reason: ReviewReason; unitId: string | null }
  | { kind: 'identified'; unitId: string; months: Month[] };

/** Steps 1–3: whose levy, which months. Reads nothing; the holders of the tax ID are given. */
export function identifyPayer(
  line: LineFacts,
  memo: ParsedMemo,
  holders: readonly TaxIdHolder[],
  accountUnitId: string,
): Identification {
  if (line.credit <= 0) return { kind: 'ignored', reason: 'debit' };
  if (memo.taxIds.length === 0) return { kind: 'review', reason: 'no-tax-id', unitId: null };
  if (memo.taxIds.length > 1) return { kind: 'review', reason: 'ambiguous-tax-id', unitId: null };
  const grassroots = holders.filter((h) => h.level === 'grassroots');
  if (grassroots.length === 0) return { kind: 'review', reason: 'unknown-tax-id', unitId: null };
  if (grassroots.length > 1) return { kind: 'review', reason: 'ambiguous-tax-id', unitId: null };
  const unit = grassroots[0]!;
  if (unit.parentId !== accountUnitId) return { kind: 'review', reason: 'not-under-this-unit', unitId: unit.unitId };
  if (memo.mentionsDues && !memo.mentionsLevy) return { kind: 'review', reason: 'not-levy', unitId: unit.unitId };
  if (memo.mentionsPenalty) return { kind: 'review', reason: 'penalty', unitId: unit.unitId };
  if (memo.months.length === 0) return { kind: 'review', reason: 'no-month', unitId: unit.unitId };
  if (memo.months.some((m) => m > monthOf(line.date))) {
    return { kind: 'review', reason: 'future-month', unitId: unit.unitId };
  }
  return { kind: 'identified', unitId: unit.unitId, months: memo.months };
}

export type Fit =
  | { kind: 'fit'; months: MonthAmount[] }
  | { kind: 'review'; reason: Extract<ReviewReason, 'no-declaration' | 'exceeds-due' | 'amount-does-not-fit'> };

/**
 * Step 4: the amount per month, or why a person must decide. `outstanding` is
 * what is still owed per month (null or absent: no declaration, so nothing is
 * known to be due). One month takes up to what it still owes; several months
 * take exactly what they still owe together. Beyond what is due is never matched.
 */
export function fitAmount(
  credit: number,
  months: readonly Month[],
  outstanding: ReadonlyMap<Month, number | null>,
): Fit {
  if (credit <= 0 || months.length === 0) return { kind: 'review', reason: 'amount-does-not-fit' };
  const owed = months.map((month) => ({ month, amount: outstanding.get(month) ?? null }));
  if (owed.some((o) => o.amount === null)) return { kind: 'review', reason: 'no-declaration' };
  const amounts = owed as MonthAmount[];
  if (amounts.length === 1) {
    return credit <= amounts[0]!.amount
      ? { kind: 'fit', months: [{ month: amounts[0]!.month, amount: credit }] }
      : { kind: 'review', reason: 'exceeds-due' };
  }
  if (amounts.some((o) => o.amount <= 0)) return { kind: 'review', reason: 'exceeds-due' };
  const total = amounts.reduce((s, o) => s + o.amount, 0);
  if (credit > total) return { kind: 'review', reason: 'exceeds-due' };
  return credit === total ? { kind: 'fit', months: amounts } : { kind: 'review', reason: 'amount-does-not-fit' };
}

/** What a line's content is, for telling a repeated reference from a conflicting one. */
export interface LineContent {
  date: string;
  credit: number;
  debit: number;
  description: string;
}

export type LineDifference = 'amount' | 'date' | 'description';

/** A memo as banks print it, compared without its spacing (line breaks, double spaces) or Unicode form. */
const memoOf = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * What differs between a line the account already has and one carrying the same
 * bank reference: nothing for a plain duplicate (an overlapping statement),
 * otherwise the amount, the date, the memo, for a person to look at.
 */
export function lineDifferences(known: LineContent, line: LineContent): LineDifference[] {
  const differences: LineDifference[] = [];
  if (known.credit !== line.credit || known.debit !== line.debit) differences.push('amount');
  if (known.date !== line.date) differences.push('date');
  if (memoOf(known.description) !== memoOf(line.description)) differences.push('description');
  return differences;
}
