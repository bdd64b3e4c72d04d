import { DomainError, type FundingType, type Month } from '@congdoan/contracts';
import type { Policy } from '../../domain/policy/types.ts';
import type { PolicyStore } from './ports.ts';

type DuesQuery = { month: string; fundingType: FundingType; duesSalary: number; unitRateBp?: number | undefined };
type LevyQuery = { month: string; fundingType: FundingType; payroll: number };

/** A part of an answer that has no rule for the month (e.g. the dues split before 2023) is `null`. */
function unlessNoRule<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'policy-rule-missing') return null;
    throw error;
  }
}

/** One member's dues for a month, with the formula, the rules that produced it and its split. */
export function explainDues(policy: Policy, q: DuesQuery) {
  const month = q.month as Month;
  const dues = policy.dues({ month, fundingType: q.fundingType, duesSalary: q.duesSalary, unitRateBp: q.unitRateBp });
  return {
    month,
    fundingType: q.fundingType,
    duesSalary: q.duesSalary,
    unitRateBp: q.unitRateBp ?? null,
    dues,
    split: unlessNoRule(() => policy.duesSplit(month, dues.amount)),
  };
}

/** An employer's levy for a month, with the formula, its deadline and its split. */
export function explainLevy(policy: Policy, q: LevyQuery) {
  const month = q.month as Month;
  const levy = policy.levy(month, q.fundingType, q.payroll);
  return {
    month,
    fundingType: q.fundingType,
    payroll: q.payroll,
    levy,
    split: unlessNoRule(() => policy.levySplit(month, levy.amount)),
    deadline: unlessNoRule(() => policy.levyDeadline(month)),
  };
}

/** `explainDues` under the policy in force (the defaults and the versions administrators added). */
export async function computeDues(deps: { policies: Pick<PolicyStore, 'load'> }, q: DuesQuery) {
  return explainDues(await deps.policies.load(), q);
}

/** `explainLevy` under the policy in force. */
export async function computeLevy(deps: { policies: Pick<PolicyStore, 'load'> }, q: LevyQuery) {
  return explainLevy(await deps.policies.load(), q);
}
