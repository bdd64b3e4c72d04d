import { z } from 'zod';

/**
 * A calendar day in Vietnam, `YYYY-MM-DD`. Days are strings, never `Date`s: a day has no time
 * and no zone, so nothing here can slip by one across midnight UTC (Asia/Ho_Chi_Minh is UTC+7,
 * so the "same" instant is often a different day in UTC). Only `weekdayOf` and `addDays` touch
 * `Date`, both at UTC midnight, where the day and its UTC rendering agree.
 */
export const daySchema = z.iso.date();
export type Day = string;

export function assertDay(day: string, what = 'day'): void {
  if (!daySchema.safeParse(day).success)
    throw new RangeError(`${what} must be a YYYY-MM-DD calendar day, not "${day}"`);
}

/** 0 Sunday … 6 Saturday. */
export const weekdayOf = (day: Day): number => new Date(`${day}T00:00:00Z`).getUTCDay();

export const isWeekend = (day: Day): boolean => {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
};

export const yearOf = (day: Day): number => Number(day.slice(0, 4));

/** `2026-02-12` → `12/02/2026`, as Vietnamese documents write dates. */
export const formatDay = (day: Day): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** `2026-02-12` → `12/02`. */
export const formatDayMonth = (day: Day): string => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

const WEEKDAY_NAMES: Record<'vi' | 'en', readonly string[]> = {
  vi: ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

export const weekdayName = (day: Day, lang: 'vi' | 'en'): string => WEEKDAY_NAMES[lang][weekdayOf(day)]!;
