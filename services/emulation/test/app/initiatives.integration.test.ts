import type { SubmitInitiativeInput } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import {
  acceptInitiative,
  evaluateInitiative,
  getInitiative,
  listUnitInitiatives,
  rejectInitiative,
  submitInitiative,
} from '../../src/app/initiatives.ts';
import { nominationEligibility, proposeNomination, recordAward } from '../../src/app/nominations.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { as, depsOn, member, outcome } from './world.ts';

/** Initiatives on DynamoDB Local: submission, the council's scores, acceptance, and the one award each backs. */
const MEMBERS = [member('m-1', 'cdcs-a'), member('m-2', 'section-a'), member('m-3', 'cdcs-a'), member('m-b', 'cdcs-b')];
let db: Db;
let deps: EmulationDeps;
const TODAY = '2026-03-10';

const input = (overrides: Partial<SubmitInitiativeInput> = {}): SubmitInitiativeInput => ({
  unitId: 'cdcs-a',
  title: 'Số hóa hồ sơ đoàn viên',
  authors: [
    { memberId: 'm-1', sharePercent: 70 },
    { memberId: 'm-2', sharePercent: 30 },
  ],
  field: 'Chuyển đổi số',
  description: 'Quét và tra cứu hồ sơ đoàn viên trên máy',
  appliedOn: '2025-03-01',
  benefit: { kind: 'value', dong: 45_000_000 },
  ...overrides,
});
const good = { newness: 80, feasibility: 75, effectiveness: 70 };
const officer = () => as('cdcs-a');

async function accepted(overrides: Partial<SubmitInitiativeInput> = {}) {
  const i = await submitInitiative(deps, officer(), input(overrides));
  await evaluateInitiative(deps, officer(), i.id, { scores: good, on: '2025-06-01' });
  return acceptInitiative(deps, officer(), i.id, {
    scope: 'unit',
    recognition: { number: '5/QĐ-CĐCS', date: '2025-06-10' },
  });
}

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = depsOn(db, MEMBERS);
});

describe('initiatives', () => {
  it('go from submission through the council’s scores to acceptance at a scope', async () => {
    const done = await accepted();
    expect(done).toMatchObject({
      status: 'accepted',
      evaluation: { passed: true, thresholds: { eachAtLeast: 50, totalAtLeast: 210 } },
      accepted: { scope: 'unit', number: '5/QĐ-CĐCS', date: '2025-06-10' },
      usedBy: null,
      version: 3,
    });
    expect((await getInitiative(deps, { unitId: 'upper' }, done.id)).id).toBe(done.id);
    expect(await outcome(getInitiative(deps, { unitId: 'section-a' }, done.id))).toBe('not-found:not-found');
  });

  it('are not accepted when the scores miss a threshold, and follow their steps in order', async () => {
    const weak = await submitInitiative(deps, officer(), input({ title: 'Yếu' }));
    expect(
      await outcome(
        acceptInitiative(deps, officer(), weak.id, { scope: 'unit', recognition: { number: '1', date: '2025-06-10' } }),
      ),
    ).toBe('conflict:illegal-transition');
    const scored = await evaluateInitiative(deps, officer(), weak.id, {
      scores: { newness: 90, feasibility: 90, effectiveness: 45 },
      on: '2025-06-01',
    });
    expect(scored.evaluation?.passed).toBe(false);
    expect(
      await outcome(
        acceptInitiative(deps, officer(), weak.id, { scope: 'unit', recognition: { number: '1', date: '2025-06-10' } }),
      ),
    ).toBe('conflict:initiative-not-passed');
    expect(await outcome(evaluateInitiative(deps, officer(), weak.id, { scores: good, on: '2025-06-02' }))).toBe(
      'conflict:illegal-transition',
    );
    const rejected = await rejectInitiative(deps, officer(), weak.id, { reason: 'Chưa hiệu quả', on: '2025-06-12' });
    expect(rejected).toMatchObject({ status: 'rejected', rejected: { reason: 'Chưa hiệu quả', on: '2025-06-12' } });
  });

  it('are refused an author outside the unit, and hidden from another subtree', async () => {
    expect(
      await outcome(submitInitiative(deps, as(null), input({ authors: [{ memberId: 'm-b', sharePercent: 100 }] }))),
    ).toBe('unprocessable:author-outside-unit');
    expect(await outcome(submitInitiative(deps, as('cdcs-b'), input()))).toBe('not-found:not-found');
    const mine = await submitInitiative(deps, officer(), input({ title: 'Riêng' }));
    expect(await outcome(getInitiative(deps, { unitId: 'cdcs-b' }, mine.id))).toBe('not-found:not-found');
    expect(await outcome(rejectInitiative(deps, as('cdcs-b'), mine.id, { reason: 'x', on: TODAY }))).toBe(
      'not-found:not-found',
    );
  });

  it('are listed by status, a page at a time', async () => {
    const all = await listUnitInitiatives(deps, { unitId: 'cdcs-a' }, 'cdcs-a', { limit: 200 });
    const acceptedOnes = await listUnitInitiatives(deps, { unitId: 'cdcs-a' }, 'cdcs-a', {
      status: 'accepted',
      limit: 1,
    });
    expect(acceptedOnes.items.every((i) => i.status === 'accepted')).toBe(true);
    expect(all.items.length).toBeGreaterThan(acceptedOnes.items.length);
    expect(
      await outcome(
        listUnitInitiatives(deps, { unitId: 'cdcs-a' }, 'cdcs-a', {
          status: 'rejected',
          limit: 1,
          cursor: acceptedOnes.nextCursor ?? 'x',
        }),
      ),
    ).toBe('validation:invalid-cursor');
  });
});

describe('one initiative backs one award', () => {
  const nominate = (initiativeId: string, memberId = 'm-1') =>
    proposeNomination(deps, officer(), {
      proposingUnitId: 'cdcs-a',
      titleCode: 'chien-si-thi-dua-cap-tinh',
      year: 2025,
      candidate: { kind: 'member', memberId },
      absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
      achievements: 'Sáng kiến số hóa hồ sơ',
      initiativeIds: [initiativeId],
    });

  it('is spent by the first nomination; a second is refused, and the first is eligible on it', async () => {
    for (const year of [2023, 2024, 2025])
      await recordAward(deps, as('upper'), {
        titleCode: 'chien-si-thi-dua-co-so',
        year,
        recipient: { kind: 'member', memberId: 'm-1' },
        decision: { number: `${year}/QĐ`, date: `${year}-12-20` },
      });
    const initiative = await accepted({ title: 'Một lần' });
    const first = await nominate(initiative.id);
    expect((await getInitiative(deps, officer(), initiative.id)).usedBy).toEqual({ nominationId: first.id, on: TODAY });
    expect(await outcome(nominate(initiative.id))).toBe('conflict:initiative-unavailable');

    const report = await nominationEligibility(deps, { unitId: 'upper' }, first.id, TODAY);
    expect(report.outcome).toBe('eligible');
    expect(report.verdicts.find((v) => v.rule === 'initiative-required')?.reason.vi).toBe(
      'Có sáng kiến: "Một lần" (công nhận ngày 10/06/2025).',
    );
  });

  it('20 parallel nominations spending one initiative: exactly one succeeds', async () => {
    const initiative = await accepted({ title: 'Tranh chấp' });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => outcome(nominate(initiative.id))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'conflict:initiative-unavailable')).toHaveLength(19);
  });

  it('is refused when not accepted, or not the candidate’s', async () => {
    const submitted = await submitInitiative(deps, officer(), input({ title: 'Chưa công nhận' }));
    expect(await outcome(nominate(submitted.id))).toBe('conflict:initiative-unavailable');
    const others = await accepted({ title: 'Của người khác', authors: [{ memberId: 'm-2', sharePercent: 100 }] });
    expect(await outcome(nominate(others.id, 'm-3'))).toBe('unprocessable:initiative-not-candidates');
  });
});
