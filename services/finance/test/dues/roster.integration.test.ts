import type { BusEvent } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRosterStore } from '../../src/adapters/roster-store.ts';
import type { RosterStore } from '../../src/app/dues/ports.ts';
import { owesUnit } from '../../src/domain/roster/month-rule.ts';
import { partition } from '../support/dynamo.ts';
import { membershipEvent } from '../support/events.ts';
import { financeTable } from '../support/tables.ts';
import { putInDirectory } from '../support/units.ts';
import { memberEvents, unit } from './events.ts';
import { prng, shuffle } from './support.ts';

let db: Db;
let roster: RosterStore;
let onMemberChanged: (event: BusEvent) => Promise<void>;

beforeAll(async () => {
  db = await financeTable();
  ({ onMemberChanged } = await import('../../src/handlers/roster.ts'));
  roster = createRosterStore(db);
});

/** A life with every kind of change: admitted 2019, a raise, a transfer, a suspension, reinstated, exited, re-admitted. */
function life(a: string, b: string, name: string) {
  return memberEvents(a, name, 4_000_000, '2019-04-01')
    .salary('2021-02-02T20:00:00.000Z', 4_500_000) // 3 Feb in Vietnam
    .transfer('2022-06-15', b)
    .suspend('2023-01-10')
    .reinstate('2023-03-02')
    .exit('2024-01-31')
    .readmit('2024-06-20', a)
    .salary('2025-06-30T18:00:00.000Z', 5_200_000); // 1 July in Vietnam
}

/** A CĐCS (or, with `parentId`, a section of one) in finance's organisation directory. */
async function cdcs(parentId: string | null = null): Promise<string> {
  const u = unit(parentId ? { level: 'section', parentId, agency: null } : {});
  await putInDirectory(db, u);
  return u.id;
}

const withoutIds = <T extends { memberId: string }>(entries: T[]) => entries.map(({ memberId: _m, ...rest }) => rest);

const items = (pk: string) => partition(db, pk);

describe('the dues roster from member events', () => {
  it('keeps each unit’s members with their spans there, in order of delivery', async () => {
    const a = await cdcs();
    const b = await cdcs();
    const m = life(a, b, 'Hoàng Thị Lan');
    for (const e of m.events) await onMemberChanged(e);

    const inA = await roster.unitRoster(a);
    const inB = await roster.unitRoster(b);
    expect(inA).toHaveLength(1);
    expect(inA[0]!.spans.map((s) => [s.from, s.to, s.status, s.duesSalary])).toEqual([
      ['2019-04-01', '2021-02-03', 'active', 4_000_000],
      ['2021-02-03', '2022-06-15', 'active', 4_500_000],
      ['2024-06-20', '2025-07-01', 'active', 4_500_000],
      ['2025-07-01', null, 'active', 5_200_000],
    ]);
    expect(inA[0]!.admissions.map((x) => x.date)).toEqual(['2019-04-01', '2024-06-20']);
    expect(inB[0]!.spans.map((s) => [s.from, s.status])).toEqual([
      ['2022-06-15', 'active'],
      ['2023-01-10', 'suspended'],
      ['2023-03-02', 'active'],
      ['2024-01-31', 'exited'],
    ]);
    // June 2022 stays with A (transfer mid-month), July with B; February 2023 nothing (suspended on the 1st).
    expect(owesUnit(inA[0]!, a, '2022-06')).not.toBeNull();
    expect(owesUnit(inB[0]!, b, '2022-07')).not.toBeNull();
    expect(owesUnit(inB[0]!, b, '2023-02')).toBeNull();
    expect(owesUnit(inA[0]!, a, '2025-06')?.duesSalary).toBe(4_500_000);
    expect(owesUnit(inA[0]!, a, '2025-07')?.duesSalary).toBe(5_200_000);
    const head = await roster.member(m.id);
    expect(head).toMatchObject({ changeCount: 8, latestVersion: 9, units: [a, b], fullName: 'Hoàng Thị Lan' });
  });

  it('builds the same roster from duplicated, out-of-order and concurrent deliveries', async () => {
    const a = await cdcs();
    const b = await cdcs();
    const ordered = life(a, b, 'Trần Văn Hùng');
    for (const e of ordered.events) await onMemberChanged(e);
    const expectedA = withoutIds(await roster.unitRoster(a));
    const expectedB = withoutIds(await roster.unitRoster(b));

    const random = prng(11);
    for (let run = 0; run < 3; run++) {
      const ua = await cdcs();
      const ub = await cdcs();
      const m = life(ua, ub, 'Trần Văn Hùng');
      const delivered = shuffle([...m.events, ...m.events.filter(() => random() < 0.5)], random);
      if (run === 0) {
        for (const e of delivered) await onMemberChanged(e);
      } else {
        // All at once: the change count guards the rebuild, so none is lost.
        await Promise.all(delivered.map((e) => onMemberChanged(e)));
      }
      expect(
        withoutIds(await roster.unitRoster(ua)).map((e) => JSON.stringify(e).replaceAll(ua, 'A').replaceAll(ub, 'B')),
      ).toEqual(expectedA.map((e) => JSON.stringify(e).replaceAll(a, 'A').replaceAll(b, 'B')));
      expect(
        withoutIds(await roster.unitRoster(ub)).map((e) => JSON.stringify(e).replaceAll(ua, 'A').replaceAll(ub, 'B')),
      ).toEqual(expectedB.map((e) => JSON.stringify(e).replaceAll(a, 'A').replaceAll(b, 'B')));
      expect((await roster.member(m.id))?.changeCount).toBe(8);
      expect((await items(`ROSTERMEMBER#${m.id}`)).filter((i) => String(i.sk).startsWith('V#'))).toHaveLength(8);
    }
  });

  it('a duplicate changes nothing, and an old event arriving late is folded in by its version', async () => {
    const a = await cdcs();
    const m = memberEvents(a, 'Lê Thị Mai', 6_200_000, '2015-01-01').salary('2025-03-10T03:00:00.000Z', 7_000_000);
    const [admitted, raised] = m.events as [BusEvent, BusEvent];
    await onMemberChanged(raised);
    // The raise alone says nothing about unit or status: no span yet.
    expect(await roster.unitRoster(a)).toEqual([]);
    await onMemberChanged(admitted);
    const first = await roster.unitRoster(a);
    expect(first[0]!.spans.map((s) => s.duesSalary)).toEqual([6_200_000, 7_000_000]);
    const before = await items(`ROSTERMEMBER#${m.id}`);
    await onMemberChanged(raised);
    await onMemberChanged(admitted);
    expect(await items(`ROSTERMEMBER#${m.id}`)).toEqual(before);
    expect(await roster.unitRoster(a)).toEqual(first);
  });

  it('puts a member of a section or group on the roster of the CĐCS above it', async () => {
    const a = await cdcs();
    const section = await cdcs(a);
    const group = unit({ level: 'group', parentId: section, agency: null });
    await putInDirectory(db, group);
    const m = memberEvents(section, 'Vũ Văn Toàn', 4_800_000, '2016-09-01').transfer('2025-03-10', group.id);
    for (const e of m.events) await onMemberChanged(e);
    const inA = await roster.unitRoster(a);
    expect(inA.map((e) => e.memberId)).toEqual([m.id]);
    // Moving between a section and a group of the same CĐCS changes nothing for dues.
    expect(inA[0]!.spans).toEqual([
      { from: '2016-09-01', to: null, unitId: a, status: 'active', duesSalary: 4_800_000 },
    ]);
    expect(await roster.unitRoster(section)).toEqual([]);
  });

  it('retries (throws) a member event whose unit finance has not heard of yet, writing nothing', async () => {
    const m = memberEvents('not-yet-known', 'Đỗ Thị Hằng', 4_500_000, '2016-09-01');
    await expect(onMemberChanged(m.events[0]!)).rejects.toThrow(/not in finance's organisation directory yet/);
    expect(await items(`ROSTERMEMBER#${m.id}`)).toEqual([]);
  });

  it('keeps no CCCD or contact details', async () => {
    const a = await cdcs();
    const m = memberEvents(a, 'Phạm Văn Nam', 6_500_000, '2015-01-01');
    for (const e of m.events) await onMemberChanged(e);
    const stored = [...(await items(`ROSTERMEMBER#${m.id}`)), ...(await items(`ROSTER#${a}`))];
    expect(stored.length).toBeGreaterThan(0);
    for (const item of stored) {
      expect(JSON.stringify(item)).not.toContain('024190123456');
      expect(item).not.toHaveProperty('cccd');
      expect(item).not.toHaveProperty('dateOfBirth');
    }
  });

  it('rejects an event that breaks its schema, writing nothing (it is retried, then dead-lettered)', async () => {
    const bad = membershipEvent('MemberAdmitted', { member: { id: 'broken' } });
    await expect(onMemberChanged(bad)).rejects.toThrow();
    expect(await items('ROSTERMEMBER#broken')).toEqual([]);
    await expect(onMemberChanged(membershipEvent('UnitCreated', {}))).rejects.toThrow(/unexpected event/);
  });
});
