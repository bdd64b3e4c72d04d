/**
 * Every key of inspection's own items. The directories' prefixes (ORG#, member
 * directory) are theirs; these are distinct from them.
 */
export const planKey = (id: string) => ({ pk: `PLAN#${id}`, sk: 'PLAN' });
/** gsi1 for plans: a unit's plans by year. */
export const unitPlansIndex = (unitId: string, year: number | '', id: string) => ({
  gsi1pk: `UNITPLANS#${unitId}`,
  gsi1sk: year === '' ? '' : `${year}#${id}`,
});

export const inspectionKey = (id: string) => ({ pk: `INSPECTION#${id}`, sk: 'INSPECTION' });
/** gsi1 for inspections: those of an inspecting unit, by decision date. */
export const unitInspectionsIndex = (unitId: string, date: string, id: string) => ({
  gsi1pk: `UNITINSPECTIONS#${unitId}`,
  gsi1sk: `${date}#${id}`,
});

export const recommendationKey = (id: string) => ({ pk: `REC#${id}`, sk: 'REC' });
/** gsi1 for recommendations: those made to an inspected unit, by status then deadline. */
export const unitRecommendationsIndex = (unitId: string, status: string, deadline: string, id: string) => ({
  gsi1pk: `UNITRECS#${unitId}`,
  gsi1sk: `${status}#${deadline}#${id}`,
});
export const UNIT_RECS_PREFIX = 'UNITRECS#';
/**
 * gsi2, the deadline index: only recommendations that may still become overdue (open or in
 * progress) carry it, by deadline, so the daily run reads what is due and nothing else.
 */
export const DEADLINE_INDEX_PK = 'RECDUE';
export const deadlineIndex = (deadline: string, id: string) => ({
  gsi2pk: DEADLINE_INDEX_PK,
  gsi2sk: `${deadline}#${id}`,
});

/** A UBKT seat of a member: one item per appointment. */
export const seatKey = (memberId: string, appointmentId: string) => ({
  pk: `UBKTSEAT#${memberId}`,
  sk: `APPOINTMENT#${appointmentId}`,
});

/** An office a member holds or held (any position of any committee): one item per appointment. */
export const officeKey = (memberId: string, appointmentId: string) => ({
  pk: `OFFICE#${memberId}`,
  sk: `APPOINTMENT#${appointmentId}`,
});

/** Finance's reconciliation of a unit's month, as announced. */
export const reconciliationKey = (unitId: string, month: string) => ({
  pk: `FINRECON#${unitId}`,
  sk: `MONTH#${month}`,
});
export const discrepancyKey = (unitId: string, month: string, fingerprint: string) => ({
  pk: `FINRECON#${unitId}`,
  sk: `DISC#${month}#${fingerprint}`,
});

export const disciplineKey = (id: string) => ({ pk: `DISCIPLINE#${id}`, sk: 'DISCIPLINE' });
/** gsi1 for discipline decisions: those about a unit or its members, by decision date. */
export const unitDisciplineIndex = (unitId: string, date: string, id: string) => ({
  gsi1pk: `UNITDSC#${unitId}`,
  gsi1sk: `${date}#${id}`,
});
/**
 * gsi2, the lapse index: only decisions in force that may lapse carry it, by lapse date, so the
 * daily run reads what is due and nothing else.
 */
export const LAPSE_INDEX_PK = 'DSCLAPSE';
export const lapseIndex = (lapsesOn: string, id: string) => ({ gsi2pk: LAPSE_INDEX_PK, gsi2sk: `${lapsesOn}#${id}` });
/** Every decision against one subject, kept together and rewritten on the version read. */
export const disciplineGuardKey = (
  subject: { kind: 'member'; memberId: string } | { kind: 'unit'; unitId: string },
) => ({
  pk: `DSCSUBJECT#${subject.kind === 'member' ? `member#${subject.memberId}` : `unit#${subject.unitId}`}`,
  sk: 'GUARD',
});

/**
 * gsi1 for UBKT seats: the seats of one unit's committee, by first day in office, so the
 * warning list reads who sits on a CĐCS's UBKT with one Query per CĐCS.
 */
export const unitSeatsIndex = (unitId: string, from: string, appointmentId: string) => ({
  gsi1pk: `UNITSEATS#${unitId}`,
  gsi1sk: `${from}#${appointmentId}`,
});

/** What happened to a discipline decision that the annual report counts, each on its own day. */
export type MilestoneKind = 'decided' | 'lapsed' | 'revoked';
/**
 * The annual report's index of discipline: one small item per decision and milestone under its
 * issuer, by the milestone's day, written in the transaction of the step, so a year's figures
 * are three Queries (decided, lapsed, revoked in the year) whatever the issuer's history.
 */
export const issuedDisciplineKey = (issuerUnitId: string, milestone: MilestoneKind, day: string, id: string) => ({
  pk: `DSCISSUED#${issuerUnitId}`,
  sk: `${milestone}#${day}#${id}`,
});

/** A complaint, denunciation, anonymous report or petition; its identity, index entries and reveals share its partition. */
export const caseKey = (id: string) => ({ pk: `CASE#${id}`, sk: 'CASE' });
/** gsi1 for cases: those a unit's committee handles, by the day received. */
export const unitCasesIndex = (unitId: string, receivedOn: string, id: string) => ({
  gsi1pk: `UNITCASES#${unitId}`,
  gsi1sk: `${receivedOn}#${id}`,
});
/** The person who brought a case, sealed: its own item, never the case's. */
export const caseIdentityKey = (id: string) => ({ pk: `CASE#${id}`, sk: 'IDENTITY' });
/** One open deadline of a case, indexed under one unit of the handling unit's chain (the unit and each ancestor). */
export const BOARD_SK_PREFIX = 'BOARD#';
export const boardEntryKey = (caseId: string, kind: string, unitId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `${BOARD_SK_PREFIX}${kind}#${unitId}`,
});
/**
 * gsi1, the deadline board: a unit's partition holds the open deadlines of every case handled in
 * its subtree, by due date, so a subtree's board is one Query of one partition.
 */
export const CASE_BOARD_PREFIX = 'CASEBOARD#';
export const caseBoardIndex = (unitId: string, dueDate: string, caseId: string, kind: string) => ({
  gsi1pk: `${CASE_BOARD_PREFIX}${unitId}`,
  gsi1sk: `${dueDate}#${caseId}#${kind}`,
});
/**
 * gsi2, the signal index: the handling unit's entry of each open deadline, by the day its next
 * announcement is due (approaching from `dueSoonFrom`, overdue the day after the due date).
 */
export const CASE_SIGNAL_PK = 'CASESIGNAL';
export const caseSignalIndex = (signalOn: string, caseId: string, kind: string) => ({
  gsi2pk: CASE_SIGNAL_PK,
  gsi2sk: `${signalOn}#${caseId}#${kind}`,
});

/**
 * The working-day calendar's notices that administrators recorded, in one partition read with
 * one Query; `HEAD` carries the partition's version, which every save moves conditionally.
 */
export const CALENDAR_NOTICES_PK = 'CALNOTICES';
export const CALENDAR_NOTICE_PREFIX = 'NOTICE#';
export const calendarNoticeKey = (id: string) => ({ pk: CALENDAR_NOTICES_PK, sk: `${CALENDAR_NOTICE_PREFIX}${id}` });
export const calendarNoticesHeadKey = () => ({ pk: CALENDAR_NOTICES_PK, sk: 'HEAD' });
