import type { AgeBand } from '@congdoan/contracts';
import { parseDate } from './dates.ts';

/**
 * Age in whole years on a date: the birthdays passed. Someone born on 29 February
 * turns a year older on 1 March in a common year (their birthday has not passed on
 * 28 February). Before the birth date the result is negative.
 */
export function ageOn(dateOfBirth: string, on: string): number {
  const born = parseDate(dateOfBirth, 'dateOfBirth');
  const day = parseDate(on, 'on');
  const years = day.year - born.year;
  const birthdayPassed = day.month > born.month || (day.month === born.month && day.day >= born.day);
  return birthdayPassed ? years : years - 1;
}

/** The age band of union statistics (tuổi đời): under 30, 30–39, 40–49, 50–59, 60 and over. */
export function ageBand(dateOfBirth: string, on: string): AgeBand {
  const age = ageOn(dateOfBirth, on);
  if (age < 30) return 'under-30';
  if (age < 40) return '30-39';
  if (age < 50) return '40-49';
  if (age < 60) return '50-59';
  return '60-plus';
}
