import type { AgeBand, MemberInput, MemberState } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../test/support/tables.ts';
import { createMemberStore } from '../src/adapters/member-store.ts';
import { createUnitStore } from '../src/adapters/unit-store.ts';
import type { MemberDeps } from '../src/app/members/deps.ts';
import { admitMember, applyForMembership, exitMember } from '../src/app/members/lifecycle.ts';
import { listUnitMembers } from '../src/app/members/queries.ts';
import { listSubtreeMembers, type SubtreeMemberFilter, type SubtreeMembersCursor } from '../src/app/members/subtree.ts';
import { createUnit } from '../src/app/units/create-unit.ts';
import { dissolveUnit } from '../src/app/units/dissolve-unit.ts';
import { person, writeContext } from './support/members.ts';

let db: Db;
let deps: MemberDeps;
/** Province BG → upper CDVC → CĐCS A1, B1 and A2 (dissolved after its members exited); and an unrelated province. */
let u: { province: string; upper: string; a1: string; b1: string; a2: string; other: string };
const admin = () => ({ unitId: null, write: writeContext() });
const ON = '2026-11-22';
let seq = 0;

const errorCode = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: { code?: string; name?: string }) => e.code ?? e.name,
  );

async function admitted(unitId: string, overrides: Partial<MemberInput>) {
  const applicant = await applyForMembership(deps, admin(), unitId, {
    ...person(overrides),
    applicationDate: '2020-01-05',
  });
  return admitMember(deps, admin(), applicant.id, { decisionNumber: `${++seq}/QĐ-CĐCS`, decisionDate: '2020-02-01' });
}

/** Every member the subtree listing returns, following cursors, and the pages it took. */
async function walk(
  caller: { unitId: string | null },
  rootId: string,
  filter: Partial<SubtreeMemberFilter>,
  limit: number,
  maxCalls?: number,
) {
  const seen: MemberState[] = [];
  const cursors: SubtreeMembersCursor[] = [];
  let cursor: SubtreeMembersCursor | undefined;
  for (let pages = 1; pages <= 500; pages++) {
    const page = await listSubtreeMembers(
      deps,
      caller,
      rootId,
      { on: ON, ...filter },
      { limit, ...(cursor ? { cursor } : {}), ...(maxCalls ? { maxCalls } : {}) },
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    if (!page.next) return { seen, cursors, pages };
    // The cursor goes over the wire as JSON; make sure it survives that.
    cursor = JSON.parse(JSON.stringify(page.next)) as SubtreeMembersCursor;
    cursors.push(cursor);
  }
  throw new Error('the walk did not end');
}

/** What the subtree listing must return: each unit's own listing, unit by unit in pre-order. */
async function expected(unitIds: string[], filter: Partial<SubtreeMemberFilter>) {
  const out: MemberState[] = [];
  for (const id of unitIds) {
    out.push(...(await listUnitMembers(deps, { unitId: null }, id, { on: ON, ...filter }, { limit: 200 })).items);
  }
  return out.map((m) => m.id);
}

const ids = (ms: MemberState[]) => ms.map((m) => m.id);

beforeAll(async () => {
  db = await freshTable('membership');
  deps = { units: createUnitStore(db), members: createMemberStore(db) };
  const w = admin();
  const agency = (taxId: string) => ({ name: `Cơ quan ${taxId}`, taxId, fundingType: 'state-budget-partial' as const });
  const province = await createUnit(deps, w, { code: 'BG', name: 'LĐLĐ Bắc Giang', level: 'province' });
  const upper = await createUnit(deps, w, {
    code: 'CDVC',
    name: 'CĐ Viên chức',
    level: 'upper',
    parentId: province.id,
  });
  const grassroots = (code: string, taxId: string) =>
    createUnit(deps, w, { code, name: `CĐCS ${code}`, level: 'grassroots', parentId: upper.id, agency: agency(taxId) });
  const a1 = await grassroots('A1', '2400000001');
  const a2 = await grassroots('A2', '2400000002');
  const b1 = await grassroots('B1', '2400000003');
  const other = await createUnit(deps, w, { code: 'HN', name: 'LĐLĐ Hà Nội', level: 'province' });
  const otherCdcs = await createUnit(deps, w, {
    code: 'HN1',
    name: 'CĐCS Hà Nội 1',
    level: 'grassroots',
    parentId: other.id,
    agency: agency('0100000001'),
  });
  u = { province: province.id, upper: upper.id, a1: a1.id, b1: b1.id, a2: a2.id, other: otherCdcs.id };

  // A1: five members, one of whom later exits.
  const a1Members: Partial<MemberInput>[] = [
    { fullName: 'Nguyễn Thị Hà', gender: 'female', dateOfBirth: '1990-03-01' },
    { fullName: 'Trần Văn Hùng', gender: 'male', dateOfBirth: '1975-06-15' },
    { fullName: 'Lê Thị Mai', gender: 'female', dateOfBirth: '2000-01-20' },
    { fullName: 'Phạm Văn Nam', gender: 'male', dateOfBirth: '1968-09-09' },
    { fullName: 'Vũ Văn Toàn', gender: 'male', dateOfBirth: '1985-12-31' },
  ];
  const inA1 = [];
  for (const m of a1Members) inA1.push(await admitted(u.a1, m));
  await exitMember(deps, admin(), inA1[3]!.id, { date: '2026-06-30', reason: 'retired' });
  // B1: three members.
  for (const m of [
    { fullName: 'Đỗ Thị Hằng', gender: 'female', dateOfBirth: '1992-02-02' },
    { fullName: 'Hoàng Văn An', gender: 'male', dateOfBirth: '1996-05-05' },
    { fullName: 'Ngô Thị Lan', gender: 'female', dateOfBirth: '1979-07-07' },
  ] as const) {
    await admitted(u.b1, m);
  }
  // A2: two members who exit, then the CĐCS is dissolved.
  for (const m of [
    { fullName: 'Bùi Văn Cường', gender: 'male', dateOfBirth: '1970-10-10' },
    { fullName: 'Đinh Thị Dung', gender: 'female', dateOfBirth: '1988-08-08' },
  ] as const) {
    const member = await admitted(u.a2, m);
    await exitMember(deps, admin(), member.id, { date: '2026-03-31', reason: 'moved-out' });
  }
  await dissolveUnit(deps, admin(), u.a2, { reason: 'KL 157' }, undefined);
  // Someone outside the subtree, who must never show up.
  await admitted(u.other, { fullName: 'Người Ngoài', gender: 'male', dateOfBirth: '1980-01-01' });
});

describe('listing the members of a subtree', () => {
  it('goes unit by unit in pre-order (dissolved units after active ones), the same sequence whatever the page size', async () => {
    const order = [u.province, u.upper, u.a1, u.b1, u.a2];
    const want = await expected(order, {});
    expect(want).toHaveLength(10);
    const whole = await walk({ unitId: null }, u.province, {}, 50);
    expect(ids(whole.seen)).toEqual(want);
    expect(whole.pages).toBe(1);
    expect(whole.seen.map((m) => m.unitId)).toEqual([
      ...Array(5).fill(u.a1),
      ...Array(3).fill(u.b1),
      ...Array(2).fill(u.a2),
    ]);
    for (const limit of [1, 2, 3]) {
      const paged = await walk({ unitId: null }, u.province, {}, limit);
      expect(ids(paged.seen), `limit ${limit}`).toEqual(want);
      expect(paged.pages).toBeGreaterThanOrEqual(Math.ceil(10 / limit));
      // One frame per level, never one per sibling.
      for (const c of paged.cursors) {
        expect(c.f.length).toBeLessThanOrEqual(3);
        expect(JSON.stringify(c).length).toBeLessThan(1200);
      }
    }
  });

  it('applies the filters: status, gender, age band', async () => {
    const order = [u.province, u.upper, u.a1, u.b1, u.a2];
    const cases: Partial<SubtreeMemberFilter>[] = [
      { status: 'exited' },
      { status: 'active' },
      { gender: 'male' },
      { ageBand: '30-39' as AgeBand },
      { status: 'active', gender: 'female', ageBand: 'under-30' as AgeBand },
      { nameQuery: 'van' },
    ];
    for (const filter of cases) {
      const want = await expected(order, filter);
      for (const limit of [1, 2, 50]) {
        expect(ids((await walk({ unitId: null }, u.province, filter, limit)).seen), JSON.stringify(filter)).toEqual(
          want,
        );
      }
    }
    const exited = (await walk({ unitId: null }, u.province, { status: 'exited' }, 2)).seen;
    expect(exited.map((m) => m.fullName)).toEqual(['Phạm Văn Nam', 'Bùi Văn Cường', 'Đinh Thị Dung']);
    const men = (await walk({ unitId: null }, u.province, { gender: 'male', status: 'active' }, 50)).seen;
    expect(men.map((m) => m.fullName)).toEqual(['Trần Văn Hùng', 'Vũ Văn Toàn', 'Hoàng Văn An']);
    // Born 1987-11-23 … 1996-11-22: 30-39 on 2026-11-22.
    const thirties = (await walk({ unitId: null }, u.province, { ageBand: '30-39' }, 1)).seen;
    expect(thirties.map((m) => m.fullName)).toEqual(['Nguyễn Thị Hà', 'Hoàng Văn An', 'Đỗ Thị Hằng', 'Đinh Thị Dung']);
  });

  it('stops after a bounded number of DynamoDB calls and returns a cursor, even with nothing found yet', async () => {
    const want = await expected([u.province, u.upper, u.a1, u.b1, u.a2], { status: 'exited', gender: 'female' });
    expect(want).toHaveLength(1);
    const first = await listSubtreeMembers(
      deps,
      { unitId: null },
      u.province,
      { on: ON, status: 'exited', gender: 'female' },
      { limit: 10, maxCalls: 2 },
    );
    expect(first.items).toEqual([]);
    expect(first.next).toBeDefined();
    const walked = await walk({ unitId: null }, u.province, { status: 'exited', gender: 'female' }, 10, 2);
    expect(ids(walked.seen)).toEqual(want);
    expect(walked.pages).toBeGreaterThan(2);
  });

  it('answers 404 for a unit outside the caller’s subtree, and lists the subtree of the caller’s own level', async () => {
    expect(await errorCode(walk({ unitId: u.a1 }, u.province, {}, 50))).toBe('not-found');
    expect(await errorCode(walk({ unitId: u.upper }, u.province, {}, 50))).toBe('not-found');
    const want = await expected([u.upper, u.a1, u.b1, u.a2], {});
    expect(ids((await walk({ unitId: u.upper }, u.upper, {}, 3)).seen)).toEqual(want);
    expect(ids((await walk({ unitId: u.a1 }, u.a1, {}, 2)).seen)).toEqual(await expected([u.a1], {}));
  });

  it('refuses a cursor for another unit, other filters, or a path outside the subtree', async () => {
    const first = await listSubtreeMembers(deps, { unitId: null }, u.province, { on: ON }, { limit: 3 });
    const cursor = first.next!;
    expect(cursor.u?.id).toBe(u.a1);
    const again = (rootId: string, c: SubtreeMembersCursor, filter: Partial<SubtreeMemberFilter> = {}) =>
      errorCode(listSubtreeMembers(deps, { unitId: u.upper }, rootId, { on: ON, ...filter }, { limit: 6, cursor: c }));
    expect(await again(u.upper, cursor)).toBe('invalid-cursor');
    const upperFirst = (await listSubtreeMembers(deps, { unitId: u.upper }, u.upper, { on: ON }, { limit: 1 })).next!;
    expect(await again(u.upper, upperFirst, { gender: 'male' })).toBe('invalid-cursor');
    expect(await again(u.upper, { ...upperFirst, u: { id: u.other } })).toBe('invalid-cursor');
    expect(await again(u.upper, { ...upperFirst, f: [{ p: u.upper }, { p: u.other }], u: undefined })).toBe(
      'invalid-cursor',
    );
    expect(await again(u.upper, upperFirst)).toBe('no error');
    const outside = await deps.members.listByUnit(u.other, {}, { limit: 1 });
    const forged = { ...upperFirst, u: { id: u.a1, k: outside.keys[0]! } };
    // Another unit's member key in the cursor: DynamoDB refuses it, and so do we, without leaking anything.
    expect(await again(u.upper, forged)).toBe('invalid-cursor');
  });
});
