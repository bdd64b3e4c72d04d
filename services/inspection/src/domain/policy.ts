import type { DisciplineForm } from '@congdoan/contracts';

/** How sure we are of a rule (DOMAIN.md's certainty column). */
export type Certainty = 'sure' | 'likely' | 'unsure';

/**
 * Inspection's rules that carry a date, as effective-dated policy data with their source and
 * certainty (as finance's and membership's policies are). A computation uses the version in
 * force on the day it concerns: a decision's lapse, the version in force on its date.
 */
export interface InspectionPolicy {
  effectiveFrom: string;
  /** A discipline decision lapses this many months after its date without reoffending. */
  disciplineLapseMonths: number;
  /** The forms that lapse; the others end what they act on (a membership, a unit) and never lapse. */
  lapsingForms: readonly DisciplineForm[];
  source: string;
  certainty: Certainty;
  note?: string;
}

export const INSPECTION_POLICIES: readonly InspectionPolicy[] = [
  {
    effectiveFrom: '2013-01-01',
    disciplineLapseMonths: 12,
    lapsingForms: ['reprimand', 'warning', 'removal-from-office'],
    source: 'Điều lệ Công đoàn Việt Nam (DOMAIN.md, Parameters: discipline lapse, 1 year without reoffending)',
    certainty: 'likely',
    note: 'Expulsion ends the membership and dissolution the unit: nothing remains to lapse.',
  },
];

export function inspectionPolicyOn(
  day: string,
  policies: readonly InspectionPolicy[] = INSPECTION_POLICIES,
): InspectionPolicy {
  const inForce = [...policies]
    .filter((p) => p.effectiveFrom <= day)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const policy = inForce[0];
  if (!policy) throw new Error(`no inspection policy in force on ${day}`);
  return policy;
}
