import { DomainError } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { nominationEligibility, proposeNomination } from '../../src/app/nominations.ts';
import { addPolicyVersion } from '../../src/app/policy.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { approveRating, assessRating, getRating, reviewRating, submitRating } from '../../src/app/ratings.ts';
import { RATING_POLICIES } from '../../src/domain/policy/settings.ts';
import { as, depsOn, OPERATION, outcome } from './world.ts';

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

describe('a CĐCS is rated after 12 months of operation, or 6 after a merger (Hướng dẫn 1294/HD-TLĐ)', () => {
  const refusal = (p: Promise<unknown>): Promise<{ code: string; vi: string; en: string } | undefined> =>
    p.then(
      () => undefined,
      (e: unknown) => {
        if (!(e instanceof DomainError)) throw e;
        return { code: e.code, vi: e.detail.vi, en: e.detail.en };
      },
    );
  const assess = (year: number) => assessRating(deps, as('cdcs-b'), 'cdcs-b', year, scores([25, 15, 15, 10, 10]));
  afterEach(() => {
    delete OPERATION['cdcs-b'];
  });

  it('founded 1/3/2025: 2025 is refused, naming the founding day and when it can be rated; 2026 is rated', async () => {
    OPERATION['cdcs-b'] = { foundedOn: '2025-03-01', lastMergerOn: null };
    expect(await refusal(assess(2025))).toEqual({
      code: 'rating-too-early',
      vi: 'Công đoàn cơ sở thành lập ngày 01/03/2025: đến 31/12/2025 chưa đủ 12 tháng hoạt động (đủ vào ngày 01/03/2026), được xếp loại từ năm 2026.',
      en: 'The grassroots union was founded on 2025-03-01: by 31 December 2025 it has not operated 12 months (complete on 2026-03-01); it can be rated from 2026.',
    });
    expect(await deps.ratings.get('cdcs-b', 2025)).toBeUndefined();
    expect((await assess(2026)).operation).toEqual({
      foundedOn: '2025-03-01',
      lastMergerOn: null,
      monthsOfOperation: 12,
      monthsAfterMerger: 6,
      note: null,
    });
  });

  it('founded 1/1/2024: its whole first year counts, so 2024 is rated', async () => {
    OPERATION['cdcs-b'] = { foundedOn: '2024-01-01', lastMergerOn: null };
    expect((await assess(2024)).status).toBe('draft');
    OPERATION['cdcs-b'] = { foundedOn: '2024-01-02', lastMergerOn: null };
    expect((await refusal(assess(2024)))?.code).toBe('rating-too-early');
  });

  it('merged 1/9/2026: 2026 is refused, naming the merger day; a year before the merger is not affected', async () => {
    OPERATION['cdcs-b'] = { foundedOn: '1998-05-20', lastMergerOn: '2026-09-01' };
    expect(await refusal(assess(2026))).toMatchObject({
      code: 'rating-too-early',
      vi: 'Công đoàn cơ sở sáp nhập ngày 01/09/2026: đến 31/12/2026 chưa đủ 6 tháng hoạt động sau sáp nhập (đủ vào ngày 01/03/2027), được xếp loại từ năm 2027.',
    });
    expect((await assess(2023)).operation).toMatchObject({ foundedOn: '1998-05-20', lastMergerOn: '2026-09-01' });
  });

  it('takes the months from the rating policy in force on the year’s last day: an administrator’s version changes them', async () => {
    OPERATION['cdcs-b'] = { foundedOn: '2029-06-01', lastMergerOn: null };
    expect((await assess(2030)).operation).toMatchObject({ monthsOfOperation: 12 });
    const defaults = RATING_POLICIES[0]!;
    await addPolicyVersion(deps, as(null), {
      parameter: 'rating',
      effectiveFrom: '2031-01-01',
      value: {
        criteria: defaults.criteria.map((c) => ({ ...c })),
        bands: defaults.bands.map((b) => ({ ...b })),
        monthsOfOperation: 24,
        monthsAfterMerger: 12,
      },
      source: 'Hướng dẫn 05/HD-LĐLĐ',
      certainty: 'sure',
    });
    OPERATION['cdcs-b'] = { foundedOn: '2030-06-01', lastMergerOn: null };
    expect(await refusal(assess(2031))).toMatchObject({
      code: 'rating-too-early',
      en: 'The grassroots union was founded on 2030-06-01: by 31 December 2031 it has not operated 24 months (complete on 2032-06-01); it can be rated from 2032.',
    });
    // 2030 is still judged under the 12 months of the version in force on 31/12/2030.
    OPERATION['cdcs-b'] = { foundedOn: '2029-12-01', lastMergerOn: null };
    expect((await assess(2030)).operation).toMatchObject({ monthsOfOperation: 12 });
  });

  it('a CĐCS whose founding day is not known is rated, and the rating says the check was not made', async () => {
    const rated = await assess(2022);
    expect(rated.operation).toMatchObject({
      foundedOn: null,
      note: 'Chưa biết ngày thành lập: chưa kiểm tra điều kiện đủ 12 tháng hoạt động.',
    });
    // A founding day recorded after the assessment is checked again at approval.
    await submitRating(deps, as('cdcs-b'), 'cdcs-b', 2022, '2023-01-10');
    OPERATION['cdcs-b'] = { foundedOn: '2022-06-01', lastMergerOn: null };
    expect(
      (await refusal(approveRating(deps, as('upper'), 'cdcs-b', 2022, { number: '3/QĐ', date: '2023-01-20' })))?.code,
    ).toBe('rating-too-early');
  });
});
