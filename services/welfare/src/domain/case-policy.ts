import type { SupportCaseType, UnitLevel } from '@congdoan/contracts';
import type { Certainty } from './policy.ts';

/**
 * Support cases' policy data (issue 12, item 3), effective-dated, each with its source and
 * certainty: approval limits by level, the document checklist of each type, and the rules of
 * eligibility and duplicates. DOMAIN.md knows none of these figures ("approval limits rise with
 * the approving level"): they are the product's defaults, to be replaced by the province's own.
 */

/** Where a rule's figures come from when no regulation gives them. */
const OURS = 'the product’s default: no figure found (DOMAIN.md, Welfare: approval limits rise with the level)';

/** The levels that approve, lowest first; a level not listed (a section, a group) approves nothing. */
export const APPROVING_LEVELS = ['grassroots', 'upper', 'province', 'national'] as const;
export type ApprovingLevel = (typeof APPROVING_LEVELS)[number];

export const LEVEL_NAMES: Record<ApprovingLevel, { vi: string; en: string }> = {
  grassroots: { vi: 'Chủ tịch công đoàn cơ sở', en: 'the CĐCS chair' },
  upper: { vi: 'Ban Thường vụ công đoàn cấp trên trực tiếp cơ sở', en: 'the upper level’s standing committee' },
  province: { vi: 'Liên đoàn Lao động tỉnh', en: 'the provincial federation' },
  national: { vi: 'Tổng Liên đoàn', en: 'the national confederation' },
};

export interface ApprovalLimits {
  effectiveFrom: string;
  effectiveTo: string | null;
  /** The most each level approves, whole đồng; null is no limit. */
  limits: Record<ApprovingLevel, number | null>;
  source: string;
  certainty: Certainty;
}

export const APPROVAL_LIMITS: readonly ApprovalLimits[] = [
  {
    effectiveFrom: '2000-01-01',
    effectiveTo: null,
    limits: { grassroots: 5_000_000, upper: 30_000_000, province: null, national: null },
    source: OURS,
    certainty: 'unsure',
  },
];

export interface CaseRules {
  effectiveFrom: string;
  effectiveTo: string | null;
  /** Cases of one member and type whose incidents lie within this many days of each other are possible duplicates. */
  duplicateWindowDays: number;
  /** The most months in arrears a beneficiary may have (0: dues paid up). */
  maxMonthsInArrears: number;
  /** Whether a member beyond it may still be supported, with a recorded reason. */
  arrearsAllowedWithReason: boolean;
  /** The documents the welfare desk must see before verifying, per type. */
  checklists: Record<SupportCaseType, readonly string[]>;
  source: string;
  certainty: Certainty;
}

export const CASE_RULES: readonly CaseRules[] = [
  {
    effectiveFrom: '2000-01-01',
    effectiveTo: null,
    duplicateWindowDays: 60,
    maxMonthsInArrears: 0,
    arrearsAllowedWithReason: true,
    checklists: {
      illness: ['application', 'hospital-papers'],
      'serious-illness': ['application', 'hospital-papers', 'diagnosis'],
      accident: ['application', 'hospital-papers', 'accident-report'],
      'sudden-hardship': ['application', 'local-confirmation'],
      housing: ['application', 'local-confirmation', 'housing-estimate'],
      tet: ['application'],
      bereavement: ['application', 'death-certificate'],
    },
    source: `${OURS}; eligibility (an active member with dues paid up) is DOMAIN.md’s`,
    certainty: 'unsure',
  },
];

/** The entry of an effective-dated table in force on `day` (the latest started on or before it, not ended). */
export function inForce<T extends { effectiveFrom: string; effectiveTo: string | null }>(
  table: readonly T[],
  day: string,
  what: string,
): T {
  const found = table
    .filter((t) => t.effectiveFrom <= day && (t.effectiveTo === null || day <= t.effectiveTo))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  if (!found) throw new Error(`no ${what} in force on ${day}`);
  return found;
}

export const isApprovingLevel = (level: UnitLevel): level is ApprovingLevel =>
  (APPROVING_LEVELS as readonly string[]).includes(level);

/**
 * Whether an approver at `level` may approve `amount` from a fund owned at `fundLevel`: at or
 * above the fund's level, and within the level's limit. Otherwise the lowest level that may
 * (`needed`). The caller of the whole tree (no unit) approves as the province.
 */
export function approvalCheck(
  limits: ApprovalLimits,
  level: UnitLevel,
  fundLevel: UnitLevel,
  amount: number,
): { allowed: true; limit: number | null } | { allowed: false; needed: ApprovingLevel; limit: number | null } {
  const rank = (l: UnitLevel) => (isApprovingLevel(l) ? APPROVING_LEVELS.indexOf(l) : -1);
  const floor = Math.max(0, rank(fundLevel));
  const fits = (l: ApprovingLevel) => {
    const limit = limits.limits[l];
    return limit === null || amount <= limit;
  };
  const needed = APPROVING_LEVELS.find((l, i) => i >= floor && fits(l)) ?? 'national';
  const own = isApprovingLevel(level) ? limits.limits[level] : 0;
  if (rank(level) >= rank(needed) && rank(level) >= 0) return { allowed: true, limit: own };
  return { allowed: false, needed, limit: own };
}
