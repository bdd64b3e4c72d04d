/** Vietnam keeps UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar day in Vietnam at an instant: "today" for a union officer, and the day a change is recorded on. */
export const dayInVietnam = (instant: Date): string =>
  new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** A calendar month, `YYYY-MM`: the period of dues, levy declarations and reconciliation. */
export type Month = `${number}-${number}`;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (value: string): value is Month => MONTH.test(value);

/** `2025-07-15` → `2025-07`. */
export const monthOf = (day: string): Month => day.slice(0, 7) as Month;

/** The month `n` months after `month` (negative for before). */
export function addMonths(month: Month | string, n: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}` as Month;
}

/** The same day `months` later; on a shorter month, its last day (Bộ luật Dân sự 2015 Art. 148). */
export function addMonthsToDay(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export const firstDayOf = (month: Month | string): string => `${month}-01`;

/** The last calendar day of a month, leap years included. */
export function lastDayOf(month: Month | string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: Month | string, to: Month | string): Month[] {
  const out: Month[] = [];
  for (let m = from as Month; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** `day` plus `n` calendar days, as `YYYY-MM-DD`. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
