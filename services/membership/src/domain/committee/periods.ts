/**
 * Periods of office as half-open ranges of ISO dates: `from` is the first day in
 * office, `until` the first day out of it. A congress that ends one term may open
 * the next on the same day, and an officer relieved on a day may take another
 * post that same day, without the two overlapping. ISO dates compare as strings.
 */
export interface Period {
  from: string;
  until: string;
}

/** The later of two ISO dates. */
export const laterOf = (a: string, b: string): string => (a < b ? b : a);
/** The earlier of two ISO dates. */
export const earlierOf = (a: string, b: string): string => (a < b ? a : b);

/** Two periods share a day. An empty period (from = until) shares none. */
export const overlaps = (a: Period, b: Period): boolean =>
  a.from < a.until && b.from < b.until && a.from < b.until && b.from < a.until;

/** Whether `day` lies in the period. */
export const covers = (p: Period, day: string): boolean => p.from <= day && day < p.until;

/** The most periods in force on any one day within `within`. */
export function mostAtOnce(periods: readonly Period[], within: Period): number {
  const inside = periods.filter((p) => overlaps(p, within));
  // The count only rises on a day some period starts; the first day of `within` counts too.
  const days = new Set([within.from, ...inside.map((p) => p.from).filter((d) => covers(within, d))]);
  let most = 0;
  for (const day of days) most = Math.max(most, inside.filter((p) => covers(p, day)).length);
  return most;
}

export { dayInVietnam } from '../calendar.ts';
