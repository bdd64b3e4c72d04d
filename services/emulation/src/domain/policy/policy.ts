import type { AddEmulationPolicyVersionInput, EmulationPolicyParameter } from '@congdoan/contracts';
import { CATALOGUE_VERSIONS, type CatalogueVersion, type TitleDefinition } from './catalogue.ts';
import {
  ABSENCE_SETTINGS,
  type AbsenceSetting,
  INITIATIVE_THRESHOLDS,
  type InitiativeThresholds,
  PRIZE_ROUNDING,
  type PrizeRounding,
  RATING_POLICIES,
  type RatingBand,
  type RatingPolicy,
} from './settings.ts';
import { inForceOn, type Versioned } from './versioned.ts';

/** Every version of each of emulation's policy parameters, oldest first. */
export interface EmulationPolicyVersions {
  catalogue: readonly CatalogueVersion[];
  'prize-rounding': readonly PrizeRounding[];
  absence: readonly AbsenceSetting[];
  rating: readonly RatingPolicy[];
  'initiative-thresholds': readonly InitiativeThresholds[];
}

/** The versions shipped with the product (DOMAIN.md): an administrator's versions follow them. */
export const DEFAULT_EMULATION_POLICY: EmulationPolicyVersions = {
  catalogue: CATALOGUE_VERSIONS,
  'prize-rounding': PRIZE_ROUNDING,
  absence: ABSENCE_SETTINGS,
  rating: RATING_POLICIES,
  'initiative-thresholds': INITIATIVE_THRESHOLDS,
};

/**
 * The day whose rules decide what a year's achievements must be: its last day. A nomination
 * for 2024 is judged under the catalogue and settings in force on 31/12/2024, whenever checked.
 */
export const rulesDayOfYear = (year: number) => `${year}-12-31`;

/**
 * Emulation's policy as every computation reads it (eligibility, prizes, quotas, the council,
 * ratings, initiatives): the version of each parameter in force on a day.
 */
export interface EmulationPolicy {
  readonly versions: EmulationPolicyVersions;
  catalogueOn(day: string): CatalogueVersion | undefined;
  titleOn(code: string, day: string): TitleDefinition | undefined;
  /** Whether any catalogue version, past or present, has the title. */
  knowsTitle(code: string): boolean;
  /** The first catalogue: what awards decided before any catalogue are checked against. */
  firstCatalogue(): CatalogueVersion | undefined;
  prizeRoundingOn(day: string): PrizeRounding | undefined;
  absenceSettingOn(day: string): AbsenceSetting | undefined;
  ratingPolicyOn(day: string): RatingPolicy | undefined;
  initiativeThresholdsOn(day: string): InitiativeThresholds | undefined;
}

export function createEmulationPolicy(versions: EmulationPolicyVersions = DEFAULT_EMULATION_POLICY): EmulationPolicy {
  const catalogueOn = (day: string) => inForceOn(versions.catalogue, day);
  return {
    versions,
    catalogueOn,
    titleOn: (code, day) => catalogueOn(day)?.titles.find((t) => t.code === code),
    knowsTitle: (code) => versions.catalogue.some((v) => v.titles.some((t) => t.code === code)),
    firstCatalogue: () => [...versions.catalogue].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0],
    prizeRoundingOn: (day) => inForceOn(versions['prize-rounding'], day),
    absenceSettingOn: (day) => inForceOn(versions.absence, day),
    ratingPolicyOn: (day) => inForceOn(versions.rating, day),
    initiativeThresholdsOn: (day) => inForceOn(versions['initiative-thresholds'], day),
  };
}

/** An administrator's version as a version of its parameter: the value's fields with its day and source. */
export function asVersion(input: AddEmulationPolicyVersionInput): Versioned & Record<string, unknown> {
  return {
    ...input.value,
    effectiveFrom: input.effectiveFrom,
    source: input.source,
    certainty: input.certainty,
    note: input.note ?? null,
  };
}

/** The defaults followed by the versions administrators added, each parameter by day. */
export function mergeVersions(
  defaults: EmulationPolicyVersions,
  added: readonly AddEmulationPolicyVersionInput[],
): EmulationPolicyVersions {
  const merged: Record<EmulationPolicyParameter, Versioned[]> = {
    catalogue: [...defaults.catalogue],
    'prize-rounding': [...defaults['prize-rounding']],
    absence: [...defaults.absence],
    rating: [...defaults.rating],
    'initiative-thresholds': [...defaults['initiative-thresholds']],
  };
  for (const input of added) merged[input.parameter].push(asVersion(input));
  for (const list of Object.values(merged)) list.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  // Each added value was parsed by its parameter's schema, the shape of that parameter's versions.
  return merged as unknown as EmulationPolicyVersions;
}

/** The latest first day among a parameter's versions. */
export const latestFrom = (versions: EmulationPolicyVersions, parameter: EmulationPolicyParameter) =>
  (versions[parameter] as readonly Versioned[]).reduce<string | undefined>(
    (latest, v) => (!latest || v.effectiveFrom > latest ? v.effectiveFrom : latest),
    undefined,
  );

/** What is wrong with the bands of a rating: every total must fall in exactly one, best first. */
export function bandProblems(bands: readonly RatingBand[]): string[] {
  const problems: string[] = [];
  if (new Set(bands.map((b) => b.category)).size !== bands.length) problems.push('bands: a category twice');
  for (let i = 1; i < bands.length; i++)
    if (bands[i]!.minScore >= bands[i - 1]!.minScore) problems.push('bands: minScore must fall from best to worst');
  if (bands.at(-1)?.minScore !== 0) problems.push('bands: the last band must start at 0');
  return problems;
}

/** What is wrong with a rating's criteria: codes once each. */
export function criteriaProblems(criteria: readonly { code: string }[]): string[] {
  return new Set(criteria.map((c) => c.code)).size === criteria.length ? [] : ['criteria: a code twice'];
}

/** The checks a version's value needs beyond its shape; each problem in words. */
export function versionProblems(input: AddEmulationPolicyVersionInput): string[] {
  switch (input.parameter) {
    case 'catalogue': {
      const codes = input.value.titles.map((t) => t.code);
      const problems = new Set(codes).size === codes.length ? [] : ['titles: a code twice'];
      for (const t of input.value.titles) {
        const chained = t.criteria.consecutive?.titleCode;
        if (chained && !codes.includes(chained))
          problems.push(`titles: "${t.code}" chains "${chained}", not in this catalogue`);
      }
      return problems;
    }
    case 'rating':
      return [...criteriaProblems(input.value.criteria), ...bandProblems(input.value.bands)];
    default:
      return [];
  }
}
