import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { acceptInitiative, evaluateInitiative, getInitiative, submitInitiative } from '../../src/app/initiatives.ts';
import { recordInspectionFact } from '../../src/app/inspection-facts.ts';
import {
  decideNomination,
  getNomination,
  proposeNomination,
  receiveNomination,
  recordAward,
  recordBaseSalary,
  refuseNomination,
  voteOnNomination,
} from '../../src/app/nominations.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { reprimanded } from './inspection-events.ts';
import { as, at, BASE_SALARY_2024, depsOn, member, outcome } from './world.ts';

/**
 * A nomination's receipt by the deciding level on DynamoDB Local: the level matched to the
 * title's, the eligibility checked and stored that day, refusal there or later, and the
 * initiatives a refused or not-approved nomination frees for another award.
 */
const MEMBERS = ['r-1', 'r-2', 'r-3', 'r-4', 'r-rep', 'r-bk'].map((id) => member(id, 'cdcs-a'));
let db: Db;
let deps: EmulationDeps;
const TODAY = '2026-03-10';
const upper = as('upper');

/** An accepted initiative of `memberId`'s. */
async function initiativeOf(memberId: string, title: string) {
  const i = await submitInitiative(deps, as('cdcs-a'), {
    unitId: 'cdcs-a',
    title,
    authors: [{ memberId, sharePercent: 100 }],
    field: 'Chuyển đổi số',
    description: 'Mô tả',
    appliedOn: '2025-03-01',
    benefit: { kind: 'description', text: 'Tiết kiệm thời gian' },
  });
  await evaluateInitiative(deps, as('cdcs-a'), i.id, {
    scores: { newness: 80, feasibility: 80, effectiveness: 80 },
    on: '2025-06-01',
  });
  return acceptInitiative(deps, as('cdcs-a'), i.id, {
    scope: 'unit',
    recognition: { number: '5/QĐ-CĐCS', date: '2025-06-10' },
  });
}

/** A Lao động tiên tiến 2025 (a cơ sở title) proposed by cdcs-a, backed by the initiatives named. */
const propose = (memberId: string, initiativeIds: string[] = [], titleCode = 'lao-dong-tien-tien') =>
  proposeNomination(deps, as('cdcs-a'), {
    proposingUnitId: 'cdcs-a',
    titleCode,
    year: 2025,
    candidate: { kind: 'member', memberId },
    absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
    achievements: 'Hoàn thành tốt nhiệm vụ năm 2025',
    initiativeIds,
  });
const receive = (id: string, decidingUnitId = 'upper', by = upper) =>
  receiveNomination(deps, by, id, { decidingUnitId, on: TODAY });

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = depsOn(db, MEMBERS);
  await recordBaseSalary(deps, 'base-salary-2024', BASE_SALARY_2024, at(`${TODAY}T03:00:00Z`));
});

describe('the receipt of a nomination', () => {
  it('is by a unit above the proposer at a level that decides the title, once, the eligibility stored', async () => {
    const n = await propose('r-1');
    expect(await outcome(receive(n.id, 'cdcs-a', as('cdcs-a')))).toBe('forbidden:nomination-needs-deciding-level');
    // Lao động tiên tiến is a cơ sở title: the province does not receive it.
    const wrong = await receive(n.id, 'province', as('province')).catch((e: Error) => e);
    expect(wrong).toMatchObject({ code: 'deciding-level-mismatch' });
    expect((wrong as Error).message).toContain('decided at the grassroots or upper level, not province');

    const received = await receive(n.id);
    expect(received).toMatchObject({
      status: 'received',
      receipt: { decidingUnitId: 'upper', on: TODAY, eligibility: { outcome: 'eligible', checkedOn: TODAY } },
      refusal: null,
    });
    expect(received.receipt!.eligibility.verdicts.map((v) => v.rule)).toContain('no-discipline-in-period');
    expect((await getNomination(deps, { unitId: null }, n.id)).receipt).toEqual(received.receipt);
    expect(await outcome(receive(n.id))).toBe('conflict:illegal-transition');
  });

  it('matches a provincial title to the province: the upper level may not receive it', async () => {
    for (const year of [2024, 2025])
      await recordAward(deps, upper, {
        titleCode: 'chien-si-thi-dua-co-so',
        year,
        recipient: { kind: 'member', memberId: 'r-bk' },
        decision: { number: `${year}/QĐ`, date: `${year}-12-20` },
      });
    const n = await propose('r-bk', [], 'bang-khen-ca-nhan');
    expect(await outcome(receive(n.id))).toBe('unprocessable:deciding-level-mismatch');
    expect((await receive(n.id, 'province', as('province'))).status).toBe('received');
  });

  it('is the council’s and the decision’s gate: no vote before it, and only the receiving unit decides', async () => {
    const n = await propose('r-2');
    const ballot = { members: 7, present: 7, yes: 7, on: TODAY };
    expect(await outcome(voteOnNomination(deps, upper, n.id, ballot))).toBe('conflict:illegal-transition');
    await receive(n.id);
    await voteOnNomination(deps, upper, n.id, ballot);
    const elsewhere = { decidingUnitId: 'province', decision: { number: '1/QĐ', date: TODAY } };
    expect(await outcome(decideNomination(deps, as('province'), n.id, elsewhere))).toBe(
      'unprocessable:deciding-unit-not-receiver',
    );
    const decided = await decideNomination(deps, upper, n.id, { ...elsewhere, decidingUnitId: 'upper' });
    expect(decided).toMatchObject({
      status: 'decided',
      decision: { decidingUnitId: 'upper', eligibility: { outcome: 'eligible', checkedOn: TODAY } },
    });
    expect((await getNomination(deps, { unitId: null }, n.id)).decision!.eligibility).toEqual(
      decided.decision!.eligibility,
    );
  });
});

describe('refusal and the initiatives it frees', () => {
  it('refuses an ineligible candidate at receipt with the reason, and frees the initiative for another award', async () => {
    await recordInspectionFact(deps, reprimanded('r-rep'), at(`${TODAY}T03:00:00Z`));
    const initiative = await initiativeOf('r-rep', 'Bị trả lại');
    const n = await propose('r-rep', [initiative.id]);
    expect((await getInitiative(deps, upper, initiative.id)).usedBy).toEqual({ nominationId: n.id, on: TODAY });

    const refused = await receive(n.id);
    expect(refused).toMatchObject({
      status: 'refused',
      receipt: { eligibility: { outcome: 'ineligible' } },
      refusal: { on: TODAY, stage: 'receipt' },
      released: { on: TODAY, initiativeIds: [initiative.id] },
    });
    expect(refused.refusal!.reason.vi).toMatch(
      /^Không đủ điều kiện khi tiếp nhận\. .*bị khiển trách ngày 03\/05\/2025/,
    );
    expect((await getInitiative(deps, upper, initiative.id)).usedBy).toBeNull();
    // The initiative backs another nomination now; the refused one takes no further step.
    const again = await propose('r-rep', [initiative.id], 'chien-si-thi-dua-co-so');
    expect((await getInitiative(deps, upper, initiative.id)).usedBy?.nominationId).toBe(again.id);
    expect(await outcome(voteOnNomination(deps, upper, n.id, { members: 7, present: 7, yes: 7, on: TODAY }))).toBe(
      'conflict:illegal-transition',
    );
  });

  it('frees the initiatives of a nomination the council did not approve', async () => {
    const initiative = await initiativeOf('r-3', 'Không qua hội đồng');
    const n = await propose('r-3', [initiative.id]);
    await receive(n.id);
    const no = await voteOnNomination(deps, upper, n.id, { members: 9, present: 9, yes: 3, on: TODAY });
    expect(no).toMatchObject({ status: 'not-approved', released: { on: TODAY, initiativeIds: [initiative.id] } });
    expect((await getInitiative(deps, upper, initiative.id)).usedBy).toBeNull();
  });

  it('refuses with the deciding level’s reason before the decision, never after it', async () => {
    const initiative = await initiativeOf('r-4', 'Rút lại');
    const n = await propose('r-4', [initiative.id]);
    await receive(n.id);
    expect(await outcome(refuseNomination(deps, as('cdcs-a'), n.id, { reason: 'x', on: TODAY }))).toBe(
      'forbidden:nomination-needs-deciding-level',
    );
    const refused = await refuseNomination(deps, upper, n.id, { reason: 'Hồ sơ thiếu minh chứng', on: TODAY });
    expect(refused).toMatchObject({
      status: 'refused',
      refusal: { stage: 'review', reason: { vi: 'Hồ sơ thiếu minh chứng' } },
      released: { initiativeIds: [initiative.id] },
    });
    expect((await getInitiative(deps, upper, initiative.id)).usedBy).toBeNull();
    expect(await outcome(refuseNomination(deps, upper, n.id, { reason: 'again', on: TODAY }))).toBe(
      'conflict:illegal-transition',
    );

    const decided = await propose('r-1');
    await receive(decided.id);
    await voteOnNomination(deps, upper, decided.id, { members: 7, present: 7, yes: 7, on: TODAY });
    await decideNomination(deps, upper, decided.id, {
      decidingUnitId: 'upper',
      decision: { number: '2/QĐ', date: TODAY },
    });
    expect(await outcome(refuseNomination(deps, upper, decided.id, { reason: 'late', on: TODAY }))).toBe(
      'conflict:illegal-transition',
    );
  });

  it('10 racing refusals and council votes on one received nomination: exactly one lands, the initiative freed once', async () => {
    const initiative = await initiativeOf('r-2', 'Tranh chấp trả lại');
    const n = await propose('r-2', [initiative.id]);
    await receive(n.id);
    const steps = Array.from({ length: 10 }, (_, i) =>
      i % 2
        ? refuseNomination(deps, upper, n.id, { reason: `Từ chối ${i}`, on: TODAY })
        : voteOnNomination(deps, upper, n.id, { members: 9, present: 9, yes: 2, on: TODAY }),
    );
    const outcomes = await Promise.all(steps.map(outcome));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'conflict:illegal-transition')).toHaveLength(9);
    const freed = await getInitiative(deps, upper, initiative.id);
    // accepted at version 3, spent (4), freed once (5)
    expect(freed).toMatchObject({ usedBy: null, version: 5 });

    // Freed, it is raced by 10 nominations: exactly one spends it.
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => outcome(propose('r-2', [initiative.id], 'chien-si-thi-dua-co-so'))),
    );
    expect(racing.filter((o) => o === 'ok')).toHaveLength(1);
    expect(racing.filter((o) => o === 'conflict:initiative-unavailable')).toHaveLength(9);
  });
});
