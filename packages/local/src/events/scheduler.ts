/**
 * EventBridge Scheduler's cron schedules, locally: `cron(minutes hours day-of-month month
 * day-of-week year)` evaluated in an IANA time zone.
 *
 * Syntax (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html):
 * `, - * /` in every field; `?` in one of the two day fields (exactly one of them must be `?`);
 * day-of-month `L` (last day), `L-n` (n days before it), `nW` (weekday nearest day n) and `LW`;
 * day-of-week 1-7 = SUN-SAT, `L` (Saturday), `nL` (last day n of the month) and `n#k` (k-th day
 * n of the month, alone in its field); month names JAN-DEC and day names SUN-SAT.
 *
 * Daylight saving time, as EventBridge Scheduler documents it: a wall-clock time skipped when
 * clocks go forward does not run that day; a wall-clock time repeated when they go back runs
 * once, at its first occurrence.
 */

export interface ParsedCron {
  expression: string;
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: DayOfMonthSpec | null;
  months: readonly number[];
  daysOfWeek: DayOfWeekSpec | null;
  years: readonly number[];
}

export interface DayOfMonthSpec {
  days: readonly number[];
  /** `L` gives 0, `L-3` gives 3. */
  lastOffsets: readonly number[];
  /** `15W` */
  nearestWeekdays: readonly number[];
  /** `LW` */
  lastWeekday: boolean;
}

export interface DayOfWeekSpec {
  /** 1 = Sunday … 7 = Saturday. */
  days: readonly number[];
  /** `6L`: the last Friday of the month. */
  lastOfMonth: readonly number[];
  /** `3#2`: the second Tuesday. */
  nth: { day: number; n: number } | null;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export class InvalidCronError extends Error {
  constructor(expression: string, reason: string) {
    super(`invalid cron expression "${expression}": ${reason}`);
    this.name = 'InvalidCronError';
  }
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** The value of the first name (JAN = 1, SUN = 1). */
  nameBase?: number;
}

const MINUTE: FieldSpec = { name: 'minutes', min: 0, max: 59 };
const HOUR: FieldSpec = { name: 'hours', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 };
const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS, nameBase: 1 };
const YEAR: FieldSpec = { name: 'year', min: 1970, max: 2199 };

/** Parses `cron(...)`, throwing `InvalidCronError` with the reason when it is not valid. */
export function parseCron(expression: string): ParsedCron {
  const match = /^\s*cron\((.*)\)\s*$/i.exec(expression);
  if (!match)
    throw new InvalidCronError(expression, 'it must look like cron(minutes hours day-of-month month day-of-week year)');
  const fields = match[1]!.trim().split(/\s+/);
  if (fields.length !== 6) throw new InvalidCronError(expression, `it needs 6 fields, got ${fields.length}`);
  const [minutes, hours, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  const fail = (reason: string): never => {
    throw new InvalidCronError(expression, reason);
  };
  if ((dom === '?') === (dow === '?')) {
    fail('exactly one of day-of-month and day-of-week must be ?');
  }
  const parsed: ParsedCron = {
    expression,
    minutes: parseList(minutes, MINUTE, fail),
    hours: parseList(hours, HOUR, fail),
    daysOfMonth: dom === '?' ? null : parseDayOfMonth(dom, fail),
    months: parseList(month, MONTH, fail),
    daysOfWeek: dow === '?' ? null : parseDayOfWeek(dow, fail),
    years: parseList(year, YEAR, fail),
  };
  return parsed;
}

type Fail = (reason: string) => never;

function parseValue(text: string, spec: FieldSpec, fail: Fail): number {
  const upper = text.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(text)) fail(`"${text}" is not a valid ${spec.name} value`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) fail(`${spec.name} ${value} is outside ${spec.min}-${spec.max}`);
  return value;
}

/** `*`, `5`, `1-5`, `FRI-MON` (wraps), `*\/15`, `5/15`, `10-40/10`, and lists of those. */
function parseList(text: string, spec: FieldSpec, fail: Fail): number[] {
  return sortedUnique(text.split(',').flatMap((item) => parseItem(item, spec, fail)));
}

function parseItem(item: string, spec: FieldSpec, fail: Fail): number[] {
  if (item === '') fail(`empty item in ${spec.name}`);
  const [range, stepText, extra] = item.split('/');
  if (extra !== undefined) fail(`"${item}" has more than one / in ${spec.name}`);
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) === 0)
      fail(`"${stepText}" is not a valid increment in ${spec.name}`);
    step = Number(stepText);
  }
  let start: number;
  let end: number;
  if (range === '*') {
    start = spec.min;
    end = spec.max;
  } else if (range!.includes('-')) {
    const [a, b, more] = range!.split('-');
    if (more !== undefined || !a || !b) fail(`"${range}" is not a valid range in ${spec.name}`);
    start = parseValue(a!, spec, fail);
    end = parseValue(b!, spec, fail);
  } else {
    start = parseValue(range!, spec, fail);
    // `5/15` runs from 5 to the end of the field's range
    end = stepText !== undefined ? spec.max : start;
  }
  const values: number[] = [];
  const span = spec.max - spec.min + 1;
  // A range whose end is below its start wraps around (FRI-MON, 22-2).
  const length = end >= start ? end - start : end - start + span;
  for (let offset = 0; offset <= length; offset += step) {
    values.push(((start - spec.min + offset) % span) + spec.min);
  }
  return values;
}

function parseDayOfMonth(text: string, fail: Fail): DayOfMonthSpec {
  const spec = {
    days: [] as number[],
    lastOffsets: [] as number[],
    nearestWeekdays: [] as number[],
    lastWeekday: false,
  };
  for (const item of text.toUpperCase().split(',')) {
    const beforeLast = /^L-(\d+)$/.exec(item);
    const nearest = /^(\d+)W$/.exec(item);
    if (item === 'LW') spec.lastWeekday = true;
    else if (item === 'L') spec.lastOffsets.push(0);
    else if (beforeLast) {
      const offset = Number(beforeLast[1]);
      if (offset > 30) fail(`day-of-month ${item} reaches before the month starts`);
      spec.lastOffsets.push(offset);
    } else if (nearest) spec.nearestWeekdays.push(parseValue(nearest[1]!, DAY_OF_MONTH, fail));
    else if (/[LW]/.test(item)) fail(`"${item}" is not a valid day-of-month (use L, L-n, nW or LW)`);
    else spec.days.push(...parseItem(item, DAY_OF_MONTH, fail));
  }
  spec.days = sortedUnique(spec.days);
  return spec;
}

function parseDayOfWeek(text: string, fail: Fail): DayOfWeekSpec {
  const spec = { days: [] as number[], lastOfMonth: [] as number[], nth: null as DayOfWeekSpec['nth'] };
  const items = text.toUpperCase().split(',');
  for (const item of items) {
    const lastOf = /^(\w+)L$/.exec(item);
    const nth = /^(\w+)#(\d+)$/.exec(item);
    if (item === 'L') spec.days.push(7);
    else if (lastOf) spec.lastOfMonth.push(parseValue(lastOf[1]!, DAY_OF_WEEK, fail));
    else if (nth) {
      if (items.length > 1) fail('a day-of-week with # must be the only expression in its field');
      const n = Number(nth[2]);
      if (n < 1 || n > 5) fail(`"${item}": the occurrence after # must be 1-5`);
      spec.nth = { day: parseValue(nth[1]!, DAY_OF_WEEK, fail), n };
    } else if (/[L#]/.test(item)) fail(`"${item}" is not a valid day-of-week`);
    else spec.days.push(...parseItem(item, DAY_OF_WEEK, fail));
  }
  spec.days = sortedUnique(spec.days);
  return spec;
}

function sortedUnique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 1 = Sunday … 7 = Saturday. */
const weekday = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;

function dayOfMonthMatches(spec: DayOfMonthSpec, year: number, month: number, day: number): boolean {
  const last = daysInMonth(year, month);
  if (spec.days.includes(day)) return true;
  if (spec.lastOffsets.some((offset) => last - offset === day)) return true;
  if (spec.lastWeekday && nearestWeekday(year, month, last, last) === day) return true;
  return spec.nearestWeekdays.some((target) => target <= last && nearestWeekday(year, month, target, last) === day);
}

/** The weekday nearest `target`, never leaving the month (Quartz's `W`). */
function nearestWeekday(year: number, month: number, target: number, last: number): number {
  const dow = weekday(year, month, target);
  if (dow === 7) return target === 1 ? 3 : target - 1; // Saturday: Friday, or Monday the 3rd
  if (dow === 1) return target === last ? target - 2 : target + 1; // Sunday: Monday, or Friday before
  return target;
}

function dayOfWeekMatches(spec: DayOfWeekSpec, year: number, month: number, day: number): boolean {
  const dow = weekday(year, month, day);
  if (spec.days.includes(dow)) return true;
  if (spec.lastOfMonth.includes(dow) && day + 7 > daysInMonth(year, month)) return true;
  return spec.nth !== null && spec.nth.day === dow && Math.ceil(day / 7) === spec.nth.n;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (error) {
      throw new Error(`unknown time zone "${timeZone}"`, { cause: error });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time at `instant` in the zone, as if it were UTC (milliseconds dropped). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The first instant showing wall-clock time `wall` in the zone; `undefined` in a DST gap. */
function firstInstant(wall: number, timeZone: string): number | undefined {
  let first: number | undefined;
  // Offsets in force half a day either side cover any transition near this time.
  for (const probe of [wall - DAY_MS / 2, wall, wall + DAY_MS / 2]) {
    const offset = wallClock(probe, timeZone) - Math.floor(probe / 1000) * 1000;
    const candidate = wall - offset;
    if (wallClock(candidate, timeZone) === wall && (first === undefined || candidate < first)) first = candidate;
  }
  return first;
}

/** The first run strictly after `after`, evaluated in `timeZone`. Throws when there is none before 2200. */
export function nextRun(cron: ParsedCron | string, timeZone: string, after: Date): Date {
  const spec = typeof cron === 'string' ? parseCron(cron) : cron;
  const afterMs = after.getTime();
  if (Number.isNaN(afterMs)) throw new Error('nextRun needs a valid date');
  // Wall-clock times in order map to first instants in order, so the first wall-clock minute
  // after the current one whose first instant is later than `after` is the answer.
  const startWall = Math.floor(wallClock(afterMs, timeZone) / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const start = new Date(startWall);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  let day = start.getUTCDate();
  let firstDay = true;
  const lastYear = spec.years.at(-1) ?? YEAR.max;
  while (year <= lastYear) {
    if (!spec.years.includes(year)) {
      [year, month, day, firstDay] = [year + 1, 1, 1, false];
      continue;
    }
    if (!spec.months.includes(month)) {
      [month, day, firstDay] = [month + 1, 1, false];
      if (month > 12) [year, month] = [year + 1, 1];
      continue;
    }
    const dayMatches = spec.daysOfMonth
      ? dayOfMonthMatches(spec.daysOfMonth, year, month, day)
      : dayOfWeekMatches(spec.daysOfWeek!, year, month, day);
    if (dayMatches) {
      for (const hour of spec.hours) {
        for (const minute of spec.minutes) {
          const wall = Date.UTC(year, month - 1, day, hour, minute);
          if (firstDay && wall < startWall) continue;
          const instant = firstInstant(wall, timeZone);
          if (instant !== undefined && instant > afterMs) return new Date(instant);
        }
      }
    }
    firstDay = false;
    day++;
    if (day > daysInMonth(year, month)) {
      [month, day] = [month + 1, 1];
      if (month > 12) [year, month] = [year + 1, 1];
    }
  }
  throw new Error(`${spec.expression} has no run after ${after.toISOString()} in ${timeZone}`);
}

// ---------------------------------------------------------------------------------------------
// Scheduler
// ---------------------------------------------------------------------------------------------

export interface LocalSchedule {
  name: string;
  cron: string;
  timezone: string;
  /** `input` is merged over the schedule's own input (a manual run may choose, e.g., a period). */
  run(input?: Record<string, unknown>): Promise<void>;
}

export interface LocalSchedulerOptions {
  log?: (line: string) => void;
  /** The clock; tests pass their own. */
  now?: () => Date;
}

interface Entry {
  schedule: LocalSchedule;
  cron: ParsedCron;
  nextRunAt: Date;
  timer?: NodeJS.Timeout;
}

/** setTimeout cannot wait longer than about 24.8 days; longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class LocalScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Set<Promise<void>>();
  private readonly log: (line: string) => void;
  private readonly now: () => Date;
  private started = false;

  constructor(options: LocalSchedulerOptions = {}) {
    this.log = options.log ?? (() => {});
    this.now = options.now ?? (() => new Date());
  }

  /** Adds a schedule; throws on a bad cron expression, an unknown time zone or a name already taken. */
  add(schedule: LocalSchedule): void {
    if (this.entries.has(schedule.name)) throw new Error(`schedule "${schedule.name}" is already added`);
    let cron: ParsedCron;
    let nextRunAt: Date;
    try {
      cron = parseCron(schedule.cron);
      nextRunAt = nextRun(cron, schedule.timezone, this.now());
    } catch (error) {
      throw new Error(`schedule "${schedule.name}": ${(error as Error).message}`, { cause: error });
    }
    const entry: Entry = { schedule, cron, nextRunAt };
    this.entries.set(schedule.name, entry);
    if (this.started) this.arm(entry);
  }

  /** Runs every schedule at its times until `stop`. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const entry of this.entries.values()) {
      entry.nextRunAt = nextRun(entry.cron, entry.schedule.timezone, this.now());
      this.arm(entry);
    }
  }

  /** Stops the timers and waits for runs in progress. */
  async stop(): Promise<void> {
    this.started = false;
    for (const entry of this.entries.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = undefined;
    }
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Runs a schedule now, whatever its times; rejects with the schedule's own error. */
  async runNow(name: string, input?: Record<string, unknown>): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) {
      const known = [...this.entries.keys()].join(', ') || 'none';
      throw new Error(`no schedule named "${name}" (known: ${known})`);
    }
    const run = entry.schedule.run(input);
    this.track(run);
    await run;
  }

  list(): { name: string; cron: string; timezone: string; nextRunAt: string }[] {
    return [...this.entries.values()].map(({ schedule, nextRunAt }) => ({
      name: schedule.name,
      cron: schedule.cron,
      timezone: schedule.timezone,
      nextRunAt: nextRunAt.toISOString(),
    }));
  }

  private arm(entry: Entry): void {
    const wait = Math.max(0, entry.nextRunAt.getTime() - this.now().getTime());
    entry.timer = setTimeout(() => this.fire(entry), Math.min(wait, MAX_TIMER_MS));
    entry.timer.unref();
  }

  private fire(entry: Entry): void {
    if (!this.started) return;
    const due = entry.nextRunAt;
    if (this.now().getTime() < due.getTime()) {
      this.arm(entry); // a long wait taken in steps, or a timer that fired early
      return;
    }
    entry.nextRunAt = nextRun(
      entry.cron,
      entry.schedule.timezone,
      new Date(Math.max(due.getTime(), this.now().getTime())),
    );
    this.arm(entry);
    const { name } = entry.schedule;
    this.log(`scheduler: running ${name} (due ${due.toISOString()})`);
    const run = Promise.resolve()
      .then(() => entry.schedule.run())
      .catch((error: unknown) => {
        this.log(
          `scheduler: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      });
    this.track(run);
  }

  private track(run: Promise<void>): void {
    const settled = run.then(
      () => {},
      () => {},
    );
    this.running.add(settled);
    void settled.finally(() => this.running.delete(settled));
  }
}
