import { type CommitteeTerm, CommitteeTermClosed } from '@congdoan/contracts';
import { assertVersion, event, retryOnConflict, type WriteContext } from '@congdoan/ddb';
import { endWithTerm } from '../../domain/committee/appointment.ts';
import { laterOf } from '../../domain/committee/periods.ts';
import { type CloseInput, closeTerm } from '../../domain/committee/term.ts';
import type { Caller } from '../units/deps.ts';
import { ATTEMPTS, saveEnd } from './appointments.ts';
import type { CommitteeDeps } from './ports.ts';
import { readTermInScope } from './read.ts';

/**
 * Closes a term early and ends the appointments still open in it, each with its
 * own transaction and event: a term holds more appointments than one transaction
 * takes. The term closes first, so later requests cannot appoint past the new
 * end, and from that moment every view clamps appointments to it (one that read
 * the term just before it closed may still commit, and is clamped the same way).
 * Calling again with the same date finishes an interrupted close and changes
 * nothing else.
 */
export async function closeCommitteeTerm(
  deps: CommitteeDeps,
  caller: Caller,
  id: string,
  input: CloseInput,
  ifMatch?: number,
): Promise<CommitteeTerm> {
  const closed = await retryOnConflict(async () => {
    const before = await readTermInScope(deps, caller, id);
    const after = closeTerm(before, input, caller.write.now());
    if (after === before) return before;
    assertVersion(ifMatch, before.version);
    await writeClosure(deps, caller.write, before, after, ifMatch);
    return after;
  });
  await endOpenAppointments(deps, caller.write, closed);
  return closed;
}

async function writeClosure(
  deps: CommitteeDeps,
  write: WriteContext,
  before: CommitteeTerm,
  after: CommitteeTerm,
  ifMatch?: number,
) {
  const ledger = await deps.committees.readTermLedger(after.unitId);
  const entries = ledger.entries.map((e) => (e.termId === after.id ? { ...e, endDate: after.endDate } : e));
  await deps.committees.closeTerm(
    before,
    after,
    { read: ledger.version, entries },
    write,
    [event(CommitteeTermClosed, { term: after })],
    ifMatch,
  );
}

/** Ends, on the term's end, each appointment of a closed term that is still open. Safe to repeat. */
export async function endOpenAppointments(deps: CommitteeDeps, write: WriteContext, term: CommitteeTerm) {
  for (const listed of await deps.committees.listTermAppointments(term.id)) {
    if (listed.end) continue;
    await retryOnConflict(async () => {
      const before = await deps.committees.getAppointment(listed.id);
      if (!before || before.end) return;
      await saveEnd(deps, write, before, endWithTerm(before, term, write.now()));
    }, ATTEMPTS);
  }
}

/**
 * Ends a unit's committee on a day, for its dissolution or merger: the term in
 * force then closes on that day, a term not begun yet is annulled, and their
 * open appointments end. Resumable: a repeat finishes what an interrupted run
 * left and changes nothing else. The dissolution job mounts it as `endTerms`.
 */
export async function endUnitTerms(
  deps: CommitteeDeps,
  unitId: string,
  date: string,
  write: WriteContext,
  reason = 'Đơn vị giải thể hoặc sáp nhập (the unit was dissolved or merged)',
): Promise<void> {
  const { entries } = await deps.committees.readTermLedger(unitId);
  for (const span of entries) {
    // A term that ended before the day is history; one closed on the day may still have open appointments.
    if (span.endDate < date) continue;
    const closeOn = laterOf(span.startDate, date);
    const term = await retryOnConflict(async () => {
      const before = await deps.committees.getTerm(span.termId);
      if (!before) throw new Error(`unit ${unitId} lists a missing term ${span.termId}`);
      if (before.closure || before.endDate <= closeOn) return before;
      const after = closeTerm(before, { date: closeOn, reason }, write.now());
      await writeClosure(deps, write, before, after);
      return after;
    });
    await endOpenAppointments(deps, write, term);
  }
}
