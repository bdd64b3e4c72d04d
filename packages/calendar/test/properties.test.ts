import { addDays } from '@congdoan/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sized } from '../../../test/support/scale.ts';
import { type CalendarNotice, loadHolidayRules, SEED_NOTICES, WorkingCalendar } from '../src/index.ts';

await loadHolidayRules();

const RUNS = sized('CALENDAR_RUNS', { ci: 300, deep: 5000 });
const calendar = new WorkingCalendar(SEED_NOTICES);

/** Any day from 2024 to 2028: the seeded year, the library-only years around it, and year ends. */
const day = fc.integer({ min: 0, max: 5 * 366 }).map((offset) => addDays('2024-01-01', offset));
const count = fc.integer({ min: 0, max: 80 });

describe('working-day arithmetic, for any day and count', () => {
  it('lands on a working day that is exactly n working days away', () => {
    fc.assert(
      fc.property(day, count, (from, n) => {
        const { date } = calendar.addWorkingDays(from, n);
        if (n > 0) expect(calendar.isWorkingDay(date)).toBe(true);
        expect(calendar.workingDaysBetween(from, date)).toBe(n);
        const back = calendar.addWorkingDays(from, 0 - n);
        if (n > 0) expect(calendar.isWorkingDay(back.date)).toBe(true);
        expect(calendar.workingDaysBetween(from, back.date)).toBe(0 - n);
      }),
      { numRuns: RUNS },
    );
  });

  it('is monotonic in n, and one more day is the next working day', () => {
    fc.assert(
      fc.property(day, count, count, (from, a, b) => {
        const [n, m] = a <= b ? [a, b] : [b, a];
        expect(calendar.addWorkingDays(from, n).date <= calendar.addWorkingDays(from, m).date).toBe(true);
        if (n < m) expect(calendar.addWorkingDays(from, n).date < calendar.addWorkingDays(from, m).date).toBe(true);
        const next = calendar.addWorkingDays(calendar.addWorkingDays(from, n).date, 1).date;
        expect(next).toBe(calendar.addWorkingDays(from, n + 1).date);
      }),
      { numRuns: RUNS },
    );
  });

  it('lists every weekday off it passed over, and only those', () => {
    fc.assert(
      fc.property(day, count, (from, n) => {
        const deadline = calendar.addWorkingDays(from, n);
        const passed: string[] = [];
        for (let d = addDays(from, 1); d <= deadline.date; d = addDays(d, 1)) {
          if (calendar.day(d).kind === 'holiday') passed.push(d);
        }
        expect(deadline.skipped.map((s) => s.date)).toEqual(passed);
        expect(deadline.explanation.vi.startsWith(`${n} ngày làm việc kể từ `)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('never ends earlier when a notice adds a day off, and a calendar-day limit never moves', () => {
    const extraDayOff = day.filter((d) => calendar.day(d).kind === 'weekday' && !d.startsWith('2026'));
    fc.assert(
      fc.property(day, count, extraDayOff, (from, n, off) => {
        const notice: CalendarNotice = {
          id: 'extra',
          year: Number(off.slice(0, 4)),
          source: 'property test',
          certainty: 'unsure',
          days: [{ date: off, status: 'off', name: { vi: 'nghỉ', en: 'off' } }],
        };
        const more = new WorkingCalendar([...SEED_NOTICES, notice]);
        expect(more.addWorkingDays(from, n).date >= calendar.addWorkingDays(from, n).date).toBe(true);
        expect(more.addCalendarDays(from, n).date).toBe(addDays(from, n));
        const rolled = more.addCalendarDays(from, n, { endOnWorkingDay: true }).date;
        expect(more.isWorkingDay(rolled)).toBe(true);
        expect(more.workingDaysBetween(addDays(from, n), rolled)).toBeLessThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
  });
});
