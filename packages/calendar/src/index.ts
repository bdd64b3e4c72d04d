export {
  type CalendarDayOptions,
  type DayInfo,
  type Deadline,
  type DeadlineOptions,
  NoticeConflictError,
  type SkippedDay,
  type WorkedDay,
  WorkingCalendar,
} from './calendar.ts';
export { type Day, daySchema, formatDay } from './days.ts';
export {
  type Bilingual,
  type HolidayId,
  loadHolidayRules,
  type StatutoryHoliday,
  statutoryHolidays,
} from './holidays.ts';
export {
  type CalendarNotice,
  type Certainty,
  calendarNoticeSchema,
  type NoticeConflict,
  type NoticeDay,
  noticeConflicts,
} from './notices.ts';
export {
  type CalendarNoticeSource,
  type CalendarNoticeStore,
  InMemoryNoticeStore,
  loadCalendar,
  withNotice,
  withSeed,
} from './ports.ts';
export { SEED_NOTICES } from './seed.ts';
