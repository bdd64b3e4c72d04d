import {
  type AddEmulationPolicyVersionInput,
  type AwardTitle,
  addEmulationPolicyVersionBody,
} from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { evaluateInitiative, submitInitiative } from '../../src/app/initiatives.ts';
import {
  decideNomination,
  nominationEligibility,
  proposeNomination,
  receiveNomination,
  recordAward,
  recordBaseSalary,
  setUnitQuotas,
  voteOnNomination,
} from '../../src/app/nominations.ts';
import {
  addPolicyVersion,
  getRatingCriteria,
  listPolicyVersions,
  publishRatingCriteria,
} from '../../src/app/policy.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { approveRating, assessRating, submitRating } from '../../src/app/ratings.ts';
import { listTitles } from '../../src/app/titles.ts';
import { as, at, BASE_SALARY_2024, depsOn, member, outcome } from './world.ts';

/**
 * Emulation's policy versions on DynamoDB Local: what an administrator appends, read by every
 * computation through one port, so each year is decided under its own rules; and the rating
 * criteria sets upper levels publish for a year.
 */
const TODAY = '2026-03-10';
const CSTDCS = 'chien-si-thi-dua-co-so';
const GUIDANCE = 'Hướng dẫn 01/HD-CĐVC (05/01/2026)';

/** A catalogue version built from the API's answer for a day, as an administrator would post it back. */
async function catalogueFrom(
  deps: EmulationDeps,
  effectiveFrom: string,
  change: (titles: AwardTitle[]) => AwardTitle[],
): Promise<AddEmulationPolicyVersionInput> {
  const read = await listTitles(deps, '2025-07-01');
  return addEmulationPolicyVersionBody.parse({
    parameter: 'catalogue',
    effectiveFrom,
    value: { titles: change(read.titles) },
    source: GUIDANCE,
    certainty: 'sure',
    note: 'Tỉnh áp dụng từ năm 2026',
  });
}

/** CSTĐCS after 2 consecutive years of Lao động tiên tiến, its council at 90%, and a certificate of the union. */
const stricter = (titles: AwardTitle[]): AwardTitle[] => [
  ...titles.map((t) =>
    t.code === CSTDCS
      ? {
          ...t,
          criteria: { ...t.criteria, consecutive: { titleCode: 'lao-dong-tien-tien', years: 2 } },
          council: { ...t.council, threshold: 0.9, source: GUIDANCE },
          source: GUIDANCE,
        }
      : t,
  ),
  {
    ...titles.find((t) => t.code === 'lao-dong-tien-tien')!,
    code: 'giay-khen-cong-doan',
    name: { vi: 'Giấy khen của Công đoàn', en: 'Union certificate of merit' },
    kind: 'certificate',
    level: 'upper',
    cash: null,
    source: GUIDANCE,
  },
];

describe('policy versions an administrator adds', () => {
  let db: Db;
  let deps: EmulationDeps;
  beforeAll(async () => {
    db = await freshTable('emulation');
    deps = depsOn(db, []);
  });

  it('follow the latest version of their parameter, never reaching into a period it governs', async () => {
    const version = await catalogueFrom(deps, '2026-01-01', stricter);
    // The shipped NĐ 152/2025 catalogue governs from 1/7/2025: nothing may be slipped in on or before it.
    expect(await outcome(addPolicyVersion(deps, as(null), { ...version, effectiveFrom: '2025-07-01' }))).toBe(
      'conflict:policy-version-not-after-latest',
    );
    const added = await addPolicyVersion(deps, as(null), version);
    expect(added).toMatchObject({
      id: 'catalogue@2026-01-01',
      origin: 'added',
      addedBy: 'officer-1',
      effectiveTo: null,
      source: GUIDANCE,
      certainty: 'sure',
    });
    expect(await outcome(addPolicyVersion(deps, as(null), { ...version, effectiveFrom: '2025-12-31' }))).toBe(
      'conflict:policy-version-not-after-latest',
    );
    expect(await outcome(addPolicyVersion(deps, as(null), version))).toBe('conflict:policy-version-not-after-latest');
    const catalogues = await listPolicyVersions(deps, 'catalogue');
    expect(catalogues.map((v) => [v.id, v.origin, v.effectiveTo])).toEqual([
      ['catalogue@2024-01-01', 'default', '2025-06-30'],
      ['catalogue@2025-07-01', 'default', '2025-12-31'],
      ['catalogue@2026-01-01', 'added', null],
    ]);
    // The catalogue of each day: the version added from its first day, the shipped one before.
    expect((await listTitles(deps, '2025-12-31')).titles.find((t) => t.code === CSTDCS)?.council.threshold).toBe(0.8);
    const read = await listTitles(deps, '2026-01-01');
    expect(read.version).toMatchObject({ effectiveFrom: '2026-01-01', source: GUIDANCE, effectiveTo: null });
    expect(read.titles.find((t) => t.code === CSTDCS)?.criteria.consecutive).toEqual({
      titleCode: 'lao-dong-tien-tien',
      years: 2,
    });
  });

  it('are an administrator’s of the whole tree or its top unit only, and must hold together', async () => {
    const rounding: AddEmulationPolicyVersionInput = {
      parameter: 'prize-rounding',
      effectiveFrom: '2027-01-01',
      value: { step: 1_000, mode: 'nearest' },
      source: 'Quyết định 02/QĐ-CĐVC',
      certainty: 'sure',
    };
    expect(await outcome(addPolicyVersion(deps, as('upper'), rounding))).toBe('forbidden:policy-admin-scope');
    expect((await addPolicyVersion(deps, as('province'), rounding)).id).toBe('prize-rounding@2027-01-01');
    const broken = await catalogueFrom(deps, '2027-01-01', (titles) => titles.filter((t) => t.code !== CSTDCS));
    expect(await outcome(addPolicyVersion(deps, as(null), broken))).toBe('unprocessable:invalid-policy-version');
    const bands: AddEmulationPolicyVersionInput = {
      parameter: 'rating',
      effectiveFrom: '2027-01-01',
      value: {
        criteria: [{ code: 'all', name: 'Toàn diện', maxPoints: 100 }],
        bands: [
          { category: 'excellent', minScore: 90, minShareOfEach: null },
          { category: 'good', minScore: 70, minShareOfEach: null },
        ],
        monthsOfOperation: 12,
        monthsAfterMerger: 6,
      },
      source: 'Hướng dẫn 02/HD-CĐVC',
      certainty: 'sure',
    };
    expect(await outcome(addPolicyVersion(deps, as(null), bands))).toBe('unprocessable:invalid-policy-version');
  });

  it('two administrators racing on one parameter: exactly one wins, the others get 409', async () => {
    const absence = (maxWorkingDays: number): AddEmulationPolicyVersionInput => ({
      parameter: 'absence',
      effectiveFrom: '2027-01-01',
      value: { maxWorkingDays, maternityExcepted: true },
      source: `Quyết định ${maxWorkingDays}/QĐ-CĐVC`,
      certainty: 'sure',
    });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => outcome(addPolicyVersion(deps, as(null), absence(30 + i)))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'conflict:policy-version-not-after-latest')).toHaveLength(7);
    const added = (await listPolicyVersions(deps, 'absence')).filter((v) => v.origin === 'added');
    expect(added).toHaveLength(1);
  });
});

describe('a past year is decided under that year’s rules', () => {
  let db: Db;
  let deps: EmulationDeps;
  beforeAll(async () => {
    db = await freshTable('emulation');
    deps = depsOn(db, [member('m-1', 'cdcs-a', '2010-01-01'), member('m-2', 'cdcs-a', '2010-01-01')]);
    await recordBaseSalary(deps, 'base-salary-2024', BASE_SALARY_2024, at(`${TODAY}T03:00:00Z`));
    for (const year of [2024, 2026])
      await recordAward(deps, as('upper'), {
        titleCode: 'lao-dong-tien-tien',
        year,
        recipient: { kind: 'member', memberId: 'm-1' },
        decision: { number: `${year}/QĐ-CĐ`, date: year === 2026 ? '2026-02-01' : `${year}-12-20` },
      });
  });

  const nominate = (year: number, memberId = 'm-1', titleCode = CSTDCS) =>
    proposeNomination(deps, as('cdcs-a'), {
      proposingUnitId: 'cdcs-a',
      titleCode,
      year,
      candidate: { kind: 'member', memberId },
      absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
      achievements: `Hoàn thành xuất sắc nhiệm vụ năm ${year}`,
    });
  const chain = async (id: string) =>
    (await nominationEligibility(deps, { unitId: 'upper' }, id, TODAY)).verdicts.find(
      (v) => v.rule === 'consecutive-titles',
    )!;

  it('a nomination for 2024 under NĐ 98/2023, one for 2026 under the version an administrator added', async () => {
    // 2023 has no catalogue entered (NĐ 91/2017's is not in DOMAIN.md): refused, and said so.
    expect(await outcome(nominate(2023))).toBe('unprocessable:no-award-catalogue');
    const for2024 = await nominate(2024);
    const for2026 = await nominate(2026);
    // Under the shipped catalogues both need Lao động tiên tiến of their year only: held.
    expect((await chain(for2024.id)).outcome).toBe('pass');
    expect((await chain(for2026.id)).outcome).toBe('pass');

    await addPolicyVersion(deps, as(null), await catalogueFrom(deps, '2026-01-01', stricter));

    // 2024 keeps its rules; 2026 now needs two consecutive years, and 2025 is missing.
    expect(await chain(for2024.id)).toMatchObject({
      outcome: 'pass',
      reason: { vi: 'Đạt Lao động tiên tiến năm 2024: 2024 (QĐ 2024/QĐ-CĐ, tại Đơn vị cdcs-a).' },
    });
    expect(await chain(for2026.id)).toMatchObject({
      outcome: 'fail',
      reason: {
        vi: `Không đủ điều kiện: cần Lao động tiên tiến 2 năm liên tục 2025–2026: thiếu năm 2025 (${GUIDANCE}).`,
      },
      source: GUIDANCE,
    });
    const report2026 = await nominationEligibility(deps, { unitId: 'upper' }, for2026.id, TODAY);
    expect(report2026.outcome).toBe('ineligible');
    expect(report2026.rules).toMatchObject({
      on: '2026-12-31',
      catalogue: { effectiveFrom: '2026-01-01', source: GUIDANCE },
    });
    const report2024 = await nominationEligibility(deps, { unitId: 'upper' }, for2024.id, TODAY);
    expect(report2024.rules).toMatchObject({
      on: '2024-12-31',
      catalogue: { effectiveFrom: '2024-01-01', source: 'Luật Thi đua, khen thưởng 2022; NĐ 98/2023/NĐ-CP' },
    });
  });

  it('the council votes under its day’s threshold, read through the same policy', async () => {
    const n = await nominate(2024);
    // 8 of 9 is 89%: enough under NĐ 98/2023’s 80%, not under the 90% in force on the vote’s day.
    await receiveNomination(deps, as('upper'), n.id, { decidingUnitId: 'upper', on: TODAY });
    const voted = await voteOnNomination(deps, as('upper'), n.id, { members: 9, present: 9, yes: 8, on: TODAY });
    expect(voted.status).toBe('not-approved');
    expect(voted.council?.reason.vi).toContain('90%');
  });

  it('the prize is rounded by the rule in force on the decision day, and quotas know the titles added', async () => {
    await addPolicyVersion(deps, as(null), {
      parameter: 'prize-rounding',
      effectiveFrom: '2026-03-01',
      value: { step: 1_000, mode: 'nearest' },
      source: 'Quyết định 03/QĐ-CĐVC',
      certainty: 'sure',
    });
    const n = await nominate(2026, 'm-2', 'lao-dong-tien-tien');
    await receiveNomination(deps, as('upper'), n.id, { decidingUnitId: 'upper', on: TODAY });
    await voteOnNomination(deps, as('upper'), n.id, { members: 9, present: 9, yes: 9, on: TODAY });
    const decided = await decideNomination(deps, as('upper'), n.id, {
      decidingUnitId: 'upper',
      decision: { number: '7/QĐ-CĐVC', date: TODAY },
    });
    // 0.3 × 2,340,000 = 702,000: to the nearest 1,000 (up to 10,000 it would be 710,000).
    expect(decided.decision?.prize).toMatchObject({
      amount: 702_000,
      rounding: { step: 1_000, mode: 'nearest', source: 'Quyết định 03/QĐ-CĐVC' },
    });
    expect(
      (await setUnitQuotas(deps, as('upper'), 'upper', 2026, [{ titleCode: 'giay-khen-cong-doan', seats: 3 }])).quotas,
    ).toEqual([{ titleCode: 'giay-khen-cong-doan', seats: 3, used: 0 }]);
    expect(await outcome(setUnitQuotas(deps, as('upper'), 'upper', 2026, [{ titleCode: 'khong-co', seats: 1 }]))).toBe(
      'unprocessable:unknown-title',
    );
  });

  it('an initiative council scores against the thresholds of its meeting day', async () => {
    await addPolicyVersion(deps, as(null), {
      parameter: 'initiative-thresholds',
      effectiveFrom: '2026-01-01',
      value: { eachAtLeast: 70, totalAtLeast: 240 },
      source: 'Quy chế 04/QC-CĐVC',
      certainty: 'sure',
    });
    const submit = () =>
      submitInitiative(deps, as('cdcs-a'), {
        unitId: 'cdcs-a',
        title: 'Số hóa sổ đoàn viên',
        authors: [{ memberId: 'm-1', sharePercent: 100 }],
        field: 'Chuyển đổi số',
        description: 'Sổ đoàn viên điện tử',
        appliedOn: '2025-03-01',
        benefit: { kind: 'description', text: 'Tiết kiệm thời gian' },
      });
    const scores = { newness: 80, feasibility: 65, effectiveness: 80 };
    // 65 reaches the shipped 50 of 2025, not the 70 in force from 2026.
    const in2025 = await evaluateInitiative(deps, as('cdcs-a'), (await submit()).id, { scores, on: '2025-12-20' });
    expect(in2025.evaluation).toMatchObject({ passed: true, thresholds: { eachAtLeast: 50, totalAtLeast: 210 } });
    const in2026 = await evaluateInitiative(deps, as('cdcs-a'), (await submit()).id, { scores, on: TODAY });
    expect(in2026.evaluation).toMatchObject({
      passed: false,
      thresholds: { eachAtLeast: 70, totalAtLeast: 240, source: 'Quy chế 04/QC-CĐVC' },
    });
  });
});

describe('the rating criteria an upper level publishes for a year', () => {
  let db: Db;
  let deps: EmulationDeps;
  beforeAll(async () => {
    db = await freshTable('emulation');
    deps = depsOn(db, []);
  });
  const document = (number: string) => ({ number, date: '2026-01-05' });
  const score = (points: Record<string, number>) =>
    Object.entries(points).map(([criterion, p]) => ({ criterion, points: p, evidence: `Minh chứng ${criterion}` }));

  it('governs the ratings of that year below it, the nearest publisher first, with its bands', async () => {
    await publishRatingCriteria(deps, as('province'), 'province', 2026, {
      criteria: [{ code: 'tong-hop', name: 'Tổng hợp', maxPoints: 100 }],
      document: document('1/HD-LĐLĐ'),
    });
    const set = await publishRatingCriteria(deps, as('upper'), 'upper', 2026, {
      criteria: [
        { code: 'dai-dien', name: 'Đại diện, bảo vệ', maxPoints: 60 },
        { code: 'phat-trien', name: 'Phát triển đoàn viên', maxPoints: 40 },
      ],
      bands: [
        { category: 'excellent', minScore: 95, minShareOfEach: null },
        { category: 'good', minScore: 75, minShareOfEach: null },
        { category: 'completed', minScore: 40, minShareOfEach: null },
        { category: 'not-completed', minScore: 0, minShareOfEach: null },
      ],
      document: document('3/HD-CĐVC'),
    });
    expect(set).toMatchObject({ unitId: 'upper', year: 2026, bandsSource: '3/HD-CĐVC (2026-01-05)' });
    expect(
      await outcome(
        publishRatingCriteria(deps, as('upper'), 'upper', 2026, {
          criteria: [{ code: 'khac', name: 'Khác', maxPoints: 100 }],
          document: document('4/HD-CĐVC'),
        }),
      ),
    ).toBe('conflict:rating-criteria-exists');

    // The CĐCS reads the set that governs it; the defaults no longer fit its 2026 rating.
    expect((await getRatingCriteria(deps, { unitId: 'cdcs-a' }, 'upper', 2026)).document.number).toBe('3/HD-CĐVC');
    expect(
      await outcome(
        assessRating(
          deps,
          as('cdcs-a'),
          'cdcs-a',
          2026,
          score({ representation: 20, emulation: 15, organisation: 15, finance: 10, inspection: 10 }),
        ),
      ),
    ).toBe('unprocessable:rating-scores-invalid');
    const draft = await assessRating(deps, as('cdcs-a'), 'cdcs-a', 2026, score({ 'dai-dien': 45, 'phat-trien': 27 }));
    expect(draft.policy.criteriaSet).toEqual({ unitId: 'upper', number: '3/HD-CĐVC', date: '2026-01-05' });
    expect(draft.criteria.map((c) => [c.code, c.maxPoints])).toEqual([
      ['dai-dien', 60],
      ['phat-trien', 40],
    ]);
    await submitRating(deps, as('cdcs-a'), 'cdcs-a', 2026, TODAY);
    // 72 points: "good" under the default bands (≥ 70), "completed" under the set's (≥ 40, under 75).
    const approved = await approveRating(deps, as('upper'), 'cdcs-a', 2026, { number: '9/QĐ', date: TODAY });
    expect(approved).toMatchObject({ total: 72, category: 'completed' });

    // Another year has no set: the policy's default criteria.
    const other = await assessRating(
      deps,
      as('cdcs-a'),
      'cdcs-a',
      2025,
      score({ representation: 20, emulation: 15, organisation: 15, finance: 10, inspection: 10 }),
    );
    expect(other.policy.criteriaSet).toBeNull();
  });

  it('is refused when it does not hold together, and is not another subtree’s to read', async () => {
    expect(
      await outcome(
        publishRatingCriteria(deps, as('upper'), 'upper', 2027, {
          criteria: [{ code: 'a', name: 'A', maxPoints: 50 }],
          bands: [{ category: 'excellent', minScore: 40, minShareOfEach: null }],
          document: document('5/HD-CĐVC'),
        }),
      ),
    ).toBe('unprocessable:rating-criteria-invalid');
    expect(
      await outcome(
        publishRatingCriteria(deps, as('upper'), 'upper', 2027, {
          criteria: [{ code: 'a', name: 'A', maxPoints: 50 }],
          document: document('5/HD-CĐVC'),
        }),
      ),
    ).toBe('unprocessable:rating-criteria-invalid'); // the default bands ask for 85 of 50 points
    await publishRatingCriteria(deps, as('cdcs-a'), 'cdcs-a', 2026, {
      criteria: [{ code: 'a', name: 'A', maxPoints: 100 }],
      document: document('1/HD-CĐCS'),
    });
    expect(await outcome(getRatingCriteria(deps, { unitId: 'cdcs-b' }, 'cdcs-a', 2026))).toBe('not-found:not-found');
    expect(
      await outcome(
        publishRatingCriteria(deps, as('cdcs-b'), 'cdcs-a', 2027, {
          criteria: [{ code: 'a', name: 'A', maxPoints: 100 }],
          document: document('2/HD-CĐCS'),
        }),
      ),
    ).toBe('not-found:not-found');
    expect(await outcome(getRatingCriteria(deps, { unitId: 'upper' }, 'upper', 2030))).toBe('not-found:not-found');
  });
});
