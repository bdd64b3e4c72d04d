import {
  addMonths,
  conflict,
  type DuesRateResolution,
  type DuesRateResolutionInput,
  type DuesRateResolutionList,
  type FundingType,
  type Month,
  unprocessable,
} from '@congdoan/contracts';
import { formatPercent } from '../policy/policy.ts';
import type { Policy } from '../policy/types.ts';
import { fundingTypeMissing } from './terms.ts';

/**
 * The rules of a CĐCS's own dues rate by resolution (nghị quyết), which the
 * policy allows from 1/7/2025 (`dues-unit-rate-allowed`, QĐ 61/QĐ-TLĐ):
 *
 * - only a grassroots union (CĐCS) passes one;
 * - the resolution's day is a real day, not after today (Vietnam);
 * - append-only: its first month is after the first month of the unit's latest
 *   resolution (409 otherwise), so none is slipped in before another;
 * - a rate governs from its first month until the next resolution; `rateBp: null`
 *   ends the rate in force (there must be one);
 * - a rate needs the policy to allow a CĐCS's own rate in its first month, for the
 *   funding type in force then, and must be above the policy's rate for that month.
 *   In later months the policy still applies it only where allowed and higher.
 *
 * Every refusal is in Vietnamese and English and names the rule.
 */
export function assertRateResolution(input: {
  unit: { unitId: string; name: string; level: string };
  existing: readonly DuesRateResolution[];
  resolution: DuesRateResolutionInput;
  /** The funding type in force on the first day of `resolution.effectiveFrom`. */
  fundingType: FundingType | null;
  /** Today in Vietnam. */
  today: string;
  policy: Policy;
}): void {
  const { unit, existing, resolution, fundingType, today, policy } = input;
  const month = resolution.effectiveFrom as Month;
  if (unit.level !== 'grassroots') {
    throw unprocessable('dues-rate-resolution-not-grassroots', {
      vi: `Đơn vị "${unit.name}" không phải công đoàn cơ sở: chỉ công đoàn cơ sở quy định mức đoàn phí riêng bằng nghị quyết.`,
      en: `Unit "${unit.name}" is not a grassroots union: only a grassroots union sets its own dues rate by resolution.`,
    });
  }
  if (resolution.resolutionDate > today) {
    throw unprocessable('resolution-date-in-future', {
      vi: `Ngày nghị quyết ${resolution.resolutionDate} sau ngày hôm nay (${today}).`,
      en: `The resolution date ${resolution.resolutionDate} is after today (${today}).`,
    });
  }
  const latest = existing.at(-1);
  if (latest && month <= latest.effectiveFrom) {
    throw conflict('dues-rate-resolution-not-after-latest', {
      vi: `Nghị quyết mới phải áp dụng từ sau tháng ${latest.effectiveFrom} (tháng đầu của nghị quyết ${latest.resolutionNumber}, nghị quyết gần nhất của đơn vị): không chen nghị quyết vào trước nghị quyết đã có.`,
      en: `A new resolution must start after ${latest.effectiveFrom}, the first month of resolution ${latest.resolutionNumber}, the unit's latest: no resolution is slipped in before another.`,
    });
  }
  if (resolution.rateBp === null) {
    if (!latest || latest.rateBp === null) {
      throw unprocessable('no-dues-rate-resolution-to-end', {
        vi: 'Đơn vị không có mức đoàn phí theo nghị quyết nào đang áp dụng để chấm dứt (rateBp: null).',
        en: 'The unit has no dues rate by resolution in force to end (rateBp: null).',
      });
    }
    return;
  }
  if (!fundingType) throw fundingTypeMissing(unit.unitId);
  const rate = policy.duesRate(month, fundingType);
  if (!rate.unitRateAllowed) {
    const rule = rate.unitRateRule;
    const first = firstAllowedMonth(policy, month, fundingType);
    throw unprocessable('unit-dues-rate-not-allowed', {
      vi: `Tháng ${month} (${fundingType}), chính sách chưa cho phép công đoàn cơ sở quy định mức đoàn phí riêng: quy định ${rule.versionId} (${rule.source}).${first ? ` Sớm nhất từ tháng ${first}.` : ''}`,
      en: `In ${month} (${fundingType}) the policy does not allow a grassroots union its own dues rate: rule ${rule.versionId} (${rule.source}).${first ? ` The earliest first month is ${first}.` : ''}`,
    });
  }
  if (resolution.rateBp <= rate.rateBp) {
    const rule = rate.rule;
    throw unprocessable('unit-dues-rate-not-higher', {
      vi: `Mức ${formatPercent(resolution.rateBp)} không cao hơn mức đoàn phí theo chính sách tháng ${month} (${fundingType}): ${formatPercent(rate.rateBp)}, quy định ${rule.versionId} (${rule.source}). Nghị quyết chỉ được quy định mức cao hơn.`,
      en: `A rate of ${formatPercent(resolution.rateBp)} is not above the policy's dues rate for ${month} (${fundingType}): ${formatPercent(rate.rateBp)}, rule ${rule.versionId} (${rule.source}). A resolution may only set a higher rate.`,
    });
  }
}

/** Months searched ahead for the first one allowing a CĐCS's own rate: beyond any policy horizon. */
const ALLOWED_SEARCH_MONTHS = 240;

/** The first month after `month` in which the policy allows a CĐCS's own rate for `fundingType`, if any within 20 years. */
function firstAllowedMonth(policy: Policy, month: Month, fundingType: FundingType): Month | null {
  for (let n = 1; n <= ALLOWED_SEARCH_MONTHS; n++) {
    const candidate = addMonths(month, n);
    if (policy.duesRate(candidate, fundingType).unitRateAllowed) return candidate;
  }
  return null;
}

/** The unit's resolutions, oldest first, each with the last month it governs (null while it still does). */
export function rateResolutionList(unitId: string, resolutions: readonly DuesRateResolution[]): DuesRateResolutionList {
  return {
    unitId,
    items: resolutions.map((r, i) => {
      const next = resolutions[i + 1];
      return { ...r, effectiveUntil: next ? addMonths(next.effectiveFrom as Month, -1) : null };
    }),
  };
}
