import {
  type DuesRateResolution,
  type FinanceUnitProfile,
  type FundingType,
  type Month,
  unprocessable,
} from '@congdoan/contracts';
import type { DuesInput, Explained, Policy } from '../policy/types.ts';
import { fundingTypeIn } from '../unit-profile.ts';

export const fundingTypeMissing = (unitId: string) =>
  unprocessable('unit-funding-type-missing', {
    vi: `Đơn vị ${unitId} chưa khai báo loại hình cơ quan (fundingType), nên chưa tính được mức đoàn phí. Hãy cập nhật thông tin cơ quan của đơn vị bên quản lý đoàn viên.`,
    en: `Unit ${unitId} has no funding type on record, so its dues cannot be computed. Set the unit's employing agency in membership.`,
  });

/** What a unit's finance profile holds that a month's dues depend on. */
export type DuesProfile = Pick<FinanceUnitProfile, 'fundingType' | 'fundingHistory' | 'duesRateResolutions'>;

/** A unit's terms for one month's dues, besides the roster and the policy. */
export interface DuesTerms {
  /** The agency's funding type in force on the month's first day. */
  fundingType: FundingType | null;
  /** The CĐCS's resolution setting its rate for the month; null when none does (or the last one ended its rate). */
  resolution: (DuesRateResolution & { rateBp: number }) | null;
}

/** The unit's resolution governing `month`: the latest whose first month is on or before it, or null. */
export function resolutionIn(
  resolutions: readonly DuesRateResolution[] | undefined,
  month: Month,
): DuesRateResolution | null {
  let inForce: DuesRateResolution | null = null;
  for (const r of resolutions ?? []) if (r.effectiveFrom <= month) inForce = r;
  return inForce;
}

/** The terms of `month` from the unit's profile (no profile: no funding type, no resolution). Pure. */
export function duesTermsIn(profile: DuesProfile | null | undefined, month: Month): DuesTerms {
  if (!profile) return { fundingType: null, resolution: null };
  const resolution = resolutionIn(profile.duesRateResolutions, month);
  return {
    fundingType: fundingTypeIn(profile, month),
    resolution: resolution && resolution.rateBp !== null ? { ...resolution, rateBp: resolution.rateBp } : null,
  };
}

/** A funding type alone (the older callers' form) as terms without a resolution. */
export const asTerms = (terms: DuesTerms | FundingType | null): DuesTerms =>
  terms === null || typeof terms === 'string' ? { fundingType: terms, resolution: null } : terms;

/**
 * One member's dues for `month` under the unit's terms: `policy.dues` with the
 * funding type in force and, where a resolution sets the unit's rate, that rate
 * and the resolution (named in the formula and rules; the policy applies it only
 * where allowed and higher). 422 `unit-funding-type-missing` without a funding type.
 */
export function duesUnder(
  policy: Policy,
  unitId: string,
  terms: DuesTerms,
  month: Month,
  duesSalary: number,
): Explained {
  if (!terms.fundingType) throw fundingTypeMissing(unitId);
  const input: DuesInput = { month, fundingType: terms.fundingType, duesSalary };
  if (terms.resolution) {
    input.unitRateBp = terms.resolution.rateBp;
    input.unitRateResolution = {
      resolutionNumber: terms.resolution.resolutionNumber,
      resolutionDate: terms.resolution.resolutionDate,
      effectiveFrom: terms.resolution.effectiveFrom,
    };
  }
  return policy.dues(input);
}
