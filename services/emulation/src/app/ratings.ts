import { dayInVietnam, notFound, type Rating } from '@congdoan/contracts';
import { retryOnConflict } from '@congdoan/ddb';
import { dateOutOfRange, notUpperLevel } from '../domain/errors.ts';
import { approve, operationFor, ratingRules, review, selfAssess, submit } from '../domain/rating.ts';
import type { MovementDeps } from './movement-ports.ts';
import type { NominationDeps } from './nomination-ports.ts';
import { governingCriteria } from './policy.ts';
import type { PolicyDeps } from './policy-ports.ts';
import type { Caller, CallerScope } from './ports.ts';

type Deps = Pick<MovementDeps, 'units'> & Pick<NominationDeps, 'ratings'> & PolicyDeps;

const RATING = { vi: 'bản xếp loại', en: 'rating' };

/** A unit's rating of a year, for a caller in scope of the unit. */
export async function getRating(deps: Deps, caller: CallerScope, unitId: string, year: number): Promise<Rating> {
  await deps.units.assertInScope(caller, unitId);
  const rating = await deps.ratings.get(unitId, year);
  if (!rating) throw notFound(RATING, `${unitId}/${year}`);
  return rating;
}

/** Reads, decides and writes again if another write moved the rating meanwhile. */
function change(
  deps: Deps,
  unitId: string,
  year: number,
  action: string,
  caller: Caller,
  decide: (before: Rating | undefined) => Rating,
) {
  return retryOnConflict(async () => {
    const before = await deps.ratings.get(unitId, year);
    const after = decide(before);
    await deps.ratings.save(before, after, action, caller.write);
    return after;
  });
}

const notAfterToday = (caller: Caller, day: string, year: number) => {
  const today = dayInVietnam(caller.write.now());
  if (day < `${year}-01-01` || day > today) throw dateOutOfRange('date', `${year}-01-01`, today);
};

/**
 * The CĐCS's self-assessment against the criteria of its year: the set its nearest upper level
 * published for the year, else the rating policy's defaults; rewritable until submitted.
 */
export async function assessRating(
  deps: Deps,
  caller: Caller,
  unitId: string,
  year: number,
  scores: readonly { criterion: string; points: number; evidence: string }[],
) {
  await deps.units.assertInScope(caller, unitId);
  const rules = ratingRules(await deps.policy.load(), year, await governingCriteria(deps, unitId, year));
  // Refused before anything is written if the CĐCS had not operated long enough by the year's end.
  const operation = operationFor(rules, year, await deps.units.operationOf(unitId));
  return change(deps, unitId, year, 'self-assess', caller, (before) =>
    selfAssess(before, unitId, year, scores, rules, operation),
  );
}

export async function submitRating(deps: Deps, caller: Caller, unitId: string, year: number, on: string) {
  await deps.units.assertInScope(caller, unitId);
  notAfterToday(caller, on, year);
  return change(deps, unitId, year, 'submit', caller, (r) => submit(required(r, unitId, year), on));
}

/** Review and approval are the upper level's: a caller whose unit lies above the rated one. */
async function assertUpperLevel(deps: Deps, caller: CallerScope, unitId: string) {
  await deps.units.assertInScope(caller, unitId);
  if (caller.unitId === unitId) throw notUpperLevel();
}

export async function reviewRating(
  deps: Deps,
  caller: Caller,
  unitId: string,
  year: number,
  input: { adjustments: readonly { criterion: string; points: number; reason: string }[]; on: string },
) {
  await assertUpperLevel(deps, caller, unitId);
  notAfterToday(caller, input.on, year);
  return change(deps, unitId, year, 'review', caller, (r) =>
    review(required(r, unitId, year), input.adjustments, input.on),
  );
}

export async function approveRating(
  deps: Deps,
  caller: Caller,
  unitId: string,
  year: number,
  decision: { number: string; date: string },
) {
  await assertUpperLevel(deps, caller, unitId);
  notAfterToday(caller, decision.date, year);
  const policy = await deps.policy.load();
  return retryOnConflict(async () => {
    const before = required(await deps.ratings.get(unitId, year), unitId, year);
    // The bands of the criteria it was assessed under: the published set it names, or the defaults.
    const named = before.policy.criteriaSet;
    const rules = ratingRules(policy, year, named ? await deps.ratingCriteria.get(named.unitId, year) : undefined);
    // Checked again: a founding or merger day recorded since the assessment counts.
    const operation = operationFor(rules, year, await deps.units.operationOf(unitId));
    const after = { ...approve(before, decision, rules), operation };
    await deps.ratings.save(before, after, 'approve', caller.write);
    return after;
  });
}

function required(r: Rating | undefined, unitId: string, year: number): Rating {
  if (!r) throw notFound(RATING, `${unitId}/${year}`);
  return r;
}
