import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type CalendarNotice, NoticeConflictError, SEED_NOTICES } from '@congdoan/calendar';
import { auditPk, type Db } from '@congdoan/ddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { createCalendarNoticeStore, inspectionCalendar } from '../../src/adapters/calendar-notice-store.ts';
import { at } from '../app/world.ts';

/** The calendar's notices on DynamoDB Local: seed merged with what admins record, one Query, concurrent saves. */
let db: Db;

beforeEach(async () => {
  db = await freshTable('inspection');
});

const nationalDay2027 = (id = '2027-national-day', date = '2027-09-03'): CalendarNotice => ({
  id,
  year: 2027,
  source: 'a test notice',
  certainty: 'unsure',
  days: [{ date, status: 'off', name: { vi: 'Quốc khánh', en: 'National Day' } }],
});

/** Counts the DynamoDB calls a store makes. */
function counted(database: Db) {
  const calls: string[] = [];
  database.client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: `count-${Math.random()}` },
  );
  return calls;
}

describe('the calendar notice store', () => {
  it('on an empty table is the seed, read with one Query', async () => {
    const calls = counted(db);
    const store = createCalendarNoticeStore(db, { cacheMs: 0 });
    expect((await store.notices()).map((n) => n.id)).toEqual(SEED_NOTICES.map((n) => n.id));
    expect(calls).toEqual(['QueryCommand']);
    expect((await store.views()).every((v) => v.origin === 'seed')).toBe(true);
    const calendar = await store.calendar();
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
    expect(calendar.addWorkingDays('2026-02-12', 7).date).toBe('2026-03-02');
  });

  it('records a notice for a new year on top of the seed, audited, and the calendar follows', async () => {
    const store = createCalendarNoticeStore(db, { cacheMs: 0 });
    const saved = await store.record(nationalDay2027(), at('2026-12-05T03:00:00Z'));
    expect(saved).toMatchObject({
      replaced: false,
      view: { id: '2027-national-day', origin: 'added', addedBy: 'ubkt-1' },
    });
    expect((await store.notices()).map((n) => n.id)).toEqual([...SEED_NOTICES.map((n) => n.id), '2027-national-day']);
    expect((await inspectionCalendar(db)).isWorkingDay('2027-09-03')).toBe(false);
    const audit = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': auditPk('calendar-notice', '2027-national-day') },
      }),
    );
    expect(audit.Items).toHaveLength(1);
    expect(audit.Items?.[0]).toMatchObject({ action: 'added' });
  });

  it('lets an admin correct a seed notice under its id, and refuses another notice claiming its days', async () => {
    const store = createCalendarNoticeStore(db, { cacheMs: 0 });
    const [, hungKings] = SEED_NOTICES;
    await expect(store.record({ ...hungKings!, id: '2026-extra' }, at('2026-12-05T03:00:00Z'))).rejects.toThrow(
      NoticeConflictError,
    );
    const corrected = { ...hungKings!, certainty: 'sure' as const, source: 'the ministry’s notice, as published' };
    expect((await store.record(corrected, at('2026-12-05T03:00:00Z'))).replaced).toBe(true);
    const views = await store.views();
    expect(views.filter((v) => v.id === '2026-hung-kings')).toEqual([
      expect.objectContaining({ origin: 'added', certainty: 'sure' }),
    ]);
    expect(views).toHaveLength(SEED_NOTICES.length);
  });

  it('lets only one of two admins saving conflicting notices at once succeed; the other is told why', async () => {
    // Two Lambda instances: two stores, each with its own view of the table.
    const results = await Promise.allSettled([
      createCalendarNoticeStore(db, { cacheMs: 0 }).record(nationalDay2027('2027-nd-a'), at('2026-12-05T03:00:00Z')),
      createCalendarNoticeStore(db, { cacheMs: 0 }).record(nationalDay2027('2027-nd-b'), at('2026-12-05T03:00:00Z')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(refused.reason).toBeInstanceOf(NoticeConflictError);
    expect((refused.reason as NoticeConflictError).conflicts.map((c) => c.date)).toEqual(['2027-09-03']);
    const recorded = (await createCalendarNoticeStore(db, { cacheMs: 0 }).views()).filter((v) => v.origin === 'added');
    expect(recorded).toHaveLength(1);
  });

  it('saves notices that do not conflict side by side, all of them, whatever the interleaving', async () => {
    const days = ['2027-09-03', '2027-09-06', '2027-09-07', '2027-09-08', '2027-09-09'];
    await Promise.all(
      days.map((date, i) =>
        createCalendarNoticeStore(db, { cacheMs: 0 }).record(
          nationalDay2027(`2027-n${i}`, date),
          at('2026-12-05T03:00:00Z'),
        ),
      ),
    );
    const calendar = await createCalendarNoticeStore(db, { cacheMs: 0 }).calendar();
    for (const date of days) expect(calendar.isWorkingDay(date), date).toBe(false);
  });

  it('caches the notices for a while per instance, and forgets them when that instance saves', async () => {
    let now = 0;
    const store = createCalendarNoticeStore(db, { cacheMs: 60_000, clock: () => now, seed: SEED_NOTICES.slice(0, 2) });
    const other = createCalendarNoticeStore(db, { cacheMs: 0, seed: SEED_NOTICES.slice(0, 2) });
    expect((await store.calendar()).isWorkingDay('2027-09-03')).toBe(true);
    await other.record(nationalDay2027(), at('2026-12-05T03:00:00Z'));
    // Another instance saved: this one still counts with what it read, for up to a minute.
    expect((await store.calendar()).isWorkingDay('2027-09-03')).toBe(true);
    now += 60_001;
    expect((await store.calendar()).isWorkingDay('2027-09-03')).toBe(false);
    // Its own save is seen at once.
    await store.record(nationalDay2027('2027-more', '2027-09-06'), at('2026-12-05T03:00:00Z'));
    expect((await store.calendar()).isWorkingDay('2027-09-06')).toBe(false);
  });

  it('keeps an admin’s record over a seed notice shipped later that claims one of its days', async () => {
    const [tet, hungKings, nationalDay] = SEED_NOTICES;
    const before = createCalendarNoticeStore(db, { cacheMs: 0, seed: [tet!, hungKings!] });
    await before.record({ ...nationalDay!, id: '2026-nd-admin' }, at('2026-12-05T03:00:00Z'));
    const after = createCalendarNoticeStore(db, { cacheMs: 0, seed: SEED_NOTICES });
    expect((await after.notices()).map((n) => n.id)).toEqual(['2026-tet', '2026-hung-kings', '2026-nd-admin']);
  });
});
