import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type BusEvent, DomainError, tableEnvVar, type Unit } from '@congdoan/contracts';
import { type Db, systemContext } from '@congdoan/ddb';
import { applyUnitSnapshot } from '@congdoan/org-directory';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { unitState } from '../../../test/support/states.ts';
import { freshTable } from '../../../test/support/tables.ts';
import { createMemberDirectoryHandler, handler as mounted } from '../src/handler.ts';
import { factsFromEvent, lifecycleKindOf, type MemberEventData, mergeFacts } from '../src/record.ts';
import { createMemberDirectory, type MemberDirectory } from '../src/scope.ts';
import { CCCD, deliveries, EMAIL, life, PHONE, propertyRuns, randomLife, SALARY } from './lives.ts';

/** The directory mounted in a service of its own: welfare, which has no code here yet. */
let db: Db;
let directory: MemberDirectory;
let deliver: (event: BusEvent) => Promise<void>;

beforeAll(async () => {
  db = await freshTable('welfare');
  process.env[tableEnvVar('welfare')] = db.tableName;
  directory = createMemberDirectory(db);
  deliver = createMemberDirectoryHandler('welfare');
});

const unit = (id: string, parentId: string | null): Unit =>
  unitState({ id, code: id.toUpperCase(), name: `Đơn vị ${id}`, level: parentId ? 'grassroots' : 'upper', parentId });

/** Two upper-level unions, each with CĐCS below, in the organisation directory the scope checks walk. */
async function tree(prefix: string) {
  const ids = { upper: `${prefix}-upper`, a: `${prefix}-a`, b: `${prefix}-b`, other: `${prefix}-other-upper` };
  const c = `${prefix}-other-c`;
  for (const u of [unit(ids.upper, null), unit(ids.a, ids.upper), unit(ids.b, ids.upper), unit(ids.other, null)])
    await applyUnitSnapshot(db, u, systemContext('test'));
  await applyUnitSnapshot(db, unit(c, ids.other), systemContext('test'));
  return { ...ids, c };
}

/** Every item of the test's own table (a Scan is fine on a table only this file uses). */
async function allItems(): Promise<Record<string, unknown>[]> {
  const { Items } = await db.client.send(new ScanCommand({ TableName: db.tableName, ConsistentRead: true }));
  return Items ?? [];
}

const notFound = (promise: Promise<unknown>) =>
  expect(promise).rejects.toSatisfy((e) => e instanceof DomainError && e.kind === 'not-found');

describe('the member directory, fed by member events', () => {
  it('answers who a member is, their unit and status on any day, and a unit’s members by status', async () => {
    const u = await tree('read');
    const ha = life(u.a, '2005-05-19').transfer('2019-09-01', u.b).suspend('2024-02-01').reinstate('2024-06-01');
    const hung = life(u.b, '2001-03-08', 'Trần Văn Hùng').suspend('2025-01-10');
    const lan = life(u.b, '2010-10-10', 'Lê Thị Lan').exit('2022-12-31');
    for (const e of [...ha.events, ...hung.events, ...lan.events]) await deliver(e);

    expect(await directory.getMember(ha.id)).toMatchObject({
      id: ha.id,
      fullName: 'Nguyễn Thị Thu Hà',
      gender: 'female',
      dateOfBirth: '1978-03-12',
      cardNumber: '2005000042',
      joinDate: '2005-05-19',
      unitId: u.b,
      status: 'active',
      version: 5,
    });
    expect(await directory.unitOn(ha.id, '2019-08-31')).toBe(u.a);
    expect(await directory.unitOn(ha.id, '2019-09-01')).toBe(u.b);
    expect(await directory.statusOn(ha.id, '2024-03-15')).toBe('suspended');
    expect(await directory.statusOn(ha.id, '2024-06-01')).toBe('active');
    expect(await directory.statusOn(ha.id, '2005-05-18')).toBeUndefined();
    expect(await directory.statusOn('nobody', '2024-01-01')).toBeUndefined();
    expect(await directory.getMember('nobody')).toBeUndefined();

    const inB = await directory.membersOfUnit(u.b);
    expect(inB.items.map((m) => m.fullName).sort()).toEqual(['Lê Thị Lan', 'Nguyễn Thị Thu Hà', 'Trần Văn Hùng']);
    expect((await directory.membersOfUnit(u.b, { status: 'active' })).items.map((m) => m.id)).toEqual([ha.id]);
    expect((await directory.membersOfUnit(u.b, { status: 'suspended' })).items.map((m) => m.id)).toEqual([hung.id]);
    expect((await directory.membersOfUnit(u.b, { status: 'exited' })).items.map((m) => m.id)).toEqual([lan.id]);
    expect((await directory.membersOfUnit(u.a)).items).toEqual([]);
  });

  it('never stores a CCCD, a dues salary or contact details, though every event carries them', async () => {
    const u = await tree('secret');
    const m = life(u.a, '2005-05-19')
      .update('2020-01-06', 'Nguyễn Thị Thu Hằng')
      .transfer('2021-03-01', u.b)
      .exit('2023-01-01');
    for (const e of m.events) {
      expect(JSON.stringify(e)).toContain(CCCD);
      await deliver(e);
    }
    const stored = JSON.stringify(await allItems());
    expect(stored).toContain(m.id);
    for (const secret of [CCCD, PHONE, EMAIL, 'cccd', 'duesSalary', 'salary', 'phone', 'email', 'Thạc sĩ'])
      expect(stored).not.toContain(secret);
    expect(stored).not.toMatch(new RegExp(`\\b(${SALARY}|${SALARY + 100_000})\\b`));
  });

  it('ends in the same state whatever the order of delivery and however often each event comes', async () => {
    const units = ['prop-a', 'prop-b', 'prop-c'] as const;
    const cases = randomLife(units).chain((events) => deliveries(events).map((delivered) => ({ events, delivered })));
    await fc.assert(
      fc.asyncProperty(cases, async ({ events, delivered }) => {
        for (const e of delivered) await deliver(e);
        const id = (events[0]!.detail.data as MemberEventData).member.id;
        const expected = events.reduce(
          (entry, e) =>
            mergeFacts(
              entry,
              factsFromEvent(
                lifecycleKindOf(e['detail-type']),
                e.detail.data as MemberEventData,
                e.detail.metadata.occurredAt,
              ),
            ) ?? entry,
          undefined as ReturnType<typeof mergeFacts>,
        );
        expect(await directory.getMember(id)).toEqual(expected!.member);
      }),
      { numRuns: propertyRuns(8) },
    );
  });

  it('lands every event of one member delivered all at once, twice over', async () => {
    const u = await tree('race');
    const m = life(u.a, '2005-05-19')
      .transfer('2019-09-01', u.b)
      .suspend('2020-02-01')
      .reinstate('2020-05-01')
      .update('2021-01-04', 'Nguyễn Thị Thu Hằng')
      .exit('2023-12-31')
      .readmit('2024-07-01', u.a);
    await Promise.all([...m.events, ...m.events].map((e) => deliver(e)));
    const member = await directory.getMember(m.id);
    expect(member).toMatchObject({ fullName: 'Nguyễn Thị Thu Hằng', unitId: u.a, status: 'active', version: 8 });
    expect(member!.history.map((s) => [s.from, s.unitId, s.status])).toEqual([
      ['2005-05-19', u.a, 'active'],
      ['2019-09-01', u.b, 'active'],
      ['2020-02-01', u.b, 'suspended'],
      ['2020-05-01', u.b, 'active'],
      ['2023-12-31', u.b, 'exited'],
      ['2024-07-01', u.a, 'active'],
    ]);
  });

  it('pages a unit’s members with a cursor bound to that unit and status', async () => {
    const u = await tree('page');
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const m = life(u.a, '2010-01-04', `Đoàn viên ${i}`);
      ids.add(m.id);
      for (const e of m.events) await deliver(e);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await directory.membersOfUnit(u.a, { status: 'active', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());

    const first = await directory.membersOfUnit(u.a, { limit: 2 });
    const invalid = (e: unknown) => e instanceof DomainError && e.code === 'invalid-cursor';
    await expect(directory.membersOfUnit(u.b, { cursor: first.nextCursor! })).rejects.toSatisfy(invalid);
    await expect(directory.membersOfUnit(u.a, { status: 'exited', cursor: first.nextCursor! })).rejects.toSatisfy(
      invalid,
    );
    await expect(directory.membersOfUnit(u.a, { cursor: 'not a cursor' })).rejects.toSatisfy(invalid);
  });
});

describe('reading the directory as a caller', () => {
  it('does not find a member outside the caller’s subtree', async () => {
    const u = await tree('scope');
    const m = life(u.a, '2005-05-19');
    for (const e of m.events) await deliver(e);

    expect((await directory.forCaller({ unitId: u.upper }).getMember(m.id)).id).toBe(m.id);
    expect((await directory.forCaller({ unitId: null }).getMember(m.id)).id).toBe(m.id);
    expect((await directory.forCaller({ unitId: u.a }).membersOfUnit(u.a)).items.map((x) => x.id)).toEqual([m.id]);
    const outsider = directory.forCaller({ unitId: u.other });
    await notFound(outsider.getMember(m.id));
    await notFound(outsider.membersOfUnit(u.a));
    await notFound(outsider.statusOn(m.id, '2020-01-01'));
    await notFound(directory.forCaller({ unitId: u.b }).getMember(m.id));
    await notFound(directory.forCaller({ unitId: u.upper }).getMember('nobody'));
  });

  it('lets a unit answer for a member on a day they belonged to it, after they left', async () => {
    const u = await tree('left');
    const m = life(u.a, '2005-05-19').transfer('2019-09-01', u.c);
    for (const e of m.events) await deliver(e);
    const fromA = directory.forCaller({ unitId: u.a });
    expect(await fromA.statusOn(m.id, '2018-06-01')).toBe('active');
    expect(await fromA.unitOn(m.id, '2018-06-01')).toBe(u.a);
    await notFound(fromA.statusOn(m.id, '2020-01-01'));
    await notFound(fromA.getMember(m.id));
    expect(await directory.forCaller({ unitId: u.other }).unitOn(m.id, '2018-06-01')).toBe(u.a);
  });
});

describe('the mounted handler', () => {
  const saved = process.env.POWERTOOLS_SERVICE_NAME;
  afterEach(() => {
    if (saved === undefined) delete process.env.POWERTOOLS_SERVICE_NAME;
    else process.env.POWERTOOLS_SERVICE_NAME = saved;
  });

  it('learns its service from POWERTOOLS_SERVICE_NAME, as each function is given in AWS', async () => {
    const u = await tree('env');
    const m = life(u.a, '2005-05-19');
    process.env.POWERTOOLS_SERVICE_NAME = 'welfare';
    await mounted(m.events[0]!);
    expect(await directory.getMember(m.id)).toMatchObject({ id: m.id, unitId: u.a });
  });

  it('refuses an event that is not a member event', async () => {
    await expect(deliver({ ...life('x', '2005-05-19').events[0]!, 'detail-type': 'UnitCreated' })).rejects.toThrow(
      /not a member event/,
    );
  });
});
