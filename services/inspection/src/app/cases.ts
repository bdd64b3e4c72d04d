import {
  addDays,
  type Case,
  CaseDeadlineApproaching,
  CaseOverdue,
  type CaseStep,
  CaseStepRecorded,
  casePersonSchema,
  dayInVietnam,
  type OpenCaseInput,
  ProceedingClosed,
  ProceedingOpened,
  type ProceedingSubject,
} from '@congdoan/contracts';
import { assertVersion, event, type PendingEvent, retryOnConflict, type WriteContext } from '@congdoan/ddb';
import { spanOn } from '@congdoan/member-directory';
import {
  assertBeforeCongressCutoff,
  assertWithinFilingLimit,
  type CaseStepInput,
  caseTransition,
  DUE_SOON_WORKING_DAYS,
  intakeDeadlines,
  takeCaseStep,
} from '../domain/case.ts';
import {
  assigneeIsSubject,
  assigneeNotInspector,
  caseSubjectNotBelow,
  noIdentityToReveal,
  notAssignedToCase,
  stepDateInFuture,
} from '../domain/case-errors.ts';
import { casePolicyOn } from '../domain/case-policy.ts';
import { subjectNotOfficer } from '../domain/errors.ts';
import { holdsSeatOn } from '../domain/team.ts';
import { getDiscipline } from './discipline.ts';
import type { Caller, CallerScope, InspectionDeps, PageRequest } from './ports.ts';
import { CASE } from './terms.ts';

/** The proceeding track of a class: complaints and denunciations only (reports and petitions open none). */
const proceedingKind = (c: Case): 'complaint' | 'denunciation' | null =>
  c.class === 'denunciation' ? 'denunciation' : c.class.startsWith('complaint') ? 'complaint' : null;

const proceedingSubject = (s: Case['subject']): ProceedingSubject =>
  s.kind === 'unit' ? { kind: 'unit', unitId: s.unitId } : { kind: 'member', memberId: s.memberId, unitId: s.unitId };

/**
 * The subject as the case keeps it, within the handling unit's subtree: a unit, or a member
 * through the member directory; an officer is a member holding an office (any position of any
 * committee, from membership's officer events) on the day the case was received (422 otherwise).
 */
async function subjectOf(
  deps: InspectionDeps,
  caller: CallerScope,
  input: Pick<OpenCaseInput, 'handlingUnitId' | 'subject' | 'receivedOn'>,
): Promise<Case['subject']> {
  const { subject, handlingUnitId } = input;
  let kept: Case['subject'];
  if (subject.kind === 'unit') {
    await deps.units.assertInScope(caller, subject.unitId);
    kept = subject;
  } else {
    const member = await deps.members.get(caller, subject.memberId);
    if (subject.kind === 'officer' && !holdsSeatOn(await deps.offices.officesOf(member.id), input.receivedOn)) {
      throw subjectNotOfficer(member.id, input.receivedOn);
    }
    kept = { kind: subject.kind, memberId: member.id, unitId: member.unitId, fullName: member.fullName };
  }
  if (!(await deps.units.isWithin(handlingUnitId, kept.unitId))) throw caseSubjectNotBelow();
  return kept;
}

const stepEvent = (
  c: Case,
  step: CaseStep | 'receive',
  date: string,
  decision: { number: string; date: string } | null,
) =>
  event(CaseStepRecorded, {
    caseId: c.id,
    version: c.version,
    class: c.class,
    step,
    date,
    stage: c.stage,
    handlingUnitId: c.handlingUnitId,
    decision,
  });

/**
 * Intake: a complaint, denunciation, anonymous report or petition received by a unit's committee.
 * A complaint past its filing limit, or a case about a congress after its cut-off, is refused
 * (422). The person is sealed and written apart from the case, in the case's transaction.
 */
export async function openCase(deps: InspectionDeps, caller: Caller, input: OpenCaseInput): Promise<Case> {
  await deps.units.assertInScope(caller, input.handlingUnitId);
  const now = caller.write.now();
  if (input.receivedOn > dayInVietnam(now)) throw stepDateInFuture();
  const subject = await subjectOf(deps, caller, input);
  const contested = input.contests ? await getDiscipline(deps, caller, input.contests.id) : null;
  const calendar = await deps.calendar.current();
  const policy = casePolicyOn(input.receivedOn);
  assertWithinFilingLimit(calendar, input, policy);
  assertBeforeCongressCutoff(calendar, input, input.receivedOn, policy);
  const id = caller.write.newId();
  const record: Case = {
    id,
    class: input.class,
    channel: input.channel,
    receivedOn: input.receivedOn,
    handlingUnitId: input.handlingUnitId,
    person: input.person ? { withheld: true } : null,
    subject,
    content: input.content,
    complexity: input.complexity,
    remoteArea: input.remoteArea,
    knewOn: input.knewOn ?? null,
    congress: input.congress ?? null,
    contests: contested ? { kind: 'discipline', id: contested.id, decision: contested.decision } : null,
    stage: 'received',
    assignees: [],
    extensions: [],
    deadlines: intakeDeadlines(calendar, input, policy),
    acceptedOn: null,
    closedOn: null,
    resolvedOnTime: null,
    proceedingOpen: false,
    steps: [
      {
        step: 'receive',
        date: input.receivedOn,
        by: caller.write.actor.id,
        at: now.toISOString(),
        detail: { channel: input.channel },
      },
    ],
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const identity = input.person ? await deps.identityCipher.seal(id, JSON.stringify(input.person)) : null;
  await deps.cases.create(
    {
      record,
      identity,
      unitChain: await deps.units.chainOf(record.handlingUnitId),
      events: [stepEvent(record, 'receive', input.receivedOn, null)],
    },
    caller.write,
  );
  return record;
}

async function readCase(deps: InspectionDeps, caller: CallerScope, id: string): Promise<Case> {
  return deps.units.visible(caller, await deps.cases.get(id), (c) => c.handlingUnitId, CASE, id);
}

export const getCase = (deps: InspectionDeps, caller: CallerScope, id: string) => readCase(deps, caller, id);

/** The inspectors a case is assigned to: active members holding a UBKT seat on the day, none of them its subject. */
async function assigneesOf(deps: InspectionDeps, caller: CallerScope, c: Case, memberIds: string[], day: string) {
  const out: Case['assignees'] = [];
  for (const memberId of [...new Set(memberIds)]) {
    if (c.subject.kind !== 'unit' && c.subject.memberId === memberId) throw assigneeIsSubject(memberId);
    const member = await deps.members.get(caller, memberId);
    const active = spanOn(member.history, day)?.status === 'active';
    if (!active || !holdsSeatOn(await deps.seats.seatsOf(memberId), day)) throw assigneeNotInspector(memberId);
    out.push({ memberId, fullName: member.fullName });
  }
  return out;
}

/**
 * The proceeding a step opens or closes: opened when a complaint or denunciation is accepted,
 * closed when it is concluded, withdrawn or transferred after acceptance.
 */
function proceedingOf(before: Case, after: Case, date: string): { open: boolean; events: PendingEvent[] } {
  const kind = proceedingKind(after);
  const unchanged = { open: before.proceedingOpen, events: [] };
  if (!kind) return unchanged;
  const core = {
    proceedingId: after.id,
    kind,
    subject: proceedingSubject(after.subject),
    handlingUnitId: after.handlingUnitId,
  };
  if (!before.proceedingOpen && after.stage === 'accepted' && before.stage === 'received') {
    return { open: true, events: [event(ProceedingOpened, { ...core, version: 1, openedOn: date })] };
  }
  const outcomes: Partial<Record<Case['stage'], 'concluded' | 'withdrawn' | 'transferred'>> = {
    concluded: 'concluded',
    withdrawn: 'withdrawn',
    transferred: 'transferred',
  };
  const outcome = outcomes[after.stage];
  if (before.proceedingOpen && outcome) {
    return { open: false, events: [event(ProceedingClosed, { ...core, version: 2, closedOn: date, outcome })] };
  }
  return unchanged;
}

/** The written decision a step records in its event: an extension's, or the decision issued on the conclusion. */
const writtenDecision = (input: CaseStepInput) =>
  input.step === 'extend'
    ? input.decision
    : input.step === 'decide'
      ? { number: input.number, date: input.date }
      : null;

/**
 * One step of a case. The state machine is asked before anything else is read; the write is
 * conditioned on the version read, so of concurrent steps one wins and the others re-read and
 * meet the state machine (409) or If-Match (412). ProceedingOpened/Closed and the step's event
 * commit in the step's transaction.
 */
export function takeStep(
  deps: InspectionDeps,
  caller: Caller,
  id: string,
  input: CaseStepInput,
  ifMatch?: number,
): Promise<Case> {
  return retryOnConflict(async () => {
    const before = await readCase(deps, caller, id);
    assertVersion(ifMatch, before.version);
    caseTransition(before.stage, input.step, before.class);
    const assignees =
      input.step === 'assign' ? await assigneesOf(deps, caller, before, input.memberIds, input.date) : undefined;
    const calendar = await deps.calendar.current();
    const stepped = takeCaseStep(before, input, {
      calendar,
      now: caller.write.now(),
      by: caller.write.actor.id,
      assignees,
    });
    const proceeding = proceedingOf(before, stepped, input.date);
    const after: Case = { ...stepped, proceedingOpen: proceeding.open };
    const decision = writtenDecision(input);
    await deps.cases.save(
      {
        before,
        after,
        action: input.step,
        unitChain: await deps.units.chainOf(after.handlingUnitId),
        events: [stepEvent(after, input.step, input.date, decision), ...proceeding.events],
      },
      caller.write,
      ifMatch,
    );
    return after;
  });
}

/**
 * The person who brought a case, to an inspector assigned to it (the caller's member record),
 * stating why. The reveal's audit record (who, when, why) is written before the identity is
 * opened: no reveal without its record. Everyone else, admins included, gets 403 and sees the
 * case with the person withheld.
 */
export async function revealIdentity(deps: InspectionDeps, caller: Caller, id: string, reason: string) {
  const c = await readCase(deps, caller, id);
  if (!caller.memberId || !c.assignees.some((a) => a.memberId === caller.memberId)) throw notAssignedToCase();
  const sealed = await deps.cases.sealedIdentity(id);
  if (!sealed) throw noIdentityToReveal();
  await deps.cases.recordReveal(id, reason, caller.write);
  const person = casePersonSchema.parse(JSON.parse(await deps.identityCipher.open(id, sealed)));
  return { caseId: id, person, revealedAt: caller.write.now().toISOString() };
}

/**
 * The deadline board of a unit's subtree: open deadlines overdue or due within 5 working days,
 * earliest first, paged. One Query of the unit's own partition of the index, whatever the number
 * of open cases; an entry whose handling unit has since moved out of the subtree is left out.
 */
export async function deadlineBoard(
  deps: InspectionDeps,
  caller: CallerScope,
  unitId: string,
  page: PageRequest,
  now: Date,
) {
  await deps.units.assertInScope(caller, unitId);
  const calendar = await deps.calendar.current();
  const today = dayInVietnam(now);
  const horizon = calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS).date;
  const { items, nextCursor } = await deps.cases.board(unitId, horizon, page);
  const inside = await deps.units.within(
    unitId,
    items.map((e) => e.handlingUnitId),
  );
  const kept = items
    .filter((e) => inside.has(e.handlingUnitId))
    .map((entry) => ({
      ...entry,
      status: entry.dueDate < today ? ('overdue' as const) : ('due-soon' as const),
      workingDaysLeft: entry.dueDate <= today ? 0 : calendar.workingDaysBetween(today, entry.dueDate),
    }));
  return { today, horizon, items: kept, nextCursor };
}

/** At most this many deadlines are read from the signal index per page of the daily run. */
const PAGE = 100;

/**
 * The daily schedule: each open deadline due within 5 working days is announced once as
 * `CaseDeadlineApproaching`, and once overdue as `CaseOverdue` (a deadline first seen already
 * past is announced overdue only). Each announcement commits with the index entry's move to what
 * is due next, conditioned on what was read, so racing runs announce each once.
 */
export async function announceCaseDeadlines(
  deps: InspectionDeps,
  write: WriteContext,
): Promise<{ approaching: number; overdue: number; skipped: number }> {
  const today = dayInVietnam(write.now());
  const calendar = await deps.calendar.current();
  const counts = { approaching: 0, overdue: 0, skipped: 0 };
  for (;;) {
    const due = await deps.cases.signalsDue(today, PAGE);
    let progressed = false;
    for (const entry of due) {
      const core = {
        caseId: entry.caseId,
        unitId: entry.handlingUnitId,
        deadlineKind: entry.kind,
        dueDate: entry.dueDate,
        dayKind: entry.dayKind,
      };
      const overdue = entry.dueDate < today;
      const ok = overdue
        ? await deps.cases.markSignalled(entry, null, event(CaseOverdue, core), write)
        : await deps.cases.markSignalled(
            entry,
            { next: 'overdue', on: addDays(entry.dueDate, 1) },
            event(CaseDeadlineApproaching, {
              ...core,
              workingDaysLeft: Math.min(
                DUE_SOON_WORKING_DAYS,
                Math.max(0, calendar.workingDaysBetween(today, entry.dueDate)),
              ),
            }),
            write,
          );
      if (ok) {
        counts[overdue ? 'overdue' : 'approaching'] += 1;
        progressed = true;
      } else counts.skipped += 1;
    }
    // The index is eventually consistent: stop when a page brought nothing new to announce.
    if (due.length < PAGE || !progressed) return counts;
  }
}
