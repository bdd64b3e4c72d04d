import type { EligibilityFacts } from './facts.ts';
import { ELIGIBILITY_RULES, type EligibilityRule, type Verdict } from './rules.ts';

export interface Eligibility {
  /** ineligible when a rule fails; frozen when none fails but one is pending; else eligible. */
  outcome: 'eligible' | 'ineligible' | 'frozen';
  checkedOn: string;
  verdicts: Verdict[];
}

/** The rules in force on `day`: each from its own effective date. */
export const rulesOn = (day: string, rules: readonly EligibilityRule[] = ELIGIBILITY_RULES) =>
  rules.filter((r) => r.effectiveFrom <= day);

/** Runs every rule in force on the day of the check; each verdict says why, with its source. */
export function checkEligibility(
  facts: EligibilityFacts,
  rules: readonly EligibilityRule[] = ELIGIBILITY_RULES,
): Eligibility {
  const verdicts = rulesOn(facts.checkedOn, rules).map((rule): Verdict => {
    const { outcome, reason, source } = rule.check(facts);
    return {
      rule: rule.id,
      name: rule.name,
      outcome,
      reason,
      source: source ?? rule.source,
      certainty: rule.certainty,
    };
  });
  const outcome = verdicts.some((v) => v.outcome === 'fail')
    ? 'ineligible'
    : verdicts.some((v) => v.outcome === 'frozen')
      ? 'frozen'
      : 'eligible';
  return { outcome, checkedOn: facts.checkedOn, verdicts };
}
