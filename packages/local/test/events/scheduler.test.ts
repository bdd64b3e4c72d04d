import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalScheduler, nextRun, parseCron } from '../../src/events/scheduler.ts';

const HCM = 'Asia/Ho_Chi_Minh';
const iso = (d: Date) => d.toISOString();

/** The next `count` runs after `after`. */
function runs(cron: string, timeZone: string, after: string, count: number): string[] {
  const parsed = parseCron(cron);
  const out: string[] = [];
  let at = new Date(after);
  for (let i = 0; i < count; i++) {
    at = nextRun(parsed, timeZone, at);
    out.push(iso(at));
  }
  return out;
}

describe('parseCron', () => {
  it('parses lists, ranges, steps, names and ?', () => {
    const c = parseCron('cron(0/15 8-10,22 ? JAN,MAR-APR MON-FRI 2026-2027)');
    expect(c.minutes).toEqual([0, 15, 30, 45]);
    expect(c.hours).toEqual([8, 9, 10, 22]);
    expect(c.daysOfMonth).toBeNull();
    expect(c.months).toEqual([1, 3, 4]);
    expect(c.daysOfWeek?.days).toEqual([2, 3, 4, 5, 6]);
    expect(c.years).toEqual([2026, 2027]);
  });

  it('reads 1-7 as SUN-SAT, wraps ranges, and understands L, W and #', () => {
    expect(parseCron('cron(0 0 ? * 1,7 *)').daysOfWeek?.days).toEqual([1, 7]);
    expect(parseCron('cron(0 0 ? * FRI-MON *)').daysOfWeek?.days).toEqual([1, 2, 6, 7]);
    expect(parseCron('cron(0 22-2 * * ? *)').hours).toEqual([0, 1, 2, 22, 23]);
    expect(parseCron('cron(1/20 * * * ? *)').minutes).toEqual([1, 21, 41]);
    expect(parseCron('cron(10-40/10 * * * ? *)').minutes).toEqual([10, 20, 30, 40]);
    expect(parseCron('cron(0 0 L * ? *)').daysOfMonth).toMatchObject({ lastOffsets: [0] });
    expect(parseCron('cron(0 0 L-2,15W,LW * ? *)').daysOfMonth).toEqual({
      days: [],
      lastOffsets: [2],
      nearestWeekdays: [15],
      lastWeekday: true,
    });
    expect(parseCron('cron(0 0 ? * 6L *)').daysOfWeek?.lastOfMonth).toEqual([6]);
    expect(parseCron('cron(0 0 ? * 3#2 *)').daysOfWeek?.nth).toEqual({ day: 3, n: 2 });
    expect(parseCron('cron(0 0 ? * tue#1 *)').daysOfWeek?.nth).toEqual({ day: 3, n: 1 });
  });

  it('refuses invalid expressions with a clear reason', () => {
    expect(() => parseCron('0 2 1 * ? *')).toThrow(/must look like cron\(/);
    expect(() => parseCron('cron(0 2 1 * ?)')).toThrow(/needs 6 fields, got 5/);
    expect(() => parseCron('cron(0 2 1 * MON *)')).toThrow(/exactly one of day-of-month and day-of-week must be \?/);
    expect(() => parseCron('cron(0 2 * * * *)')).toThrow(/exactly one of/);
    expect(() => parseCron('cron(0 2 ? * ? *)')).toThrow(/exactly one of/);
    expect(() => parseCron('cron(60 2 1 * ? *)')).toThrow(/minutes 60 is outside 0-59/);
    expect(() => parseCron('cron(0 24 1 * ? *)')).toThrow(/hours 24 is outside 0-23/);
    expect(() => parseCron('cron(0 0 32 * ? *)')).toThrow(/day-of-month 32/);
    expect(() => parseCron('cron(0 0 ? * 0 *)')).toThrow(/day-of-week 0 is outside 1-7/);
    expect(() => parseCron('cron(0 0 1 FOO ? *)')).toThrow(/"FOO" is not a valid month/);
    expect(() => parseCron('cron(0 0 1 * ? 1969)')).toThrow(/year 1969/);
    expect(() => parseCron('cron(*/0 0 1 * ? *)')).toThrow(/not a valid increment/);
    expect(() => parseCron('cron(0 0 ? * 3#1,6#3 *)')).toThrow(/only expression/);
    expect(() => parseCron('cron(0 0 ? * 3#6 *)')).toThrow(/1-5/);
    expect(() => parseCron('cron(0 0 5L * ? *)')).toThrow(/not a valid day-of-month/);
    expect(() => parseCron('cron(0 0 1,,2 * ? *)')).toThrow(/empty item/);
  });
});

describe('nextRun', () => {
  it('runs monthly dues at 02:00 on the 1st in Ho Chi Minh City (UTC+7)', () => {
    expect(iso(nextRun('cron(0 2 1 * ? *)', HCM, new Date('2026-11-22T00:00:00Z')))).toBe('2026-11-30T19:00:00.000Z');
    // exactly at a run time, the next one is the following month's
    expect(iso(nextRun('cron(0 2 1 * ? *)', HCM, new Date('2026-11-30T19:00:00Z')))).toBe('2026-12-31T19:00:00.000Z');
    expect(iso(nextRun('cron(0 2 1 * ? *)', HCM, new Date('2026-11-30T18:59:59.999Z')))).toBe(
      '2026-11-30T19:00:00.000Z',
    );
  });

  it('runs on weekdays only with MON-FRI', () => {
    // 2026-11-20 is a Friday; 08:30 in HCM is 01:30Z
    expect(runs('cron(30 8 ? * MON-FRI *)', HCM, '2026-11-20T02:00:00Z', 3)).toEqual([
      '2026-11-23T01:30:00.000Z', // Monday
      '2026-11-24T01:30:00.000Z',
      '2026-11-25T01:30:00.000Z',
    ]);
    expect(runs('cron(30 8 ? * 2-6 *)', HCM, '2026-11-20T02:00:00Z', 1)).toEqual(['2026-11-23T01:30:00.000Z']);
  });

  it('runs on the last day of each month with L, leap years included', () => {
    expect(runs('cron(0 0 L * ? *)', 'UTC', '2028-01-15T00:00:00Z', 4)).toEqual([
      '2028-01-31T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
      '2028-03-31T00:00:00.000Z',
      '2028-04-30T00:00:00.000Z',
    ]);
    expect(runs('cron(0 0 L * ? *)', HCM, '2027-02-01T00:00:00Z', 1)).toEqual(['2027-02-27T17:00:00.000Z']);
    expect(runs('cron(0 0 L-1 * ? *)', 'UTC', '2027-02-01T00:00:00Z', 1)).toEqual(['2027-02-27T00:00:00.000Z']);
  });

  it('handles W, LW, nL and #', () => {
    // 2026-08-01 is a Saturday: 1W is Monday the 3rd; 2026-05-31 is a Sunday: LW is Friday the 29th
    expect(runs('cron(0 0 1W * ? *)', 'UTC', '2026-07-15T00:00:00Z', 1)).toEqual(['2026-08-03T00:00:00.000Z']);
    expect(runs('cron(0 0 LW * ? *)', 'UTC', '2026-05-01T00:00:00Z', 1)).toEqual(['2026-05-29T00:00:00.000Z']);
    // 15W in Nov 2026: the 15th is a Sunday, so Monday the 16th
    expect(runs('cron(0 0 15W * ? *)', 'UTC', '2026-11-01T00:00:00Z', 1)).toEqual(['2026-11-16T00:00:00.000Z']);
    // the last Friday of November 2026 is the 27th; the second Tuesday is the 10th
    expect(runs('cron(0 0 ? * 6L *)', 'UTC', '2026-11-01T00:00:00Z', 1)).toEqual(['2026-11-27T00:00:00.000Z']);
    expect(runs('cron(0 0 ? * 3#2 *)', 'UTC', '2026-11-01T00:00:00Z', 2)).toEqual([
      '2026-11-10T00:00:00.000Z',
      '2026-12-08T00:00:00.000Z',
    ]);
  });

  it('honours months and years, and says when there is no next run', () => {
    expect(runs('cron(15 10 * 1 ? 2027)', 'UTC', '2026-06-01T00:00:00Z', 1)).toEqual(['2027-01-01T10:15:00.000Z']);
    expect(() => nextRun('cron(0 0 1 * ? 2025)', 'UTC', new Date('2026-01-01T00:00:00Z'))).toThrow(/has no run after/);
    expect(() => nextRun('cron(0 0 30 2 ? *)', 'UTC', new Date('2026-01-01T00:00:00Z'))).toThrow(/has no run after/);
  });

  it('skips a wall-clock time that DST skips (Europe/Berlin, 29 March 2026)', () => {
    // clocks jump from 02:00 CET to 03:00 CEST: 02:30 does not exist that day
    expect(runs('cron(30 2 * * ? *)', 'Europe/Berlin', '2026-03-28T12:00:00Z', 2)).toEqual([
      '2026-03-30T00:30:00.000Z', // 02:30 CEST on the 30th
      '2026-03-31T00:30:00.000Z',
    ]);
    // 01:30 is still CET (UTC+1) that morning; 03:30 is already CEST (UTC+2)
    expect(runs('cron(30 1,3 * * ? *)', 'Europe/Berlin', '2026-03-28T23:00:00Z', 2)).toEqual([
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ]);
  });

  it('runs a repeated wall-clock time once when DST ends (Europe/Berlin, 25 October 2026)', () => {
    // 02:00-02:59 happens twice: first in CEST (00:xxZ), then in CET (01:xxZ)
    expect(runs('cron(30 2 * * ? *)', 'Europe/Berlin', '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
    // hourly: 02:00 once, then 03:00 CET, which is two real hours later
    expect(runs('cron(0 * * * ? *)', 'Europe/Berlin', '2026-10-24T23:30:00Z', 3)).toEqual([
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-25T02:00:00.000Z', // 03:00 CET
      '2026-10-25T03:00:00.000Z',
    ]);
    // asked from inside the second pass, the repeated 02:45 does not run again
    expect(iso(nextRun('cron(45 2 * * ? *)', 'Europe/Berlin', new Date('2026-10-25T01:30:00Z')))).toBe(
      '2026-10-26T01:45:00.000Z',
    );
  });

  it('rejects an unknown time zone', () => {
    expect(() => nextRun('cron(0 0 * * ? *)', 'Mars/Olympus', new Date())).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});

describe('LocalScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists schedules with their next run', () => {
    const scheduler = new LocalScheduler({ now: () => new Date('2026-11-22T00:00:00Z') });
    scheduler.add({ name: 'monthly-dues', cron: 'cron(0 2 1 * ? *)', timezone: HCM, run: async () => {} });
    expect(scheduler.list()).toEqual([
      { name: 'monthly-dues', cron: 'cron(0 2 1 * ? *)', timezone: HCM, nextRunAt: '2026-11-30T19:00:00.000Z' },
    ]);
  });

  it('refuses bad schedules and duplicate names, naming the schedule', () => {
    const scheduler = new LocalScheduler();
    expect(() => scheduler.add({ name: 'x', cron: 'cron(0 0 * * * *)', timezone: HCM, run: async () => {} })).toThrow(
      /schedule "x": invalid cron expression/,
    );
    expect(() =>
      scheduler.add({ name: 'y', cron: 'cron(0 0 * * ? *)', timezone: 'Nowhere', run: async () => {} }),
    ).toThrow(/schedule "y": unknown time zone/);
    scheduler.add({ name: 'z', cron: 'cron(0 0 * * ? *)', timezone: HCM, run: async () => {} });
    expect(() => scheduler.add({ name: 'z', cron: 'cron(0 0 * * ? *)', timezone: HCM, run: async () => {} })).toThrow(
      /already added/,
    );
  });

  it('runNow runs the schedule and rejects with its error; an unknown name is a clear error', async () => {
    const scheduler = new LocalScheduler();
    let ran = 0;
    scheduler.add({ name: 'ok', cron: 'cron(0 0 * * ? *)', timezone: HCM, run: async () => void ran++ });
    scheduler.add({
      name: 'bad',
      cron: 'cron(0 0 * * ? *)',
      timezone: HCM,
      run: async () => {
        throw new Error('kaboom');
      },
    });
    await scheduler.runNow('ok');
    expect(ran).toBe(1);
    await expect(scheduler.runNow('bad')).rejects.toThrow('kaboom');
    await expect(scheduler.runNow('nope')).rejects.toThrow(/no schedule named "nope" \(known: ok, bad\)/);
  });

  it('runs schedules when due, keeps going after one throws, and stops', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-11-22T00:00:30Z'));
    const log: string[] = [];
    const scheduler = new LocalScheduler({ log: (l) => log.push(l) });
    const ticks: string[] = [];
    let failures = 0;
    scheduler.add({
      name: 'every-minute',
      cron: 'cron(* * * * ? *)',
      timezone: HCM,
      run: async () => void ticks.push(new Date().toISOString()),
    });
    scheduler.add({
      name: 'always-fails',
      cron: 'cron(* * * * ? *)',
      timezone: HCM,
      run: async () => {
        failures++;
        throw new Error('broken job');
      },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(ticks).toEqual(['2026-11-22T00:01:00.000Z', '2026-11-22T00:02:00.000Z', '2026-11-22T00:03:00.000Z']);
    expect(failures).toBe(3);
    expect(log.filter((l) => l.includes('always-fails failed') && l.includes('broken job'))).toHaveLength(3);
    expect(scheduler.list().find((s) => s.name === 'every-minute')?.nextRunAt).toBe('2026-11-22T00:04:00.000Z');

    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(ticks).toHaveLength(3);
  });

  it('stop waits for a run in progress', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-11-22T00:00:59Z'));
    let finished = false;
    let release: () => void = () => {};
    const scheduler = new LocalScheduler();
    scheduler.add({
      name: 'slow',
      cron: 'cron(* * * * ? *)',
      timezone: 'UTC',
      run: () =>
        new Promise<void>((resolve) => {
          release = () => {
            finished = true;
            resolve();
          };
        }),
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1000);
    const stopped = scheduler.stop();
    let stopDone = false;
    void stopped.then(() => {
      stopDone = true;
    });
    await Promise.resolve();
    expect(stopDone).toBe(false);
    release();
    await stopped;
    expect(finished).toBe(true);
  });
});
