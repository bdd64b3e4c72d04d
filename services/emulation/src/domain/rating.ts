import type { Rating } from '@congdoan/contracts';
import { illegalRatingStep, noRatingPolicy, ratingScoresInvalid } from './errors.ts';
import { type RatingPolicy, ratingCategory, ratingPolicyOn } from './policy/settings.ts';

/** The policy a year is rated under: the one in force on its last day. */
export function ratingPolicyFor(year: number): RatingPolicy {
  const policy = ratingPolicyOn(`${year}-12-31`);
  if (!policy) throw noRatingPolicy(year);
  return policy;
}

const counted = (c: Rating['criteria'][number]) => c.adjusted?.points ?? c.selfPoints;
const withTotal = (r: Rating): Rating => ({ ...r, total: r.criteria.reduce((s, c) => s + counted(c), 0) });

/** The CĐCS's self-assessment: every criterion of the policy once, within its maximum. Rewritable while a draft. */
export function selfAssess(
  before: Rating | undefined,
  unitId: string,
  year: number,
  scores: readonly { criterion: string; points: number; evidence: string }[],
): Rating {
  if (before && before.status !== 'draft') throw illegalRatingStep(before.status, 'self-assessment');
  const policy = ratingPolicyFor(year);
  const byCode = new Map(scores.map((s) => [s.criterion, s]));
  const problems = [
    ...policy.criteria.filter((c) => !byCode.has(c.code)).map((c) => `thiếu "${c.code}"`),
    ...scores
      .filter((s) => !policy.criteria.some((c) => c.code === s.criterion))
      .map((s) => `"${s.criterion}" không có`),
    ...scores
      .filter(
        (s) => s.points > (policy.criteria.find((c) => c.code === s.criterion)?.maxPoints ?? Number.POSITIVE_INFINITY),
      )
      .map((s) => `"${s.criterion}" vượt điểm tối đa`),
  ];
  if (problems.length > 0 || byCode.size !== scores.length)
    throw ratingScoresInvalid(problems.join('; ') || 'trùng tiêu chí');
  return withTotal({
    unitId,
    year,
    status: 'draft',
    criteria: policy.criteria.map((c) => {
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
    policy: { effectiveFrom: policy.effectiveFrom, source: policy.source, certainty: policy.certainty },
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

/** Approval gives the category from the bands of the policy the year is rated under. */
export function approve(r: Rating, decision: { number: string; date: string }): Rating {
  if (r.status !== 'submitted' && r.status !== 'reviewed') throw illegalRatingStep(r.status, 'approval');
  const policy = ratingPolicyFor(r.year);
  const category = ratingCategory(
    r.criteria.map((c) => ({ points: counted(c), maxPoints: c.maxPoints })),
    policy.bands,
  );
  return { ...r, status: 'approved', category, approved: decision, version: r.version + 1 };
}
