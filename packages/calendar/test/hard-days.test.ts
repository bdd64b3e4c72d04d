import { addDays } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { InMemoryNoticeStore, loadCalendar, SEED_NOTICES } from '../src/index.ts';

/**
 * The hard days of 2026, day by day, as the calendar loaded from the seeded notices says them
 * (DOMAIN.md, "The working-day calendar"): Tết 16–20/2, Giỗ Tổ on Sunday 26/4 with its substitute
 * Monday 27/4 next to 30/4–1/5, and 2/9 with its adjacent day and the Saturday worked for it.
 */
const calendar = await loadCalendar(new InMemoryNoticeStore());

/** Each day from `first` to `last` as `kind` (with the holiday's Vietnamese name), for a table. */
function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    const info = calendar.day(d);
    out.push(`${d} ${info.kind}${info.kind === 'holiday' ? ` ${info.name.vi}` : ''}`);
  }
  return out;
}

describe('Tết 2026', () => {
  it('is Monday 16/2 to Friday 20/2 off, nine days with the weekends around it', () => {
    expect(days('2026-02-13', '2026-02-23')).toEqual([
      '2026-02-13 weekday',
      '2026-02-14 weekend',
      '2026-02-15 weekend',
      '2026-02-16 holiday Tết',
      '2026-02-17 holiday Tết',
      '2026-02-18 holiday Tết',
      '2026-02-19 holiday Tết',
      '2026-02-20 holiday Tết',
      '2026-02-21 weekend',
      '2026-02-22 weekend',
      '2026-02-23 weekday',
    ]);
    // Friday 13/2 to Monday 23/2 is one working day apart: nine days off between them.
    expect(calendar.addWorkingDays('2026-02-13', 1).date).toBe('2026-02-23');
    expect(calendar.workingDaysBetween('2026-02-01', '2026-02-28')).toBe(15);
    expect(calendar.day('2026-02-17')).toMatchObject({ source: SEED_NOTICES[0]!.source, certainty: 'likely' });
  });
});

describe('Giỗ Tổ and 30/4–1/5 2026', () => {
  it('gives Monday 27/4 for Giỗ Tổ on Sunday 26/4, then 30/4 and 1/5 off: two working days that week', () => {
    expect(days('2026-04-24', '2026-05-04')).toEqual([
      '2026-04-24 weekday',
      '2026-04-25 weekend',
      '2026-04-26 weekend',
      '2026-04-27 holiday bù Giỗ Tổ Hùng Vương',
      '2026-04-28 weekday',
      '2026-04-29 weekday',
      '2026-04-30 holiday Ngày Giải phóng miền Nam',
      '2026-05-01 holiday Quốc tế Lao động',
      '2026-05-02 weekend',
      '2026-05-03 weekend',
      '2026-05-04 weekday',
    ]);
    expect(calendar.workingDaysBetween('2026-04-26', '2026-05-03')).toBe(2);
    expect(calendar.addWorkingDays('2026-04-29', 1).date).toBe('2026-05-04');
    expect(calendar.addWorkingDays('2026-05-04', -2).date).toBe('2026-04-28');
  });
});

describe('National Day 2026', () => {
  it('is 2/9 plus an adjacent day (Labour Code Art. 112), 31/8 off too, with Saturday 22/8 worked for it', () => {
    expect(days('2026-08-21', '2026-09-04')).toEqual([
      '2026-08-21 weekday',
      '2026-08-22 worked',
      '2026-08-23 weekend',
      '2026-08-24 weekday',
      '2026-08-25 weekday',
      '2026-08-26 weekday',
      '2026-08-27 weekday',
      '2026-08-28 weekday',
      '2026-08-29 weekend',
      '2026-08-30 weekend',
      '2026-08-31 holiday Quốc khánh',
      '2026-09-01 holiday Quốc khánh',
      '2026-09-02 holiday Quốc khánh',
      '2026-09-03 weekday',
      '2026-09-04 weekday',
    ]);
    // The swap leaves the number of working days unchanged: 22/8 is worked for 31/8.
    expect(calendar.workingDaysBetween('2026-08-16', '2026-09-06')).toBe(13);
    expect(calendar.addWorkingDays('2026-08-28', 1).date).toBe('2026-09-03');
    expect(calendar.addWorkingDays('2026-08-21', 1)).toMatchObject({
      date: '2026-08-22',
      worked: [{ date: '2026-08-22' }],
    });
  });
});

describe('a year’s working days', () => {
  it('2026 has 261 weekdays less the weekday holidays (1/1, Tết 5, 27/4, 30/4, 1/5, 31/8, 1/9, 2/9) plus 22/8', () => {
    // 2026: 261 weekdays; 12 weekdays off (Giỗ Tổ itself is a Sunday); Saturday 22/8 worked.
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(261 - 12 + 1);
  });
});
