import { unprocessable } from '@congdoan/contracts';

/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Four-digit years make plain string
 * comparison agree with calendar order, so the rules compare strings directly.
 */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a real calendar date ("2023-02-30" is refused), naming the field in the error. */
export function parseDate(value: string, field = 'date'): CalendarDate {
  const match = ISO_DATE.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw unprocessable('invalid-date', {
      vi: `"${field}" phải là một ngày có thật theo dạng NNNN-TT-NN (ví dụ 1985-07-24); nhận được "${value}".`,
      en: `"${field}" must be a real calendar date as YYYY-MM-DD (for example 1985-07-24); got "${value}".`,
    });
  }
  return { year, month, day };
}

export const formatDate = ({ year, month, day }: CalendarDate) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * The same day `months` later. When the target month is shorter, the last day of
 * that month (30/11 + 3 months = 28/2 or 29/2), as Bộ luật Dân sự 2015 Art. 148
 * ends a period counted in months.
 */
export function addMonths(date: string, months: number, field = 'date'): string {
  const { year, month, day } = parseDate(date, field);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** The UTC calendar date of an instant. */
export const dateOf = (instant: Date) => instant.toISOString().slice(0, 10);

/** Vietnamese display form, 24/07/1985. */
export function displayDate(date: string): string {
  const match = ISO_DATE.exec(date);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
}
