import type { Fund, FundFigures, MovementType } from '@congdoan/contracts';
import { isOutflow } from './fund.ts';

/** A fund's movements of one day, added up by type: amounts and counts (kept in each movement's transaction). */
export interface FundDay {
  day: string;
  amounts: Partial<Record<MovementType, number>>;
  counts: Partial<Record<MovementType, number>>;
}

/** Which figure of a report each type of movement adds to. */
const FIGURE: Record<MovementType, Exclude<keyof FundFigures, 'opening' | 'closing' | 'movements'>> = {
  receipt: 'received',
  allocation: 'allocated',
  deposit: 'deposited',
  repayment: 'repaid',
  disbursement: 'disbursed',
  loan: 'lent',
};

const net = (d: FundDay) =>
  Object.entries(d.amounts).reduce(
    (sum, [type, amount]) => sum + (isOutflow(type as MovementType) ? -(amount ?? 0) : (amount ?? 0)),
    0,
  );

export const emptyFigures = (): FundFigures => ({
  opening: 0,
  received: 0,
  allocated: 0,
  deposited: 0,
  repaid: 0,
  disbursed: 0,
  lent: 0,
  closing: 0,
  movements: 0,
});

/**
 * A fund's figures for the days `from` to `to`, from its balance now and its day totals on or
 * after `from` (by the movements' dates, never after today): the closing balance is today's
 * less what moved after `to`; the opening is the closing less what moved in the period.
 */
export function fundFigures(fund: Pick<Fund, 'balance'>, days: readonly FundDay[], from: string, to: string) {
  const figures = emptyFigures();
  let after = 0;
  let within = 0;
  for (const d of days) {
    if (d.day < from) continue;
    if (d.day > to) {
      after += net(d);
      continue;
    }
    within += net(d);
    for (const [type, amount] of Object.entries(d.amounts) as [MovementType, number][]) {
      figures[FIGURE[type]] += amount;
      figures.movements += d.counts[type] ?? 0;
    }
  }
  figures.closing = fund.balance - after;
  figures.opening = figures.closing - within;
  return figures;
}

/** Figures added up (funds of a kind, or all). */
export function addFigures(into: FundFigures, f: FundFigures): FundFigures {
  for (const key of Object.keys(into) as (keyof FundFigures)[]) into[key] += f[key];
  return into;
}

/** How each figure of the report is computed, in Vietnamese and English. */
export const REPORT_RULES = {
  opening: {
    vi: 'Số dư đầu kỳ: số dư hiện tại trừ chênh lệch thu, chi của các phát sinh có ngày từ ngày đầu kỳ đến nay.',
    en: 'Opening balance: today’s balance less the net of the movements dated from the first day of the period on.',
  },
  received: {
    vi: 'Thu: tổng các khoản thu (vận động ủng hộ và thu khác) có ngày trong kỳ.',
    en: 'Received: the receipts (drives and other) dated within the period.',
  },
  allocated: {
    vi: 'Phân bổ: tổng các khoản trích từ kinh phí công đoàn có ngày trong kỳ.',
    en: 'Allocated: the allocations from the union’s budget dated within the period.',
  },
  deposited: {
    vi: 'Gửi tiết kiệm: tổng tiền đoàn viên gửi vào quỹ tiết kiệm phụ nữ có ngày trong kỳ.',
    en: 'Deposited: members’ deposits into a women’s savings fund dated within the period.',
  },
  repaid: {
    vi: 'Thu hồi vay: tổng tiền trả nợ vay quỹ tiết kiệm phụ nữ có ngày trong kỳ.',
    en: 'Repaid: repayments of women’s savings fund loans dated within the period.',
  },
  disbursed: {
    vi: 'Chi: tổng các khoản chi hỗ trợ, thăm hỏi, tặng quà có ngày trong kỳ.',
    en: 'Disbursed: support, visits and gifts paid, dated within the period.',
  },
  lent: {
    vi: 'Cho vay: tổng tiền quỹ tiết kiệm phụ nữ cho đoàn viên vay có ngày trong kỳ.',
    en: 'Lent: women’s savings fund loans dated within the period.',
  },
  closing: {
    vi: 'Số dư cuối kỳ: số dư đầu kỳ cộng các khoản thu, phân bổ, gửi, thu hồi vay, trừ các khoản chi và cho vay trong kỳ.',
    en: 'Closing balance: the opening balance plus receipts, allocations, deposits and repayments, less disbursements and loans in the period.',
  },
  movements: {
    vi: 'Số phát sinh: số lần ghi thu, chi của quỹ có ngày trong kỳ.',
    en: 'Movements: how many movements of the fund are dated within the period.',
  },
  loans: {
    vi: 'Vay quỹ tiết kiệm phụ nữ: các khoản vay đang mở hôm nay; quá hạn là khoản có kỳ trả chưa trả đủ đã đến hạn trước hôm nay.',
    en: 'Women’s savings fund loans: the loans open today; overdue is a loan whose next unpaid instalment fell due before today.',
  },
} as const;
