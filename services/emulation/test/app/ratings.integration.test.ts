import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { nominationEligibility, proposeNomination } from '../../src/app/nominations.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { approveRating, assessRating, getRating, reviewRating, submitRating } from '../../src/app/ratings.ts';
import { as, depsOn, outcome } from './world.ts';

/** The annual CĐCS rating on DynamoDB Local: self-assessment, submission, review, approval, and its use by eligibility. */
let db: Db;
let deps: EmulationDeps;

const scores = (points: number[]) =>
  ['representation', 'emulation', 'organisation', 'finance', 'inspection'].map((criterion, i) => ({
    criterion,
    points: points[i]!,
    evidence: `Minh chứng ${criterion}`,
  }));

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = depsOn(db, []);
});

describe('the annual CĐCS rating', () => {
  it('goes from self-assessment to the upper level’s review and approval, which gives the category', async () => {
    await assessRating(deps, as('cdcs-a'), 'cdcs-a', 2025, scores([20, 10, 10, 5, 5]));
    const draft = await assessRating(deps, as('cdcs-a'), 'cdcs-a', 2025, scores([28, 18, 18, 13, 8]));
    expect(draft).toMatchObject({ status: 'draft', total: 85, category: null, version: 2 });
    await submitRating(deps, as('cdcs-a'), 'cdcs-a', 2025, '2026-01-10');
    expect(await outcome(reviewRating(deps, as('cdcs-a'), 'cdcs-a', 2025, { adjustments: [], on: '2026-01-20' }))).toBe(
      'forbidden:rating-needs-upper-level',
    );
    const reviewed = await reviewRating(deps, as('upper'), 'cdcs-a', 2025, {
      adjustments: [{ criterion: 'inspection', points: 6, reason: 'Chưa có biên bản kiểm tra quý IV' }],
      on: '2026-01-20',
    });
    expect(reviewed.total).toBe(83);
    expect(reviewed.criteria.find((c) => c.code === 'inspection')).toMatchObject({
      selfPoints: 8,
      adjusted: { points: 6, reason: 'Chưa có biên bản kiểm tra quý IV' },
    });
    const approved = await approveRating(deps, as('upper'), 'cdcs-a', 2025, {
      number: '15/QĐ-CĐVC',
      date: '2026-01-25',
    });
    expect(approved).toMatchObject({ status: 'approved', category: 'good', approved: { number: '15/QĐ-CĐVC' } });
    expect(await outcome(assessRating(deps, as('cdcs-a'), 'cdcs-a', 2025, scores([30, 20, 20, 15, 15])))).toBe(
      'conflict:illegal-transition',
    );
  });

  it('refuses scores that do not fit the criteria set', async () => {
    expect(await outcome(assessRating(deps, as('cdcs-b'), 'cdcs-b', 2025, scores([31, 20, 20, 15, 15])))).toBe(
      'unprocessable:rating-scores-invalid',
    );
    expect(await outcome(assessRating(deps, as('cdcs-b'), 'cdcs-b', 2025, scores([30, 20, 20, 15, 15]).slice(1)))).toBe(
      'unprocessable:rating-scores-invalid',
    );
    expect(await outcome(submitRating(deps, as('cdcs-b'), 'cdcs-b', 2025, '2026-01-10'))).toBe('not-found:not-found');
  });

  it('is the unit’s and the levels above it: a sibling gets a 404', async () => {
    expect(await outcome(getRating(deps, { unitId: 'cdcs-b' }, 'cdcs-a', 2025))).toBe('not-found:not-found');
    expect((await getRating(deps, { unitId: 'province' }, 'cdcs-a', 2025)).category).toBe('good');
  });

  it('feeds a collective title’s eligibility once approved', async () => {
    const nominate = (unitId: string) =>
      proposeNomination(deps, as('upper'), {
        proposingUnitId: 'upper',
        titleCode: 'tap-the-lao-dong-tien-tien',
        year: 2025,
        candidate: { kind: 'unit', unitId },
        achievements: 'Hoàn thành tốt nhiệm vụ',
      });
    const rated = await nominate('cdcs-a');
    const verdict = async (id: string) =>
      (await nominationEligibility(deps, { unitId: null }, id, '2026-03-10')).verdicts.find(
        (v) => v.rule === 'rating-category',
      )!;
    expect((await verdict(rated.id)).reason.vi).toBe('Xếp loại năm 2025: "Hoàn thành tốt nhiệm vụ".');
    const unrated = await nominate('cdcs-b'); // its self-assessment was refused: no rating
    expect((await verdict(unrated.id)).outcome).toBe('fail');
  });
});
