import type {
  DisciplineDecided,
  DisciplineLapsed,
  DisciplineRevoked,
  EventData,
  ProceedingClosed,
  ProceedingOpened,
} from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import type { Subject, SubjectRecordChange, SubjectRecordOutcome, SubjectRecords } from './ports.ts';

/** The inspection events emulation's eligibility reads, as its subscription hands them over. */
export type InspectionFactEvent =
  | { type: 'DisciplineDecided'; eventId: string; data: EventData<typeof DisciplineDecided> }
  | { type: 'DisciplineLapsed'; eventId: string; data: EventData<typeof DisciplineLapsed> }
  | { type: 'DisciplineRevoked'; eventId: string; data: EventData<typeof DisciplineRevoked> }
  | { type: 'ProceedingOpened'; eventId: string; data: EventData<typeof ProceedingOpened> }
  | { type: 'ProceedingClosed'; eventId: string; data: EventData<typeof ProceedingClosed> };

const subjectOf = (s: { kind: 'member'; memberId: string } | { kind: 'unit'; unitId: string }): Subject =>
  s.kind === 'member' ? { kind: 'member', memberId: s.memberId } : { kind: 'unit', unitId: s.unitId };

/**
 * Keeps one of inspection's discipline or proceeding events for eligibility, once per event
 * (the inbox marker) and per decision or proceeding at its highest version: a redelivered,
 * duplicate or late event changes no state. A late `DisciplineDecided` (its lapse or revocation
 * came first) still fills in the decision's number and date, which never change; a late
 * `ProceedingOpened` its opening day.
 */
export function recordInspectionFact(
  deps: { subjects: SubjectRecords },
  ev: InspectionFactEvent,
  ctx: WriteContext,
): Promise<SubjectRecordOutcome> {
  return deps.subjects.apply(changeOf(ev), ctx);
}

function changeOf(ev: InspectionFactEvent): SubjectRecordChange {
  const base = { eventId: ev.eventId, subject: subjectOf(ev.data.subject), version: ev.data.version };
  switch (ev.type) {
    case 'DisciplineDecided': {
      const { disciplineId, form, decision, lapsesOn, issuerUnitId } = ev.data;
      return {
        ...base,
        record: { kind: 'discipline', id: disciplineId },
        state: { form, status: 'in-force', lapsedOn: null, revokedBy: null },
        facts: { decision, lapsesOn, issuerUnitId },
      };
    }
    case 'DisciplineLapsed':
      return {
        ...base,
        record: { kind: 'discipline', id: ev.data.disciplineId },
        state: { form: ev.data.form, status: 'lapsed', lapsedOn: ev.data.lapsedOn, revokedBy: null },
        facts: {},
      };
    case 'DisciplineRevoked':
      return {
        ...base,
        record: { kind: 'discipline', id: ev.data.disciplineId },
        state: { form: ev.data.form, status: 'revoked', lapsedOn: null, revokedBy: ev.data.decision },
        facts: {},
      };
    case 'ProceedingOpened':
      return {
        ...base,
        record: { kind: 'proceeding', id: ev.data.proceedingId },
        state: { proceedingKind: ev.data.kind, closedOn: null, outcome: null },
        facts: { openedOn: ev.data.openedOn, handlingUnitId: ev.data.handlingUnitId },
      };
    case 'ProceedingClosed':
      return {
        ...base,
        record: { kind: 'proceeding', id: ev.data.proceedingId },
        state: { proceedingKind: ev.data.kind, closedOn: ev.data.closedOn, outcome: ev.data.outcome },
        facts: { handlingUnitId: ev.data.handlingUnitId },
      };
  }
}
