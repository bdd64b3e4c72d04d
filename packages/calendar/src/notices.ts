import { z } from 'zod';
import { daySchema, isWeekend, yearOf } from './days.ts';
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
const bilingualSchema = z.strictObject({ vi: z.string().min(1).max(120), en: z.string().min(1).max(120) });

const offDaySchema = z.strictObject({
  date: daySchema,
  status: z.literal('off'),
  /** What the day is named after in an explanation: "nghỉ <vi> 31/08–02/09". */
  name: bilingualSchema,
});

const workedDaySchema = z.strictObject({
  date: daySchema,
  status: z.literal('working'),
  /** The weekday off this Saturday or Sunday makes up for, when the notice says so. */
  replaces: daySchema.optional(),
});

export const noticeDaySchema = z.discriminatedUnion('status', [offDaySchema, workedDaySchema]);

export const certaintySchema = z.enum(['sure', 'likely', 'unsure']);

export const calendarNoticeSchema = z
  .strictObject({
    /** Stable key, e.g. `2026-national-day`: saving a notice with the same id replaces it. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    year: z.number().int().min(2000).max(2100),
    /** The document that announces it, e.g. "TB 9441/TB-BNV". */
    source: z.string().min(1).max(300),
    certainty: certaintySchema,
    days: z.array(noticeDaySchema).min(1).max(31),
  })
  .superRefine((notice, ctx) => {
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
