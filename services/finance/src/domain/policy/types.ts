import type { AddPolicyVersionInput, FundingType, Month, PolicyParameter } from '@congdoan/contracts';

export type { DuesBasis, PolicyParameter, PolicyValue } from '@congdoan/contracts';

/**
 * The shape every finance computation sees of the policy: effective-dated rules
 * (DOMAIN.md, Parameters), each version naming its source document. Nothing in
 * finance hard-codes a rate, cap, split or deadline; it asks a `Policy`.
 *
 * Implemented in `./policy.ts` (the pure resolver over a list of versions) and
 * loaded with the admin's added versions by `../../adapters/policy-store.ts`.
 */

export const CERTAINTIES = ['sure', 'likely', 'unsure'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

/** Which version of which rule produced a figure. */
export interface RuleRef {
  parameter: string;
  /** Stable id of the version, e.g. `dues-rate@2025-07-01#self-funded`. */
  versionId: string;
  effectiveFrom: string;
  /** The source document, e.g. `QĐ 1908/QĐ-TLĐ (2016)`. */
  source: string;
  certainty: Certainty;
}

/** An amount in whole đồng, with how it was computed and the rules that produced it. */
export interface Explained {
  amount: number;
  /** Human-readable, e.g. `1% × 5.200.000 = 52.000 (QĐ 1908/QĐ-TLĐ)`. */
  formula: string;
  rules: RuleRef[];
}

export interface DuesInput {
  month: Month;
  fundingType: FundingType;
  /** The member's dues salary in đồng (social-insurance salary, or take-home pay for state-owned enterprises). */
  duesSalary: number;
  /** A rate the CĐCS set by resolution, in basis points, where the policy allows it. */
  unitRateBp?: number | null;
  /**
   * The resolution that set `unitRateBp`: named in the formula where its rate applies
   * (`1,5% × 5.200.000 = 78.000 (Nghị quyết 05/NQ-CĐCS, QĐ 61/QĐ-TLĐ (29/7/2025))`)
   * and listed in the rules. Without it the formula says `nghị quyết CĐCS`.
   */
  unitRateResolution?: UnitRateResolution | null;
}

/** Which CĐCS resolution set a unit's dues rate. */
export interface UnitRateResolution {
  /** e.g. `05/NQ-CĐCS`. */
  resolutionNumber: string;
  /** The day it was passed, `YYYY-MM-DD`. */
  resolutionDate: string;
  /** The first month it governs, `YYYY-MM`. */
  effectiveFrom: string;
}

/** The dues rate of a month for a funding type, and whether a CĐCS may set a higher one. */
export interface DuesRate {
  rateBp: number;
  rule: RuleRef;
  /** `dues-unit-rate-allowed` in force that month for that funding type. */
  unitRateAllowed: boolean;
  unitRateRule: RuleRef;
}

export interface Split {
  /** The CĐCS keeps this. */
  grassroots: Explained;
  /** Remitted (dues) or kept (levy) by the upper level. */
  upper: Explained;
}

export interface LevyDue extends Explained {
  /** false when the agency owes no levy in that month (then `amount` is 0). */
  liable: boolean;
}

export interface LevyDeadline {
  /** The last day to pay the month's levy without being late. */
  deadline: string;
  /** From this day an amount still unpaid counts as unpaid (not merely late). */
  unpaidFrom: string;
  rules: RuleRef[];
}

export interface LevyPenalty extends Explained {
  /** `on-time`: nothing late; `late`: past the deadline; `unpaid`: past the unpaid threshold. */
  status: 'on-time' | 'late' | 'unpaid';
}

/** The policy in force, for any period. Pure: no I/O. */
export interface Policy {
  /** Monthly dues of one member: rate × salary, capped at the cap × lương cơ sở of that month, rounded to the đồng. */
  dues(input: DuesInput): Explained;
  /** The policy's dues rate for `month` and `fundingType`, and whether a CĐCS may set a higher rate by resolution then. */
  duesRate(month: Month, fundingType: FundingType): DuesRate;
  /** The CĐCS's and the upper level's shares of a dues amount collected for `month`. */
  duesSplit(month: Month, amount: number): Split;
  /** The employer levy (KPCĐ) due for `month` on `payroll`, where the agency is liable. */
  levy(month: Month, fundingType: FundingType, payroll: number): LevyDue;
  /** The CĐCS's share (allocated back down) and the upper levels' share of levy paid for `month`. */
  levySplit(month: Month, amount: number): Split;
  levyDeadline(month: Month): LevyDeadline;
  /**
   * The penalty on a month's levy as of `asOf`: `latePaid` is the amount paid after the
   * deadline, `outstanding` what is still unpaid.
   */
  levyPenalty(month: Month, latePaid: number, outstanding: number, asOf: string): LevyPenalty;
  /** Months without dues after which a member may be removed (xóa tên); a parameter because the rule is unsure. */
  duesRemovalMonths(month: Month): { months: number; rule: RuleRef };
}

/**
 * One version of one rule: `value` (typed per `parameter`, see `POLICY_VALUE_SCHEMAS` in
 * the contracts) is in force from `effectiveFrom` until the next version of the same
 * rule, for the funding types in `appliesTo` (`null`: all). Before a rule's first
 * version there is no rule, and asking for it is an error.
 */
export type PolicyVersion = AddPolicyVersionInput & {
  /** `<parameter>@<effectiveFrom>#<funding types joined by + | all>`, e.g. `dues-rate@2025-07-01#self-funded`. */
  id: string;
};

export type PolicyVersionOf<P extends PolicyParameter> = Extract<PolicyVersion, { parameter: P }>;
