/**
 * Emulation's part of the BOLA matrix (test/e2e/bola.fresh.e2e.test.ts): a movement launched by
 * the victim CĐCS, and a deeds registration, a nomination and an initiative of one of its
 * members, made through the API; a bloc its upper level forms of it and a peer (not the
 * attacker); a valid body or query for each route that needs one.
 */
import { randomUUID } from 'node:crypto';
import { dayInVietnam } from '@congdoan/contracts';
import type { Api, BolaFixture } from '../../../test/support/bola.ts';

const YEAR = String(new Date().getUTCFullYear());
/** Today as the API counts it: the day in Vietnam, not in UTC (they differ from 17:00 UTC). */
const TODAY = dayInVietnam(new Date());

async function created(api: Api, path: string, body: unknown, what: string) {
  const { status, body: answer } = await api.post(path, body, { 'idempotency-key': randomUUID() });
  const id = (answer as { id?: string }).id;
  if (status !== 201 || !id) throw new Error(`could not make ${what}: ${status} ${JSON.stringify(answer)}`);
  return id;
}

const deeds = (unitId: string) => ({
  kind: 'deeds',
  registrant: { kind: 'unit', unitId },
  count: 3,
  description: 'Việc làm theo Bác',
});

export const bola: BolaFixture = {
  async ids({ admin, victim, attacker: { unitId: attacker }, platform }) {
    const unit = victim.unitId;
    const upperId = victim.upperId;
    const members = await admin.get(`/v1/membership/units/${unit}/members?status=active&limit=1`);
    const member = (members.body as { items?: { id: string }[] }).items?.[0]?.id;
    if (!member) throw new Error(`no active member in ${unit}: ${JSON.stringify(members.body)}`);
    await platform.drain(); // emulation's member directory
    const movement = await created(
      admin,
      '/v1/emulation/movements',
      {
        unitId: unit,
        kind: 'campaign',
        theme: 'Chiến dịch BOLA',
        period: { from: `${YEAR}-01-01`, to: `${Number(YEAR) + 1}-12-31` },
        registrationDeadline: `${Number(YEAR) + 1}-06-30`,
        criteria: ['Việc làm theo Bác'],
      },
      'a movement',
    );
    const registration = await created(
      admin,
      `/v1/emulation/movements/${movement}/registrations`,
      { ...deeds(unit), registrant: { kind: 'member', memberId: member } },
      'a registration',
    );
    const nomination = await created(
      admin,
      '/v1/emulation/nominations',
      {
        proposingUnitId: unit,
        titleCode: 'lao-dong-tien-tien',
        year: Number(YEAR),
        candidate: { kind: 'member', memberId: member },
        absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
        achievements: 'Hoàn thành tốt nhiệm vụ',
      },
      'a nomination',
    );
    const initiative = await created(
      admin,
      '/v1/emulation/initiatives',
      {
        unitId: unit,
        title: 'Sáng kiến BOLA',
        authors: [{ memberId: member, sharePercent: 100 }],
        field: 'Quản lý',
        description: 'Mô tả',
        appliedOn: `${YEAR}-01-02`,
        benefit: { kind: 'description', text: 'Tiết kiệm thời gian' },
      },
      'an initiative',
    );
    // A bloc the victim's upper level forms of the victim and a peer that is not the attacker.
    const peers = await admin.get(`/v1/membership/units/${upperId}/children?limit=50`);
    const peer = (peers.body as { items?: { id: string }[] }).items?.find(
      (u) => u.id !== unit && u.id !== attacker,
    )?.id;
    if (!peer) throw new Error(`no third CĐCS under ${upperId}: ${JSON.stringify(peers.body)}`);
    const bloc = await created(
      admin,
      '/v1/emulation/blocs',
      {
        organiserUnitId: upperId,
        code: `bola-${randomUUID().slice(0, 8)}`,
        name: 'Khối thi đua BOLA',
        year: Number(YEAR),
        memberUnitIds: [unit, peer],
        leaderUnitId: unit,
        pact: { signedOn: TODAY, documentNumber: '01/GƯTĐ' },
      },
      'a bloc',
    );
    return {
      units: unit,
      members: member,
      blocs: bloc,
      unitId: unit,
      movements: movement,
      registrations: registration,
      nominations: nomination,
      initiatives: initiative,
    };
  },
  bodies: {
    registerForMovement: (ids) => deeds(ids.units!),
    confirmDeeds: () => ({ on: TODAY }),
    evaluateInitiative: () => ({ scores: { newness: 80, feasibility: 80, effectiveness: 80 }, on: TODAY }),
    acceptInitiative: () => ({ scope: 'unit', recognition: { number: '1/QĐ', date: TODAY } }),
    rejectInitiative: () => ({ reason: 'Chưa đạt', on: TODAY }),
    assessRating: () => ({
      scores: ['representation', 'emulation', 'organisation', 'finance', 'inspection'].map((criterion) => ({
        criterion,
        points: 10,
        evidence: 'Minh chứng',
      })),
    }),
    submitRating: () => ({ on: TODAY }),
    reviewRating: () => ({ adjustments: [], on: TODAY }),
    approveRating: () => ({ decision: { number: '1/QĐ', date: TODAY } }),
    voteOnNomination: () => ({ members: 9, present: 9, yes: 9, on: TODAY }),
    decideNomination: (ids) => ({ decidingUnitId: ids.units, decision: { number: '2/QĐ', date: TODAY } }),
    receiveNomination: (ids) => ({ decidingUnitId: ids.units, on: TODAY }),
    refuseNomination: () => ({ reason: 'Chưa đủ minh chứng', on: TODAY }),
    markInitiativeSent: () => ({ on: TODAY }),
    setUnitQuotas: () => ({ quotas: [{ titleCode: 'lao-dong-tien-tien', seats: 5 }] }),
    allocateQuotaSeats: (ids) => ({ on: TODAY, candidates: [{ nominationId: ids.nominations }] }),
    publishRatingCriteria: () => ({
      criteria: [{ code: 'toan-dien', name: 'Toàn diện', maxPoints: 100 }],
      document: { number: '1/HD-BOLA', date: TODAY },
    }),
    scoreBlocMember: () => ({ scores: [{ criterion: 'political-tasks', points: 20 }], on: TODAY }),
    proposeBlocFlag: () => ({ on: TODAY }),
  },
  fixed: { year: '2025', titleCode: 'lao-dong-tien-tien' },
  queries: {
    getRegistrationTotals: () => ({ from: YEAR, to: YEAR }),
  },
};
