import {
  type CalendarNotice,
  loadHolidayRules,
  SEED_NOTICES,
  WorkingCalendar,
  withNotice,
  withSeed,
} from '@congdoan/calendar';
import type { CalendarNoticeView } from '@congdoan/contracts';
import {
  ConditionFailedError,
  commit,
  type Db,
  queryAll,
  retryOnConflict,
  stripKeys,
  systemContext,
  TransactionConflictError,
  type WriteContext,
} from '@congdoan/ddb';
import type { CalendarNotices, SavedNotice } from '../app/calendar-ports.ts';
import { CALENDAR_NOTICE_PREFIX, CALENDAR_NOTICES_PK, calendarNoticeKey, calendarNoticesHeadKey } from './keys.ts';

/**
 * How long one Lambda instance keeps the notices (and the calendar built from them) before
 * reading the table again. A save invalidates it in the instance that saved; other instances see
 * a new notice within this time.
 */
export const CALENDAR_CACHE_MS = 60_000;

/** Concurrent saves re-read and retry; the head's version decides which goes first. */
const CONFLICT_ATTEMPTS = 8;

export interface CalendarNoticeStoreOptions {
  /** 0 reads the table on every call. */
  cacheMs?: number;
  /** Milliseconds now, for the cache; tests may pass a clock. */
  clock?: () => number;
  /** The shipped notices, `SEED_NOTICES` unless a test gives others. */
  seed?: readonly CalendarNotice[];
}

type Recorded = CalendarNotice & { addedBy: string; addedAt: string };

interface Loaded {
  at: number;
  /** The partition's version (0: nothing recorded yet). */
  version: number;
  recorded: Recorded[];
  /** Seed and recorded notices, as in force (`withSeed`). */
  notices: CalendarNotice[];
  calendar?: WorkingCalendar;
}

/** One cache per Lambda instance, per table (and seed, for tests that give their own). */
const cache = new Map<string, Loaded>();

/**
 * The working-day calendar's notices over inspection's table: the shipped `SEED_NOTICES` with
 * the notices administrators recorded on top (`withSeed`). Seed notices stay data in the code, so
 * a release that ships a new year's notice reaches every stage; the table holds only what was
 * added or corrected (a recorded notice with a seed's id replaces it). All recorded notices are
 * one partition, read with one Query.
 */
export function createCalendarNoticeStore(db: Db, options: CalendarNoticeStoreOptions = {}): CalendarNotices {
  const cacheMs = options.cacheMs ?? CALENDAR_CACHE_MS;
  const clock = options.clock ?? Date.now;
  const seed = options.seed ?? SEED_NOTICES;
  const cacheKey = `${db.tableName}${options.seed ? '#custom' : ''}`;

  /** ONE Query of the notices' partition (HEAD and every notice), consistent. */
  async function read(): Promise<Loaded> {
    const [items] = await Promise.all([
      queryAll(db, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': CALENDAR_NOTICES_PK },
        ConsistentRead: true,
      }),
      loadHolidayRules(),
    ]);
    let version = 0;
    const recorded: Recorded[] = [];
    for (const item of items) {
      if (item.sk === calendarNoticesHeadKey().sk) version = Number(item.version);
      else if (String(item.sk).startsWith(CALENDAR_NOTICE_PREFIX)) {
        recorded.push(stripKeys<Recorded>(item));
      }
    }
    const loaded: Loaded = { at: clock(), version, recorded, notices: withSeed(seed, recorded.map(noticeOf)) };
    if (cacheMs > 0) cache.set(cacheKey, loaded);
    return loaded;
  }

  async function current(): Promise<Loaded> {
    const held = cache.get(cacheKey);
    if (cacheMs > 0 && held && clock() - held.at < cacheMs) return held;
    return read();
  }

  const views = (loaded: Loaded): CalendarNoticeView[] => {
    const byId = new Map(loaded.recorded.map((n) => [n.id, n]));
    return loaded.notices.map((n) => {
      const recorded = byId.get(n.id);
      return recorded
        ? { ...n, origin: 'added', addedBy: recorded.addedBy, addedAt: recorded.addedAt }
        : { ...n, origin: 'seed' };
    });
  };

  return {
    async notices() {
      return (await current()).notices;
    },

    async calendar() {
      const loaded = await current();
      loaded.calendar ??= new WorkingCalendar(loaded.notices);
      return loaded.calendar;
    },

    async views() {
      return views(await read());
    },

    /** The port's save, by the system (a seed or a script); the API records as its caller. */
    async save(notice: CalendarNotice) {
      await this.record(notice, systemContext('calendar-notices'));
    },

    /**
     * Records `notice` (replacing the one with its id) if it agrees with every notice in force
     * (`withNotice`: `NoticeConflictError` otherwise), on the partition's version as read: of two
     * saves at once, the second re-reads and is checked against the first.
     */
    async record(notice: CalendarNotice, ctx: WriteContext): Promise<SavedNotice> {
      const saved = await retryOnConflict(async () => {
        const loaded = await read();
        const next = withNotice(loaded.notices, notice);
        const after = next.at(-1)!;
        const before = loaded.recorded.find((n) => n.id === after.id) ?? seed.find((n) => n.id === after.id) ?? null;
        const stored: Recorded = { ...after, addedBy: ctx.actor.id, addedAt: ctx.now().toISOString() };
        const head = calendarNoticesHeadKey();
        try {
          await commit(
            db,
            {
              items: [
                {
                  Update: {
                    Key: head,
                    UpdateExpression: 'SET #version = :next, #kind = :kind, updatedAt = :at',
                    ConditionExpression: loaded.version === 0 ? 'attribute_not_exists(pk)' : '#version = :read',
                    ExpressionAttributeNames: { '#version': 'version', '#kind': 'kind' },
                    ExpressionAttributeValues: {
                      ':next': loaded.version + 1,
                      ':kind': 'calendar-notices-head',
                      ':at': stored.addedAt,
                      ...(loaded.version === 0 ? {} : { ':read': loaded.version }),
                    },
                  },
                },
                { Put: { Item: { ...calendarNoticeKey(after.id), kind: 'calendar-notice', ...stored } } },
              ],
              audit: [
                {
                  entityType: 'calendar-notice',
                  entityId: after.id,
                  action: before ? 'replaced' : 'added',
                  before,
                  after: stored,
                },
              ],
            },
            ctx,
          );
        } catch (error) {
          // Another save moved the version since this one read: read again, and check again.
          if (error instanceof ConditionFailedError) throw new TransactionConflictError(error);
          throw error;
        }
        return {
          view: { ...after, origin: 'added' as const, addedBy: stored.addedBy, addedAt: stored.addedAt },
          replaced: before !== null,
        };
      }, CONFLICT_ATTEMPTS);
      if (cacheMs > 0) cache.delete(cacheKey);
      return saved;
    },
  };
}

const noticeOf = ({ addedBy: _by, addedAt: _at, ...notice }: Recorded): CalendarNotice => notice;

/**
 * The working-day calendar of the inspection service: the notices in force on its table, cached
 * per Lambda instance (`CALENDAR_CACHE_MS`). For the composition root:
 * `calendar: () => inspectionCalendar(db)`.
 */
export function inspectionCalendar(db: Db): Promise<WorkingCalendar> {
  return createCalendarNoticeStore(db).calendar();
}
