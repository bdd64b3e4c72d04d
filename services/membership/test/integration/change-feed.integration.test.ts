import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '@congdoan/ddb';
import { describe, expect, it } from 'vitest';
import { createChangeFeed } from '../../src/adapters/change-feed.ts';
import { createMemberStore } from '../../src/adapters/member-store.ts';
import {
  CHANGE_FEED_LAG_MS,
  FEED_START_MONTH,
  type FeedDeps,
  type FeedPosition,
  readChanges,
  toPosition,
  type VisibleChange,
} from '../../src/app/integration/feed.ts';
import {
  admitMember,
  applyForMembership,
  exitMember,
  transferMember,
  updateMember,
} from '../../src/app/members/lifecycle.ts';
import { upsertMemberByCccd } from '../../src/app/members/upsert.ts';
import { person } from '../support/members.ts';
import { callerAt, world } from './support.ts';

const T0 = new Date('2026-11-22T03:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Follows the feed from `from` until caught up, as a provincial system would. */
async function follow(
  deps: FeedDeps,
  scope: string | null,
  now: Date,
  options: { from?: FeedPosition; limit?: number; lagMs?: number } = {},
) {
  const items: VisibleChange[] = [];
  let position = options.from ?? toPosition(undefined);
  let pages = 0;
  for (;;) {
    const page = await readChanges(deps, { unitId: scope }, position, {
      limit: options.limit ?? 100,
      now,
      lagMs: options.lagMs,
    });
    pages++;
    items.push(...page.items);
    position = page.next;
    if (!page.hasMore) return { items, position, pages };
    if (pages > 200) throw new Error('the feed does not end');
  }
}

async function feedItems(db: Db) {
  const out = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'CHANGES#2026-11' },
    }),
  );
  return out.Items ?? [];
}

describe('the change feed', () => {
  it('holds one entry per committed save, in the same transaction: a refused save leaves none', async () => {
    const w = await world();
    const p = person();
    const first = await upsertMemberByCccd(w.deps, callerAt(null, T0), w.units.a, p);
    await upsertMemberByCccd(w.deps, callerAt(null, T0), w.units.a, { ...p, duesSalary: 6_000_000 });
    await upsertMemberByCccd(w.deps, callerAt(null, T0), w.units.a, { ...p, duesSalary: 6_000_000 }); // unchanged
    await expect(upsertMemberByCccd(w.deps, callerAt(null, T0), w.units.b, p)).rejects.toMatchObject({
      code: 'cccd-in-other-unit',
    });
    await expect(applyForMembership(w.deps, callerAt(null, T0), w.units.b, p)).rejects.toMatchObject({
      code: 'cccd-taken',
    });
    const entries = (await feedItems(w.db)).filter((i) => i.memberId === first.member.id);
    // A created member is applied and admitted in one save, so it starts at version 2.
    expect(entries.map((e) => [e.version, e.action])).toEqual([
      [2, 'upsert-create'],
      [3, 'upsert-update'],
    ]);
    expect(entries[1]!.sk).toBe(`${T0.toISOString()}#${first.member.id}#0000000003`);
  });

  it('returns changes in commit order across months, with a cursor even on an empty page, and nothing twice', async () => {
    const w = await world();
    const stamps = ['2026-09-30T23:59:59.999Z', '2026-10-01T00:00:00.000Z', '2026-10-15T10:00:00.000Z'];
    const ids: string[] = [];
    for (const stamp of stamps) {
      ids.push((await upsertMemberByCccd(w.deps, callerAt(null, new Date(stamp)), w.units.a, person())).member.id);
    }
    // Two saves in the same millisecond get distinct keys.
    const twins = await Promise.all([
      upsertMemberByCccd(w.deps, callerAt(null, T0), w.units.a, person()),
      upsertMemberByCccd(w.deps, callerAt(null, T0), w.units.a, person()),
    ]);
    const now = at(60_000);

    const all = await follow(w.feedDeps, null, now);
    expect(all.items.map((c) => c.memberId)).toEqual([...ids, ...twins.map((t) => t.member.id).sort()]);
    expect(all.items.map((c) => c.at)).toEqual([...stamps, T0.toISOString(), T0.toISOString()]);
    expect(all.position.month).toBe('2026-11');

    // Page by page (limit 1) gives the same sequence.
    const paged = await follow(w.feedDeps, null, now, { limit: 1 });
    expect(paged.items.map((c) => c.memberId)).toEqual(all.items.map((c) => c.memberId));

    // Caught up: an empty page still hands back a cursor, and later changes follow from it.
    const empty = await readChanges(w.feedDeps, { unitId: null }, all.position, { limit: 10, now });
    expect(empty).toMatchObject({ items: [], hasMore: false, next: all.position });
    const later = await upsertMemberByCccd(w.deps, callerAt(null, at(120_000)), w.units.b, person());
    const next = await follow(w.feedDeps, null, at(180_000), { from: empty.next });
    expect(next.items.map((c) => [c.memberId, c.action, c.unitId])).toEqual([
      [later.member.id, 'upsert-create', w.units.b],
    ]);
    expect(next.items[0]!.member).toMatchObject({ id: later.member.id, cccd: later.member.cccd, version: 2 });
  });

  it('walks up to two years of empty months per page, then says there is more', async () => {
    const w = await world();
    const first = await readChanges(w.feedDeps, { unitId: null }, toPosition(undefined), {
      limit: 10,
      now: new Date('2031-06-01T00:00:00Z'),
    });
    expect(first).toMatchObject({ items: [], hasMore: true, next: { month: '2027-01', after: '' } });
    expect(toPosition(undefined).month).toBe(FEED_START_MONTH);
  });

  it('never skips a writer that read its clock before a reader passed but committed after (the safety lag)', async () => {
    const w = await world();
    const early = person();
    const slow = callerAt(null, at(-1_000)); // read its clock 1 s before the reader
    const prompt = await upsertMemberByCccd(w.deps, callerAt(null, at(-500)), w.units.a, person());

    // With no lag, a reader at T0 returns the prompt entry and moves past the slow writer's timestamp…
    const unsafe = await readChanges(w.feedDeps, { unitId: null }, toPosition(undefined), {
      limit: 100,
      now: T0,
      lagMs: 0,
    });
    // …which then commits, and is never seen by that reader.
    const late = await upsertMemberByCccd(w.deps, slow, w.units.a, early);
    const missed = await follow(w.feedDeps, null, at(60_000), { from: unsafe.next });
    expect(unsafe.items.map((c) => c.memberId)).toEqual([prompt.member.id]);
    expect(missed.items.map((c) => c.memberId)).not.toContain(late.member.id);

    // With the lag, the same reader at T0 has not passed T0 − 2 s, so it sees both, in timestamp order.
    const safe = await readChanges(w.feedDeps, { unitId: null }, toPosition(undefined), { limit: 100, now: T0 });
    expect(safe.items).toEqual([]);
    const caughtUp = await follow(w.feedDeps, null, at(60_000), { from: safe.next });
    expect(caughtUp.items.map((c) => c.memberId)).toEqual([late.member.id, prompt.member.id]);
    expect(CHANGE_FEED_LAG_MS).toBe(2_000);
  });

  it('announces again, newly stamped, a change whose commit ended after the lag would have let a reader pass it', async () => {
    const w = await world();
    let clock = T0.getTime();
    // A database whose transactions take 1.5 s on the writer's clock.
    const slowDb: Db = {
      ...w.db,
      client: {
        send: async (command: unknown) => {
          const out = await w.db.client.send(command as never);
          if (command instanceof TransactWriteCommand) clock += 1_500;
          return out;
        },
      } as unknown as Db['client'],
    };
    const write = { ...callerAt(null).write, now: () => new Date(clock) };
    const deps = { ...w.deps, members: createMemberStore(slowDb) };
    const saved = await upsertMemberByCccd(deps, { unitId: null, write }, w.units.a, person());

    const entries = (await feedItems(w.db)).filter((i) => i.memberId === saved.member.id);
    expect(entries.map((e) => e.at)).toEqual([T0.toISOString(), at(1_500).toISOString()]);
    expect(entries[1]).toMatchObject({ version: saved.member.version, reannounced: T0.toISOString() });

    // A reader that passed T0 before the commit still gets the change from the second entry.
    const passed: FeedPosition = { month: '2026-11', after: `${at(100).toISOString()}#z#0000000001` };
    const read = await follow(w.feedDeps, null, at(60_000), { from: passed });
    expect(read.items.map((c) => [c.memberId, c.version])).toEqual([[saved.member.id, saved.member.version]]);

    // A prompt save writes one entry only.
    const prompt = await upsertMemberByCccd(w.deps, callerAt(null, T0), w.units.a, person());
    expect((await feedItems(w.db)).filter((i) => i.memberId === prompt.member.id)).toHaveLength(1);
  });

  it('shows a scoped caller only its subtree, and a member leaving it as `member: null` without saying where to', async () => {
    const w = await world();
    const c = (now: Date) => callerAt(null, now);
    const inA = await upsertMemberByCccd(w.deps, c(at(-9_000)), w.units.a, person());
    const inC = await upsertMemberByCccd(w.deps, c(at(-8_000)), w.units.c, person());
    const applicant = await applyForMembership(w.deps, c(at(-7_000)), w.units.b, person());
    await admitMember(w.deps, c(at(-6_000)), applicant.id, { decisionNumber: '1/QĐ', decisionDate: '2026-11-22' });
    await transferMember(w.deps, c(at(-5_000)), inA.member.id, { toUnitId: w.units.c, date: '2026-11-22' });
    await updateMember(w.deps, c(at(-4_000)), inA.member.id, { jobTitle: 'Giáo viên' });
    await transferMember(w.deps, c(at(-3_000)), inC.member.id, { toUnitId: w.units.b, date: '2026-11-22' });

    const upper = await follow(w.feedDeps, w.units.upper, T0);
    expect(upper.items.map((i) => [i.memberId, i.action, i.unitId, i.member === null])).toEqual([
      [inA.member.id, 'upsert-create', w.units.a, false],
      [applicant.id, 'apply', w.units.b, false],
      [applicant.id, 'admit', w.units.b, false],
      [inA.member.id, 'transfer', w.units.a, true],
      [inC.member.id, 'transfer', w.units.b, false],
    ]);

    const other = await follow(w.feedDeps, w.units.otherUpper, T0);
    expect(other.items.map((i) => [i.memberId, i.action, i.member === null])).toEqual([
      [inC.member.id, 'upsert-create', false],
      [inA.member.id, 'transfer', false],
      [inA.member.id, 'update', false],
      [inC.member.id, 'transfer', true],
    ]);

    const everything = await follow(w.feedDeps, null, T0);
    expect(everything.items).toHaveLength(7);
    expect(everything.items.every((i) => i.member !== null)).toBe(true);

    await exitMember(w.deps, c(at(-1_000)), applicant.id, { date: '2026-11-22', reason: 'retired' });
    const exited = await follow(w.feedDeps, w.units.upper, at(10_000), { from: upper.position });
    expect(exited.items.map((i) => [i.memberId, i.action, i.member?.status])).toEqual([
      [applicant.id, 'exit', 'exited'],
    ]);
  });

  it('refuses a cursor it did not hand out', () => {
    const codeOf = (decoded: Record<string, unknown>) => {
      try {
        toPosition(decoded);
        return 'accepted';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    for (const bad of [
      { m: '2026-13', a: '' },
      { m: '2026-11', a: 'nonsense' },
      { m: 5 },
      { m: '2026-11', a: '2026-10-01T00:00:00.000Z#x#0000000001' },
    ]) {
      expect(codeOf(bad), JSON.stringify(bad)).toBe('invalid-cursor');
    }
    expect(codeOf({ m: '2026-10', a: '2026-10-01T00:00:00.000Z#x#0000000001' })).toBe('accepted');
    expect(toPosition({ m: '2019-01', a: '' })).toEqual({ month: FEED_START_MONTH, after: '' });
  });

  it('reads with Queries only, never a Scan', async () => {
    const w = await world();
    const sent: string[] = [];
    const spy: Db = {
      ...w.db,
      client: {
        send: (command: { constructor: { name: string } }) => {
          sent.push(command.constructor.name);
          return w.db.client.send(command as never);
        },
      } as unknown as Db['client'],
    };
    await upsertMemberByCccd(w.deps, callerAt(null, T0), w.units.a, person());
    await follow({ ...w.feedDeps, feed: createChangeFeed(spy) }, null, at(60_000));
    expect(new Set(sent)).toEqual(new Set(['QueryCommand']));
  });
});
