import { CALENDAR_CERTAINTIES, calendarNoticeBody, noticeDaySchema as contractNoticeDay } from '@congdoan/contracts';
import { z } from 'zod';
import { isWeekend, yearOf } from './days.ts';
import { statutoryHolidays } from './holidays.ts';

/**
 * The yearly days-off announcements for public employees (the override table).
 *
 * The holiday library knows the fixed days, Tết and Giỗ Tổ. It does not know what the Ministry
 * of Home Affairs announces each year for public employees: the second National Day day (Labour
 * Code Art. 112 gives 2/9 "plus one adjacent day", chosen yearly), the substitute day for a
 * holiday on a weekend (Art. 111), and the swaps that move a working day to a Saturday to make a
 * longer break. Each announcement is a notice, policy data with its source and how sure we are,
 * and it adds to the calendar: days off, or weekend days (and library holidays) worked.
 */
export const noticeDaySchema = contractNoticeDay;
export const certaintySchema = z.enum(CALENDAR_CERTAINTIES);

/** The shape is the API's (`calendarNoticeBody`, contracts); the rules it must follow are here. */
export const calendarNoticeSchema = calendarNoticeBody.superRefine((notice, ctx) => {
  const seen = new Set<string>();
  notice.days.forEach((day, i) => {
    const path = ['days', i, 'date'];
    if (yearOf(day.date) !== notice.year) {
      ctx.addIssue({ code: 'custom', path, message: `${day.date} is not in ${notice.year}` });
    }
    if (seen.has(day.date)) ctx.addIssue({ code: 'custom', path, message: `${day.date} is listed twice` });
    seen.add(day.date);
    // An ordinary weekday is worked and a weekend day is off anyway: such an entry changes nothing.
    // A weekday the holiday library gives off may be worked: the announced Tết days can differ
    // from the library's (it takes the day before lunar new year and the four after).
    if (day.status === 'working' && !isWeekend(day.date) && !statutoryHolidays(yearOf(day.date)).has(day.date)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `${day.date} is a working day already: only a weekend day or a public holiday can be worked`,
      });
    }
    if (day.status === 'off' && isWeekend(day.date)) {
      ctx.addIssue({ code: 'custom', path, message: `${day.date} is a weekend day: it is off already` });
    }
  });
});

export type CalendarNotice = z.infer<typeof calendarNoticeSchema>;
export type NoticeDay = z.infer<typeof noticeDaySchema>;
export type Certainty = z.infer<typeof certaintySchema>;

/** A day that two notices both list. */
export interface NoticeConflict {
  readonly date: string;
  readonly notices: readonly [string, string];
}

/**
 * The days listed by more than one notice. A day belongs to one notice, so that what the
 * calendar says of it has one source: correcting a notice means saving it again under its id.
 */
export function noticeConflicts(notices: readonly CalendarNotice[]): NoticeConflict[] {
  const owner = new Map<string, string>();
  const conflicts: NoticeConflict[] = [];
  for (const notice of notices) {
    for (const day of notice.days) {
      const earlier = owner.get(day.date);
      if (earlier === undefined) owner.set(day.date, notice.id);
      else conflicts.push({ date: day.date, notices: [earlier, notice.id] });
    }
  }
  return conflicts;
}
