import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '@congdoan/ddb';
import { TransactionConflictError } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../test/support/tables.ts';
import { createMemberStore } from '../src/adapters/member-store.ts';
import { createUnitStore } from '../src/adapters/unit-store.ts';
import type { MemberDeps } from '../src/app/members/deps.ts';
import {
  admitMember,
  applyForMembership,
  exitMember,
  readMemberInScope,
  readmitMember,
  reinstateMember,
  suspendMember,
  transferMember,
  updateMember,
} from '../src/app/members/lifecycle.ts';
import { memberView } from '../src/app/members/masking.ts';
import { findByCard, findByCccd, listUnitMembers } from '../src/app/members/queries.ts';
import { upsertMemberByCccd } from '../src/app/members/upsert.ts';
import { upsertManyByCccd } from '../src/app/members/upsert-many.ts';
import { createUnit } from '../src/app/units/create-unit.ts';
import { dissolveUnit } from '../src/app/units/dissolve-unit.ts';
import { newApplication } from '../src/domain/member/member.ts';
import { cccdFor, person, writeContext } from './support/members.ts';

let db: Db;
let deps: MemberDeps;
let units: { upper: string; a: string; b: string };
const admin = () => ({ unitId: null, write: writeContext() });
let seq = 0;

const errorCode = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: { code?: string; name?: string }) => e.code ?? e.name,
  );

async function stats(unitId: string, day?: string) {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: { pk: `STATS#${unitId}`, sk: day ? `DAY#${day}` : 'CURRENT' } }),
  );
  return Item ?? {};
}

async function memberCount(unitId: string) {
  return (await deps.units.get(unitId))?.memberCount;
}

async function admitted(unitId: string, overrides = {}) {
  const applicant = await applyForMembership(deps, admin(), unitId, {
    ...person(overrides),
    applicationDate: '2020-01-05',
  });
  return admitMember(deps, admin(), applicant.id, { decisionNumber: `${++seq}/QĐ-CĐCS`, decisionDate: '2020-02-01' });
}

beforeAll(async () => {
  db = await freshTable('membership');
  deps = { units: createUnitStore(db), members: createMemberStore(db) };
  const w = admin();
  const province = await createUnit(deps, w, { code: 'BG', name: 'LĐLĐ Bắc Giang', level: 'province' });
  const upper = await createUnit(deps, w, {
    code: 'CDVC',
    name: 'CĐ Viên chức',
    level: 'upper',
    parentId: province.id,
  });
  const agency = (taxId: string) => ({ name: `Cơ quan ${taxId}`, taxId, fundingType: 'state-budget-partial' as const });
  const a = await createUnit(deps, w, {
    code: 'LHH',
    name: 'CĐCS LHH KH&KT',
    level: 'grassroots',
    parentId: upper.id,
    agency: agency('2400000001'),
  });
  const b = await createUnit(deps, w, {
    code: 'SNV',
    name: 'CĐCS Sở Nội vụ',
    level: 'grassroots',
    parentId: upper.id,
    agency: agency('2400000002'),
  });
  units = { upper: upper.id, a: a.id, b: b.id };
});

describe('admission', () => {
  it('goes from application to committee decision to card, counting the member in the unit', async () => {
    const before = (await stats(units.a)).total ?? 0;
    const applicant = await applyForMembership(deps, admin(), units.a, { ...person(), applicationDate: '2020-01-05' });
    expect(applicant).toMatchObject({ status: 'applicant', cardNumber: null, joinDate: null });
    expect((await stats(units.a)).total ?? 0).toBe(before);
    const member = await admitMember(deps, admin(), applicant.id, {
      decisionNumber: '12/QĐ-CĐCS',
      decisionDate: '2020-02-01',
    });
    expect(member).toMatchObject({
      status: 'active',
      joinDate: '2020-02-01',
      cardNumber: expect.stringMatching(/^2020\d{6}$/),
    });
    expect((await stats(units.a)).total).toBe(before + 1);
    expect((await stats(units.a, '2020-02-01'))['flow:admitted']).toBeGreaterThanOrEqual(1);
    expect((await findByCard(deps, { unitId: null }, member.cardNumber!)).id).toBe(member.id);
  });

  it('gives concurrent admissions distinct card numbers in sequence', async () => {
    const applicants = await Promise.all(
      Array.from({ length: 5 }, () =>
        applyForMembership(deps, admin(), units.b, {
          ...person({ gender: 'male', fullName: 'Trần Văn Bình' }),
          applicationDate: '2021-03-01',
        }),
      ),
    );
    const members = await Promise.all(
      applicants.map((a, i) =>
        admitMember(deps, admin(), a.id, { decisionNumber: `${i}/QĐ`, decisionDate: '2021-03-15' }),
      ),
    );
    const cards = members.map((m) => m.cardNumber).sort();
    expect(new Set(cards).size).toBe(5);
    expect(cards).toEqual(['2021000001', '2021000002', '2021000003', '2021000004', '2021000005']);
  });

  it('admits exactly one of 20 concurrent applications with the same CCCD in different units', async () => {
    const cccd = cccdFor('1990-06-15', 'female');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        applyForMembership(deps, admin(), i % 2 ? units.a : units.b, {
          ...person({ cccd, dateOfBirth: '1990-06-15' }),
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('cccd-taken');
    expect(await findByCccd(deps, { unitId: null }, cccd)).toHaveLength(1);
  });

  it('refuses a CCCD that does not fit the birth date', async () => {
    const cccd = cccdFor('1990-06-15', 'female');
    expect(
      await errorCode(applyForMembership(deps, admin(), units.a, person({ cccd, dateOfBirth: '1985-06-15' }))),
    ).toBe('invalid-cccd');
  });
});

describe('the lifecycle', () => {
  it('transfers a member to another CĐCS keeping the join date, and moves the counters', async () => {
    const m = await admitted(units.a);
    const [aBefore, bBefore] = [(await stats(units.a)).total, (await stats(units.b)).total ?? 0];
    const [ca, cb] = [await memberCount(units.a), await memberCount(units.b)];
    const moved = await transferMember(deps, admin(), m.id, { toUnitId: units.b, date: '2024-09-01' });
    expect(moved).toMatchObject({ unitId: units.b, joinDate: m.joinDate, cardNumber: m.cardNumber, status: 'active' });
    expect((await stats(units.a)).total).toBe(aBefore - 1);
    expect((await stats(units.b)).total).toBe(bBefore + 1);
    expect([await memberCount(units.a), await memberCount(units.b)]).toEqual([ca! - 1, cb! + 1]);
  });

  it('suspends and reinstates; a suspended member still counts, marked suspended', async () => {
    const m = await admitted(units.a);
    const before = await stats(units.a);
    const suspended = await suspendMember(deps, admin(), m.id, { from: '2025-01-01', reason: 'Nghỉ không lương' });
    expect(suspended.status).toBe('suspended');
    expect((await stats(units.a)).suspended).toBe((before.suspended ?? 0) + 1);
    expect((await reinstateMember(deps, admin(), m.id, { date: '2025-06-01' })).status).toBe('active');
    expect((await stats(units.a)).suspended).toBe(before.suspended ?? 0);
  });

  it('exits with a reason, releasing the CCCD; re-admission waits 3 months', async () => {
    const m = await admitted(units.a, {
      fullName: 'Lê Văn Cường',
      gender: 'male',
      dateOfBirth: '1970-03-03',
      cccd: cccdFor('1970-03-03', 'male'),
    });
    const exited = await exitMember(deps, admin(), m.id, { date: '2026-06-30', reason: 'retired' });
    expect(exited).toMatchObject({ status: 'exited', exit: { reason: 'retired', date: '2026-06-30' } });
    expect(await errorCode(transferMember(deps, admin(), m.id, { toUnitId: units.b, date: '2026-07-01' }))).toBe(
      'illegal-member-transition',
    );
    expect(
      await errorCode(readmitMember(deps, admin(), m.id, { decisionNumber: '1/QĐ', decisionDate: '2026-08-01' })),
    ).toBe('readmission-too-soon');
    const back = await readmitMember(deps, admin(), m.id, { decisionNumber: '2/QĐ', decisionDate: '2026-10-01' });
    expect(back).toMatchObject({ status: 'active', joinDate: m.joinDate });
  });

  it('lets someone else apply with a CCCD released by an exit', async () => {
    const cccd = cccdFor('1980-01-01', 'male');
    const m = await admitted(units.a, { cccd, dateOfBirth: '1980-01-01', gender: 'male', fullName: 'Phạm Văn Dũng' });
    expect(
      await errorCode(
        applyForMembership(deps, admin(), units.b, person({ cccd, dateOfBirth: '1980-01-01', gender: 'male' })),
      ),
    ).toBe('cccd-taken');
    await exitMember(deps, admin(), m.id, { date: '2026-01-31', reason: 'moved-out' });
    const again = await applyForMembership(
      deps,
      admin(),
      units.b,
      person({ cccd, dateOfBirth: '1980-01-01', gender: 'male' }),
    );
    expect(again.status).toBe('applicant');
  });

  it('refuses a stale If-Match with 412', async () => {
    const m = await admitted(units.a);
    await updateMember(deps, admin(), m.id, { duesSalary: 6_000_000 }, m.version);
    expect(await errorCode(updateMember(deps, admin(), m.id, { duesSalary: 6_500_000 }, m.version))).toBe(
      'stale-version',
    );
  });

  it('refuses to dissolve a CĐCS while members remain', async () => {
    expect(await errorCode(dissolveUnit(deps, admin(), units.a, { reason: 'KL 157' }, undefined))).toBe(
      'unit-has-members',
    );
  });
});

describe('reading members', () => {
  it('hides a member outside the caller’s subtree (404)', async () => {
    const m = await admitted(units.a);
    expect(await errorCode(readMemberInScope(deps, { unitId: units.b }, m.id))).toBe('not-found');
    expect((await readMemberInScope(deps, { unitId: units.upper }, m.id)).member.id).toBe(m.id);
    expect(
      await errorCode(listUnitMembers(deps, { unitId: units.b }, units.a, { on: '2026-11-22' }, { limit: 10 })),
    ).toBe('not-found');
  });

  it('answers a member outside the caller’s subtree exactly as one that does not exist, naming only the id sent', async () => {
    const m = await admitted(units.a);
    const missing = 'no-such-member';
    const problem = async (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: { kind: string; code: string; detail: unknown }) => ({ kind: e.kind, code: e.code, detail: e.detail }),
      );
    const outside = { unitId: units.b, write: writeContext() };
    const asked = (id: string) => [
      readMemberInScope(deps, outside, id),
      updateMember(deps, outside, id, { jobTitle: 'Chuyên viên' }),
      exitMember(deps, outside, id, { date: '2026-07-01', reason: 'retired' }),
      transferMember(deps, outside, id, { toUnitId: units.b, date: '2026-07-01' }),
    ];
    const real = await Promise.all(asked(m.id).map(problem));
    const random = await Promise.all(asked(missing).map(problem));
    expect(JSON.stringify(real).replaceAll(m.id, missing)).toBe(JSON.stringify(random));
    expect(JSON.stringify(real)).not.toContain(units.a);
  });

  it('answers a transfer into a unit the caller may not see, that takes no members, as into one that does not exist', async () => {
    const m = await admitted(units.b);
    const officerOfB = { unitId: units.b, write: writeContext() };
    const into = (toUnitId: string) =>
      transferMember(deps, officerOfB, m.id, { toUnitId, date: '2026-07-01' }).then(
        () => 'no error',
        (e: { code: string; detail: { vi: string; en: string } }) => ({
          code: e.code,
          detail: { vi: e.detail.vi.replaceAll(toUnitId, '{id}'), en: e.detail.en.replaceAll(toUnitId, '{id}') },
        }),
      );
    // The upper level lies outside the officer's subtree and holds no members.
    expect(await into(units.upper)).toEqual(await into('no-such-unit'));
    expect(await into('no-such-unit')).toMatchObject({ code: 'not-found' });
    // Any active CĐCS takes them, in the subtree or not.
    expect((await transferMember(deps, officerOfB, m.id, { toUnitId: units.a, date: '2026-07-01' })).unitId).toBe(
      units.a,
    );
  });

  it('masks CCCD and salary for roles that do not need them', async () => {
    const m = await admitted(units.a);
    expect(memberView(m, { roles: ['officer'] })).toMatchObject({
      cccd: m.cccd,
      duesSalary: m.duesSalary,
      masked: false,
    });
    expect(memberView(m, { roles: ['accountant'] })).toMatchObject({
      cccd: `••••••••${m.cccd.slice(-4)}`,
      duesSalary: m.duesSalary,
      masked: true,
    });
    expect(memberView(m, { roles: ['emulation-officer'] })).toMatchObject({ duesSalary: null, masked: true });
  });

  it('finds names without diacritics and lists them in Vietnamese order', async () => {
    const fresh = await createUnit(deps, admin(), {
      code: `T${Date.now()}`,
      name: 'CĐCS thử',
      level: 'grassroots',
      parentId: units.upper,
      agency: { name: 'Cơ quan thử', taxId: '2400000099', fundingType: 'self-funded' },
    });
    const names = ['Hoàng Dũng', 'Nguyễn Thị Ánh', 'Phạm Đức', 'Nguyễn Văn An', 'Lê Thị Bình', 'Nguyễn Thị Hà'];
    for (const fullName of names) await admitted(fresh.id, { fullName });
    const all = await listUnitMembers(
      deps,
      { unitId: null },
      fresh.id,
      { status: 'active', on: '2026-11-22' },
      { limit: 50 },
    );
    expect(all.items.map((m) => m.fullName)).toEqual([
      'Nguyễn Văn An',
      'Nguyễn Thị Ánh',
      'Lê Thị Bình',
      'Hoàng Dũng',
      'Phạm Đức',
      'Nguyễn Thị Hà',
    ]);
    const found = await listUnitMembers(
      deps,
      { unitId: null },
      fresh.id,
      { nameQuery: 'nguyen thi', on: '2026-11-22' },
      { limit: 50 },
    );
    expect(found.items.map((m) => m.fullName).sort()).toEqual(['Nguyễn Thị Hà', 'Nguyễn Thị Ánh'].sort());
    const women = await listUnitMembers(
      deps,
      { unitId: null },
      fresh.id,
      { gender: 'female', ageBand: '30-39', on: '2026-11-22' },
      { limit: 50 },
    );
    expect(women.items).toHaveLength(6); // person() is a woman born 1988: 38 on 2026-11-22
  });
});

describe('upsert by CCCD (import rows, provincial systems)', () => {
  it('creates an admitted member once, then changes nothing, then updates what differs', async () => {
    const { upsertMemberByCccd } = await import('../src/app/members/upsert.ts');
    const record = { ...person({ fullName: 'Vũ Thị Hà' }), joinDate: '2015-05-19' };
    const first = await upsertMemberByCccd(deps, admin(), units.a, record);
    expect(first).toMatchObject({ outcome: 'created', member: { status: 'active', joinDate: '2015-05-19' } });
    const again = await upsertMemberByCccd(deps, admin(), units.a, record);
    expect(again.outcome).toBe('unchanged');
    expect(again.member.version).toBe(first.member.version);
    const raised = await upsertMemberByCccd(deps, admin(), units.a, { ...record, duesSalary: 7_000_000 });
    expect(raised).toMatchObject({ outcome: 'updated', member: { duesSalary: 7_000_000 } });
    expect(await errorCode(upsertMemberByCccd(deps, admin(), units.b, record))).toBe('cccd-in-other-unit');
  });
});

describe('the re-admission rule on every path that gives a CCCD a membership', () => {
  const at = (day: string) => ({ unitId: null, write: writeContext(new Date(`${day}T03:00:00Z`)) });
  const problem = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: { code?: string; kind?: string; detail?: { vi: string; en: string } }) => e,
    );

  async function exitedOn(day: string, overrides = {}) {
    const cccd = cccdFor('1979-09-09', 'male');
    const who = { cccd, dateOfBirth: '1979-09-09', gender: 'male' as const, fullName: 'Đặng Văn Hải', ...overrides };
    const m = await admitted(units.a, who);
    await exitMember(deps, at(day), m.id, { date: day, reason: 'resigned' });
    return { m, who };
  }

  it('refuses an application, an upsert and a bulk creation the same day as the exit, naming the earliest day', async () => {
    const { m, who } = await exitedOn('2026-11-20');
    const sameDay = at('2026-11-20');
    const apply = await problem(applyForMembership(deps, sameDay, units.b, person(who)));
    expect(apply).toMatchObject({ kind: 'unprocessable', code: 'readmission-required' });
    expect(apply!.detail!.vi).toContain('20/02/2027');
    expect(apply!.detail!.en).toMatch(/2027-02-20.*readmit/);
    expect(await problem(upsertMemberByCccd(deps, sameDay, units.b, person(who)))).toMatchObject({
      code: 'readmission-required',
    });
    const [bulk] = await upsertManyByCccd(deps, sameDay, units.b, [person(who)]);
    expect(bulk).toMatchObject({ error: { code: 'readmission-required' } });
    // Neither with an application backdated before the exit, nor a day early.
    const backdated = { ...person(who), applicationDate: '2020-01-01', joinDate: '2020-01-01' };
    expect(await problem(upsertMemberByCccd(deps, at('2027-06-01'), units.b, backdated))).toMatchObject({
      code: 'readmission-required',
    });
    expect(await problem(applyForMembership(deps, at('2027-02-19'), units.b, person(who)))).toMatchObject({
      code: 'readmission-required',
    });
    expect((await findByCccd(deps, { unitId: null }, who.cccd)).map((r) => r.id)).toEqual([m.id]);
    // Re-admission is the way back, from the earliest day.
    const back = await readmitMember(deps, at('2027-02-20'), m.id, {
      decisionNumber: '9/QĐ',
      decisionDate: '2027-02-20',
    });
    expect(back.status).toBe('active');
  });

  it('lets a new membership start from the earliest day', async () => {
    const { who } = await exitedOn('2026-05-31');
    // 31/05 + 3 months = 31/08.
    expect(await problem(applyForMembership(deps, at('2026-08-30'), units.b, person(who)))).toMatchObject({
      code: 'readmission-required',
    });
    expect((await applyForMembership(deps, at('2026-08-31'), units.b, person(who))).status).toBe('applicant');
  });

  it('still knows an exit from before locks remembered exits (no lock item), through the CCCD index', async () => {
    const { who } = await exitedOn('2026-11-20');
    await db.client.send(
      new DeleteCommand({ TableName: db.tableName, Key: { pk: `CCCDLOCK#${who.cccd}`, sk: 'LOCK' } }),
    );
    expect(await problem(applyForMembership(deps, at('2026-11-21'), units.b, person(who)))).toMatchObject({
      code: 'readmission-required',
    });
  });

  it('decides on a consistent read: a write whose read the lock has moved past is decided again', async () => {
    const { m, who } = await exitedOn('2026-01-10');
    const stale = await deps.members.readCccd(who.cccd);
    expect(stale.lock.lastExit).toMatchObject({ memberId: m.id, date: '2026-01-10', reason: 'resigned' });
    // Meanwhile the person is re-admitted and exits again today.
    await readmitMember(deps, at('2026-11-20'), m.id, { decisionNumber: '5/QĐ', decisionDate: '2026-11-20' });
    await exitMember(deps, at('2026-11-20'), m.id, { date: '2026-11-20', reason: 'resigned' });
    const write = writeContext(new Date('2026-11-21T03:00:00Z'));
    const fresh = newApplication(person(who), units.b, 'stale-read', '2026-11-21', write.now());
    await expect(
      deps.members.save(
        { before: null, after: fresh, action: 'apply', day: '2026-11-21', lock: stale.lock },
        write,
        [],
      ),
    ).rejects.toBeInstanceOf(TransactionConflictError);
    // Read again, the rule refuses it.
    expect(await problem(applyForMembership(deps, at('2026-11-21'), units.b, person(who)))).toMatchObject({
      code: 'readmission-required',
    });
  });

  it('refuses dates after today in Vietnam: an exit in 2099, a re-admission decided tomorrow', async () => {
    const m = await admitted(units.a);
    expect(
      await problem(exitMember(deps, at('2026-11-22'), m.id, { date: '2099-12-31', reason: 'retired' })),
    ).toMatchObject({
      code: 'date-in-future',
    });
    await exitMember(deps, at('2026-01-02'), m.id, { date: '2026-01-02', reason: 'retired' });
    expect(
      await problem(readmitMember(deps, at('2026-11-22'), m.id, { decisionNumber: '1', decisionDate: '2026-11-23' })),
    ).toMatchObject({ code: 'date-in-future' });
  });
});
