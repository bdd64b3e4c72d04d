import type { SupportCase, SupportCaseStatus, SupportCaseStep } from '@congdoan/contracts';
import { caseStepNotAllowed } from './errors.ts';

/** A step of a case's flow (the create step starts it as a draft). */
export type StepName = Exclude<SupportCaseStep['step'], 'create'>;

/**
 * The flow (DOMAIN.md, Welfare): draft → submitted → verified → approved → disbursed → closed.
 * The desk may return a submitted or verified case for changes (it is submitted again), or
 * reject it with a reason up to its approval; its officer may withdraw it until it is paid.
 */
export const STEPS: Record<StepName, { from: readonly SupportCaseStatus[]; to: SupportCaseStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted', 'verified'], to: 'returned' },
  verify: { from: ['submitted'], to: 'verified' },
  approve: { from: ['verified'], to: 'approved' },
  reject: { from: ['submitted', 'verified', 'approved'], to: 'rejected' },
  withdraw: { from: ['draft', 'submitted', 'returned', 'verified', 'approved'], to: 'withdrawn' },
  disburse: { from: ['approved'], to: 'disbursed' },
  close: { from: ['disbursed'], to: 'closed' },
};

/** Statuses of a case that no longer counts as a possible duplicate of another. */
export const ENDED: readonly SupportCaseStatus[] = ['rejected', 'withdrawn'];

/** The case after a step: its status, one more history entry and version; a step not allowed from its status is a conflict. */
export function stepped(
  c: SupportCase,
  step: StepName,
  by: string,
  at: string,
  note: string | null,
  changes: Partial<SupportCase> = {},
): SupportCase {
  const rule = STEPS[step];
  if (!rule.from.includes(c.status)) throw caseStepNotAllowed(c.id, step, c.status);
  return {
    ...c,
    ...changes,
    status: rule.to,
    history: [...c.history, { step, status: rule.to, by, at, note }],
    updatedAt: at,
    version: c.version + 1,
  };
}

/** The days `YYYY-MM-DD` `days` before and after `day`: the window a duplicate's incident falls in. */
export function windowAround(day: string, days: number): { from: string; to: string } {
  const at = Date.parse(`${day}T00:00:00Z`);
  const shift = (n: number) => new Date(at + n * 86_400_000).toISOString().slice(0, 10);
  return { from: shift(-days), to: shift(days) };
}

/** The case as a caller sees it: without health details and circumstances unless they may see them. */
export const maskedFor = (c: SupportCase, seesPersonal: boolean): SupportCase =>
  seesPersonal ? c : { ...c, personal: null };

/** Missing documents of a checklist. */
export const missingDocuments = (required: readonly string[], seen: readonly string[]) =>
  required.filter((d) => !seen.includes(d));
