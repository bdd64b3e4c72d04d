import { type Month, unprocessable } from '@congdoan/contracts';
import { formatDong } from '../policy/policy.ts';
import type { DuesMonthState } from './types.ts';

/** The upper level's share of a month's dues that the CĐCS holds and has not yet remitted. */
export const toRemit = (state: Pick<DuesMonthState, 'upperCollected' | 'remitted'>) =>
  Math.max(0, state.upperCollected - state.remitted);

/**
 * A remittance (nộp đoàn phí lên cấp trên) of `amount` for `month`: whole đồng
 * above 0, dated no later than today, and no more than the upper share collected
 * for the month and not yet remitted. Throws 422 otherwise.
 */
export function assertRemittance(
  state: DuesMonthState,
  input: { month: Month; amount: number; date: string; today: string },
): void {
  const { month, amount, date, today } = input;
  if (date > today) {
    throw unprocessable('remittance-date-in-future', {
      vi: `Ngày nộp ${date} sau ngày hôm nay (${today}).`,
      en: `The remittance date ${date} is after today (${today}).`,
    });
  }
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw unprocessable('invalid-remittance-amount', {
      vi: `Số tiền nộp phải là số đồng nguyên lớn hơn 0; nhận ${amount}.`,
      en: `The amount remitted must be whole đồng above 0; got ${amount}.`,
    });
  }
  const open = toRemit(state);
  if (amount > open) {
    throw unprocessable('remittance-exceeds-upper-share', {
      vi: `Tháng ${month}: phần đoàn phí phải nộp cấp trên đã thu là ${formatDong(state.upperCollected)}, đã nộp ${formatDong(state.remitted)}, còn phải nộp ${formatDong(open)}; không thể nộp ${formatDong(amount)}.`,
      en: `${month}: the upper share collected is ${formatDong(state.upperCollected)}, ${formatDong(state.remitted)} already remitted, ${formatDong(open)} left to remit; ${formatDong(amount)} is too much.`,
    });
  }
}

export function afterRemittance(state: DuesMonthState, amount: number): DuesMonthState {
  return {
    ...state,
    remitted: state.remitted + amount,
    remittances: state.remittances + 1,
    version: state.version + 1,
  };
}
