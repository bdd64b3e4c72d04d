/** How sure we are of a rule (DOMAIN.md's certainty column). */
export type Certainty = 'sure' | 'likely' | 'unsure';

/** Where a rule comes from and how sure we are of it: every policy value carries both. */
export interface Sourced {
  source: string;
  certainty: Certainty;
  note?: string | null;
}

/** A version of a policy: in force from `effectiveFrom` until the next version's `effectiveFrom`. */
export interface Versioned extends Sourced {
  effectiveFrom: string;
}

/**
 * The version in force on `day` (`YYYY-MM-DD`): the latest whose `effectiveFrom` is not after
 * it; undefined before the first. A computation for a past day uses the version of that day.
 */
export function inForceOn<V extends Versioned>(versions: readonly V[], day: string): V | undefined {
  let found: V | undefined;
  for (const v of versions) if (v.effectiveFrom <= day && (!found || v.effectiveFrom > found.effectiveFrom)) found = v;
  return found;
}

/** The day before the next version starts, or null for the latest: what an API shows as "in force until". */
export function effectiveTo<V extends Versioned>(versions: readonly V[], version: V): string | null {
  const next = versions
    .map((v) => v.effectiveFrom)
    .filter((d) => d > version.effectiveFrom)
    .sort()[0];
  if (!next) return null;
  const day = new Date(`${next}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
