import { z } from 'zod';
import { textSchema } from '../text.ts';

/**
 * The working-day calendar's API (inspection service): a working-day count with its explanation,
 * and the yearly days-off notices an administrator records. The notice's shape is here, where the
 * API and `@congdoan/calendar` both read it; the rules a notice must follow (its days in its year,
 * no day listed twice, no day that would change nothing) are the calendar's `calendarNoticeSchema`.
 */

const day = z.iso.date();
const nameText = textSchema({ min: 1, max: 120 });
const bilingualName = z.strictObject({ vi: nameText, en: nameText });

/** A day a notice gives off: named in an explanation ("nghỉ <vi> 31/08–02/09"). */
export const noticeOffDaySchema = z.strictObject({ date: day, status: z.literal('off'), name: bilingualName });

/** A weekend day (or a day the holiday library gives off) that a notice makes a working day. */
export const noticeWorkedDaySchema = z.strictObject({
  date: day,
  status: z.literal('working'),
  /** The weekday off this Saturday or Sunday makes up for, when the notice says so. */
  replaces: day.optional(),
});

export const noticeDaySchema = z.discriminatedUnion('status', [noticeOffDaySchema, noticeWorkedDaySchema]);

export const CALENDAR_CERTAINTIES = ['sure', 'likely', 'unsure'] as const;

/** A yearly announcement of days off for public employees, with its source and how sure we are. */
export const calendarNoticeBody = z.strictObject({
  /** Stable key, e.g. `2027-national-day`: saving a notice with the same id replaces it. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes, e.g. 2027-tet'),
  year: z.number().int().min(2000).max(2100),
  /** The document that announces it, e.g. "TB 9441/TB-BNV". */
  source: textSchema({ min: 1, max: 300 }),
  certainty: z.enum(CALENDAR_CERTAINTIES),
  days: z.array(noticeDaySchema).min(1).max(31),
});
export type CalendarNoticeBody = z.infer<typeof calendarNoticeBody>;

/** A notice as the API lists it: from the shipped seed data, or added by an administrator. */
export const calendarNoticeView = calendarNoticeBody.extend({
  origin: z.enum(['seed', 'added']),
  addedBy: z.string().optional(),
  addedAt: z.iso.datetime({ offset: true }).optional(),
});
export type CalendarNoticeView = z.infer<typeof calendarNoticeView>;

export const calendarNoticeList = z.object({
  items: z.array(calendarNoticeView),
  /** The years with at least one notice: a count through another year is flagged as unannounced. */
  announcedYears: z.array(z.number().int()),
});

export const calendarNoticeQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** The longest count the API makes, either way: a year and a half of working days. */
export const MAX_WORKING_DAYS = 365;

export const workingDaysQuery = z.strictObject({
  /** A day from 2000 to 2099: the holiday library's lunar calendar is not asked about other centuries. */
  from: day.refine((d) => d >= '2000-01-01' && d <= '2099-12-31', 'must be a day from 2000 to 2099'),
  /** Working days after `from` (day 1 is the day after); negative counts back (a congress cut-off). */
  days: z.coerce
    .number()
    .int()
    .min(-MAX_WORKING_DAYS)
    .max(MAX_WORKING_DAYS)
    .refine((n) => n !== 0, 'must not be 0: a count of working days starts the day after `from`'),
});

const skippedDay = z.object({
  date: day,
  name: z.string(),
  source: z.string(),
  certainty: z.enum(CALENDAR_CERTAINTIES),
});

export const workingDaysResult = z.object({
  date: day,
  /** `working`: the count skipped weekends and days off. */
  kind: z.literal('working'),
  from: day,
  days: z.number().int(),
  /** In the caller's language (Vietnamese unless `Accept-Language: en`). */
  explanation: z.string(),
  /** The days off passed over, named in the caller's language. */
  skipped: z.array(skippedDay),
  /** Weekend days a notice made working days, counted. */
  worked: z.array(z.object({ date: day, source: z.string() })),
  /** Years crossed with no notice recorded: their substitute days and swaps are unknown yet. */
  unannouncedYears: z.array(z.number().int()),
});
export type WorkingDaysResult = z.infer<typeof workingDaysResult>;
