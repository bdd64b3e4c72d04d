import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError, type MemberState, type OfficerPosition } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { officerGuardKey } from '../../src/adapters/committee-keys.ts';
import { createCommitteeStore } from '../../src/adapters/committee-store.ts';
import { createMemberStore } from '../../src/adapters/member-store.ts';
import { createUnitStore } from '../../src/adapters/unit-store.ts';
import { appointOfficer, endAppointment, getAppointment } from '../../src/app/committees/appointments.ts';
import { closeCommitteeTerm, endUnitTerms } from '../../src/app/committees/close-term.ts';
import type { CommitteeDeps } from '../../src/app/committees/ports.ts';
import { createTerm, getTermWithOfficers, listTerms, listUnitOfficers } from '../../src/app/committees/terms.ts';
import type { MemberDeps } from '../../src/app/members/deps.ts';
import { admitMember, applyForMembership, exitMember, suspendMember } from '../../src/app/members/lifecycle.ts';
import { createUnit } from '../../src/app/units/create-unit.ts';
import { dissolveUnit } from '../../src/app/units/dissolve-unit.ts';
import { incompatible } from '../../src/domain/committee/positions.ts';
import { person, writeContext } from '../support/members.ts';

let db: Db;
let deps: CommitteeDeps & MemberDeps;
let units: { province: string; upper: string; a: string; section: string; b: string };
const admin = () => ({ unitId: null, write: writeContext() });
const scopedTo = (unitId: string) => ({ unitId, write: writeContext() });
const TERM = { congressDate: '2023-05-10', startDate: '2023-05-10', endDate: '2028-05-10' };
let seq = 0;

/** The code of the DomainError a call fails with, or what else happened. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof DomainError ? e.code : `unexpected: ${String(e)}`),
  );

async function activeMember(unitId: string, overrides = {}): Promise<MemberState> {
  const applicant = await applyForMembership(deps, admin(), unitId, {
    ...person({ fullName: `Nguyễn Văn Thành ${++seq}`, gender: 'male', ...overrides }),
    applicationDate: '2020-01-05',
  });
  return admitMember(deps, admin(), applicant.id, { decisionNumber: `${seq}/QĐ-CĐCS`, decisionDate: '2020-02-01' });
}

async function newTerm(unitId: string, dates = TERM) {
  return createTerm(deps, admin(), unitId, dates);
}

const appoint = (termId: string, memberId: string, position: OfficerPosition, from = '2023-05-10') =>
  appointOfficer(deps, admin(), termId, { memberId, position, from, decisionNumber: `${++seq}/QĐ-CĐVC` });

async function outbox(detailType: string) {
  const out = await db.client.send(
    new ScanCommand({
      TableName: db.tableName,
      FilterExpression: 'kind = :k AND detailType = :t',
      ExpressionAttributeValues: { ':k': 'outbox', ':t': detailType },
    }),
  );
  return (out.Items ?? []).map((i) => JSON.parse(i.detail as string).data);
}

beforeAll(async () => {
  db = await freshTable('membership');
  deps = { units: createUnitStore(db), members: createMemberStore(db), committees: createCommitteeStore(db) };
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
  const section = await createUnit(deps, w, {
    code: 'LHH-VP',
    name: 'CĐ bộ phận Văn phòng',
    level: 'section',
    parentId: a.id,
  });
  const b = await createUnit(deps, w, {
    code: 'SNV',
    name: 'CĐCS Sở Nội vụ',
    level: 'grassroots',
    parentId: upper.id,
    agency: agency('2400000002'),
  });
  units = { province: province.id, upper: upper.id, a: a.id, section: section.id, b: b.id };
});

describe('committee terms', () => {
  it('records a term with its congress date and an event, and lists the unit’s terms latest first', async () => {
    const unit = await createUnit(deps, admin(), {
      code: 'T1',
      name: 'CĐCS Sở Y tế',
      level: 'grassroots',
      parentId: units.upper,
      agency: { name: 'Sở Y tế', taxId: '2400000003', fundingType: 'state-budget-partial' },
    });
    const first = await newTerm(unit.id, {
      congressDate: '2018-05-09',
      startDate: '2018-05-10',
      endDate: '2023-05-10',
    });
    const second = await newTerm(unit.id, TERM);
    expect(second).toMatchObject({
      unitId: unit.id,
      name: 'Nhiệm kỳ 2023–2028',
      congressDate: '2023-05-10',
      version: 1,
    });
    const page = await listTerms(deps, { unitId: null }, unit.id, { limit: 10 });
    expect(page.items.map((t) => t.id)).toEqual([second.id, first.id]);
    expect((await outbox('CommitteeTermOpened')).map((d) => d.term.id)).toEqual(
      expect.arrayContaining([first.id, second.id]),
    );
  });

  it('refuses a term overlapping another of the unit with 409', async () => {
    await newTerm(units.b);
    expect(
      await outcome(newTerm(units.b, { congressDate: '2028-01-01', startDate: '2028-01-01', endDate: '2033-01-01' })),
    ).toBe('term-overlap');
    expect(
      await outcome(newTerm(units.b, { congressDate: '2028-05-10', startDate: '2028-05-10', endDate: '2033-05-10' })),
    ).toBe('ok');
  });

  it('creates exactly one of 10 concurrent overlapping terms', async () => {
    const unit = await createUnit(deps, admin(), {
      code: 'T10',
      name: 'CĐ bộ phận',
      level: 'section',
      parentId: units.a,
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        outcome(
          newTerm(unit.id, {
            congressDate: `2023-05-${10 + i}`,
            startDate: `2023-05-${10 + i}`,
            endDate: '2028-05-10',
          }),
        ),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'term-overlap')).toBe(true);
    expect((await listTerms(deps, { unitId: null }, unit.id, { limit: 50 })).items).toHaveLength(1);
  });

  it('answers 404 for a unit outside the caller’s subtree', async () => {
    expect(await outcome(createTerm(deps, scopedTo(units.b), units.a, TERM))).toBe('not-found');
    expect(await outcome(listTerms(deps, { unitId: units.b }, units.a, { limit: 10 }))).toBe('not-found');
  });

  it('refuses a term for a dissolved unit with 409', async () => {
    const unit = await createUnit(deps, admin(), {
      code: 'T-DIS',
      name: 'Tổ giải thể',
      level: 'group',
      parentId: units.a,
    });
    await dissolveUnit(deps, admin(), unit.id, { reason: 'Sáp nhập' }, undefined);
    expect(await outcome(newTerm(unit.id))).toBe('unit-not-active');
  });
});

describe('appointing officers', () => {
  it('appoints an active member of the unit, and of a unit above it, with an event', async () => {
    const term = await newTerm(units.section);
    const own = await activeMember(units.section);
    const fromAbove = await activeMember(units.a);
    const chair = await appoint(term.id, own.id, 'chair');
    const vice = await appoint(term.id, fromAbove.id, 'vice-chair');
    expect(chair).toMatchObject({ termId: term.id, unitId: units.section, memberUnitId: units.section, version: 1 });
    expect(vice.memberUnitId).toBe(units.a);
    expect((await outbox('OfficerAppointed')).map((d) => d.appointment.id)).toEqual(
      expect.arrayContaining([chair.id, vice.id]),
    );
    const read = await getTermWithOfficers(deps, { unitId: units.a, now: new Date('2026-01-01T00:00:00Z') }, term.id);
    expect(read.on).toBe('2026-01-01');
    expect(read.officers.map((o) => o.position)).toEqual(['chair', 'vice-chair']);
  });

  it('refuses a member of a sibling or a lower unit with 422, and one who is not active with 409', async () => {
    const term = await newTerm(units.a);
    const sibling = await activeMember(units.b);
    const below = await activeMember(units.section);
    expect(await outcome(appoint(term.id, sibling.id, 'committee-member'))).toBe('officer-not-unit-member');
    expect(await outcome(appoint(term.id, below.id, 'committee-member'))).toBe('officer-not-unit-member');
    expect(await outcome(appoint(term.id, 'no-such-member', 'committee-member'))).toBe('officer-not-unit-member');
    const suspended = await activeMember(units.a);
    await suspendMember(deps, admin(), suspended.id, { from: '2024-01-01', reason: 'Nghỉ không lương' });
    expect(await outcome(appoint(term.id, suspended.id, 'committee-member'))).toBe('officer-not-active');
  });

  it('refuses a first day outside the term with 422', async () => {
    const unit = await createUnit(deps, admin(), {
      code: 'T-OUT',
      name: 'Tổ Kế hoạch',
      level: 'group',
      parentId: units.a,
    });
    const term = await newTerm(unit.id);
    const m = await activeMember(units.a);
    expect(await outcome(appoint(term.id, m.id, 'chair', '2028-05-10'))).toBe('appointment-outside-term');
    expect(await outcome(appoint(term.id, m.id, 'chair', '2023-05-09'))).toBe('appointment-outside-term');
  });

  it('re-reads when the member exits between the check and the commit, and then refuses', async () => {
    const unit = await createUnit(deps, admin(), {
      code: 'T-RACE',
      name: 'Tổ Hành chính',
      level: 'group',
      parentId: units.a,
    });
    const term = await newTerm(unit.id);
    const m = await activeMember(units.a);
    const stale = (await deps.members.get(m.id))!;
    await exitMember(deps, admin(), m.id, { date: '2024-01-01', reason: 'retired' });
    // The first read sees the member still active, as a concurrent request would have.
    let reads = 0;
    const racing: CommitteeDeps = {
      ...deps,
      members: { get: async (id) => (reads++ === 0 ? stale : deps.members.get(id)) },
    };
    const result = await outcome(
      appointOfficer(racing, admin(), term.id, {
        memberId: m.id,
        position: 'chair',
        from: '2023-05-10',
        decisionNumber: '1',
      }),
    );
    expect(result).toBe('officer-not-active');
    expect(reads).toBe(2);
    expect((await getTermWithOfficers(deps, { unitId: null, now: new Date() }, term.id)).appointments).toHaveLength(0);
  });

  it('refuses an officer scoped elsewhere with 404', async () => {
    const term = (await listTerms(deps, { unitId: null }, units.a, { limit: 1 })).items[0]!;
    const m = await activeMember(units.a);
    expect(
      await outcome(
        appointOfficer(deps, scopedTo(units.b), term.id, {
          memberId: m.id,
          position: 'chair',
          from: '2023-05-10',
          decisionNumber: '1',
        }),
      ),
    ).toBe('not-found');
    expect(await outcome(getTermWithOfficers(deps, { unitId: units.b, now: new Date() }, term.id))).toBe('not-found');
  });
});

describe('the inspection committee excludes the account holder, accountant and treasurer', () => {
  it('refuses an accountant on the inspection committee, and an inspection member as treasurer, with 409', async () => {
    const unit = await createUnit(deps, admin(), { code: 'UBKT1', name: 'Tổ 1', level: 'group', parentId: units.a });
    const term = await newTerm(unit.id);
    const accountant = await activeMember(units.a);
    const inspector = await activeMember(units.a);
    await appoint(term.id, accountant.id, 'accountant');
    await appoint(term.id, inspector.id, 'inspection-member');
    const refused = appoint(term.id, accountant.id, 'inspection-member', '2024-01-01');
    await expect(refused).rejects.toMatchObject({ kind: 'conflict', code: 'inspection-incompatible' });
    const error = (await refused.catch((e) => e)) as DomainError;
    expect(error.detail.vi).toContain('Điều lệ');
    expect(error.detail.en).toContain('Charter');
    expect(await outcome(appoint(term.id, inspector.id, 'treasurer', '2025-01-01'))).toBe('inspection-incompatible');
  });

  it('allows the inspection committee once the accountant’s appointment has ended', async () => {
    const unit = await createUnit(deps, admin(), { code: 'UBKT2', name: 'Tổ 2', level: 'group', parentId: units.a });
    const term = await newTerm(unit.id);
    const m = await activeMember(units.a);
    const accountant = await appoint(term.id, m.id, 'accountant');
    await endAppointment(deps, admin(), accountant.id, { date: '2025-01-01', reason: 'reassigned' }, 1);
    expect(await outcome(appoint(term.id, m.id, 'inspection-member', '2024-12-31'))).toBe('inspection-incompatible');
    expect(await outcome(appoint(term.id, m.id, 'inspection-member', '2025-01-01'))).toBe('ok');
    // …and then the accountant cannot come back while on the inspection committee.
    expect(await outcome(appoint(term.id, m.id, 'account-holder', '2026-01-01'))).toBe('inspection-incompatible');
  });

  it('holds under 10 concurrent conflicting appointments of one person', async () => {
    const unit = await createUnit(deps, admin(), { code: 'UBKT10', name: 'Tổ 10', level: 'group', parentId: units.a });
    const term = await newTerm(unit.id);
    const m = await activeMember(units.a);
    const positions: OfficerPosition[] = [
      'inspection-member',
      'accountant',
      'treasurer',
      'account-holder',
      'inspection-member',
    ];
    const requests = Array.from({ length: 10 }, (_, i) => positions[i % positions.length]!);
    const results = await Promise.all(requests.map((p) => outcome(appoint(term.id, m.id, p))));

    // Every request got the rules' answer: success, or a 409 naming the rule.
    for (const r of results) {
      expect(['ok', 'inspection-incompatible', 'position-already-held', 'position-filled']).toContain(r);
    }
    const held = (await getTermWithOfficers(deps, { unitId: null, now: new Date('2024-01-01T00:00:00Z') }, term.id))
      .appointments;
    expect(held).toHaveLength(results.filter((r) => r === 'ok').length);
    expect(held.length).toBeGreaterThan(0);
    for (const x of held) for (const y of held) if (x !== y) expect(incompatible(x.position, y.position)).toBe(false);
    // No position twice, and the guard lists exactly what committed.
    expect(new Set(held.map((a) => a.position)).size).toBe(held.length);
    const guard = await deps.committees.readOfficerGuard(unit.id, m.id);
    expect(guard.entries.map((e) => e.appointmentId).sort()).toEqual(held.map((a) => a.id).sort());
    expect(officerGuardKey(unit.id, m.id).pk).toContain(m.id);
  });

  it('holds under 10 concurrent requests, five each way, for five people', async () => {
    const unit = await createUnit(deps, admin(), { code: 'UBKT55', name: 'Tổ 55', level: 'group', parentId: units.a });
    const term = await newTerm(unit.id);
    const people = await Promise.all(Array.from({ length: 5 }, () => activeMember(units.a)));
    const requests = people.flatMap((p) => [
      { memberId: p.id, position: 'inspection-member' as const },
      { memberId: p.id, position: 'accountant' as const },
    ]);
    const results = await Promise.all(requests.map((r) => outcome(appoint(term.id, r.memberId, r.position))));
    for (const r of results) expect(['ok', 'inspection-incompatible']).toContain(r);
    // Each person got exactly one of the two.
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    const held = (await getTermWithOfficers(deps, { unitId: null, now: new Date('2024-01-01T00:00:00Z') }, term.id))
      .appointments;
    for (const p of people) expect(held.filter((a) => a.memberId === p.id)).toHaveLength(1);
  });
});

describe('limits on a position', () => {
  it('gives a term exactly one chair when 10 people are appointed at once', async () => {
    const unit = await createUnit(deps, admin(), {
      code: 'CHAIR10',
      name: 'Tổ chủ tịch',
      level: 'group',
      parentId: units.a,
    });
    const term = await newTerm(unit.id);
    const people = await Promise.all(Array.from({ length: 10 }, () => activeMember(units.a)));
    const results = await Promise.all(people.map((p) => outcome(appoint(term.id, p.id, 'chair'))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'position-filled')).toHaveLength(9);
  });

  it('takes a new chair from the day the old one leaves', async () => {
    const unit = await createUnit(deps, admin(), {
      code: 'CHAIR2',
      name: 'Tổ chủ tịch 2',
      level: 'group',
      parentId: units.a,
    });
    const term = await newTerm(unit.id);
    const [first, second] = [await activeMember(units.a), await activeMember(units.a)];
    const old = await appoint(term.id, first.id, 'chair');
    expect(await outcome(appoint(term.id, second.id, 'chair', '2025-06-01'))).toBe('position-filled');
    await endAppointment(deps, admin(), old.id, { date: '2025-06-01', reason: 'retired' });
    const next = await appoint(term.id, second.id, 'chair', '2025-06-01');
    const on = (day: string) => listUnitOfficers(deps, { unitId: units.a, now: new Date() }, unit.id, day);
    expect((await on('2025-05-31')).officers.map((o) => o.id)).toEqual([old.id]);
    expect((await on('2025-06-01')).officers.map((o) => o.id)).toEqual([next.id]);
    expect((await on('2029-01-01')).term).toBeNull();
  });
});

describe('ending an appointment', () => {
  it('records the end with an event, and refuses a stale If-Match with 412 and a second end with 409', async () => {
    const unit = await createUnit(deps, admin(), {
      code: 'END1',
      name: 'Tổ kết thúc',
      level: 'group',
      parentId: units.a,
    });
    const term = await newTerm(unit.id);
    const m = await activeMember(units.a);
    const a = await appoint(term.id, m.id, 'womens-affairs-lead');
    expect(await outcome(endAppointment(deps, admin(), a.id, { date: '2025-01-01', reason: 'resigned' }, 7))).toBe(
      'stale-version',
    );
    expect(await outcome(endAppointment(deps, admin(), a.id, { date: '2023-05-09', reason: 'resigned' }, 1))).toBe(
      'appointment-end-before-start',
    );
    const ended = await endAppointment(
      deps,
      admin(),
      a.id,
      { date: '2025-01-01', reason: 'resigned', decisionNumber: '99/QĐ' },
      1,
    );
    expect(ended).toMatchObject({
      version: 2,
      end: { date: '2025-01-01', reason: 'resigned', decisionNumber: '99/QĐ' },
    });
    expect(await getAppointment(deps, { unitId: units.a }, a.id)).toEqual(ended);
    expect(await outcome(endAppointment(deps, admin(), a.id, { date: '2026-01-01', reason: 'other' }))).toBe(
      'appointment-already-ended',
    );
    expect((await outbox('OfficerAppointmentEnded')).map((d) => d.appointment)).toContainEqual(ended);
    expect(await outcome(getAppointment(deps, { unitId: units.b }, a.id))).toBe('not-found');
  });
});

describe('closing terms early', () => {
  it('closes a term, ends its open appointments with events, and frees the people for the next term', async () => {
    const unit = await createUnit(deps, admin(), {
      code: 'CLOSE1',
      name: 'Tổ đóng',
      level: 'group',
      parentId: units.a,
    });
    const term = await newTerm(unit.id);
    const [chairman, accountant] = [await activeMember(units.a), await activeMember(units.a)];
    const chair = await appoint(term.id, chairman.id, 'chair');
    const acc = await appoint(term.id, accountant.id, 'accountant');
    const early = await endAppointment(deps, admin(), acc.id, { date: '2024-01-01', reason: 'resigned' });

    const closed = await closeCommitteeTerm(
      deps,
      admin(),
      term.id,
      { date: '2025-06-30', reason: 'Sáp nhập', decisionNumber: '9/QĐ' },
      1,
    );
    expect(closed).toMatchObject({ endDate: '2025-06-30', version: 2, closure: { plannedEndDate: '2028-05-10' } });
    expect(await getAppointment(deps, { unitId: null }, chair.id)).toMatchObject({
      end: { date: '2025-06-30', reason: 'term-ended', decisionNumber: '9/QĐ' },
      version: 2,
    });
    expect(await getAppointment(deps, { unitId: null }, acc.id)).toEqual(early);
    expect((await outbox('CommitteeTermClosed')).map((d) => d.term.id)).toContain(term.id);
    const on = (day: string) => listUnitOfficers(deps, { unitId: null, now: new Date() }, unit.id, day);
    expect((await on('2025-06-29')).officers.map((o) => o.id)).toEqual([chair.id]);
    expect((await on('2025-06-30')).term).toBeNull();

    // The next term may start on the closing day, with the same chair.
    const next = await newTerm(unit.id, { congressDate: '2025-06-30', startDate: '2025-06-30', endDate: '2030-06-30' });
    expect(await outcome(appoint(next.id, chairman.id, 'chair', '2025-06-30'))).toBe('ok');
    expect(await outcome(closeCommitteeTerm(deps, admin(), term.id, { date: '2025-01-01', reason: 'x' }))).toBe(
      'term-already-closed',
    );
    expect(await outcome(closeCommitteeTerm(deps, admin(), next.id, { date: '2026-01-01', reason: 'x' }, 5))).toBe(
      'stale-version',
    );
  });

  it('finishes an interrupted close when asked again with the same date', async () => {
    const unit = await createUnit(deps, admin(), {
      code: 'CLOSE2',
      name: 'Tổ đóng 2',
      level: 'group',
      parentId: units.a,
    });
    const term = await newTerm(unit.id);
    const people = await Promise.all([activeMember(units.a), activeMember(units.a)]);
    await appoint(term.id, people[0]!.id, 'chair');
    await appoint(term.id, people[1]!.id, 'vice-chair');
    // The first run dies after the term closed and one appointment ended.
    let ends = 0;
    const crashing: CommitteeDeps = {
      ...deps,
      committees: {
        ...deps.committees,
        saveAppointment: async (...args) => {
          if (ends++ === 1) throw new Error('simulated crash');
          return deps.committees.saveAppointment(...args);
        },
      },
    };
    const input = { date: '2025-06-30', reason: 'Giải thể' };
    await expect(closeCommitteeTerm(crashing, admin(), term.id, input)).rejects.toThrow('simulated crash');
    const half = await getTermWithOfficers(deps, { unitId: null, now: new Date() }, term.id);
    expect(half.appointments.filter((a) => a.end === null)).toHaveLength(1);

    const done = await closeCommitteeTerm(deps, admin(), term.id, input);
    expect(done.version).toBe(2);
    const read = await getTermWithOfficers(deps, { unitId: null, now: new Date() }, term.id);
    expect(read.appointments.every((a) => a.end?.date === '2025-06-30' && a.version === 2)).toBe(true);
  });

  it('ends a dissolving unit’s committee on the day: the current term closes, a future one is annulled, and a repeat changes nothing', async () => {
    const unit = await createUnit(deps, admin(), {
      code: 'DISS',
      name: 'Tổ giải thể 2',
      level: 'group',
      parentId: units.a,
    });
    const past = await newTerm(unit.id, { congressDate: '2018-05-10', startDate: '2018-05-10', endDate: '2023-05-10' });
    const current = await newTerm(unit.id);
    const future = await newTerm(unit.id, {
      congressDate: '2028-05-10',
      startDate: '2028-05-10',
      endDate: '2033-05-10',
    });
    const m = await activeMember(units.a);
    const chair = await appoint(current.id, m.id, 'chair');
    const later = await appoint(future.id, m.id, 'chair', '2028-05-10');

    await endUnitTerms(deps, unit.id, '2025-06-30', writeContext());
    const eventsAfterFirst = (await outbox('OfficerAppointmentEnded')).length;
    await endUnitTerms(deps, unit.id, '2025-06-30', writeContext());
    expect((await outbox('OfficerAppointmentEnded')).length).toBe(eventsAfterFirst);

    expect(await deps.committees.getTerm(past.id)).toMatchObject({ closure: null, version: 1 });
    expect(await deps.committees.getTerm(current.id)).toMatchObject({ endDate: '2025-06-30' });
    expect(await deps.committees.getTerm(future.id)).toMatchObject({ endDate: '2028-05-10', startDate: '2028-05-10' });
    expect((await getAppointment(deps, { unitId: null }, chair.id)).end?.date).toBe('2025-06-30');
    expect((await getAppointment(deps, { unitId: null }, later.id)).end?.date).toBe('2028-05-10');
    const officers = await listUnitOfficers(deps, { unitId: null, now: new Date() }, unit.id, '2030-01-01');
    expect(officers).toMatchObject({ term: null, officers: [] });
  });
});
