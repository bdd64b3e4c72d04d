import type { TitleCatalogue } from '@congdoan/contracts';
import { noCatalogue } from '../domain/errors.ts';
import type { EmulationPolicy } from '../domain/policy/policy.ts';
import { effectiveTo, type Sourced } from '../domain/policy/versioned.ts';
import type { PolicyDeps } from './policy-ports.ts';

const sourced = (s: Sourced) => ({ source: s.source, certainty: s.certainty, note: s.note ?? null });

/** The catalogue in force on `day`, with the settings a nomination is checked under that day. */
export function titleCatalogue(policy: EmulationPolicy, day: string): TitleCatalogue {
  const version = policy.catalogueOn(day);
  const rounding = policy.prizeRoundingOn(day);
  const absence = policy.absenceSettingOn(day);
  if (!version || !rounding || !absence) throw noCatalogue(day);
  return {
    on: day,
    version: {
      effectiveFrom: version.effectiveFrom,
      effectiveTo: effectiveTo(policy.versions.catalogue, version),
      ...sourced(version),
    },
    titles: version.titles.map((t) => ({
      code: t.code,
      name: t.name,
      kind: t.kind,
      level: t.level,
      subject: t.subject,
      criteria: {
        ...t.criteria,
        ratingCategories: t.criteria.ratingCategories ? [...t.criteria.ratingCategories] : null,
      },
      cash: t.cash ? { coefficient: t.cash.coefficient, ...sourced(t.cash) } : null,
      council: { quorum: t.council.quorum, threshold: t.council.threshold, ...sourced(t.council) },
      quota: { maxShare: t.quota.maxShare, ...sourced(t.quota) },
      ...sourced(t),
    })),
    prizeRounding: { step: rounding.step, mode: rounding.mode, ...sourced(rounding) },
    absence: {
      maxWorkingDays: absence.maxWorkingDays,
      maternityExcepted: absence.maternityExcepted,
      ...sourced(absence),
    },
  };
}

/** The catalogue in force on `day`, as the policy (defaults and administrators' versions) has it. */
export async function listTitles(deps: PolicyDeps, day: string): Promise<TitleCatalogue> {
  return titleCatalogue(await deps.policy.load(), day);
}
