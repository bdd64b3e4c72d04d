import { type LocalizedText, type Month, monthOf, unprocessable } from '@congdoan/contracts';
import { ACCOUNT } from '../ledger/chart.ts';
import type { PostingLine } from '../ledger/types.ts';
import type { Explained, Policy } from '../policy/types.ts';
import type { MonthAmount } from './types.ts';

/** A payment covers at most this many months (a year), and as many months of penalties. */
export const MAX_PAYMENT_MONTHS = 12;

export interface LevyPaymentRequest {
  /** The day the money arrived, `YYYY-MM-DD`. */
  date: string;
  amount: number;
  months: MonthAmount[];
  /** Late-levy penalties paid with it, by month (credited to 5115, kept whole by the upper level). */
  penalties?: MonthAmount[];
}

export interface PlannedMonth extends MonthAmount {
  late: boolean;
  deadline: string;
  grassroots: Explained;
  upper: Explained;
}

export interface LevyPaymentPlan {
  months: PlannedMonth[];
  penalties: MonthAmount[];
  totals: { levy: number; grassroots: number; upper: number; penalties: number };
  /** The receipt at the upper level: Dr 112; Cr 5112 upper share, Cr 3362 CĐCS share, Cr 5115 penalties. */
  lines: PostingLine[];
}

const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const mm = (month: Month) => `${month.slice(5)}/${month.slice(0, 4)}`;

/** `03/2025, 04/2025` for memos. */
export const monthList = (months: readonly Month[]) => months.map(mm).join(', ');

/** Everything wrong with a payment request, in both languages; empty when it is sound. */
export function paymentProblems(request: LevyPaymentRequest, today: string): LocalizedText[] {
  const problems: LocalizedText[] = [];
  const penalties = request.penalties ?? [];
  if (request.date > today) {
    problems.push({
      vi: `Ngày nộp ${request.date} ở sau hôm nay (${today}).`,
      en: `The payment date ${request.date} is after today (${today}).`,
    });
  }
  if (request.months.length === 0) {
    problems.push({ vi: 'Cần ít nhất một tháng.', en: 'At least one month is needed.' });
  }
  for (const [label, list] of [
    [{ vi: 'tháng', en: 'month' }, request.months],
    [{ vi: 'tháng tiền phạt', en: 'penalty month' }, penalties],
  ] as const) {
    if (list.length > MAX_PAYMENT_MONTHS) {
      problems.push({
        vi: `Một lần nộp có tối đa ${MAX_PAYMENT_MONTHS} ${label.vi}.`,
        en: `A payment covers at most ${MAX_PAYMENT_MONTHS} ${label.en}s.`,
      });
    }
    const seen = new Set<string>();
    for (const { month, amount } of list) {
      if (seen.has(month)) {
        problems.push({ vi: `${label.vi} ${mm(month)} ghi hai lần.`, en: `The ${label.en} ${month} appears twice.` });
      }
      seen.add(month);
      if (!Number.isSafeInteger(amount) || amount <= 0) {
        problems.push({
          vi: `Số tiền của ${label.vi} ${mm(month)} phải là số nguyên đồng dương.`,
          en: `The amount of ${label.en} ${month} must be a positive whole number of đồng.`,
        });
      }
      if (month > monthOf(request.date)) {
        problems.push({
          vi: `Không thể nộp cho ${label.vi} ${mm(month)}, sau tháng của ngày nộp ${request.date}.`,
          en: `Cannot pay for ${label.en} ${month}, after the month of the payment date ${request.date}.`,
        });
      }
    }
  }
  const total = [...request.months, ...penalties].reduce((s, m) => s + m.amount, 0);
  if (total !== request.amount) {
    problems.push({
      vi: `Tổng các tháng (${fmt(total)} đ) khác số tiền nộp (${fmt(request.amount)} đ).`,
      en: `The months add up to ${fmt(total)} đồng, not the amount paid (${fmt(request.amount)} đồng).`,
    });
  }
  return problems;
}

/**
 * Splits a payment by month with the policy (late: paid after the month's
 * deadline; the CĐCS's and the upper level's shares of each month's amount)
 * and builds its receipt lines. Throws 422 `invalid-levy-payment` listing every problem.
 */
export function planLevyPayment(request: LevyPaymentRequest, policy: Policy, today: string): LevyPaymentPlan {
  const problems = paymentProblems(request, today);
  if (problems.length > 0) {
    throw unprocessable('invalid-levy-payment', {
      vi: `Khoản nộp kinh phí công đoàn không hợp lệ: ${problems.map((p) => p.vi).join(' ')}`,
      en: `The levy payment is invalid: ${problems.map((p) => p.en).join(' ')}`,
    });
  }
  const months = [...request.months]
    .sort((a, b) => a.month.localeCompare(b.month))
    .map(({ month, amount }): PlannedMonth => {
      const { deadline } = policy.levyDeadline(month);
      const split = policy.levySplit(month, amount);
      return { month, amount, late: request.date > deadline, deadline, ...split };
    });
  const penalties = [...(request.penalties ?? [])].sort((a, b) => a.month.localeCompare(b.month));
  const totals = {
    levy: months.reduce((s, m) => s + m.amount, 0),
    grassroots: months.reduce((s, m) => s + m.grassroots.amount, 0),
    upper: months.reduce((s, m) => s + m.upper.amount, 0),
    penalties: penalties.reduce((s, m) => s + m.amount, 0),
  };
  const listed = monthList(months.map((m) => m.month));
  const lines: PostingLine[] = [
    { account: ACCOUNT.bank, debit: request.amount, credit: 0, memo: `Thu KPCĐ tháng ${listed}` },
  ];
  if (totals.upper > 0) {
    lines.push({
      account: ACCOUNT.levyIncome,
      debit: 0,
      credit: totals.upper,
      memo: `KPCĐ phần cấp trên, tháng ${listed}`,
    });
  }
  if (totals.grassroots > 0) {
    lines.push({
      account: ACCOUNT.allocationPayableDown,
      debit: 0,
      credit: totals.grassroots,
      memo: `KPCĐ phần CĐCS phải phân phối, tháng ${listed}`,
    });
  }
  if (totals.penalties > 0) {
    lines.push({
      account: ACCOUNT.penaltyIncome,
      debit: 0,
      credit: totals.penalties,
      memo: `Tiền phạt chậm nộp KPCĐ, tháng ${monthList(penalties.map((p) => p.month))}`,
    });
  }
  return { months, penalties, totals, lines };
}
