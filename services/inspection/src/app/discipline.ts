import {
  type DecideDisciplineInput,
  type Discipline,
  DisciplineDecided,
  DisciplineLapsed,
  DisciplineRevoked,
  dayInVietnam,
} from '@congdoan/contracts';
import { assertVersion, event, retryOnConflict, TransactionConflictError, type WriteContext } from '@congdoan/ddb';
import { decide, type GuardEntry, lapseStep, revoke } from '../domain/discipline.ts';
import { caseDoesNotContest, subjectNotBelowIssuer } from '../domain/errors.ts';
import { inspectionPolicyOn } from '../domain/policy.ts';
import type { Caller, CallerScope, InspectionDeps, PageRequest } from './ports.ts';
import { CASE, DISCIPLINE, INSPECTION } from './terms.ts';

/** The subject as events name it: ids only, never the member's name. */
const eventSubject = (s: Discipline['subject']) =>
  s.kind === 'member' ? { kind: 'member' as const, memberId: s.memberId, unitId: s.unitId } : s;

const entryOf = (d: Discipline): GuardEntry => ({ id: d.id, form: d.form, date: d.decision.date, status: d.status });
const withEntry = (entries: readonly GuardEntry[], d: Discipline) => [
  ...entries.filter((e) => e.id !== d.id),
  entryOf(d),
];

/** The subject as the caller names it, resolved: a member through the member directory (with their unit), or a unit. */
async function resolveSubject(
  deps: InspectionDeps,
  caller: CallerScope,
  subject: DecideDisciplineInput['subject'],
): Promise<Discipline['subject']> {
  if (subject.kind === 'unit') {
    await deps.units.assertInScope(caller, subject.unitId);
    return subject;
  }
  const member = await deps.members.get(caller, subject.memberId);
  return { kind: 'member', memberId: member.id, unitId: member.unitId, fullName: member.fullName };
}

/**
 * Issues a discipline decision: the issuer and the subject in the caller's subtree (404 like a
 * missing one otherwise), the subject within the issuer's (a unit strictly below it), the basis
 * an inspection the caller sees. Written with the subject's guard on the version read, so of
 * concurrent decisions against one subject each sees the others (a second expulsion is 409),
 * with its `DisciplineDecided` in the same transaction.
 */
export async function decideDiscipline(
  deps: InspectionDeps,
  caller: Caller,
  input: DecideDisciplineInput,
): Promise<Discipline> {
  await deps.units.assertInScope(caller, input.issuerUnitId);
  const subject = await resolveSubject(deps, caller, input.subject);
  const below = subject.kind === 'unit' ? subject.unitId !== input.issuerUnitId : true;
  if (!below || !(await deps.units.isWithin(input.issuerUnitId, subject.unitId))) throw subjectNotBelowIssuer();
  if (input.basis?.kind === 'inspection') {
    const id = input.basis.id;
    await deps.units.visible(caller, await deps.inspections.get(id), (i) => i.unitId, INSPECTION, id);
  }
  if (input.basis?.kind === 'case') await visibleCase(deps, caller, input.basis.id);
  const id = caller.write.newId();
  const policy = inspectionPolicyOn(input.decision.date);
  let attempt = 0;
  return retryOnConflict(async () => {
    // A retried transaction may have committed after all (a lost response): then it is done.
    const done = attempt++ > 0 ? await deps.discipline.get(id) : undefined;
    if (done) return done;
    const guard = await deps.discipline.readGuard(subject);
    const after = decide({ ...input, subject }, guard.entries, policy, id, caller.write.now());
    const ev = event(DisciplineDecided, {
      disciplineId: after.id,
      version: after.version,
      subject: eventSubject(after.subject),
      form: after.form,
      decision: after.decision,
      issuerUnitId: after.issuerUnitId,
      groundsSummary: after.grounds,
      basis: after.basis,
      lapsesOn: after.lapsesOn,
    });
    await deps.discipline.save(
      {
        before: null,
        after,
        guard: { read: guard.version, entries: withEntry(guard.entries, after) },
        action: 'decide',
        events: [ev],
      },
      caller.write,
    );
    return after;
  }, 8);
}

/** A decision is seen by whoever sees its subject's unit (the issuing committee lies above it). */
/** A case the caller names as a basis: missing or outside their subtree, one and the same 404. */
async function visibleCase(deps: InspectionDeps, caller: CallerScope, id: string) {
  return deps.units.visible(caller, await deps.cases.get(id), (c) => c.handlingUnitId, CASE, id);
}

async function readDiscipline(deps: InspectionDeps, caller: CallerScope, id: string) {
  return deps.units.visible(caller, await deps.discipline.get(id), (d) => d.subject.unitId, DISCIPLINE, id);
}

export const getDiscipline = (deps: InspectionDeps, caller: CallerScope, id: string) =>
  readDiscipline(deps, caller, id);

export async function listDiscipline(deps: InspectionDeps, caller: CallerScope, unitId: string, page: PageRequest) {
  await deps.units.assertInScope(caller, unitId);
  return deps.discipline.listOfUnit(unitId, page);
}

/** Revokes a decision in force by a later decision, with `DisciplineRevoked` in the same transaction. */
export function revokeDiscipline(
  deps: InspectionDeps,
  caller: Caller,
  id: string,
  input: { decision: { number: string; date: string }; reason: string; basis?: { kind: 'case'; id: string } },
  ifMatch?: number,
): Promise<Discipline> {
  return retryOnConflict(async () => {
    const before = await readDiscipline(deps, caller, id);
    assertVersion(ifMatch, before.version);
    if (input.basis) {
      const complaint = await visibleCase(deps, caller, input.basis.id);
      if (complaint.contests?.id !== id) throw caseDoesNotContest(complaint.id, id);
    }
    const after = revoke(before, input, caller.write.actor.id, caller.write.now());
    const guard = await deps.discipline.readGuard(before.subject);
    const ev = event(DisciplineRevoked, {
      disciplineId: after.id,
      version: after.version,
      subject: eventSubject(after.subject),
      form: after.form,
      decision: input.decision,
      issuerUnitId: after.issuerUnitId,
      groundsSummary: input.reason,
    });
    await deps.discipline.save(
      {
        before,
        after,
        guard: { read: guard.version, entries: withEntry(guard.entries, after) },
        action: 'revoke',
        events: [ev],
      },
      caller.write,
      ifMatch,
    );
    return after;
  }, 8);
}

/** At most this many decisions are read from the lapse index per page of the daily run. */
const PAGE = 100;

/**
 * The daily schedule: each decision in force whose lapse date has passed lapses, with one
 * `DisciplineLapsed`, unless a later decision against the subject fell within its period (then
 * its lapse date moves on, and it leaves today's page). Read from the lapse index, which only
 * decisions in force that lapse carry; each write is conditioned on the version read, so racing
 * runs or a redelivered schedule announce each lapse once.
 */
export async function lapseDiscipline(
  deps: InspectionDeps,
  write: WriteContext,
): Promise<{ lapsed: number; deferred: number; skipped: number }> {
  const today = dayInVietnam(write.now());
  const counts = { lapsed: 0, deferred: 0, skipped: 0 };
  for (;;) {
    const due = await deps.discipline.lapsingBefore(today, PAGE);
    let progressed = false;
    for (const listed of due) {
      const outcome = await retryOnConflict(() => lapseOne(deps, write, listed.id, today)).catch((error) => {
        if (error instanceof TransactionConflictError) return 'skipped' as const;
        throw error;
      });
      counts[outcome] += 1;
      if (outcome !== 'skipped') progressed = true;
    }
    // The index is eventually consistent: stop when a page brought nothing new.
    if (due.length < PAGE || !progressed) return counts;
  }
}

async function lapseOne(
  deps: InspectionDeps,
  write: WriteContext,
  id: string,
  today: string,
): Promise<'lapsed' | 'deferred' | 'skipped'> {
  const before = await deps.discipline.get(id);
  if (!before) return 'skipped';
  const guard = await deps.discipline.readGuard(before.subject);
  const step = lapseStep(before, guard.entries, today, inspectionPolicyOn(before.decision.date));
  if (step.kind === 'none') return 'skipped';
  const at = write.now().toISOString();
  if (step.kind === 'defer') {
    const after: Discipline = { ...before, lapsesOn: step.to, version: before.version + 1, updatedAt: at };
    await deps.discipline.save(
      { before, after, guard: { read: guard.version, entries: guard.entries }, action: 'defer-lapse', events: [] },
      write,
    );
    return 'deferred';
  }
  const after: Discipline = {
    ...before,
    status: 'lapsed',
    lapsedOn: step.on,
    version: before.version + 1,
    updatedAt: at,
  };
  const ev = event(DisciplineLapsed, {
    disciplineId: after.id,
    version: after.version,
    subject: eventSubject(after.subject),
    form: after.form,
    lapsedOn: step.on,
  });
  await deps.discipline.save(
    {
      before,
      after,
      guard: { read: guard.version, entries: withEntry(guard.entries, after) },
      action: 'lapse',
      events: [ev],
    },
    write,
  );
  return 'lapsed';
}
