import type {
  AddEmulationPolicyVersionInput,
  EmulationPolicyParameter,
  EmulationPolicyVersionView,
  PublishRatingCriteriaInput,
  RatingCriteriaSet,
} from '@congdoan/contracts';
import { notFound } from '@congdoan/contracts';
import { notWholeTreeAdmin, ratingCriteriaInvalid } from '../domain/errors.ts';
import { bandProblems, criteriaProblems, rulesDayOfYear } from '../domain/policy/policy.ts';
import { ratingRules } from '../domain/rating.ts';
import type { Units } from './movement-ports.ts';
import type { PolicyDeps, PolicyVersionRecord } from './policy-ports.ts';
import type { Caller, CallerScope } from './ports.ts';

type Deps = PolicyDeps & { units: Units };

/** The day before the next version of the same parameter, or null for the latest. */
function effectiveTo(records: readonly PolicyVersionRecord[], r: PolicyVersionRecord): string | null {
  const next = records
    .filter((x) => x.parameter === r.parameter && x.effectiveFrom > r.effectiveFrom)
    .map((x) => x.effectiveFrom)
    .sort()[0];
  if (!next) return null;
  const day = new Date(`${next}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

const view = (records: readonly PolicyVersionRecord[], r: PolicyVersionRecord): EmulationPolicyVersionView => ({
  ...r,
  effectiveTo: effectiveTo(records, r),
});

/** Every version of emulation's policy, defaults and added, by parameter then day. */
export async function listPolicyVersions(
  deps: Deps,
  parameter: EmulationPolicyParameter | undefined,
): Promise<EmulationPolicyVersionView[]> {
  const records = await deps.policy.list();
  return records
    .filter((r) => !parameter || r.parameter === parameter)
    .sort((a, b) => a.parameter.localeCompare(b.parameter) || a.effectiveFrom.localeCompare(b.effectiveFrom))
    .map((r) => view(records, r));
}

/**
 * Appends an administrator's version. The rules hold for the whole organisation, so only an
 * administrator of the whole tree or of its top unit may (403 otherwise); it takes effect after
 * the parameter's latest version, so a period already governed keeps its rules (409).
 */
export async function addPolicyVersion(
  deps: Deps,
  caller: Caller,
  input: AddEmulationPolicyVersionInput,
): Promise<EmulationPolicyVersionView> {
  if (caller.unitId !== null && (await deps.units.chain(caller.unitId)).length !== 1) throw notWholeTreeAdmin();
  const record = await deps.policy.add(input, caller.write);
  return { ...record, effectiveTo: null };
}

const CRITERIA = { vi: 'bộ tiêu chí xếp loại', en: 'rating criteria set' };

/**
 * An upper level publishes the criteria its CĐCS are rated against for a year, once: the
 * criteria with their maximum points, and the bands (the rating policy's of the year when not given).
 */
export async function publishRatingCriteria(
  deps: Deps,
  caller: Caller,
  unitId: string,
  year: number,
  input: PublishRatingCriteriaInput,
): Promise<RatingCriteriaSet> {
  await deps.units.assertInScope(caller, unitId);
  const defaults = ratingRules(await deps.policy.load(), year, undefined);
  const bands = input.bands ?? defaults.bands;
  const problems = [...criteriaProblems(input.criteria), ...(input.bands ? bandProblems(input.bands) : [])];
  const best = input.criteria.reduce((sum, c) => sum + c.maxPoints, 0);
  if (bands.some((b) => b.minScore > best)) problems.push(`bands: a minimum above the ${best} points available`);
  if (problems.length > 0) throw ratingCriteriaInvalid(problems);
  const set: RatingCriteriaSet = {
    unitId,
    year,
    criteria: input.criteria.map((c) => ({ code: c.code, name: c.name, maxPoints: c.maxPoints })),
    bands: bands.map((b) => ({ category: b.category, minScore: b.minScore, minShareOfEach: b.minShareOfEach })),
    bandsSource: input.bands
      ? `${input.document.number} (${input.document.date})`
      : `${defaults.policy.source} (${rulesDayOfYear(year)})`,
    document: input.document,
    publishedBy: caller.write.actor.id,
    publishedAt: caller.write.now().toISOString(),
  };
  await deps.ratingCriteria.publish(set, caller.write);
  return set;
}

/** The set a unit published for a year: to its subtree (whom it governs) and the levels above. */
export async function getRatingCriteria(
  deps: Deps,
  caller: CallerScope,
  unitId: string,
  year: number,
): Promise<RatingCriteriaSet> {
  if (caller.unitId === null || !(await deps.units.isWithin(unitId, caller.unitId)))
    await deps.units.assertInScope(caller, unitId);
  const set = await deps.ratingCriteria.get(unitId, year);
  if (!set) throw notFound(CRITERIA, `${unitId}/${year}`);
  return set;
}

/**
 * The set governing a unit's ratings of a year: the one published by the nearest unit above it,
 * or none (the policy's defaults). One read per level of its chain.
 */
export async function governingCriteria(
  deps: Deps,
  unitId: string,
  year: number,
): Promise<RatingCriteriaSet | undefined> {
  const above = (await deps.units.chain(unitId)).slice(1);
  const sets = await Promise.all(above.map((u) => deps.ratingCriteria.get(u, year)));
  return sets.find((s) => s !== undefined);
}
