import { OfficerAppointed, type OfficerAppointment, OfficerAppointmentEnded } from '@congdoan/contracts';
import { assertVersion, event, retryOnConflict, type WriteContext } from '@congdoan/ddb';
import {
  type AppointInput,
  assertEligibleOfficer,
  type EndInput,
  endAppointment as endRule,
  newAppointment,
  periodInOffice,
} from '../../domain/committee/appointment.ts';
import { assertMayHold, assertSeatFree, endHolding, type Seat } from '../../domain/committee/holdings.ts';
import { laterOf } from '../../domain/committee/periods.ts';
import { committeePolicyOn, seatLimit } from '../../domain/committee/policy.ts';
import type { Caller } from '../units/deps.ts';
import type { CommitteeDeps, LedgerWrite } from './ports.ts';
import { assertUnitActive, readAppointmentInScope, readTermWithChain } from './read.ts';

/**
 * A burst of requests for one person (or one single-holder position) contends on
 * one guard; each round of retries lets one through and the rules refuse the
 * rest on re-reading, so a few more rounds than the default let every request end
 * with the rules' answer rather than "concurrent update".
 */
export const ATTEMPTS = 8;

/**
 * Appoints an active member of the unit, or of a unit above it, to a position of
 * a term.
 *
 * The rules between a person's positions (the inspection committee excludes the
 * account holder, accountant and treasurer; no position twice at once) are
 * checked against a per-person-per-unit guard item that lists what the person
 * holds in the unit. The guard is read consistently and rewritten in the
 * appointment's own transaction on the condition that its version is unchanged,
 * so of two concurrent appointments of the same person in the same unit only one
 * commits; the other re-reads the guard and meets the first. A guard per person,
 * rather than a version on the whole term, makes exactly the appointments that
 * a rule relates contend, and leaves appointments of different people in one
 * term free to commit side by side. A limit on a position's holders (one chair,
 * at most 7 or 9 UBKT members) is a rule between people, so it has the same kind
 * of guard per term and position. The member's record is a condition too: an exit
 * or a transfer between the check and the commit makes the appointment re-read.
 */
export async function appointOfficer(
  deps: CommitteeDeps,
  caller: Caller,
  termId: string,
  input: AppointInput & { memberId: string },
): Promise<OfficerAppointment> {
  const id = caller.write.newId();
  let attempt = 0;
  return retryOnConflict(async () => {
    // A retried transaction may have committed after all (a lost response): then it is done.
    const done = attempt++ > 0 ? await deps.committees.getAppointment(id) : undefined;
    if (done) return done;
    const { term, unit, chain } = await readTermWithChain(deps, caller, termId);
    assertUnitActive(unit);
    const stored = await deps.members.get(input.memberId);
    const member = stored?.member;
    assertEligibleOfficer(member, input.memberId, chain);

    const appointment = newAppointment(input, term, member, id, caller.write.now());
    const period = periodInOffice(appointment, term.endDate);

    const guard = await deps.committees.readOfficerGuard(unit.id, member.id);
    const holding = { appointmentId: id, termId: term.id, position: appointment.position, ...period };
    assertMayHold(member.fullName, holding, guard.entries);

    const limit = seatLimit(committeePolicyOn(appointment.from), appointment.position, unit.level);
    let seats: LedgerWrite<Seat> | undefined;
    if (limit !== null) {
      const ledger = await deps.committees.readSeats(term.id, appointment.position);
      const seat = { appointmentId: id, memberId: member.id, ...period };
      assertSeatFree(appointment.position, limit, seat, ledger.entries);
      seats = { read: ledger.version, entries: [...ledger.entries, seat] };
    }

    await deps.committees.saveAppointment(
      {
        before: null,
        after: appointment,
        action: 'appoint',
        guard: { read: guard.version, entries: [...guard.entries, holding] },
        ...(seats ? { seats } : {}),
        activeMember: { id: member.id, unitId: member.unitId },
      },
      caller.write,
      [event(OfficerAppointed, { appointment })],
    );
    return appointment;
  }, ATTEMPTS);
}

/**
 * Ends an appointment on a date, for a reason. The guards shrink with it, under
 * the same version conditions, so a concurrent appointment of the same person
 * sees either the old period or the new one, never a half-written state.
 */
export async function endAppointment(
  deps: CommitteeDeps,
  caller: Caller,
  id: string,
  input: EndInput,
  ifMatch?: number,
): Promise<OfficerAppointment> {
  return retryOnConflict(async () => {
    const before = await readAppointmentInScope(deps, caller, id);
    assertVersion(ifMatch, before.version);
    // The appointment's unit is the term's, and was just found in scope.
    const term = await deps.committees.getTerm(before.termId);
    if (!term) throw new Error(`appointment ${id} names a missing term ${before.termId}`);
    const after = endRule(before, term, input, caller.write.now());
    await saveEnd(deps, caller.write, before, after, ifMatch);
    return after;
  }, ATTEMPTS);
}

/** Writes an ended appointment with its guards shrunk to the end date, and its event. */
export async function saveEnd(
  deps: CommitteeDeps,
  write: WriteContext,
  before: OfficerAppointment,
  after: OfficerAppointment,
  ifMatch?: number,
): Promise<void> {
  const until = after.end!.date;
  const guard = await deps.committees.readOfficerGuard(after.unitId, after.memberId);
  const seats = await deps.committees.readSeats(after.termId, after.position);
  const seated = seats.entries.some((s) => s.appointmentId === after.id);
  await deps.committees.saveAppointment(
    {
      before,
      after,
      action: 'end',
      guard: { read: guard.version, entries: endHolding(guard.entries, after.id, until) },
      ...(seated ? { seats: { read: seats.version, entries: endHolding(seats.entries, after.id, until) } } : {}),
      ifMatch,
    },
    write,
    [event(OfficerAppointmentEnded, { appointment: after })],
  );
}

export const getAppointment = readAppointmentInScope;

/**
 * Ends every appointment of a member still open after `input.date`, in any unit, for one reason
 * (a removal from office: `dismissed`): each on that day, or on its first day if it begins
 * later. Found from the member's guards. Safe to repeat: an appointment already ended is left.
 */
export async function endMemberAppointments(
  deps: CommitteeDeps,
  memberId: string,
  input: EndInput,
  write: WriteContext,
): Promise<string[]> {
  const ended: string[] = [];
  const current = (await deps.committees.memberHoldings(memberId)).filter((h) => h.until > input.date);
  for (const holding of current) {
    await retryOnConflict(async () => {
      const before = await deps.committees.getAppointment(holding.appointmentId);
      if (!before || before.end) return;
      const term = await deps.committees.getTerm(before.termId);
      if (!term) throw new Error(`appointment ${before.id} names a missing term ${before.termId}`);
      const date = laterOf(input.date, before.from);
      if (date > term.endDate) return;
      await saveEnd(deps, write, before, endRule(before, term, { ...input, date }, write.now()));
      ended.push(before.id);
    }, ATTEMPTS);
  }
  return ended;
}
