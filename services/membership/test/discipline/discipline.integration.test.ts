import { randomUUID } from 'node:crypto';
import type { MemberState, OfficerPosition } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dissolutionDecided } from '../../../../test/support/bus-events.ts';
import { freshTable } from '../../../../test/support/tables.ts';
import { createCommitteeStore } from '../../src/adapters/committee-store.ts';
import { createDisciplineInbox } from '../../src/adapters/discipline-inbox.ts';
import { createMemberStore } from '../../src/adapters/member-store.ts';
import { createUnitStore } from '../../src/adapters/unit-store.ts';
import { appointOfficer, getAppointment } from '../../src/app/committees/appointments.ts';
import { createTerm } from '../../src/app/committees/terms.ts';
import { applyDiscipline, type DisciplineDeps, type DisciplineEvent } from '../../src/app/discipline/apply.ts';
import { admitMember, applyForMembership, readmitMember } from '../../src/app/members/lifecycle.ts';
import { createUnit } from '../../src/app/units/create-unit.ts';
import { person, writeContext } from '../support/members.ts';

/**
 * Membership consuming inspection's discipline events, on DynamoDB Local: an expulsion exits the
 * member, a removal from office ends their appointments, and a redelivered, duplicate or late
 * event does nothing more.
 */
let db: Db;
let deps: DisciplineDeps;
let unitId: string;
let termId: string;
let seq = 0;
const admin = () => ({ unitId: null, write: writeContext() });
const write = () => writeContext(new Date('2026-03-10T03:00:00Z'));

async function activeMember(): Promise<MemberState> {
  const applicant = await applyForMembership(deps, admin(), unitId, {
    ...person({ fullName: `Lê Văn Kỷ ${++seq}`, gender: 'male' }),
    applicationDate: '2020-01-05',
  });
  return admitMember(deps, admin(), applicant.id, { decisionNumber: `${seq}/QĐ`, decisionDate: '2020-02-01' });
}
const appoint = (memberId: string, position: OfficerPosition) =>
  appointOfficer(deps.committees, admin(), termId, {
    memberId,
    position,
    from: '2023-05-10',
    decisionNumber: `${++seq}/QĐ`,
  });

function decided(
  memberId: string,
  form: 'expulsion' | 'removal-from-office' | 'reprimand',
  disciplineId = randomUUID(),
): DisciplineEvent & { type: 'DisciplineDecided' } {
  return {
    type: 'DisciplineDecided',
    eventId: randomUUID(),
    data: {
      disciplineId,
      version: 1,
      subject: { kind: 'member', memberId, unitId },
      form,
      decision: { number: '05/QĐ-UBKT', date: '2026-03-09' },
      issuerUnitId: 'upper',
      groundsSummary: 'Vi phạm Điều lệ',
      basis: null,
      lapsesOn: form === 'expulsion' ? null : '2027-03-09',
    },
  };
}
const revoked = (d: ReturnType<typeof decided>): DisciplineEvent => ({
  type: 'DisciplineRevoked',
  eventId: randomUUID(),
  data: {
    disciplineId: d.data.disciplineId,
    version: 2,
    subject: d.data.subject,
    form: d.data.form,
    decision: { number: '11/QĐ-UBKT', date: '2026-03-10' },
    issuerUnitId: 'upper',
    groundsSummary: 'Khiếu nại được chấp nhận',
  },
});
const memberOf = async (id: string) => (await deps.members.get(id))?.member;

beforeAll(async () => {
  db = await freshTable('membership');
  const units = createUnitStore(db);
  const members = createMemberStore(db);
  deps = {
    units,
    members,
    committees: { units, members, committees: createCommitteeStore(db) },
    inbox: createDisciplineInbox(db),
  };
  const w = admin();
  const province = await createUnit(deps, w, { code: 'BG', name: 'LĐLĐ Bắc Giang', level: 'province' });
  const upper = await createUnit(deps, w, { code: 'VC', name: 'CĐ Viên chức', level: 'upper', parentId: province.id });
  const cdcs = await createUnit(deps, w, {
    code: 'SGD',
    name: 'CĐCS Sở GD&ĐT',
    level: 'grassroots',
    parentId: upper.id,
    agency: { name: 'Sở GD&ĐT', taxId: '2400000009', fundingType: 'state-budget-partial' },
  });
  unitId = cdcs.id;
  termId = (
    await createTerm(deps.committees, admin(), unitId, {
      congressDate: '2023-05-10',
      startDate: '2023-05-10',
      endDate: '2028-05-10',
    })
  ).id;
});

describe('an expulsion', () => {
  it('exits the member with reason expelled; the redelivered event does nothing more', async () => {
    const m = await activeMember();
    const ev = decided(m.id, 'expulsion');
    expect(await applyDiscipline(deps, ev, write())).toEqual({ kind: 'exited' });
    const after = await memberOf(m.id);
    expect(after).toMatchObject({ status: 'exited', exit: { date: '2026-03-09', reason: 'expelled' } });
    expect(await applyDiscipline(deps, ev, write())).toEqual({ kind: 'skipped' });
    expect(await applyDiscipline(deps, { ...ev, eventId: randomUUID() }, write())).toEqual({ kind: 'skipped' });
    expect((await memberOf(m.id))?.version).toBe(after?.version);
  });

  it('applied by concurrent deliveries exits once', async () => {
    const m = await activeMember();
    const ev = decided(m.id, 'expulsion');
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => applyDiscipline(deps, ev, write())));
    expect(outcomes.filter((o) => o.kind === 'exited')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'skipped')).toHaveLength(4);
    expect((await memberOf(m.id))?.status).toBe('exited');
  });

  it('is a duplicate, not a refusal, when another delivery exits the member between its checks', async () => {
    const m = await activeMember();
    const ev = decided(m.id, 'expulsion');
    expect(await applyDiscipline(deps, ev, write())).toEqual({ kind: 'exited' });
    // The interleaving of a concurrent delivery: its first look at the inbox came before the
    // other delivery's exit (and marker), its read of the member after it.
    let looks = 0;
    const late: DisciplineDeps = {
      ...deps,
      inbox: { ...deps.inbox, keptVersion: async (id) => (looks++ === 0 ? 0 : deps.inbox.keptVersion(id)) },
    };
    expect(await applyDiscipline(late, ev, write())).toEqual({ kind: 'skipped' });
  });

  it('arriving after its revocation changes nothing; a revocation does not undo an exit', async () => {
    const late = await activeMember();
    const ev = decided(late.id, 'expulsion');
    expect(await applyDiscipline(deps, revoked(ev), write())).toEqual({ kind: 'recorded' });
    expect(await applyDiscipline(deps, ev, write())).toEqual({ kind: 'skipped' });
    expect((await memberOf(late.id))?.status).toBe('active');

    const exited = await activeMember();
    const first = decided(exited.id, 'expulsion');
    await applyDiscipline(deps, first, write());
    expect(await applyDiscipline(deps, revoked(first), write())).toEqual({ kind: 'recorded' });
    expect((await memberOf(exited.id))?.status).toBe('exited');
  });

  it('keeps the re-admission rule: an expelled member is re-admitted no sooner than the policy’s months', async () => {
    const m = await activeMember();
    await applyDiscipline(deps, decided(m.id, 'expulsion'), write());
    const at = (iso: string) => ({ unitId: null, write: writeContext(new Date(iso)) });
    const early = await readmitMember(deps, at('2026-04-10T03:00:00Z'), m.id, {
      decisionNumber: '1/QĐ',
      decisionDate: '2026-04-10',
    }).catch((e: { code?: string }) => e.code);
    expect(early).toBe('readmission-too-soon');
    const back = await readmitMember(deps, at('2026-07-10T03:00:00Z'), m.id, {
      decisionNumber: '2/QĐ',
      decisionDate: '2026-07-10',
    });
    expect(back.status).toBe('active');
  });
});

describe('a removal from office', () => {
  it('ends the member’s open appointments, reason dismissed; a redelivery ends nothing more', async () => {
    const m = await activeMember();
    const other = await activeMember();
    const held = [await appoint(m.id, 'vice-chair'), await appoint(m.id, 'inspection-member')];
    const kept = await appoint(other.id, 'chair');
    const ev = decided(m.id, 'removal-from-office');
    const outcome = await applyDiscipline(deps, ev, write());
    expect(outcome.kind).toBe('appointments-ended');
    for (const a of held) {
      expect(await getAppointment(deps.committees, { unitId: null }, a.id)).toMatchObject({
        end: { date: '2026-03-09', reason: 'dismissed', decisionNumber: '05/QĐ-UBKT' },
      });
    }
    expect((await getAppointment(deps.committees, { unitId: null }, kept.id)).end).toBeNull();

    // Appointed again afterwards: the redelivered removal does not end the new office.
    const again = await appointOfficer(deps.committees, admin(), termId, {
      memberId: m.id,
      position: 'committee-member',
      from: '2026-03-10',
      decisionNumber: 'x/QĐ',
    });
    expect(await applyDiscipline(deps, ev, write())).toEqual({ kind: 'skipped' });
    expect((await getAppointment(deps.committees, { unitId: null }, again.id)).end).toBeNull();
  });

  it('of a member in no office, and a reprimand, are recorded only', async () => {
    const m = await activeMember();
    expect(await applyDiscipline(deps, decided(m.id, 'removal-from-office'), write())).toEqual({
      kind: 'appointments-ended',
      appointmentIds: [],
    });
    expect(await applyDiscipline(deps, decided(m.id, 'reprimand'), write())).toEqual({ kind: 'recorded' });
    expect((await memberOf(m.id))?.status).toBe('active');
  });
});

describe('a dissolution (giải tán) of a unit', () => {
  it('is recorded only: the unit, its members and its offices stay until membership’s own dissolution; a redelivery is skipped', async () => {
    const m = await activeMember();
    const office = await appoint(m.id, 'vice-chair');
    const ev: DisciplineEvent = {
      type: 'DisciplineDecided',
      eventId: randomUUID(),
      data: dissolutionDecided(unitId, randomUUID()),
    };
    expect(await applyDiscipline(deps, ev, write())).toEqual({ kind: 'recorded' });
    expect(await applyDiscipline(deps, ev, write())).toEqual({ kind: 'skipped' });
    expect(await applyDiscipline(deps, { ...ev, eventId: randomUUID() }, write())).toEqual({ kind: 'skipped' });
    expect((await deps.units.get(unitId))?.status).toBe('active');
    expect((await memberOf(m.id))?.status).toBe('active');
    expect((await getAppointment(deps.committees, { unitId: null }, office.id)).end).toBeNull();
  });
});
