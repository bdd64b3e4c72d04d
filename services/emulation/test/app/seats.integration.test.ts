import type { DirectoryMember, Nomination } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import {
  allocateQuotaSeats,
  decideNomination,
  getNomination,
  proposeNomination,
  receiveNomination,
  recordBaseSalary,
  setUnitQuotas,
  unitQuotas,
  voteOnNomination,
} from '../../src/app/nominations.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { as, at, BASE_SALARY_2024, depsOn, member, outcome } from './world.ts';

/**
 * A capped title's seats left, given by the council's votes among the approved nominations
 * (most yes votes; women, or collectives with ≥ 70% women, first on the last seat's tie; an open
 * tie left to the council), on DynamoDB Local.
 */
const TODAY = '2026-03-10';
const woman = (id: string): DirectoryMember => ({ ...member(id, 'cdcs-b'), gender: 'female' });
const MEMBERS = [
  member('s-a', 'cdcs-b'),
  member('s-b', 'cdcs-b'),
  woman('s-c'),
  member('s-d', 'cdcs-b'),
  member('s-e', 'cdcs-b'),
  member('t-a', 'cdcs-b'),
  woman('t-b'),
  woman('t-c'),
  member('u-a', 'cdcs-b'),
  member('r-a', 'section-a'),
  member('r-b', 'section-a'),
];
let db: Db;
let deps: EmulationDeps;
const upper = as('upper');

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = depsOn(db, MEMBERS);
  await recordBaseSalary(deps, 'base-salary-2024', BASE_SALARY_2024, at(`${TODAY}T03:00:00Z`));
});

/** A member proposed by cdcs-b for Lao động tiên tiến, received by the upper level and voted on by its council of 9. */
async function approvedMember(memberId: string, yes: number, year: number, proposer = 'cdcs-b', decider = 'upper') {
  const n = await proposeNomination(deps, as(proposer), {
    proposingUnitId: proposer,
    titleCode: 'lao-dong-tien-tien',
    year,
    candidate: { kind: 'member', memberId },
    absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
    achievements: 'Hoàn thành tốt nhiệm vụ',
  });
  await receiveNomination(deps, as(decider), n.id, { decidingUnitId: decider, on: TODAY });
  return voteOnNomination(deps, as(decider), n.id, { members: 9, present: 9, yes, on: TODAY });
}

/**
 * A collective's nomination as the council left it, approved with `yes` votes (written to the
 * store: a collective's receipt needs a rating of the year, which is the ratings' tests' matter).
 */
async function approvedCollective(unitId: string, yes: number, year: number, titleCode = 'tap-the-lao-dong-tien-tien') {
  const id = `n-${unitId}-${year}-${Math.random().toString(36).slice(2, 8)}`;
  const n: Nomination = {
    id,
    proposingUnitId: 'cdcs-b',
    titleCode,
    year,
    candidate: { kind: 'unit', unitId },
    candidateUnitId: unitId,
    absence: null,
    achievements: 'Tập thể hoàn thành tốt nhiệm vụ',
    initiativeIds: [],
    status: 'approved',
    receipt: {
      decidingUnitId: 'upper',
      on: TODAY,
      eligibility: { nominationId: id, outcome: 'eligible', checkedOn: TODAY, verdicts: [] },
    },
    refusal: null,
    released: null,
    council: {
      members: 9,
      present: 9,
      yes,
      on: TODAY,
      outcome: 'approved',
      reason: { vi: 'Đạt', en: 'Approved' },
    },
    decision: null,
    createdAt: `${TODAY}T03:00:00.000Z`,
    version: 3,
  };
  await deps.nominations.create(n, TODAY, at(`${TODAY}T03:00:00Z`));
  return n;
}

const allocate = (year: number, titleCode: string, candidates: { nominationId: string; workforce?: object }[]) =>
  allocateQuotaSeats(deps, upper, 'upper', year, titleCode, {
    on: TODAY,
    candidates: candidates as { nominationId: string }[],
  });
const decide = (id: string) =>
  decideNomination(deps, upper, id, { decidingUnitId: 'upper', decision: { number: '9/QĐ-CĐ', date: TODAY } });

describe('allocating a quota’s seats by the council’s votes', () => {
  it('seats the most yes votes; on the last seat’s tie a woman first; only the seated are decided', async () => {
    await setUnitQuotas(deps, upper, 'upper', 2025, [{ titleCode: 'lao-dong-tien-tien', seats: 3 }]);
    const [a, b, c, d, e] = await Promise.all(
      (
        [
          ['s-a', 9],
          ['s-b', 8],
          ['s-c', 7],
          ['s-d', 7],
          ['s-e', 5],
        ] as const
      ).map(([id, yes]) => approvedMember(id, yes, 2025)),
    );
    // Only approved nominations received by this unit for the title and year compete.
    const pending = await proposeNomination(deps, as('cdcs-b'), {
      proposingUnitId: 'cdcs-b',
      titleCode: 'lao-dong-tien-tien',
      year: 2025,
      candidate: { kind: 'member', memberId: 'u-a' },
      absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
      achievements: 'Hoàn thành tốt nhiệm vụ',
    });
    expect(await outcome(allocate(2025, 'lao-dong-tien-tien', [{ nominationId: pending.id }]))).toBe(
      'unprocessable:nomination-not-allocatable',
    );
    expect(
      await outcome(
        allocate(2025, 'lao-dong-tien-tien', [{ nominationId: a!.id, workforce: { people: 10, women: 9 } }]),
      ),
    ).toBe('unprocessable:workforce-mismatch');

    const allocation = await allocate(
      2025,
      'lao-dong-tien-tien',
      [e, d, c, b, a].map((n) => ({ nominationId: n!.id })),
    );
    expect(allocation.seatsLeft).toBe(3);
    expect(allocation.outcomes.map((o) => [o.nominationId, o.yes, o.womenFirst, o.outcome])).toEqual([
      [a!.id, 9, false, 'seated'],
      [b!.id, 8, false, 'seated'],
      [c!.id, 7, true, 'seated'],
      [d!.id, 7, false, 'not-seated'],
      [e!.id, 5, false, 'not-seated'],
    ]);
    const place = (id: string) => allocation.outcomes.find((o) => o.nominationId === id)!.reason;
    expect(place(c!.id).vi).toContain('ưu tiên là nữ');
    expect(place(c!.id).en).toContain('NĐ 152/2025/NĐ-CP Điều 4');
    expect(place(d!.id).en).toMatch(/^No seat: 7 yes votes, tied for the last seat but women/);
    expect(place(e!.id).en).toBe('No seat: 5 yes votes, fewer than those ranked above.');
    expect(place(a!.id).en).toBe('Seated: 9 yes votes.');
    expect(allocation.explanation.en).toContain('Seated 3, tied 0, no seat 2');
    expect(allocation.source).toBe('NĐ 152/2025/NĐ-CP Điều 4');

    // Each nomination carries its place; the quota its allocation.
    expect((await getNomination(deps, { unitId: null }, d!.id)).seat).toMatchObject({
      allocationId: allocation.id,
      outcome: 'not-seated',
    });
    const [quota] = (await unitQuotas(deps, { unitId: null }, 'upper', 2025)).quotas;
    expect(quota).toMatchObject({ seats: 3, used: 0, allocation: { id: allocation.id } });

    // A decision only for the seated; a second allocation is refused.
    expect(await outcome(decide(d!.id))).toBe('conflict:not-seated');
    expect(await outcome(decide(e!.id))).toBe('conflict:not-seated');
    expect((await decide(c!.id)).status).toBe('decided');
    expect((await unitQuotas(deps, { unitId: null }, 'upper', 2025)).quotas[0]).toMatchObject({ used: 1 });
    expect(
      await outcome(allocate(2025, 'lao-dong-tien-tien', [{ nominationId: a!.id }, { nominationId: b!.id }])),
    ).toBe('conflict:allocation-exists');
  });

  it('prefers a collective with 70% women on the last seat’s tie, not one with 69%', async () => {
    await setUnitQuotas(deps, upper, 'upper', 2024, [{ titleCode: 'tap-the-lao-dong-tien-tien', seats: 1 }]);
    const under = await approvedCollective('cdcs-a', 7, 2024);
    const women = await approvedCollective('cdcs-b', 7, 2024);
    expect(await outcome(allocate(2024, 'tap-the-lao-dong-tien-tien', [{ nominationId: under.id }]))).toBe(
      'unprocessable:workforce-mismatch',
    );
    const allocation = await allocate(2024, 'tap-the-lao-dong-tien-tien', [
      { nominationId: under.id, workforce: { people: 100, women: 69 } },
      { nominationId: women.id, workforce: { people: 40, women: 28 } },
    ]);
    expect(allocation.outcomes.map((o) => [o.nominationId, o.womenFirst, o.outcome])).toEqual([
      [women.id, true, 'seated'],
      [under.id, false, 'not-seated'],
    ]);
    expect(allocation.outcomes[0]!.reason.en).toContain('tied for the last seat and preferred');
  });

  it('has nothing to give on a quota with no seat left, nor without a quota', async () => {
    await setUnitQuotas(deps, upper, 'upper', 2025, [{ titleCode: 'bang-khen-tap-the', seats: 0 }]);
    const n = await approvedCollective('cdcs-a', 9, 2025, 'bang-khen-tap-the');
    const body = [{ nominationId: n.id, workforce: { people: 10, women: 5 } }];
    expect(await outcome(allocate(2025, 'bang-khen-tap-the', body))).toBe('conflict:quota-full');
    expect(await outcome(allocate(2025, 'tap-the-lao-dong-xuat-sac', body))).toBe('unprocessable:no-quota');
  });

  it('leaves a tie the women’s preference does not settle to the council: neither is decided', async () => {
    await setUnitQuotas(deps, upper, 'upper', 2024, [{ titleCode: 'lao-dong-tien-tien', seats: 2 }]);
    const a = await approvedMember('t-a', 9, 2024);
    const b = await approvedMember('t-b', 7, 2024);
    const c = await approvedMember('t-c', 7, 2024);
    const allocation = await allocate(
      2024,
      'lao-dong-tien-tien',
      [a, b, c].map((n) => ({ nominationId: n.id })),
    );
    expect(allocation.outcomes.map((o) => [o.nominationId, o.outcome])).toEqual([
      [a.id, 'seated'],
      [b.id, 'tied'],
      [c.id, 'tied'],
    ]);
    expect(allocation.outcomes[1]!.reason.en).toMatch(/does not settle it: left to the council/);
    expect(await outcome(decide(b.id))).toBe('conflict:not-seated');
    expect(await outcome(decide(c.id))).toBe('conflict:not-seated');
    expect((await getNomination(deps, { unitId: null }, c.id)).seat?.outcome).toBe('tied');
  });

  it('an allocation racing the decision of a nomination it leaves out: exactly one lands', async () => {
    // A section proposes, its CĐCS decides Lao động tiên tiến, with a quota of 2.
    const cdcs = as('cdcs-a');
    await setUnitQuotas(deps, cdcs, 'cdcs-a', 2025, [{ titleCode: 'lao-dong-tien-tien', seats: 2 }]);
    const seated = await approvedMember('r-a', 8, 2025, 'section-a', 'cdcs-a');
    const left = await approvedMember('r-b', 6, 2025, 'section-a', 'cdcs-a');
    const [allocated, decided] = await Promise.all([
      outcome(
        allocateQuotaSeats(deps, cdcs, 'cdcs-a', 2025, 'lao-dong-tien-tien', {
          on: TODAY,
          candidates: [{ nominationId: seated.id }],
        }),
      ),
      outcome(
        decideNomination(deps, cdcs, left.id, {
          decidingUnitId: 'cdcs-a',
          decision: { number: '3/QĐ-CĐCS', date: TODAY },
        }),
      ),
    ]);
    expect([allocated, decided].filter((o) => o === 'ok')).toHaveLength(1);
    expect([allocated, decided].sort()).toEqual(
      allocated === 'ok' ? ['conflict:not-seated', 'ok'] : ['conflict:allocation-exists', 'ok'],
    );
    const [quota] = (await unitQuotas(deps, { unitId: null }, 'cdcs-a', 2025)).quotas;
    expect(quota!.used).toBe(decided === 'ok' ? 1 : 0);
    expect(Boolean(quota!.allocation)).toBe(allocated === 'ok');
  });

  it('two allocations racing on one quota: exactly one lands', async () => {
    await setUnitQuotas(deps, upper, 'upper', 2025, [{ titleCode: 'tap-the-lao-dong-tien-tien', seats: 1 }]);
    const x = await approvedCollective('cdcs-a', 8, 2025);
    const y = await approvedCollective('cdcs-b', 6, 2025);
    const body = [
      { nominationId: x.id, workforce: { people: 50, women: 10 } },
      { nominationId: y.id, workforce: { people: 50, women: 40 } },
    ];
    const results = await Promise.all(
      Array.from({ length: 6 }, () => outcome(allocate(2025, 'tap-the-lao-dong-tien-tien', body))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'conflict:allocation-exists')).toHaveLength(5);
    const [quota] = (await unitQuotas(deps, { unitId: null }, 'upper', 2025)).quotas.filter(
      (q) => q.titleCode === 'tap-the-lao-dong-tien-tien',
    );
    expect((await getNomination(deps, { unitId: null }, x.id)).seat).toMatchObject({
      allocationId: quota!.allocation!.id,
      outcome: 'seated',
    });
    // Only the deciding unit and those above it allocate its seats.
    expect(
      await outcome(
        allocateQuotaSeats(deps, as('cdcs-a'), 'upper', 2025, 'tap-the-lao-dong-tien-tien', {
          on: TODAY,
          candidates: [{ nominationId: x.id }],
        }),
      ),
    ).toBe('not-found:not-found');
  });
});
