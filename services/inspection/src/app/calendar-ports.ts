import type { CalendarNotice, CalendarNoticeStore, WorkingCalendar } from '@congdoan/calendar';
import type { CalendarNoticeView } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';

/** A notice once saved: as listed, and whether it replaced one with its id. */
export interface SavedNotice {
  view: CalendarNoticeView;
  replaced: boolean;
}

/**
 * The working-day calendar's notices (`@congdoan/calendar`'s store port) as inspection keeps
 * them: the shipped seed with what administrators recorded, and the calendar built from them.
 * The adapter is `adapters/calendar-notice-store.ts`.
 */
export interface CalendarNotices extends CalendarNoticeStore {
  /** The calendar of the notices in force (cached per Lambda instance for a short time). */
  calendar(): Promise<WorkingCalendar>;
  /** Every notice in force, read afresh, each saying whether it is shipped or was added. */
  views(): Promise<CalendarNoticeView[]>;
  /** Records `notice` on behalf of `ctx`'s actor, audited; `NoticeConflictError` when it contradicts one in force. */
  record(notice: CalendarNotice, ctx: WriteContext): Promise<SavedNotice>;
}
