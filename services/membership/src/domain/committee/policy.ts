import type { OfficerPosition, UnitLevel } from '@congdoan/contracts';

/**
 * How many people may hold a position of one unit's committee at once, as
 * effective-dated policy data with its source. A check uses the version in force
 * on the appointment's first day.
 */
export interface CommitteePolicy {
  effectiveFrom: string;
  /** Positions with one holder at a time; a position not listed has no limit here. */
  singleHolder: readonly OfficerPosition[];
  /** Most members of the inspection committee (UBKT), by the unit's level; a level not listed has no limit here. */
  inspectionMembersMax: Partial<Record<UnitLevel, number>>;
  source: string;
  /** DOMAIN.md's certainty column. */
  certainty: 'sure' | 'likely' | 'unsure';
}

export const COMMITTEE_POLICIES: readonly CommitteePolicy[] = [
  {
    effectiveFrom: '2013-01-01',
    // A unit has one chair, one women’s-affairs lead, one account holder and one
    // treasurer; it may have several vice-chairs, committee members and accountants.
    singleHolder: ['chair', 'womens-affairs-lead', 'account-holder', 'treasurer'],
    // UBKT: at most 7 members at a CĐCS, 9 at the upper level. Sections and groups
    // elect no UBKT of their own; the CĐCS figure is the safe bound for them.
    inspectionMembersMax: { grassroots: 7, section: 7, group: 7, upper: 9 },
    source: 'Điều lệ Công đoàn Việt Nam (DOMAIN.md, Parameters: UBKT at a CĐCS)',
    certainty: 'likely',
  },
];

export function committeePolicyOn(
  day: string,
  policies: readonly CommitteePolicy[] = COMMITTEE_POLICIES,
): CommitteePolicy {
  const inForce = [...policies]
    .filter((p) => p.effectiveFrom <= day)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  // Before the first version, the first version's rules are the best we know.
  const policy = inForce[0] ?? [...policies].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  if (!policy) throw new Error('no committee policy');
  return policy;
}

/** How many may hold `position` at once in a unit of `level`; null: no limit. */
export function seatLimit(policy: CommitteePolicy, position: OfficerPosition, level: UnitLevel): number | null {
  if (policy.singleHolder.includes(position)) return 1;
  if (position === 'inspection-member') return policy.inspectionMembersMax[level] ?? null;
  return null;
}
