import { addMonthsToDay, type Rating, type RatingCriteriaSet } from '@congdoan/contracts';
import { illegalRatingStep, noRatingPolicy, ratingScoresInvalid, ratingTooEarly } from './errors.ts';
import { type EmulationPolicy, rulesDayOfYear } from './policy/policy.ts';
import { type RatingBand, type RatingCriterion, type RatingPolicy, ratingCategory } from './policy/settings.ts';

/** What a CĐCS's year is rated against: the criteria and bands, and where they come from. */
export interface RatingRules {
  /** The rating policy in force on the year's last day. */
  policy: RatingPolicy;
  criteria: readonly RatingCriterion[];
  bands: readonly RatingBand[];
  /** The set an upper level published for the year, where one governs; null: the policy's defaults. */
  criteriaSet: { unitId: string; number: string; date: string } | null;
}

/**
 * The rules a year is rated under: the criteria set the nearest upper level published for the
 * year, else the default criteria and bands of the rating policy in force on the year's last day.
 */
export function ratingRules(policy: EmulationPolicy, year: number, set: RatingCriteriaSet | undefined): RatingRules {
  const inForce = policy.ratingPolicyOn(rulesDayOfYear(year));
  if (!inForce) throw noRatingPolicy(year);
  if (!set) return { policy: inForce, criteria: inForce.criteria, bands: inForce.bands, criteriaSet: null };
  return {
    policy: inForce,
    criteria: set.criteria,
    bands: set.bands,
    criteriaSet: { unitId: set.unitId, number: set.document.number, date: set.document.date },
  };
}

/** What the organisation directory knows of a unit's operation: its founding and last merger days. */
export interface UnitOperation {
  foundedOn: string | null;
  lastMergerOn: string | null;
}

/**
 * A CĐCS is rated for `year` only if, by the end of its last day, it has operated the policy's
 * months since its founding (12) and since its last merger (6): the day plus those months falls
 * on 1 January of the next year at the latest (founded 1/1/2025 rates 2025; 1/3/2025 rates
 * 2026). A merger after the year does not count against it. A unit whose founding day is not
 * known is rated, and the rating says so (`note`). Returns what the rating records.
 */
export function operationFor(
  rules: RatingRules,
  year: number,
  unit: UnitOperation | undefined,
): NonNullable<Rating['operation']> {
  const { monthsOfOperation, monthsAfterMerger } = rules.policy;
  const foundedOn = unit?.foundedOn ?? null;
  const lastMergerOn = unit?.lastMergerOn ?? null;
  const yearEnd = `${year + 1}-01-01`;
  const check = (since: 'founding' | 'merger', day: string, months: number) => {
    const completeOn = addMonthsToDay(day, months);
    if (completeOn <= yearEnd) return;
    const firstYear = Number(completeOn.slice(0, 4)) - (completeOn.endsWith('-01-01') ? 1 : 0);
    throw ratingTooEarly(since, day, months, year, completeOn, firstYear);
  };
  if (foundedOn) check('founding', foundedOn, monthsOfOperation);
  if (lastMergerOn && lastMergerOn < yearEnd) check('merger', lastMergerOn, monthsAfterMerger);
  return {
    foundedOn,
    lastMergerOn,
    monthsOfOperation,
    monthsAfterMerger,
    note: foundedOn
      ? null
      : `Chưa biết ngày thành lập: chưa kiểm tra điều kiện đủ ${monthsOfOperation} tháng hoạt động.`,
  };
}

const counted = (c: Rating['criteria'][number]) => c.adjusted?.points ?? c.selfPoints;
const withTotal = (r: Rating): Rating => ({ ...r, total: r.criteria.reduce((s, c) => s + counted(c), 0) });

/** The CĐCS's self-assessment: every criterion of the policy once, within its maximum. Rewritable while a draft. */
export function selfAssess(
  before: Rating | undefined,
  unitId: string,
  year: number,
  scores: readonly { criterion: string; points: number; evidence: string }[],
  rules: RatingRules,
  operation: NonNullable<Rating['operation']>,
): Rating {
  if (before && before.status !== 'draft') throw illegalRatingStep(before.status, 'self-assessment');
  const { policy } = rules;
  const byCode = new Map(scores.map((s) => [s.criterion, s]));
  const problems = [
    ...rules.criteria.filter((c) => !byCode.has(c.code)).map((c) => `thiếu "${c.code}"`),
    ...scores
      .filter((s) => !rules.criteria.some((c) => c.code === s.criterion))
      .map((s) => `"${s.criterion}" không có`),
    ...scores
      .filter(
        (s) => s.points > (rules.criteria.find((c) => c.code === s.criterion)?.maxPoints ?? Number.POSITIVE_INFINITY),
      )
      .map((s) => `"${s.criterion}" vượt điểm tối đa`),
  ];
  if (problems.length > 0 || byCode.size !== scores.length)
    throw ratingScoresInvalid(problems.join('; ') || 'trùng tiêu chí');
  return withTotal({
    unitId,
    year,
    status: 'draft',
    criteria: rules.criteria.map((c) => {
      const s = byCode.get(c.code)!;
      return {
        code: c.code,
        name: c.name,
        maxPoints: c.maxPoints,
        selfPoints: s.points,
        evidence: s.evidence,
        adjusted: null,
      };
    }),
    total: 0,
    category: null,
    policy: {
      effectiveFrom: policy.effectiveFrom,
      source: policy.source,
      certainty: policy.certainty,
      criteriaSet: rules.criteriaSet,
    },
    operation,
    submittedOn: null,
    reviewedOn: null,
    approved: null,
    version: (before?.version ?? 0) + 1,
  });
}

export function submit(r: Rating, on: string): Rating {
  if (r.status !== 'draft') throw illegalRatingStep(r.status, 'submission');
  return { ...r, status: 'submitted', submittedOn: on, version: r.version + 1 };
}

/** The upper level's review: points changed with a reason each, within each criterion's maximum. */
export function review(
  r: Rating,
  adjustments: readonly { criterion: string; points: number; reason: string }[],
  on: string,
): Rating {
  if (r.status !== 'submitted') throw illegalRatingStep(r.status, 'review');
  const bad = adjustments.filter((a) => {
    const c = r.criteria.find((x) => x.code === a.criterion);
    return !c || a.points > c.maxPoints;
  });
  if (bad.length > 0) throw ratingScoresInvalid(bad.map((a) => `"${a.criterion}"`).join('; '));
  const criteria = r.criteria.map((c) => {
    const a = adjustments.find((x) => x.criterion === c.code);
    return a ? { ...c, adjusted: { points: a.points, reason: a.reason } } : c;
  });
  return withTotal({ ...r, criteria, status: 'reviewed', reviewedOn: on, version: r.version + 1 });
}

/** Approval gives the category from the bands the rating was assessed under (`rules`). */
export function approve(r: Rating, decision: { number: string; date: string }, rules: RatingRules): Rating {
  if (r.status !== 'submitted' && r.status !== 'reviewed') throw illegalRatingStep(r.status, 'approval');
  const category = ratingCategory(
    r.criteria.map((c) => ({ points: counted(c), maxPoints: c.maxPoints })),
    rules.bands,
  );
  return { ...r, status: 'approved', category, approved: decision, version: r.version + 1 };
}
