import { addDays } from '@congdoan/contracts';
import type Holidays from 'date-holidays';
import type { Day } from './days.ts';

/** A name in both of the product's languages. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** A public holiday of the Labour Code (Art. 112), as the holiday library computes it. */
export interface StatutoryHoliday {
  readonly date: Day;
  readonly id: HolidayId;
  readonly name: Bilingual;
}

export type HolidayId = 'new-year' | 'tet' | 'hung-kings' | 'reunification' | 'labour' | 'national-day' | 'other';

/**
 * The library's public-holiday rules (its `VN.yaml`) mapped to the names our explanations use.
 * Tết is two rules there: lunar new year's day, and the five-day span from the day before it.
 */
const NAMES: readonly { readonly id: HolidayId; readonly rule: RegExp; readonly name: Bilingual }[] = [
  { id: 'new-year', rule: /^01-01$/, name: { vi: 'Tết Dương lịch', en: "New Year's Day" } },
  { id: 'tet', rule: /vietnamese 1-0-1\b/, name: { vi: 'Tết', en: 'Tết' } },
  { id: 'hung-kings', rule: /vietnamese 3-0-10\b/, name: { vi: 'Giỗ Tổ Hùng Vương', en: "Hung Kings' Commemoration" } },
  { id: 'reunification', rule: /^04-30$/, name: { vi: 'Ngày Giải phóng miền Nam', en: 'Reunification Day' } },
  { id: 'labour', rule: /^05-01$/, name: { vi: 'Quốc tế Lao động', en: 'International Labour Day' } },
  { id: 'national-day', rule: /^09-02$/, name: { vi: 'Quốc khánh', en: 'National Day' } },
];

const DAY_MS = 86_400_000;

let library: Holidays | undefined;
let loading: Promise<void> | undefined;
const byYear = new Map<number, ReadonlyMap<Day, StatutoryHoliday>>();

/**
 * Loads the holiday library (its Vietnamese rules, the lunar calendar's astronomy, moment): some
 * 280 KiB of a Lambda bundle, so it is imported on first use, in a chunk of its own, and a
 * function's routes that count no deadline never load it. `loadCalendar` calls it; code that
 * builds a `WorkingCalendar` or validates a notice itself awaits it once first. Idempotent.
 */
export function loadHolidayRules(): Promise<void> {
  loading ??= import('date-holidays').then(
    ({ default: Holidays }) => {
      library = new Holidays('VN', { timezone: 'Asia/Ho_Chi_Minh' });
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Vietnam's public holidays in `year` from `date-holidays` (observances such as 3/2 or 20/10 are
 * not days off and are left out). A multi-day holiday (Tết) is expanded into its days. A public
 * holiday the library adds in a later version and we have no name for keeps the library's
 * Vietnamese name, so a new day off is never silently ignored. Needs `loadHolidayRules()` first.
 */
export function statutoryHolidays(year: number): ReadonlyMap<Day, StatutoryHoliday> {
  const cached = byYear.get(year);
  if (cached) return cached;
  if (!library) {
    throw new Error('The holiday rules are not loaded: await loadCalendar() or loadHolidayRules() first');
  }
  const days = new Map<Day, StatutoryHoliday>();
  for (const holiday of library.getHolidays(year, 'vi')) {
    if (holiday.type !== 'public') continue;
    const known = NAMES.find((n) => n.rule.test(holiday.rule));
    const id = known?.id ?? 'other';
    const name = known?.name ?? { vi: holiday.name, en: holiday.name };
    // `date` is the local day ("2026-02-16 00:00:00"); start and end are instants in the same
    // zone, which keeps UTC+7 all year, so their difference is a whole number of days.
    const first = holiday.date.slice(0, 10);
    const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    for (let i = 0; i < length; i++) {
      const date = addDays(first, i);
      // Lunar new year's day lies inside the Tết span: one entry per day.
      if (!days.has(date)) days.set(date, { date, id, name });
    }
  }
  byYear.set(year, days);
  return days;
}
