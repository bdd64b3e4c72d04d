import { addDays } from '@congdoan/contracts';
import { assertDay, type Day, isWeekend, yearOf } from './days.ts';
import { explainCalendarDays, explainWorkingDays } from './explain.ts';
import { type Bilingual, statutoryHolidays } from './holidays.ts';
import {
  type CalendarNotice,
  type Certainty,
  calendarNoticeSchema,
  type NoticeConflict,
  noticeConflicts,
} from './notices.ts';

/** What a day is for a public employee, and why. */
export type DayInfo =
  | { readonly date: Day; readonly working: true; readonly kind: 'weekday' }
  /** A day off made a working day by a notice (a Saturday worked in a swap): it counts. */
  | { readonly date: Day; readonly working: true; readonly kind: 'worked'; readonly source: string }
  | { readonly date: Day; readonly working: false; readonly kind: 'weekend' }
  | {
      readonly date: Day;
      readonly working: false;
      readonly kind: 'holiday';
      readonly name: Bilingual;
      readonly source: string;
      readonly certainty: Certainty;
    };

/** A day off that a working-day count passed over (weekends are not listed). */
export type SkippedDay = Extract<DayInfo, { kind: 'holiday' }>;
/** A day off that a notice made a working day (a Saturday worked in a swap), counted by a working-day count. */
export type WorkedDay = Extract<DayInfo, { kind: 'worked' }>;

/**
 * A computed deadline that says how it was computed. `rule` is the caller's legal source
 * ("Luật Tố cáo 2018, Điều 24"); the calendar adds the days off it skipped.
 */
export interface Deadline {
  readonly date: Day;
  readonly kind: 'working' | 'calendar';
  readonly from: Day;
  readonly days: number;
  readonly explanation: Bilingual;
  readonly skipped: readonly SkippedDay[];
  readonly worked: readonly WorkedDay[];
  /**
   * Years the count went through for which no notice is recorded: their substitute days, the
   * second National Day day and any swap are not known, so the date may move once announced.
   */
  readonly unannouncedYears: readonly number[];
  /** Set when a calendar-day deadline fell on a day off and was moved (`endOnWorkingDay`). */
  readonly movedFrom?: Day;
}

export interface DeadlineOptions {
  /** The legal source of the limit, appended to the explanation. */
  readonly rule?: Bilingual;
}

export interface CalendarDayOptions extends DeadlineOptions {
  /**
   * Move a deadline that falls on a day off to the next working day (Bộ luật Dân sự 2015,
   * Art. 148). Off by default: the rule that sets the limit decides whether it applies.
   */
  readonly endOnWorkingDay?: boolean;
}

const LIBRARY_SOURCE = 'Bộ luật Lao động 2019, Điều 112 (date-holidays)';

export class NoticeConflictError extends Error {
  constructor(readonly conflicts: readonly NoticeConflict[]) {
    super(
      `A day belongs to one calendar notice: ${conflicts.map((c) => `${c.date} is in ${c.notices.join(' and ')}`).join('; ')}`,
    );
    this.name = 'NoticeConflictError';
  }
}

/**
 * Vietnam's working days for public employees: Monday to Friday, less the public holidays the
 * holiday library computes (Tết and Giỗ Tổ from the lunar calendar, the fixed days), with the
 * yearly notices applied on top (extra days off, weekend days worked). Pure and synchronous:
 * load the notices through a `CalendarNoticeSource` and build one per request or per Lambda.
 *
 * Counting follows Bộ luật Dân sự 2015, Art. 147: for a limit in days "kể từ" a day or an event,
 * that day is not counted, day 1 is the next one. So `addWorkingDays('2026-02-12', 7)` is the
 * 7th working day after 12/02/2026.
 */
export class WorkingCalendar {
  private readonly overrides = new Map<Day, DayInfo>();
  private readonly announced = new Set<number>();

  constructor(notices: readonly CalendarNotice[]) {
    const parsed = notices.map((n) => calendarNoticeSchema.parse(n));
    const conflicts = noticeConflicts(parsed);
    if (conflicts.length > 0) throw new NoticeConflictError(conflicts);
    for (const notice of parsed) {
      this.announced.add(notice.year);
      for (const day of notice.days) {
        this.overrides.set(
          day.date,
          day.status === 'off'
            ? {
                date: day.date,
                working: false,
                kind: 'holiday',
                name: day.name,
                source: notice.source,
                certainty: notice.certainty,
              }
            : { date: day.date, working: true, kind: 'worked', source: notice.source },
        );
      }
    }
  }

  /** The years for which at least one notice is recorded. */
  announcedYears(): number[] {
    return [...this.announced].sort((a, b) => a - b);
  }

  day(date: Day): DayInfo {
    assertDay(date);
    const override = this.overrides.get(date);
    if (override) return override;
    if (isWeekend(date)) return { date, working: false, kind: 'weekend' };
    const holiday = statutoryHolidays(yearOf(date)).get(date);
    if (holiday) {
      return {
        date,
        working: false,
        kind: 'holiday',
        name: holiday.name,
        source: LIBRARY_SOURCE,
        // The Labour Code names the holidays; which five days are Tết is announced yearly.
        certainty: holiday.id === 'tet' ? 'likely' : 'sure',
      };
    }
    return { date, working: true, kind: 'weekday' };
  }

  isWorkingDay(date: Day): boolean {
    return this.day(date).working;
  }

  /**
   * The `n`th working day after `from` (`from` itself not counted); for a negative `n`, the
   * `|n|`th working day before it (the congress cut-off: "25 working days before"). `n = 0` is
   * `from` itself.
   */
  addWorkingDays(from: Day, n: number, options: DeadlineOptions = {}): Deadline {
    assertDay(from, 'from');
    assertCount(n);
    const step = n < 0 ? -1 : 1;
    const skipped: SkippedDay[] = [];
    const worked: WorkedDay[] = [];
    let date = from;
    for (let counted = 0; counted < Math.abs(n); ) {
      date = addDays(date, step);
      const info = this.day(date);
      if (info.kind === 'holiday') skipped.push(info);
      if (info.kind === 'worked') worked.push(info);
      if (info.working) counted++;
    }
    if (step < 0) {
      skipped.reverse();
      worked.reverse();
    }
    const deadline = { date, kind: 'working' as const, from, days: n, skipped, worked };
    const unannouncedYears = this.unannouncedBetween(from, date);
    return {
      ...deadline,
      unannouncedYears,
      explanation: explainWorkingDays({ ...deadline, unannouncedYears }, options.rule),
    };
  }

  /**
   * `from` plus `n` calendar days (`from` not counted): weekends and holidays count like any day.
   * With `endOnWorkingDay`, a deadline on a day off moves to the next working day; one on a
   * weekend day worked in a swap (Saturday 22/08/2026) stays there, and `worked` names it.
   */
  addCalendarDays(from: Day, n: number, options: CalendarDayOptions = {}): Deadline {
    assertDay(from, 'from');
    assertCount(n);
    const end = addDays(from, n);
    let date = end;
    const skipped: SkippedDay[] = [];
    const worked: WorkedDay[] = [];
    if (options.endOnWorkingDay) {
      let info = this.day(date);
      for (; !info.working; info = this.day(date)) {
        if (info.kind === 'holiday') skipped.push(info);
        date = addDays(date, 1);
      }
      // A weekend day worked in a swap is a working day: the limit ends on it, and says why.
      if (info.kind === 'worked') worked.push(info);
    }
    const moved = date !== end;
    const unannouncedYears = options.endOnWorkingDay ? this.unannouncedBetween(end, date) : [];
    const deadline = {
      date,
      kind: 'calendar' as const,
      from,
      days: n,
      skipped,
      worked,
      unannouncedYears,
      ...(moved ? { movedFrom: end } : {}),
    };
    return { ...deadline, explanation: explainCalendarDays(deadline, options.rule) };
  }

  /**
   * The working days stepped over going from `from` to `to`: those in (from, to] when `to` is
   * later, minus those in [to, from) when it is earlier. So `workingDaysBetween(d,
   * addWorkingDays(d, n).date) === n` for every `n`.
   */
  workingDaysBetween(from: Day, to: Day): number {
    assertDay(from, 'from');
    assertDay(to, 'to');
    return to < from ? -this.countWorking(to, from) : this.countWorking(addDays(from, 1), addDays(to, 1));
  }

  /** Working days in [first, end). */
  private countWorking(first: Day, end: Day): number {
    let count = 0;
    for (let date = first; date < end; date = addDays(date, 1)) if (this.isWorkingDay(date)) count++;
    return count;
  }

  private unannouncedBetween(a: Day, b: Day): number[] {
    const [first, last] = a <= b ? [yearOf(a), yearOf(b)] : [yearOf(b), yearOf(a)];
    const years: number[] = [];
    for (let year = first; year <= last; year++) if (!this.announced.has(year)) years.push(year);
    return years;
  }
}

/** Limits are whole days, and no statutory limit is longer than a few years. */
const MAX_DAYS = 3660;

function assertCount(n: number): void {
  if (!Number.isInteger(n) || Math.abs(n) > MAX_DAYS) {
    throw new RangeError(`a number of days must be a whole number of at most ${MAX_DAYS}, not ${n}`);
  }
}
