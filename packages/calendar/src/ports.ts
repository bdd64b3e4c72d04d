import { NoticeConflictError, WorkingCalendar } from './calendar.ts';
import { loadHolidayRules } from './holidays.ts';
import { type CalendarNotice, calendarNoticeSchema, noticeConflicts } from './notices.ts';
import { SEED_NOTICES } from './seed.ts';

/**
 * Where the calendar's notices live. A service implements it over its table (the inspection
 * service keeps them in DynamoDB, one partition, read with one Query) and lets an admin add
 * notices through its API; tests and the local platform use `InMemoryNoticeStore`.
 */
export interface CalendarNoticeSource {
  /** Every recorded notice, any year. */
  notices(): Promise<readonly CalendarNotice[]>;
}

export interface CalendarNoticeStore extends CalendarNoticeSource {
  /** Records `notice`, replacing the one with the same id. Checked with `withNotice` first. */
  save(notice: CalendarNotice): Promise<void>;
}

/**
 * The notices once `notice` is recorded: validated, replacing the one with its id, and refused
 * with `NoticeConflictError` when another notice says the opposite of one of its days. The one
 * check every path that records a notice calls (an adapter's `save`, an admin's use case).
 */
export function withNotice(current: readonly CalendarNotice[], notice: CalendarNotice): CalendarNotice[] {
  const parsed = calendarNoticeSchema.parse(notice);
  const next = [...current.filter((n) => n.id !== parsed.id), parsed];
  const conflicts = noticeConflicts(next);
  if (conflicts.length > 0) throw new NoticeConflictError(conflicts);
  return next;
}

/**
 * The notices in force when a service keeps its own on top of the shipped ones (`SEED_NOTICES`):
 * every recorded notice, and each seed notice unless a recorded one has its id (an
 * administrator's correction) or lists one of its days. A save checks the recorded notice against
 * the seeds (`withNotice` on this set), so the second case only arises when a later release ships
 * a seed notice for a year an administrator has already recorded: their record wins.
 */
export function withSeed(seed: readonly CalendarNotice[], recorded: readonly CalendarNotice[]): CalendarNotice[] {
  const ids = new Set(recorded.map((n) => n.id));
  const taken = new Set(recorded.flatMap((n) => n.days.map((d) => d.date)));
  const kept = seed.filter((n) => !ids.has(n.id) && !n.days.some((d) => taken.has(d.date)));
  return [...kept, ...recorded];
}

/** The calendar with `source`'s notices, the holiday library loaded first (on first use). */
export async function loadCalendar(source: CalendarNoticeSource): Promise<WorkingCalendar> {
  const [notices] = await Promise.all([source.notices(), loadHolidayRules()]);
  return new WorkingCalendar(notices);
}

export class InMemoryNoticeStore implements CalendarNoticeStore {
  private current: Promise<readonly CalendarNotice[]>;

  /** `seed` is checked like any saved notice (`withNotice`), once the holiday rules are loaded. */
  constructor(seed: readonly CalendarNotice[] = SEED_NOTICES) {
    this.current = loadHolidayRules().then(() => seed.reduce<CalendarNotice[]>(withNotice, []));
  }

  async notices(): Promise<readonly CalendarNotice[]> {
    return this.current;
  }

  async save(notice: CalendarNotice): Promise<void> {
    const before = this.current;
    const next = before.then((current) => withNotice(current, notice));
    this.current = next.catch(() => before);
    await next;
  }
}
