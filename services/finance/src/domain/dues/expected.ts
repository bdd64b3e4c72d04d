import type { FundingType, Month } from '@congdoan/contracts';
import type { Policy } from '../policy/types.ts';
import type { RosterOwing } from '../roster/roster.ts';
import { asTerms, type DuesTerms, duesUnder, fundingTypeMissing } from './terms.ts';
import type { OwingMember } from './types.ts';

export { fundingTypeMissing } from './terms.ts';

/**
 * Dues for a unit and month: roster × policy. Each owing member's amount is
 * `policy.dues` on the salary the month rule picked, under the unit's terms for
 * the month (`duesTermsIn`: the funding type in force on its first day and the
 * CĐCS's resolution rate, if any): rate × salary, capped at the cap × lương cơ sở
 * of the month, rounded to the nearest đồng, half up; the formula and rules come
 * with it. A bare funding type is terms without a resolution.
 */
export function expectedDues(
  policy: Policy,
  unitId: string,
  terms: DuesTerms | FundingType | null,
  month: Month,
  owing: readonly RosterOwing[],
): OwingMember[] {
  if (owing.length === 0) return [];
  const t = asTerms(terms);
  if (!t.fundingType) throw fundingTypeMissing(unitId);
  return owing.map((o) => ({
    memberId: o.memberId,
    fullName: o.fullName,
    duesSalary: o.duesSalary,
    basis: o.basis,
    expected: duesUnder(policy, unitId, t, month, o.duesSalary),
  }));
}
