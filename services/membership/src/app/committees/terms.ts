import { type CommitteeTerm, CommitteeTermOpened, type OfficerAppointment } from '@congdoan/contracts';
import { event, retryOnConflict } from '@congdoan/ddb';
import { byPositionThenName, byPositionThenStart, inOfficeOn } from '../../domain/committee/appointment.ts';
import { dayInVietnam } from '../../domain/committee/periods.ts';
import { assertNoTermOverlap, newTerm, spanOf, type TermInput, termOn } from '../../domain/committee/term.ts';
import type { PageKey } from '../ports.ts';
import type { Caller } from '../units/deps.ts';
import { readUnitInScope } from '../units/read-unit.ts';
import type { CommitteeDeps } from './ports.ts';
import { assertUnitActive, readTermInScope } from './read.ts';

/**
 * Records a unit's committee term. Non-overlap holds under concurrency: the new
 * term is checked against the unit's term ledger, read consistently, and the
 * ledger is rewritten in the same transaction on the condition that it is still
 * the version read. Of two overlapping terms created at once, the second re-reads
 * and is refused.
 */
export async function createTerm(
  deps: CommitteeDeps,
  caller: Caller,
  unitId: string,
  input: TermInput,
): Promise<CommitteeTerm> {
  const id = caller.write.newId();
  let attempt = 0;
  return retryOnConflict(async () => {
    // A retried transaction may have committed after all (a lost response): then it is done.
    const done = attempt++ > 0 ? await deps.committees.getTerm(id) : undefined;
    if (done) return done;
    const unit = await readUnitInScope(deps, caller, unitId);
    assertUnitActive(unit);
    const term = newTerm(input, unit.id, id, caller.write.now());
    const ledger = await deps.committees.readTermLedger(unit.id);
    assertNoTermOverlap(term, ledger.entries);
    const entries = [...ledger.entries, spanOf(term)].sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
    await deps.committees.openTerm(term, { read: ledger.version, entries }, caller.write, [
      event(CommitteeTermOpened, { term }),
    ]);
    return term;
  });
}

export async function listTerms(
  deps: CommitteeDeps,
  caller: { unitId: string | null },
  unitId: string,
  page: { limit: number; startKey?: PageKey },
) {
  await readUnitInScope(deps, caller, unitId);
  return deps.committees.listTerms(unitId, page);
}

export interface TermWithOfficers extends CommitteeTerm {
  on: string;
  officers: OfficerAppointment[];
  appointments: OfficerAppointment[];
}

function officersOn(term: CommitteeTerm, appointments: readonly OfficerAppointment[], day: string) {
  return appointments.filter((a) => inOfficeOn(a, term.endDate, day)).sort(byPositionThenName);
}

/** A term with the officers in office on `on` (today in Vietnam by default) and its whole history. */
export async function getTermWithOfficers(
  deps: CommitteeDeps,
  caller: { unitId: string | null; now: Date },
  id: string,
  on?: string,
): Promise<TermWithOfficers> {
  const term = await readTermInScope(deps, caller, id);
  const day = on ?? dayInVietnam(caller.now);
  const appointments = await deps.committees.listTermAppointments(term.id);
  return {
    ...term,
    on: day,
    officers: officersOn(term, appointments, day),
    appointments: [...appointments].sort(byPositionThenStart),
  };
}

/** A unit's officers on a day: those of the term in force then, if any. */
export async function listUnitOfficers(
  deps: CommitteeDeps,
  caller: { unitId: string | null; now: Date },
  unitId: string,
  on?: string,
): Promise<{ unitId: string; on: string; term: CommitteeTerm | null; officers: OfficerAppointment[] }> {
  await readUnitInScope(deps, caller, unitId);
  const day = on ?? dayInVietnam(caller.now);
  const span = termOn((await deps.committees.readTermLedger(unitId)).entries, day);
  const term = span ? await deps.committees.getTerm(span.termId) : undefined;
  if (!term) return { unitId, on: day, term: null, officers: [] };
  return {
    unitId,
    on: day,
    term,
    officers: officersOn(term, await deps.committees.listTermAppointments(term.id), day),
  };
}
