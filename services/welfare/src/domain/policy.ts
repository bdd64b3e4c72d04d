import type { FundCapOverride, FundKind, SupportCaseType } from '@congdoan/contracts';

/** How sure we are of a rule (DOMAIN.md's certainty column). */
export type Certainty = 'sure' | 'likely' | 'unsure';

/** A figure of policy with where it comes from: null is "no cap" (none known). */
export interface PolicyFigure {
  amount: number | null;
  source: string;
  certainty: Certainty;
}

/** What each kind of fund is, and the account of finance's chart its movements post to. */
export interface FundKindPolicy {
  kind: FundKind;
  name: { vi: string; en: string };
  /** The fund's account (353x) in finance's chart (`docs/finance-ledger.md`, "Fund accounts"). */
  account: string;
  source: string;
  certainty: Certainty;
}

const CHART_SOURCE =
  'finance’s chart (docs/finance-ledger.md, Fund accounts): the product’s codes, after TT 107/2017/TT-BTC class 353';

export const FUND_KIND_POLICIES: Record<FundKind, FundKindPolicy> = {
  housing: {
    kind: 'housing',
    name: { vi: 'Quỹ "Mái ấm Công đoàn"', en: '"Mái ấm Công đoàn" housing fund' },
    account: '3531',
    source: CHART_SOURCE,
    certainty: 'unsure',
  },
  hardship: {
    kind: 'hardship',
    name: { vi: 'Quỹ xã hội, hỗ trợ đoàn viên khó khăn', en: 'Social or hardship fund' },
    account: '3532',
    source: CHART_SOURCE,
    certainty: 'unsure',
  },
  visits: {
    kind: 'visits',
    name: { vi: 'Quỹ thăm hỏi', en: 'Visits fund' },
    account: '3533',
    source: CHART_SOURCE,
    certainty: 'unsure',
  },
  tet: {
    kind: 'tet',
    name: { vi: 'Quỹ chăm lo Tết', en: 'Tết fund' },
    account: '3534',
    source: CHART_SOURCE,
    certainty: 'unsure',
  },
  'womens-savings': {
    kind: 'womens-savings',
    name: { vi: 'Quỹ tiết kiệm phụ nữ', en: 'Women’s savings fund' },
    account: '3535',
    source: CHART_SOURCE,
    certainty: 'unsure',
  },
};

/**
 * A support-case type's caps over a span of days: per occasion (one grant) and per member per
 * year (the member's total of the type in a calendar year). Effective-dated; a fund may replace
 * either figure with its own (`FundCapOverride`).
 */
export interface CapPolicy {
  caseType: SupportCaseType;
  effectiveFrom: string;
  /** The last day it applies; null while in force. */
  effectiveTo: string | null;
  perOccasion: PolicyFigure;
  perMemberYear: PolicyFigure;
  note?: string;
}

const NOT_FOUND: PolicyFigure = {
  amount: null,
  source:
    'not found (DOMAIN.md, Parameters: support caps per member per year): a parameter of each fund, no default cap',
  certainty: 'unsure',
};

const noCap = (caseType: SupportCaseType): CapPolicy => ({
  caseType,
  effectiveFrom: '2000-01-01',
  effectiveTo: null,
  perOccasion: NOT_FOUND,
  perMemberYear: NOT_FOUND,
});

/** The caps known (DOMAIN.md, Parameters: Tết 2026, hardship support per occasion); everything else has none. */
export const CAP_POLICIES: readonly CapPolicy[] = [
  noCap('illness'),
  noCap('serious-illness'),
  noCap('accident'),
  noCap('sudden-hardship'),
  {
    caseType: 'sudden-hardship',
    effectiveFrom: '2024-08-01',
    effectiveTo: null,
    perOccasion: {
      amount: 2_000_000,
      source:
        'QĐ 1411/QĐ-TLĐ, as applied by Công đoàn Y tế: up to 2,000,000 per person per time (an example sector cap)',
      certainty: 'likely',
    },
    perMemberYear: NOT_FOUND,
    note: 'People already supported by another programme are excluded (QĐ 1411); not checked yet.',
  },
  noCap('housing'),
  noCap('tet'),
  {
    caseType: 'tet',
    // Tết Bính Ngọ falls on 17/2/2026; the plan's gifts are given in the weeks around it. The span is ours.
    effectiveFrom: '2025-12-01',
    effectiveTo: '2026-03-31',
    perOccasion: {
      amount: 1_300_000,
      source: 'Kế hoạch 34/KH-TLĐ: 1,300,000 per person for Tết 2026 (1,000,000 cash + 300,000 in kind)',
      certainty: 'sure',
    },
    perMemberYear: {
      amount: 1_300_000,
      source: 'Kế hoạch 34/KH-TLĐ gives one Tết gift per person; one a year is our reading',
      certainty: 'likely',
    },
  },
  noCap('bereavement'),
];

/** The cap rule of a type in force on `day` (the latest that started on or before it and has not ended). */
export function capPolicyOn(
  caseType: SupportCaseType,
  day: string,
  policies: readonly CapPolicy[] = CAP_POLICIES,
): CapPolicy {
  const inForce = policies
    .filter(
      (p) => p.caseType === caseType && p.effectiveFrom <= day && (p.effectiveTo === null || day <= p.effectiveTo),
    )
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const policy = inForce[0];
  if (!policy) throw new Error(`no cap policy for ${caseType} on ${day}`);
  return policy;
}

export interface AppliedCaps {
  perOccasion: PolicyFigure;
  perMemberYear: PolicyFigure;
}

const fundSetting = (amount: number | null): PolicyFigure => ({
  amount,
  source: 'the fund’s own setting',
  certainty: 'sure',
});

/** A fund's caps for a type on a day: the fund's setting where it has one, else policy. */
export function capsFor(
  fundCaps: Partial<Record<SupportCaseType, FundCapOverride>>,
  caseType: SupportCaseType,
  day: string,
): AppliedCaps {
  const policy = capPolicyOn(caseType, day);
  const own = fundCaps[caseType];
  return {
    perOccasion: own?.perOccasion !== undefined ? fundSetting(own.perOccasion) : policy.perOccasion,
    perMemberYear: own?.perMemberYear !== undefined ? fundSetting(own.perMemberYear) : policy.perMemberYear,
  };
}
