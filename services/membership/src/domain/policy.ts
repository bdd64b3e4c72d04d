/**
 * Membership rules that carry a date, as effective-dated policy data with their
 * source. A computation uses the version in force on the day it concerns.
 */
export interface MembershipPolicy {
  effectiveFrom: string;
  /** Months that must pass between an exit and a re-admission. */
  readmitAfterMonths: number;
  source: string;
}

export const MEMBERSHIP_POLICIES: readonly MembershipPolicy[] = [
  {
    effectiveFrom: '2013-01-01',
    readmitAfterMonths: 3,
    source: 'Hướng dẫn thi hành Điều lệ Công đoàn Việt Nam (DOMAIN.md: re-admission after 3 months)',
  },
];

export function membershipPolicyOn(
  day: string,
  policies: readonly MembershipPolicy[] = MEMBERSHIP_POLICIES,
): MembershipPolicy {
  const inForce = [...policies]
    .filter((p) => p.effectiveFrom <= day)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const policy = inForce[0];
  if (!policy) throw new Error(`no membership policy in force on ${day}`);
  return policy;
}
