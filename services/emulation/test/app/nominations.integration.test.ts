import { randomUUID } from 'node:crypto';
import { type DirectoryMember, ProceedingClosed, ProceedingOpened } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { recordInspectionFact } from '../../src/app/inspection-facts.ts';
import {
  decideNomination,
  getNomination,
  listUnitNominations,
  nominationEligibility,
  proposeNomination,
  receiveNomination,
  recordAward,
  recordBaseSalary,
  setUnitQuotas,
  unitQuotas,
  voteOnNomination,
} from '../../src/app/nominations.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { reprimanded } from './inspection-events.ts';
import { as, at, BASE_SALARY_2024, depsOn, member, outcome } from './world.ts';

/**
 * Awards held and nominations on DynamoDB Local, their eligibility read from the projections:
 * the member directory (in memory here), inspection's events (applied as the subscription
 * does), and the awards recorded.
 */
const moved: DirectoryMember = {
  ...member('m-moved', 'cdcs-b', '2010-01-01'),
  history: [
    { from: '2010-01-01', to: '2025-03-01', unitId: 'cdcs-a', status: 'active' },
    { from: '2025-03-01', to: null, unitId: 'cdcs-b', status: 'active' },
  ],
};
const MEMBERS = [
  moved,
  member('m-rep', 'cdcs-a'),
  member('m-frozen', 'cdcs-a'),
  member('m-b', 'cdcs-b'),
  member('m-dec', 'cdcs-a'),
  member('m-late', 'cdcs-a'),
];
let db: Db;
let deps: EmulationDeps;
const TODAY = '2026-03-10';

const cstdcs = (memberId: string, year: number) => ({
  titleCode: 'chien-si-thi-dua-co-so',
  year,
  recipient: { kind: 'member' as const, memberId },
  decision: { number: `${year - 2000}/QĐ-CĐ`, date: `${year}-12-20` },
});
const propose = (memberId: string, unitId: string, titleCode = 'bang-khen-ca-nhan') =>
  proposeNomination(deps, as(unitId), {
    proposingUnitId: unitId,
    titleCode,
    year: 2025,
    candidate: { kind: 'member', memberId },
    absence: { otherWorkingDays: 4, maternityWorkingDays: 0 },
    achievements: 'Hoàn thành xuất sắc nhiệm vụ năm 2025',
  });
const eligibility = (id: string, unitId: string | null = 'upper') => nominationEligibility(deps, { unitId }, id, TODAY);
const verdict = async (id: string, rule: string) => (await eligibility(id)).verdicts.find((v) => v.rule === rule)!;

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = depsOn(db, MEMBERS);
  // Lương cơ sở as finance announces it: the prizes of the decisions below are computed with it.
  await recordBaseSalary(deps, 'base-salary-2024', BASE_SALARY_2024, at(`${TODAY}T03:00:00Z`));
});

describe('awards held', () => {
  it('are kept with the unit of the decision date, once per title and year', async () => {
    const first = await recordAward(deps, as('upper'), cstdcs('m-moved', 2024));
    expect(first).toMatchObject({ unitId: 'cdcs-a', unitName: 'Đơn vị cdcs-a' });
    const second = await recordAward(deps, as('upper'), cstdcs('m-moved', 2025));
    expect(second.unitId).toBe('cdcs-b');
    expect(await outcome(recordAward(deps, as('upper'), cstdcs('m-moved', 2025)))).toBe('conflict:award-exists');
    expect(
      await outcome(
        recordAward(deps, as('upper'), { ...cstdcs('m-b', 2025), decision: { number: '1', date: '2024-12-01' } }),
      ),
    ).toBe('unprocessable:decision-date-out-of-range');
    expect(
      await outcome(recordAward(deps, as('upper'), { ...cstdcs('m-b', 2025), titleCode: 'tap-the-lao-dong-xuat-sac' })),
    ).toBe('unprocessable:title-subject-mismatch');
    expect(await outcome(recordAward(deps, as('cdcs-a'), cstdcs('m-b', 2025)))).toBe('not-found:not-found');
  });
});

describe('a nomination’s eligibility', () => {
  it('follows a chain of titles across a transfer: a Bằng khen after CSTĐCS in two CĐCS', async () => {
    const n = await propose('m-moved', 'cdcs-b');
    const report = await eligibility(n.id);
    expect(report.outcome).toBe('eligible');
    const chain = report.verdicts.find((v) => v.rule === 'consecutive-titles')!;
    expect(chain.reason.vi).toBe(
      'Đạt Chiến sĩ thi đua cơ sở 2 năm liên tục 2024–2025: 2024 (QĐ 24/QĐ-CĐ, tại Đơn vị cdcs-a), 2025 (QĐ 25/QĐ-CĐ, tại Đơn vị cdcs-b).',
    );
  });

  it('refuses a candidate reprimanded in the year, with the decision and the source', async () => {
    await recordAward(deps, as('upper'), cstdcs('m-rep', 2024));
    await recordAward(deps, as('upper'), cstdcs('m-rep', 2025));
    const n = await propose('m-rep', 'cdcs-a');
    expect((await eligibility(n.id)).outcome).toBe('eligible');
    await recordInspectionFact(deps, reprimanded('m-rep'), at(`${TODAY}T03:00:00Z`));
    const report = await eligibility(n.id);
    expect(report.outcome).toBe('ineligible');
    expect(report.verdicts.find((v) => v.rule === 'no-discipline-in-period')).toMatchObject({
      outcome: 'fail',
      reason: {
        vi: 'Không đủ điều kiện: bị khiển trách ngày 03/05/2025 (QĐ 12/QĐ-UBKT), trong kỳ xét 2025 (Luật TĐKT 2022; NĐ 152/2025 Điều 4).',
      },
      source: 'Luật TĐKT 2022; NĐ 152/2025 Điều 4',
    });
  });

  it('is frozen while a complaint about the candidate is pending, and released when it closes', async () => {
    await recordAward(deps, as('upper'), cstdcs('m-frozen', 2024));
    await recordAward(deps, as('upper'), cstdcs('m-frozen', 2025));
    const n = await propose('m-frozen', 'cdcs-a');
    const proceeding = {
      proceedingId: randomUUID(),
      kind: 'complaint',
      subject: { kind: 'member', memberId: 'm-frozen', unitId: 'cdcs-a' },
      handlingUnitId: 'upper',
    };
    const write = at(`${TODAY}T03:00:00Z`);
    await recordInspectionFact(
      deps,
      {
        type: 'ProceedingOpened',
        eventId: randomUUID(),
        data: ProceedingOpened.data.parse({ ...proceeding, version: 1, openedOn: '2026-02-02' }),
      },
      write,
    );
    expect((await eligibility(n.id)).outcome).toBe('frozen');
    expect((await verdict(n.id, 'not-under-proceeding')).reason.vi).toBe(
      'Tạm dừng xét: đang bị khiếu nại từ ngày 02/02/2026, chưa kết thúc ngày 10/03/2026 (Luật TĐKT 2022; NĐ 152/2025 Điều 4).',
    );
    await recordInspectionFact(
      deps,
      {
        type: 'ProceedingClosed',
        eventId: randomUUID(),
        data: ProceedingClosed.data.parse({ ...proceeding, version: 2, closedOn: '2026-03-05', outcome: 'withdrawn' }),
      },
      write,
    );
    expect((await eligibility(n.id)).outcome).toBe('eligible');
  });

  it('asks for an initiative where the title needs one, and none is recorded yet', async () => {
    const n = await propose('m-b', 'cdcs-b', 'chien-si-thi-dua-cap-tinh');
    const report = await eligibility(n.id);
    expect(report.outcome).toBe('ineligible');
    expect(report.verdicts.find((v) => v.rule === 'initiative-required')?.outcome).toBe('fail');
    expect(report.verdicts.find((v) => v.rule === 'consecutive-titles')?.reason.vi).toContain(
      'thiếu năm 2023, 2024, 2025',
    );
  });

  it('is the proposing unit’s and the levels above it: anyone else gets the 404 of a missing one', async () => {
    const n = await propose('m-b', 'cdcs-b');
    expect((await getNomination(deps, { unitId: 'province' }, n.id)).id).toBe(n.id);
    const listed = await listUnitNominations(deps, { unitId: 'upper' }, 'cdcs-b', { year: 2025, limit: 50 });
    expect(listed.items.map((x) => x.id)).toContain(n.id);
    expect((await listUnitNominations(deps, { unitId: null }, 'cdcs-b', { year: 2024, limit: 50 })).items).toEqual([]);
    expect(await outcome(listUnitNominations(deps, { unitId: 'cdcs-a' }, 'cdcs-b', { limit: 50 }))).toBe(
      'not-found:not-found',
    );
    expect(await outcome(getNomination(deps, { unitId: 'cdcs-a' }, n.id))).toBe('not-found:not-found');
    expect(await outcome(eligibility(n.id, 'cdcs-a'))).toBe('not-found:not-found');
    expect(await outcome(propose('m-b', 'cdcs-a'))).toBe('not-found:not-found');
    const byUpper = (proposingUnitId: string, year: number) =>
      outcome(
        proposeNomination(deps, as('upper'), {
          proposingUnitId,
          titleCode: 'bang-khen-ca-nhan',
          year,
          candidate: { kind: 'member', memberId: 'm-b' },
          achievements: 'x',
        }),
      );
    expect(await byUpper('cdcs-a', 2025)).toBe('unprocessable:outside-proposing-unit');
    expect(await byUpper('cdcs-b', 2027)).toBe('unprocessable:future-year');
  });
});

describe('the council and the decision', () => {
  /** Proposed by a CĐCS and received by the province, which decides a Bằng khen. */
  const received = async (memberId: string, unitId: string) => {
    const n = await propose(memberId, unitId);
    return receiveNomination(deps, as('province'), n.id, { decidingUnitId: 'province', on: TODAY });
  };
  const ready = async (memberId: string) => {
    await recordAward(deps, as('upper'), cstdcs(memberId, 2024));
    await recordAward(deps, as('upper'), cstdcs(memberId, 2025));
    return received(memberId, 'cdcs-a');
  };
  const vote = (id: string, members: number, present: number, yes: number, unitId = 'province') =>
    voteOnNomination(deps, as(unitId), id, { members, present, yes, on: TODAY });
  const decision = { number: '88/QĐ-LĐLĐ', date: TODAY };
  const byUpper = { decidingUnitId: 'province', decision };

  it('are a level above the proposer’s; the vote is counts only, decided by quorum and threshold', async () => {
    const n = await ready('m-dec');
    expect(await outcome(vote(n.id, 9, 9, 9, 'cdcs-a'))).toBe('forbidden:nomination-needs-deciding-level');
    expect(await outcome(vote(n.id, 9, 10, 9))).toBe('unprocessable:invalid-ballot');
    const approved = await vote(n.id, 9, 8, 5); // quorum 2/3, threshold half of all members (Bằng khen)
    expect(approved.status).toBe('approved');
    expect(Object.keys(approved.council!).sort()).toEqual(['members', 'on', 'outcome', 'present', 'reason', 'yes']);
    expect(await outcome(vote(n.id, 9, 8, 8))).toBe('conflict:illegal-transition');

    const decided = await decideNomination(deps, as('province'), n.id, byUpper);
    expect(decided).toMatchObject({
      status: 'decided',
      decision: { number: '88/QĐ-LĐLĐ', date: TODAY, decidingUnitId: 'province' },
    });
    const held = await deps.awards.ofRecipient({ kind: 'member', memberId: 'm-dec' });
    expect(held.find((a) => a.titleCode === 'bang-khen-ca-nhan')).toMatchObject({
      id: decided.decision!.awardId,
      year: 2025,
      unitId: 'cdcs-a',
      decision,
    });
    expect(await outcome(decideNomination(deps, as('province'), n.id, byUpper))).toBe('conflict:illegal-transition');
  });

  it('refuses without quorum, and a decision without the council’s approval', async () => {
    await recordAward(deps, as('upper'), cstdcs('m-b', 2024));
    await recordAward(deps, as('upper'), cstdcs('m-b', 2025));
    const n = await received('m-b', 'cdcs-b');
    const refused = await vote(n.id, 9, 5, 5);
    expect(refused).toMatchObject({ status: 'not-approved', council: { outcome: 'no-quorum' } });
    expect(refused.council!.reason.vi).toMatch(/^Không đủ số thành viên dự họp: 5\/9, cần từ 66.7%/);
    expect(await outcome(decideNomination(deps, as('province'), n.id, byUpper))).toBe('conflict:illegal-transition');
  });

  it('checks eligibility again at the decision: a reprimand after the vote stops it, with the reason', async () => {
    const n = await ready('m-late');
    await vote(n.id, 9, 9, 9);
    await recordInspectionFact(deps, reprimanded('m-late'), at(`${TODAY}T03:00:00Z`));
    const refused = await decideNomination(deps, as('province'), n.id, byUpper).catch((e: Error) => e);
    expect(refused).toMatchObject({ code: 'ineligible-at-decision' });
    expect((refused as Error).message).toContain('reprimand on 2025-05-03 (decision 12/QĐ-UBKT)');
    expect((await getNomination(deps, { unitId: null }, n.id)).status).toBe('approved');
  });
});

describe('quotas', () => {
  it('a quota with one seat left and 10 parallel decisions: exactly one', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `m-q${i}`);
    const local = depsOn(
      db,
      ids.map((id) => member(id, 'cdcs-b')),
    );
    const upper = as('upper');
    await setUnitQuotas(local, upper, 'upper', 2025, [{ titleCode: 'lao-dong-tien-tien', seats: 3 }]);
    const nominations = [];
    for (const memberId of ids) {
      const n = await proposeNomination(local, as('cdcs-b'), {
        proposingUnitId: 'cdcs-b',
        titleCode: 'lao-dong-tien-tien',
        year: 2025,
        candidate: { kind: 'member', memberId },
        absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
        achievements: 'Hoàn thành tốt nhiệm vụ',
      });
      await receiveNomination(local, upper, n.id, { decidingUnitId: 'upper', on: TODAY });
      await voteOnNomination(local, upper, n.id, { members: 7, present: 7, yes: 7, on: TODAY });
      nominations.push(n);
    }
    const decideAt = (id: string) =>
      decideNomination(local, upper, id, { decidingUnitId: 'upper', decision: { number: '5/QĐ-CĐVC', date: TODAY } });
    // Two seats taken first: one is left for the ten that race.
    for (const n of nominations.slice(0, 2)) await decideAt(n.id);
    const extra = await Promise.all(nominations.slice(2).map((n) => outcome(decideAt(n.id))));
    expect(extra.filter((o) => o === 'ok')).toHaveLength(1);
    expect(extra.filter((o) => o === 'conflict:quota-full')).toHaveLength(9);
    expect((await unitQuotas(local, { unitId: null }, 'upper', 2025)).quotas).toEqual([
      { titleCode: 'lao-dong-tien-tien', seats: 3, used: 3 },
    ]);
    expect(
      await outcome(setUnitQuotas(local, upper, 'upper', 2025, [{ titleCode: 'lao-dong-tien-tien', seats: 2 }])),
    ).toBe('conflict:quota-below-used');
    // A unit outside the caller's subtree is a 404.
    expect(await outcome(unitQuotas(local, { unitId: 'cdcs-a' }, 'upper', 2025))).toBe('not-found:not-found');
  });
});
