import { type CommitteeTerm, conflict, unprocessable } from '@congdoan/contracts';
import { displayDate, parseDate } from '../member/dates.ts';
import { covers, overlaps } from './periods.ts';

/**
 * A committee term (nhiệm kỳ): elected by a congress (Đại hội), it runs from its
 * start date up to its end date, which may be the next congress's day. Terms of
 * one unit never overlap. A term changes only by closing early, which brings its
 * end forward and keeps the planned end in `closure`.
 */
export interface TermInput {
  name?: string;
  congressDate: string;
  startDate: string;
  endDate: string;
  decisionNumber?: string;
}

/** What the non-overlap rule needs of each of a unit's terms. */
export interface TermSpan {
  termId: string;
  name: string;
  startDate: string;
  endDate: string;
}

export const spanOf = (t: CommitteeTerm): TermSpan => ({
  termId: t.id,
  name: t.name,
  startDate: t.startDate,
  endDate: t.endDate,
});

const periodOf = (t: Pick<TermSpan, 'startDate' | 'endDate'>) => ({ from: t.startDate, until: t.endDate });

export function newTerm(input: TermInput, unitId: string, id: string, now: Date): CommitteeTerm {
  parseDate(input.congressDate, 'congressDate');
  parseDate(input.startDate, 'startDate');
  parseDate(input.endDate, 'endDate');
  if (input.endDate <= input.startDate) {
    throw unprocessable('term-dates-invalid', {
      vi: `Ngày kết thúc nhiệm kỳ (${displayDate(input.endDate)}) phải sau ngày bắt đầu (${displayDate(input.startDate)}).`,
      en: `The term's end date (${input.endDate}) must come after its start date (${input.startDate}).`,
    });
  }
  if (input.congressDate > input.startDate) {
    throw unprocessable('congress-after-term-start', {
      vi: `Nhiệm kỳ do Đại hội bầu ra nên bắt đầu từ hoặc sau ngày Đại hội; ngày Đại hội ${displayDate(input.congressDate)} lại sau ngày bắt đầu ${displayDate(input.startDate)}.`,
      en: `A term begins on or after the congress that elected it; the congress date ${input.congressDate} is after the start date ${input.startDate}.`,
    });
  }
  const at = now.toISOString();
  return {
    id,
    unitId,
    name: input.name?.trim() || `Nhiệm kỳ ${input.startDate.slice(0, 4)}–${input.endDate.slice(0, 4)}`,
    congressDate: input.congressDate,
    startDate: input.startDate,
    endDate: input.endDate,
    decisionNumber: input.decisionNumber ?? null,
    closure: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** A unit's terms must not share a day (409 `term-overlap`). */
export function assertNoTermOverlap(term: Pick<TermSpan, 'startDate' | 'endDate'>, others: readonly TermSpan[]): void {
  const clash = others.find((o) => overlaps(periodOf(o), periodOf(term)));
  if (!clash) return;
  throw conflict('term-overlap', {
    vi: `Các nhiệm kỳ của một đơn vị không được trùng nhau: "${clash.name}" kéo dài từ ${displayDate(clash.startDate)} đến trước ${displayDate(clash.endDate)}. Nhiệm kỳ mới có thể bắt đầu từ ngày ${displayDate(clash.endDate)} hoặc kết thúc không muộn hơn ${displayDate(clash.startDate)}.`,
    en: `A unit's terms must not overlap: "${clash.name}" runs from ${clash.startDate} up to ${clash.endDate}. A new term may start on ${clash.endDate} or later, or end on ${clash.startDate} or earlier.`,
  });
}

/** The term in force on `day`, if any. */
export const termOn = <T extends Pick<TermSpan, 'startDate' | 'endDate'>>(terms: readonly T[], day: string) =>
  terms.find((t) => covers(periodOf(t), day));

export interface CloseInput {
  date: string;
  reason: string;
  decisionNumber?: string;
}

/**
 * Closes a term early (the unit dissolved or merged, the committee dissolved):
 * `date` becomes its end, the first day without it. Closing on the first day
 * annuls the term. Once only (409; the same day again is a no-op), and only
 * to shorten it (422).
 */
export function closeTerm(term: CommitteeTerm, input: CloseInput, now: Date): CommitteeTerm {
  // Closing again on the same day changes nothing, so an interrupted close can be finished.
  if (term.closure?.date === input.date) return term;
  if (term.closure) {
    throw conflict('term-already-closed', {
      vi: `${term.name} đã kết thúc sớm từ ngày ${displayDate(term.closure.date)}.`,
      en: `The term "${term.name}" already closed on ${term.closure.date}.`,
    });
  }
  parseDate(input.date, 'date');
  if (input.date < term.startDate || input.date >= term.endDate) {
    throw unprocessable('term-close-date-invalid', {
      vi: `Ngày kết thúc sớm phải từ ngày bắt đầu (${displayDate(term.startDate)}) đến trước ngày kết thúc dự kiến (${displayDate(term.endDate)}) của ${term.name}; nhận được ${displayDate(input.date)}.`,
      en: `An early close date must lie from the start (${term.startDate}) up to, not including, the planned end (${term.endDate}) of the term "${term.name}"; got ${input.date}.`,
    });
  }
  return {
    ...term,
    endDate: input.date,
    closure: {
      date: input.date,
      reason: input.reason.trim(),
      decisionNumber: input.decisionNumber ?? null,
      plannedEndDate: term.endDate,
    },
    version: term.version + 1,
    updatedAt: now.toISOString(),
  };
}
