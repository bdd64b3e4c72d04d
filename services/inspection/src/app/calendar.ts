import { calendarNoticeSchema, loadHolidayRules, NoticeConflictError } from '@congdoan/calendar';
import type { CalendarNoticeBody, CalendarNoticeView, WorkingDaysResult } from '@congdoan/contracts';
import { calendarAdminOnly, calendarNoticeConflict, invalidCalendarNotice } from '../domain/calendar-errors.ts';
import type { CalendarNotices, SavedNotice } from './calendar-ports.ts';
import type { Caller } from './ports.ts';

type Lang = 'vi' | 'en';

/**
 * The `days`th working day after `from` (before it, for a negative count) on the calendar in
 * force, explained in the caller's language: the days off it passed over, by name and source,
 * the weekend days worked, and the years it crossed with no notice recorded.
 */
export async function countWorkingDays(
  notices: CalendarNotices,
  query: { from: string; days: number },
  lang: Lang,
): Promise<WorkingDaysResult> {
  const deadline = (await notices.calendar()).addWorkingDays(query.from, query.days);
  return {
    date: deadline.date,
    kind: 'working',
    from: deadline.from,
    days: deadline.days,
    explanation: deadline.explanation[lang],
    skipped: deadline.skipped.map((d) => ({
      date: d.date,
      name: d.name[lang],
      source: d.source,
      certainty: d.certainty,
    })),
    worked: deadline.worked.map((d) => ({ date: d.date, source: d.source })),
    unannouncedYears: [...deadline.unannouncedYears],
  };
}

/** The notices in force, of one year or all, with the years that have one. */
export async function listNotices(
  notices: CalendarNotices,
  year: number | undefined,
): Promise<{ items: CalendarNoticeView[]; announcedYears: number[] }> {
  const all = await notices.views();
  const announcedYears = [...new Set(all.map((n) => n.year))].sort((a, b) => a - b);
  const items = all
    .filter((n) => year === undefined || n.year === year)
    .sort((a, b) => a.year - b.year || a.days[0]!.date.localeCompare(b.days[0]!.date) || a.id.localeCompare(b.id));
  return { items, announcedYears };
}

/**
 * Records a days-off notice for the whole organisation (an administrator of the whole tree):
 * checked against the calendar's rules (422 with each failing day) and against every notice in
 * force (409 naming the days another notice holds); saving an id again replaces that notice.
 */
export async function addNotice(
  notices: CalendarNotices,
  caller: Caller,
  body: CalendarNoticeBody,
): Promise<SavedNotice> {
  if (caller.unitId !== null) throw calendarAdminOnly();
  await loadHolidayRules();
  const parsed = calendarNoticeSchema.safeParse(body);
  if (!parsed.success) {
    throw invalidCalendarNotice(
      parsed.error.issues.map((issue) => ({ location: 'body', field: issue.path.join('.'), message: issue.message })),
    );
  }
  try {
    return await notices.record(parsed.data, caller.write);
  } catch (error) {
    if (error instanceof NoticeConflictError) throw calendarNoticeConflict(error.conflicts);
    throw error;
  }
}
