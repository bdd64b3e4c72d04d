import {
  addMonthsToDay,
  type DecideDisciplineInput,
  DISCIPLINE_FORM_TERMS,
  type Discipline,
  type DisciplineForm,
  dayInVietnam,
} from '@congdoan/contracts';
import { disciplineNotInForce, formFitsNot, futureDecision, subjectExpelledAlready } from './errors.ts';
import type { InspectionPolicy } from './policy.ts';

/**
 * What the subject's guard item keeps of each decision against them: enough to find a
 * reoffence within a lapse period, and a final form already in force.
 */
export interface GuardEntry {
  id: string;
  form: DisciplineForm;
  date: string;
  status: Discipline['status'];
}

/** The same day `months` later; on a shorter month, its last day (one rule, in contracts' calendar). */
export const addMonths = addMonthsToDay;

/** The day a decision of `form` dated `date` lapses without reoffending; null for a form that does not lapse. */
export function lapseDate(form: DisciplineForm, date: string, policy: InspectionPolicy): string | null {
  return policy.lapsingForms.includes(form) ? addMonths(date, policy.disciplineLapseMonths) : null;
}

/** Expulsion and dissolution are final: a second one against the same subject while one is in force is refused. */
const FINAL: readonly DisciplineForm[] = ['expulsion', 'dissolution'];

/**
 * A new decision, checked: the form fits the subject, the date is not after today in Vietnam,
 * and no final form (expulsion, dissolution) is already in force against the subject.
 */
export function decide(
  input: Omit<DecideDisciplineInput, 'subject'> & { subject: Discipline['subject'] },
  guard: readonly GuardEntry[],
  policy: InspectionPolicy,
  id: string,
  now: Date,
): Discipline {
  if (!(DISCIPLINE_FORM_TERMS[input.form].subjects as readonly string[]).includes(input.subject.kind)) {
    throw formFitsNot(input.form);
  }
  if (input.decision.date > dayInVietnam(now)) throw futureDecision();
  const final = guard.find((e) => e.status === 'in-force' && FINAL.includes(e.form));
  if (final) throw subjectExpelledAlready(final.id);
  const at = now.toISOString();
  return {
    id,
    subject: input.subject,
    form: input.form,
    decision: input.decision,
    issuerUnitId: input.issuerUnitId,
    grounds: input.grounds,
    basis: input.basis,
    status: 'in-force',
    lapsesOn: lapseDate(input.form, input.decision.date, policy),
    lapsedOn: null,
    revocation: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** Revoked by a later decision: as if it never applied. Only a decision in force is revoked. */
export function revoke(
  d: Discipline,
  input: { decision: { number: string; date: string }; reason: string; basis?: { kind: 'case'; id: string } },
  by: string,
  now: Date,
): Discipline {
  if (d.status !== 'in-force') throw disciplineNotInForce(d.id, d.status);
  if (input.decision.date > dayInVietnam(now)) throw futureDecision();
  const at = now.toISOString();
  return {
    ...d,
    status: 'revoked',
    revocation: { decision: input.decision, reason: input.reason, basis: input.basis ?? null, at, by },
    version: d.version + 1,
    updatedAt: at,
  };
}

/**
 * What the daily run does with a decision whose lapse date has come (`today` after it):
 * - `lapse` on its lapse date, when no later decision against the subject, still in force or
 *   lapsed, was dated within its period;
 * - `defer` to the reoffence's own lapse date otherwise (the period runs again from the
 *   reoffence: "without reoffending");
 * - `none` when it is no longer in force or not yet due.
 */
export function lapseStep(
  d: Pick<Discipline, 'id' | 'status' | 'lapsesOn' | 'decision'>,
  guard: readonly GuardEntry[],
  today: string,
  policy: InspectionPolicy,
): { kind: 'lapse'; on: string } | { kind: 'defer'; to: string } | { kind: 'none' } {
  if (d.status !== 'in-force' || d.lapsesOn === null || d.lapsesOn >= today) return { kind: 'none' };
  const lapsesOn = d.lapsesOn;
  const reoffences = guard.filter(
    (e) => e.id !== d.id && e.status !== 'revoked' && e.date > d.decision.date && e.date <= lapsesOn,
  );
  if (reoffences.length === 0) return { kind: 'lapse', on: lapsesOn };
  const latest = reoffences.reduce((a, b) => (a.date >= b.date ? a : b));
  const to = addMonths(latest.date, policy.disciplineLapseMonths);
  return to > lapsesOn ? { kind: 'defer', to } : { kind: 'lapse', on: lapsesOn };
}
