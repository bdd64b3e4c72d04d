import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  DuesCollected,
  dayInVietnam,
  type MemberDuesStanding,
  MemberDuesStandingChanged,
  type Month,
  type Unit,
} from '@congdoan/contracts';
import { type Db, systemContext, type WriteContext } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { busEvent } from '../../../../test/support/bus-events.ts';
import { duesStandingKey } from '../../src/adapters/dues-keys.ts';
import { collectDues } from '../../src/app/dues/collections.ts';
import type { DuesDeps } from '../../src/app/dues/ports.ts';
import { announceDuesStandings } from '../../src/app/dues/standing.ts';
import { standingMonth } from '../../src/domain/dues/standing.ts';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import { createPolicy } from '../../src/domain/policy/policy.ts';
import { buildFinanceDeps, type FinanceDeps } from '../../src/handlers/deps.ts';
import { onMemberChanged } from '../../src/handlers/roster.ts';
import { onDuesStandingTrigger } from '../../src/handlers/standing.ts';
import { accountantIn } from '../support/callers.ts';
import { outboxItems } from '../support/dynamo.ts';
import { heldAt } from '../support/held.ts';
import { sqsDelivery } from '../support/queue.ts';
import { financeTable } from '../support/tables.ts';
import { registerUnits } from '../support/units.ts';
import { memberEvents, unit } from './events.ts';

/** The default policy (N = 6 months for removal), loaded without the table. */
const loadPolicy = async () => createPolicy(DEFAULT_POLICY_VERSIONS);
let db: Db;
let deps: FinanceDeps;

beforeAll(async () => {
  db = await financeTable();
  deps = buildFinanceDeps(db, { loadPolicy });
});

/** A run of the standing's computation on `now` (a time; 02:00 in Vietnam on the day given alone). */
const run = (unitId: string, day: string, on: FinanceDeps = deps) => announceDuesStandings(on, unitId, at(day));

const at = (day: string): WriteContext => {
  const now = new Date(`${day}T19:00:00.000Z`);
  now.setUTCDate(now.getUTCDate() - 1); // 02:00 on `day` in Vietnam
  return { ...systemContext('standing-test'), now: () => now };
};

/** Every MemberDuesStandingChanged of one member so far, in version order. */
async function announced(memberId: string): Promise<MemberDuesStanding[]> {
  return (await outboxItems(db))
    .filter((i) => i.detailType === MemberDuesStandingChanged.detailType)
    .map((i) => MemberDuesStandingChanged.detail.parse(JSON.parse(i.detail as string)).data)
    .filter((d) => d.memberId === memberId)
    .sort((a, b) => a.version - b.version);
}

const figures = (list: readonly MemberDuesStanding[]) =>
  list.map(({ asOf, monthsInArrears, outstanding, removalCandidate, version }) => ({
    asOf,
    monthsInArrears,
    outstanding,
    removalCandidate,
    version,
  }));

/** A CĐCS (partly self-funded: 1% until 6/2025, 0.5% from 7/2025) under an upper level. */
async function cdcs(): Promise<Unit> {
  const upper = unit({ level: 'upper', agency: null, name: 'Công đoàn Viên chức tỉnh Bắc Giang' });
  const u = unit({ parentId: upper.id });
  await registerUnits(db, upper, u);
  return u;
}

async function admit(unitId: string, name: string, salary: number, on: string): Promise<string> {
  const m = memberEvents(unitId, name, salary, on);
  for (const e of m.events) await onMemberChanged(e);
  return m.id;
}

/** The accountant collects `month` for `members`, each what they owe, on `date`. */
async function collect(unitId: string, month: Month, date: string, lines: [string, number][]) {
  return collectDues(deps as DuesDeps, accountantIn(unitId, `${date}T03:00:00.000Z`), unitId, month, {
    lines: lines.map(([memberId, amount]) => ({ memberId, amount })),
    date,
    method: 'cash',
  });
}

describe('members’ dues standing', () => {
  it('announces a member falling 1, 2, 3 months behind once each, a collection clearing it as 0, and nothing on a re-run', async () => {
    const u = await cdcs();
    // Lan and Hà owe from April 2025 (admitted on the 10th); Toàn from December 2024.
    const lan = await admit(u.id, 'Hoàng Thị Lan', 5_200_000, '2025-04-10');
    const ha = await admit(u.id, 'Nguyễn Thị Thu Hà', 8_100_000, '2025-04-10');
    const toan = await admit(u.id, 'Vũ Văn Toàn', 4_800_000, '2024-12-01');
    await collect(u.id, '2025-04', '2025-04-20', [
      [lan, 52_000],
      [ha, 81_000],
    ]);

    // 5/5: April has fallen due. Lan and Hà paid it: nothing to announce. Toàn owes Dec–Apr.
    expect(await run(u.id, '2025-05-05')).toMatchObject({
      outcome: 'computed',
      asOf: '2025-04',
      members: 3,
      announced: 1,
    });
    expect(await announced(lan)).toEqual([]);
    // 4/6: May has not fallen due yet (the 5th): nothing changes.
    expect(await run(u.id, '2025-06-04')).toMatchObject({ asOf: '2025-04', announced: 0 });
    // 5/6: May is due and unpaid.
    expect(await run(u.id, '2025-06-05')).toMatchObject({ asOf: '2025-05', announced: 3 });
    // Hà pays May: her arrears shrink to 0.
    await collect(u.id, '2025-05', '2025-06-10', [[ha, 81_000]]);
    expect(await run(u.id, '2025-06-10')).toMatchObject({ asOf: '2025-05', announced: 1 });
    expect(await run(u.id, '2025-07-05')).toMatchObject({ asOf: '2025-06', announced: 3 });
    // The same run again, and again a day later: nothing more.
    expect(await run(u.id, '2025-07-05')).toMatchObject({ asOf: '2025-06', announced: 0 });
    expect(await run(u.id, '2025-07-06')).toMatchObject({ asOf: '2025-06', announced: 0 });
    expect(await run(u.id, '2025-08-05')).toMatchObject({ asOf: '2025-07', announced: 3 });
    // Lan pays May, June and July: she is clear.
    await collect(u.id, '2025-05', '2025-08-10', [[lan, 52_000]]);
    await collect(u.id, '2025-06', '2025-08-10', [[lan, 52_000]]);
    await collect(u.id, '2025-07', '2025-08-10', [[lan, 26_000]]);
    expect(await run(u.id, '2025-08-10')).toMatchObject({ asOf: '2025-07', announced: 1 });
    expect(await run(u.id, '2025-08-11')).toMatchObject({ announced: 0 });

    expect(figures(await announced(lan))).toEqual([
      { asOf: '2025-05', monthsInArrears: 1, outstanding: 52_000, removalCandidate: false, version: 1 },
      { asOf: '2025-06', monthsInArrears: 2, outstanding: 104_000, removalCandidate: false, version: 2 },
      // July at 0.5% (QĐ 61/QĐ-TLĐ): 26,000.
      { asOf: '2025-07', monthsInArrears: 3, outstanding: 130_000, removalCandidate: false, version: 3 },
      { asOf: '2025-07', monthsInArrears: 0, outstanding: 0, removalCandidate: false, version: 4 },
    ]);
    expect(figures(await announced(ha))).toEqual([
      { asOf: '2025-05', monthsInArrears: 1, outstanding: 81_000, removalCandidate: false, version: 1 },
      { asOf: '2025-05', monthsInArrears: 0, outstanding: 0, removalCandidate: false, version: 2 },
      { asOf: '2025-06', monthsInArrears: 1, outstanding: 81_000, removalCandidate: false, version: 3 },
      { asOf: '2025-07', monthsInArrears: 2, outstanding: 81_000 + 40_500, removalCandidate: false, version: 4 },
    ]);
    // Toàn never pays: at six months (the policy's default N) he is a removal candidate.
    expect(figures(await announced(toan)).map((s) => [s.asOf, s.monthsInArrears, s.removalCandidate])).toEqual([
      ['2025-04', 5, false],
      ['2025-05', 6, true],
      ['2025-06', 7, true],
      ['2025-07', 8, true],
    ]);
    // The event carries ids, months and đồng only: no name, salary or CCCD.
    const [first] = await announced(lan);
    expect(Object.keys(first!).sort()).toEqual(
      ['asOf', 'memberId', 'monthsInArrears', 'outstanding', 'removalCandidate', 'unitId', 'version'].sort(),
    );
    expect(first!.unitId).toBe(u.id);
  });

  it('announces each change once when two runs race: the one overtaken reads again and finds nothing to say', async () => {
    const u = await cdcs();
    const members = await Promise.all(
      ['Lê Thị Mai', 'Phạm Văn Nam', 'Đỗ Thị Hằng'].map((n) => admit(u.id, n, 6_000_000, '2025-04-10')),
    );
    // The first run has read the last standings and waits at its read of the months
    // while a second run announces everything: the first one's writes find the versions
    // moved on, it reads again, and the figures agree.
    const { held, atRead, release } = heldAtMonthsRead(u.id);
    const first = run(u.id, '2025-06-05', buildFinanceDeps(held, { loadPolicy }));
    await atRead;
    expect(await run(u.id, '2025-06-05')).toMatchObject({ announced: 3 });
    release();
    expect(await first).toMatchObject({ outcome: 'computed', announced: 0, overtaken: 3 });
    for (const m of members) {
      expect(figures(await announced(m)).map((s) => [s.version, s.monthsInArrears])).toEqual([[1, 2]]);
    }

    // And unforced: five runs at once for the next month announce each change once.
    const runs = await Promise.all(Array.from({ length: 5 }, () => run(u.id, '2025-07-05')));
    expect(runs.reduce((t, r) => t + (r.outcome === 'computed' ? r.announced : 0), 0)).toBe(3);
    for (const m of members) {
      expect(figures(await announced(m)).map((s) => [s.version, s.monthsInArrears])).toEqual([
        [1, 2],
        [2, 3],
      ]);
    }
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: duesStandingKey(members[0]!), ConsistentRead: true }),
    );
    expect(Item).toMatchObject({ version: 2, monthsInArrears: 3, asOf: '2025-06' });
  });

  it('counts a transferred member at the new unit from their months there, and announces the move', async () => {
    const a = await cdcs();
    const b = unit({
      parentId: a.parentId,
      name: 'CĐCS Sở Nội vụ',
      agency: { name: 'Sở Nội vụ tỉnh Bắc Giang', taxId: '2400123457', fundingType: 'state-budget-partial' },
    });
    await registerUnits(db, b);
    const m = memberEvents(a.id, 'Đỗ Thị Hằng', 4_500_000, '2025-04-10');
    for (const e of m.events) await onMemberChanged(e);
    expect(await run(a.id, '2025-06-05')).toMatchObject({ announced: 1 });
    // Moved to B on 1 June: June is owed to B, and B's count starts there.
    for (const e of m.transfer('2025-06-01', b.id).events.slice(-1)) await onMemberChanged(e);
    expect(await run(a.id, '2025-07-05')).toMatchObject({ members: 0, announced: 0 });
    expect(await run(b.id, '2025-07-05')).toMatchObject({ members: 1, announced: 1 });
    expect(figures(await announced(m.id)).map((s) => [s.asOf, s.monthsInArrears, s.outstanding, s.version])).toEqual([
      ['2025-05', 2, 90_000, 1],
      ['2025-06', 1, 45_000, 2],
    ]);
    expect((await announced(m.id)).map((s) => s.unitId)).toEqual([a.id, b.id]);
    // She pays June at B: her standing at B is clear.
    await collect(b.id, '2025-06', '2025-07-10', [[m.id, 45_000]]);
    expect(await run(b.id, '2025-07-10')).toMatchObject({ announced: 1 });
    expect((await announced(m.id)).at(-1)).toMatchObject({
      unitId: b.id,
      monthsInArrears: 0,
      outstanding: 0,
      version: 3,
    });
  });

  it('never replaces a standing announced for a later month with an earlier one', async () => {
    const u = await cdcs();
    const nam = await admit(u.id, 'Trần Văn Hùng', 9_300_000, '2025-04-10');
    expect(await run(u.id, '2025-07-05')).toMatchObject({ announced: 1 });
    // A run whose clock is a month behind (a message held back): it would say one month less.
    expect(await run(u.id, '2025-06-05')).toMatchObject({ asOf: '2025-05', announced: 0 });
    expect(figures(await announced(nam)).map((s) => [s.asOf, s.monthsInArrears])).toEqual([['2025-06', 3]]);
  });

  it('answers not-computable, announcing nothing, for a CĐCS whose dues no funding type governs', async () => {
    const upper = unit({ level: 'upper', agency: null, name: 'Công đoàn Viên chức tỉnh Bắc Giang' });
    const bare = unit({ parentId: upper.id, agency: null });
    await registerUnits(db, upper, bare);
    const mai = await admit(bare.id, 'Lê Thị Mai', 6_200_000, '2025-04-10');
    expect(await run(bare.id, '2025-06-05')).toEqual({
      outcome: 'not-computable',
      unitId: bare.id,
      asOf: '2025-05',
      code: 'unit-funding-type-missing',
    });
    expect(await announced(mai)).toEqual([]);
    expect(await run(randomUUID(), '2025-06-05')).toMatchObject({ outcome: 'unknown-unit' });
  });

  it('recomputes after a collection from finance’s own DuesCollected, once however often it is delivered', async () => {
    const u = await cdcs();
    const hung = await admit(u.id, 'Trần Văn Hùng', 9_300_000, '2020-01-15');
    const today = dayInVietnam(new Date());
    const asOf = standingMonth(today);
    // A collection of an old month, today: written with its DuesCollected.
    const collection = await collectDues(deps as DuesDeps, accountantIn(u.id, new Date()), u.id, '2024-01', {
      lines: [{ memberId: hung, amount: 93_000 }],
      date: today,
      method: 'bank',
    });
    const [collected] = (await outboxItems(db))
      .filter((i) => i.detailType === DuesCollected.detailType)
      .map((i) => DuesCollected.detail.parse(JSON.parse(i.detail as string)).data)
      .filter((d) => d.collectionId === collection.id);
    expect(collected).toEqual({
      collectionId: collection.id,
      unitId: u.id,
      month: '2024-01',
      date: today,
      amount: 93_000,
      members: 1,
      postingId: collection.postingId,
      voucherNumber: collection.voucherNumber,
    });

    const delivery = sqsDelivery(
      busEvent('congdoan.finance', DuesCollected.detailType, collected, { eventId: randomUUID() }),
      1,
      'finance-dues-standing',
    );
    expect((await onDuesStandingTrigger(delivery))?.batchItemFailures).toEqual([]);
    expect((await onDuesStandingTrigger(delivery))?.batchItemFailures).toEqual([]);
    // Paid nothing for the twelve months the standing looks at: twelve months, a removal candidate.
    const list = await announced(hung);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ asOf, monthsInArrears: 12, removalCandidate: true, version: 1 });
    expect(list[0]!.outstanding).toBeGreaterThan(0);
  });
});

/** A table whose reads of the unit's dues months wait until released. */
const heldAtMonthsRead = (unitId: string) =>
  heldAt(
    db,
    (command) =>
      command instanceof QueryCommand && command.input.ExpressionAttributeValues?.[':pk'] === `DUES#${unitId}`,
  );
