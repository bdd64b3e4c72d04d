import {
  type DisciplineDecided,
  type DisciplineLapsed,
  type DisciplineRevoked,
  DomainError,
  type EventData,
} from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import { endMemberAppointments } from '../committees/appointments.ts';
import type { CommitteeDeps } from '../committees/ports.ts';
import type { MemberDeps } from '../members/deps.ts';
import { exitMember } from '../members/lifecycle.ts';
import type { DisciplineInbox } from './ports.ts';

export interface DisciplineDeps extends MemberDeps {
  committees: CommitteeDeps;
  inbox: DisciplineInbox;
}

export type DisciplineEvent =
  | { type: 'DisciplineDecided'; eventId: string; data: EventData<typeof DisciplineDecided> }
  | { type: 'DisciplineLapsed'; eventId: string; data: EventData<typeof DisciplineLapsed> }
  | { type: 'DisciplineRevoked'; eventId: string; data: EventData<typeof DisciplineRevoked> };

/** What applying an event did: `skipped` when it, or a later version of the decision, was applied already. */
export type DisciplineOutcome =
  | { kind: 'exited' }
  | { kind: 'appointments-ended'; appointmentIds: string[] }
  | { kind: 'recorded' }
  | { kind: 'skipped' }
  | { kind: 'not-applicable'; code: string };

/**
 * Applies one of inspection's discipline events, once (the event's inbox marker) and in order
 * per decision (its highest version kept):
 * - an **expulsion** (khai trừ) exits the member with reason `expelled` on the decision's date,
 *   the marker and version written in the exit's own transaction;
 * - a **removal from office** (cách chức) ends every appointment of the member still open after
 *   the decision's date, reason `dismissed`, then records the event (a redelivery before the
 *   record resumes; one after it does nothing);
 * - any other decision, a lapse or a revocation is recorded only: a revocation does not re-admit
 *   an expelled member nor restore an office (that is a new decision: re-admission, appointment).
 */
export async function applyDiscipline(
  deps: DisciplineDeps,
  ev: DisciplineEvent,
  write: WriteContext,
): Promise<DisciplineOutcome> {
  const mark = { eventId: ev.eventId, disciplineId: ev.data.disciplineId, version: ev.data.version };
  const superseded = async () => (await deps.inbox.keptVersion(mark.disciplineId)) >= mark.version;
  if (await superseded()) return { kind: 'skipped' };
  const { subject } = ev.data;
  if (ev.type !== 'DisciplineDecided' || subject.kind !== 'member') return recordOnly(deps, mark, write);
  const decision = ev.data.decision;

  if (ev.data.form === 'expulsion') {
    const stored = await deps.members.get(subject.memberId);
    const status = stored?.member.status;
    if (status !== 'active' && status !== 'suspended') {
      // A concurrent delivery of this event may have exited the member since the check above:
      // its marker went in with the exit, and this one is a duplicate, not a refusal.
      if (await superseded()) return { kind: 'skipped' };
      await deps.inbox.record(mark, write);
      return { kind: 'not-applicable', code: stored ? `member-${status}` : 'member-not-found' };
    }
    try {
      await exitMember(
        deps,
        { unitId: null, write },
        subject.memberId,
        { date: decision.date, reason: 'expelled', note: `Khai trừ theo quyết định ${decision.number}` },
        undefined,
        deps.inbox.marks(mark, write.now()),
      );
      return { kind: 'exited' };
    } catch (error) {
      // Another delivery applied it meanwhile, or a later version of the decision came first.
      if (await superseded()) return { kind: 'skipped' };
      // The member's record refuses the exit (e.g. the decision predates their admission): kept
      // as applied, with the reason, rather than redelivered for ever.
      if (error instanceof DomainError) {
        await deps.inbox.record(mark, write);
        return { kind: 'not-applicable', code: error.code };
      }
      throw error;
    }
  }

  if (ev.data.form === 'removal-from-office') {
    const appointmentIds = await endMemberAppointments(
      deps.committees,
      subject.memberId,
      { date: decision.date, reason: 'dismissed', decisionNumber: decision.number, note: 'Cách chức (kỷ luật)' },
      write,
    );
    await deps.inbox.record(mark, write);
    return { kind: 'appointments-ended', appointmentIds };
  }
  return recordOnly(deps, mark, write);
}

async function recordOnly(
  deps: DisciplineDeps,
  mark: Parameters<DisciplineInbox['record']>[0],
  write: WriteContext,
): Promise<DisciplineOutcome> {
  return (await deps.inbox.record(mark, write)) ? { kind: 'recorded' } : { kind: 'skipped' };
}
