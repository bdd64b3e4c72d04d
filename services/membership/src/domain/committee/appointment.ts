import {
  type AppointmentEndReason,
  type CommitteeTerm,
  conflict,
  type MemberState,
  type OfficerAppointment,
  type OfficerPosition,
  unprocessable,
} from '@congdoan/contracts';
import { displayDate, parseDate } from '../member/dates.ts';
import { vietnameseSortKey } from '../member/names.ts';
import { covers, earlierOf, laterOf, type Period } from './periods.ts';
import { POSITION_TEXT, positionRank } from './positions.ts';

/**
 * An appointment puts one person in one position of one term from a date, by a
 * decision; ending it records the first day out of office and why. The person is
 * in office from `from` up to the end, or up to the term's end when not ended.
 */
export interface AppointInput {
  position: OfficerPosition;
  from: string;
  decisionNumber: string;
  decisionDate?: string;
  note?: string;
}

export interface EndInput {
  date: string;
  reason: AppointmentEndReason;
  decisionNumber?: string;
  note?: string;
}

const OFFICER_UNITS = {
  vi: 'Người được bổ nhiệm phải là đoàn viên đang sinh hoạt tại chính đơn vị này hoặc một đơn vị cấp trên của nó',
  en: 'An officer must be an active member of this unit or of a unit above it',
};

/**
 * An officer is an active member of the committee's unit or of one of its
 * ancestors (`unitChain`, the unit first). A member unknown or elsewhere gets the
 * same 422, so the answer says nothing about members outside the chain.
 */
export function assertEligibleOfficer(
  member: MemberState | undefined,
  memberId: string,
  unitChain: readonly string[],
): asserts member is MemberState {
  if (!member || !unitChain.includes(member.unitId)) {
    throw unprocessable('officer-not-unit-member', {
      vi: `${OFFICER_UNITS.vi}; mã đoàn viên "${memberId}" không thuộc các đơn vị đó.`,
      en: `${OFFICER_UNITS.en}; member "${memberId}" belongs to none of them.`,
    });
  }
  if (member.status !== 'active') {
    throw conflict('officer-not-active', {
      vi: `${OFFICER_UNITS.vi}; ${member.fullName} hiện không sinh hoạt (trạng thái "${member.status}").`,
      en: `${OFFICER_UNITS.en}; ${member.fullName} is not active (status "${member.status}").`,
    });
  }
}

/** An appointment starts on a day of its term (422 `appointment-outside-term`). */
export function newAppointment(
  input: AppointInput,
  term: CommitteeTerm,
  member: MemberState,
  id: string,
  now: Date,
): OfficerAppointment {
  parseDate(input.from, 'from');
  if (input.decisionDate !== undefined) parseDate(input.decisionDate, 'decisionDate');
  if (!covers(termPeriod(term), input.from)) {
    throw unprocessable('appointment-outside-term', {
      vi: `Ngày bắt đầu giữ chức (${displayDate(input.from)}) phải nằm trong ${term.name}: từ ${displayDate(term.startDate)} đến trước ${displayDate(term.endDate)}.`,
      en: `The appointment's first day (${input.from}) must lie within the term "${term.name}": from ${term.startDate} up to, not including, ${term.endDate}.`,
    });
  }
  const at = now.toISOString();
  return {
    id,
    termId: term.id,
    unitId: term.unitId,
    memberId: member.id,
    memberUnitId: member.unitId,
    fullName: member.fullName,
    position: input.position,
    from: input.from,
    decisionNumber: input.decisionNumber,
    decisionDate: input.decisionDate ?? null,
    note: input.note?.trim() || null,
    end: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Ends an appointment: once only (409 `appointment-already-ended`), on a day from
 * its first day (an appointment annulled before it began ends on that same day)
 * up to the term's end (422).
 */
export function endAppointment(
  appointment: OfficerAppointment,
  term: CommitteeTerm,
  input: EndInput,
  now: Date,
): OfficerAppointment {
  if (appointment.end) {
    throw conflict('appointment-already-ended', {
      vi: `${appointment.fullName} đã thôi giữ chức ${POSITION_TEXT[appointment.position].vi} từ ngày ${displayDate(appointment.end.date)}.`,
      en: `${appointment.fullName} already left the position of ${POSITION_TEXT[appointment.position].en} on ${appointment.end.date}.`,
    });
  }
  parseDate(input.date, 'date');
  if (input.date < appointment.from) {
    throw unprocessable('appointment-end-before-start', {
      vi: `Ngày thôi giữ chức (${displayDate(input.date)}) không được trước ngày bắt đầu giữ chức (${displayDate(appointment.from)}).`,
      en: `The end date (${input.date}) must not come before the appointment's first day (${appointment.from}).`,
    });
  }
  if (input.date > term.endDate) {
    throw unprocessable('appointment-end-after-term', {
      vi: `Chức danh trong ${term.name} tự chấm dứt khi hết nhiệm kỳ (${displayDate(term.endDate)}); ngày thôi giữ chức không được sau ngày đó.`,
      en: `A position in the term "${term.name}" ends with the term (${term.endDate}); the end date must not be later.`,
    });
  }
  return {
    ...appointment,
    end: {
      date: input.date,
      reason: input.reason,
      decisionNumber: input.decisionNumber ?? null,
      note: input.note?.trim() || null,
    },
    version: appointment.version + 1,
    updatedAt: now.toISOString(),
  };
}

export const termPeriod = (term: Pick<CommitteeTerm, 'startDate' | 'endDate'>): Period => ({
  from: term.startDate,
  until: term.endDate,
});

/** The days in office: up to the end, and never past the term's end (which a closure may bring forward). */
export function periodInOffice(a: OfficerAppointment, termEnd: string): Period {
  const until = a.end ? earlierOf(a.end.date, termEnd) : termEnd;
  return { from: a.from, until: laterOf(until, a.from) };
}

/**
 * Ends an appointment still open when its term closes, on the term's new end
 * (reason `term-ended`). One due to start after that day is annulled: it ends
 * on its own first day.
 */
export function endWithTerm(appointment: OfficerAppointment, term: CommitteeTerm, now: Date): OfficerAppointment {
  const date = laterOf(appointment.from, term.endDate);
  return {
    ...appointment,
    end: {
      date,
      reason: 'term-ended',
      decisionNumber: term.closure?.decisionNumber ?? null,
      note: term.closure?.reason ?? null,
    },
    version: appointment.version + 1,
    updatedAt: now.toISOString(),
  };
}

export const inOfficeOn = (a: OfficerAppointment, termEnd: string, day: string) =>
  covers(periodInOffice(a, termEnd), day);

/** Chair first, standing financial roles last; within a position, Vietnamese name order. */
export function byPositionThenName(a: OfficerAppointment, b: OfficerAppointment): number {
  return (
    positionRank(a.position) - positionRank(b.position) ||
    byteOrder(vietnameseSortKey(a.fullName), vietnameseSortKey(b.fullName)) ||
    byteOrder(a.from, b.from)
  );
}

/** By position, then the earliest first: the history of a term. */
export function byPositionThenStart(a: OfficerAppointment, b: OfficerAppointment): number {
  return positionRank(a.position) - positionRank(b.position) || byteOrder(a.from, b.from) || byteOrder(a.id, b.id);
}

/** Sort keys and ISO dates are built to compare byte by byte, not by a locale's collation. */
const byteOrder = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
