import { z } from 'zod';
import { CASE_CLASSES, CASE_STAGES, CASE_STEPS } from '../inspection/cases.ts';
import {
  CASE_DEADLINE_KINDS,
  DISCIPLINE_FORM_TERMS,
  disciplineFormSchema,
  PROCEEDING_KINDS,
  proceedingSubjectSchema,
} from '../inspection/discipline.ts';
import { textSchema } from '../text.ts';
import { defineEvent } from './envelope.ts';

/**
 * Events of the inspection service: discipline, proceedings, and the deadlines its daily
 * schedules watch. Membership consumes the discipline events (an expulsion exits the member, a
 * removal from office ends their appointments); emulation consumes discipline and proceedings
 * for award eligibility. Examples in `docs/inspection.md`.
 *
 * They carry ids, dates, forms and decision numbers only. No denouncer or complainant appears in
 * any of them, by id, name, CCCD, contact or address: a proceeding names its subject (the member
 * or unit it is about), never who brought it. A discipline decision's grounds are a summary
 * written for publication, without personal data.
 *
 * Consumers apply each event once (`applyOnce`) and, per discipline or proceeding, keep the
 * highest `version`: a redelivered or late event changes nothing.
 */

const id = z.string().min(1).max(64);
const version = z.number().int().positive();
const decision = z.object({
  /** The decision's number as written on it, e.g. `12/QĐ-UBKT`. */
  number: textSchema({ min: 1, max: 100 }),
  date: z.iso.date(),
});
/** What a discipline decision rests on: the inspection, or the complaint or denunciation case. */
const basis = z.object({ kind: z.enum(['inspection', 'case']), id }).nullable();

const disciplineCore = {
  disciplineId: id,
  version,
  subject: proceedingSubjectSchema,
  form: disciplineFormSchema,
};

/** A decision as issued: its number and date, the unit issuing it, and its grounds. */
const decided = {
  decision,
  issuerUnitId: id,
  /** Published grounds, without personal data (no complainant, denouncer, CCCD or health). */
  groundsSummary: textSchema({ min: 1, max: 1000, multiline: true }),
};

/** A member is disciplined in a member's form, a unit in a unit's form (`DISCIPLINE_FORM_TERMS`). */
function formFitsSubject(data: { form: z.infer<typeof disciplineFormSchema>; subject: { kind: string } }) {
  return (DISCIPLINE_FORM_TERMS[data.form].subjects as readonly string[]).includes(data.subject.kind);
}
const FORM_MISMATCH = {
  message: 'the form does not apply to this subject: dissolution is of a unit, removal and expulsion of a member',
  path: ['form'],
};

export const DisciplineDecided = defineEvent({
  service: 'inspection',
  detailType: 'DisciplineDecided',
  version: 1,
  description:
    'A discipline decision (khiển trách, cảnh cáo, cách chức, khai trừ, giải tán) was issued against a member or a unit.',
  data: z
    .object({
      ...disciplineCore,
      ...decided,
      basis,
      /** The day it lapses if there is no reoffending (policy: 1 year); null for forms that do not lapse. */
      lapsesOn: z.iso.date().nullable(),
    })
    .refine(formFitsSubject, FORM_MISMATCH),
});

export const DisciplineLapsed = defineEvent({
  service: 'inspection',
  detailType: 'DisciplineLapsed',
  version: 1,
  description:
    'A discipline decision lapsed after its period without reoffending: achievements count again from this day.',
  data: z.object({ ...disciplineCore, lapsedOn: z.iso.date() }).refine(formFitsSubject, FORM_MISMATCH),
});

export const DisciplineRevoked = defineEvent({
  service: 'inspection',
  detailType: 'DisciplineRevoked',
  version: 1,
  description:
    'A discipline decision was revoked by a later decision (e.g. a complaint against it was upheld): treat it as never having applied.',
  data: z
    .object({
      ...disciplineCore,
      /** The revoking decision, its issuer and grounds. */
      ...decided,
    })
    .refine(formFitsSubject, FORM_MISMATCH),
});

const proceedingCore = {
  proceedingId: id,
  version,
  kind: z.enum(PROCEEDING_KINDS),
  subject: proceedingSubjectSchema,
  /** The unit whose inspection committee handles it. */
  handlingUnitId: id,
};

export const ProceedingOpened = defineEvent({
  service: 'inspection',
  detailType: 'ProceedingOpened',
  version: 1,
  description:
    'An inspection, or an accepted complaint or denunciation, names a member or unit as its subject and is pending.',
  data: z.object({ ...proceedingCore, openedOn: z.iso.date() }),
});

export const ProceedingClosed = defineEvent({
  service: 'inspection',
  detailType: 'ProceedingClosed',
  version: 1,
  description: 'A pending inspection, complaint or denunciation about a member or unit ended.',
  data: z.object({
    ...proceedingCore,
    closedOn: z.iso.date(),
    /**
     * concluded: a conclusion or decision was issued; withdrawn: the complaint was withdrawn;
     * transferred: sent to the competent body, no longer handled here.
     */
    outcome: z.enum(['concluded', 'withdrawn', 'transferred']),
  }),
});

export const RecommendationOverdue = defineEvent({
  service: 'inspection',
  detailType: 'RecommendationOverdue',
  version: 1,
  description: 'A recommendation of an inspection passed its deadline not done (announced once per recommendation).',
  data: z.object({
    recommendationId: id,
    inspectionId: id,
    /** The unit whose inspection committee made it. */
    unitId: id,
    owner: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('unit'), unitId: id }),
      z.object({ kind: z.literal('member'), memberId: id }),
    ]),
    dueDate: z.iso.date(),
  }),
});

const caseDeadline = {
  caseId: id,
  /** The unit handling the case. */
  unitId: id,
  deadlineKind: z.enum(CASE_DEADLINE_KINDS),
  dueDate: z.iso.date(),
  /** Whether the due date was counted in working or calendar days. */
  dayKind: z.enum(['working', 'calendar']),
};

export const CaseDeadlineApproaching = defineEvent({
  service: 'inspection',
  detailType: 'CaseDeadlineApproaching',
  version: 1,
  description:
    'A case deadline falls within 5 working days (announced once per case, deadline kind and due date: an extension is a new due date).',
  data: z.object({ ...caseDeadline, workingDaysLeft: z.number().int().min(0).max(5) }),
});

export const CaseOverdue = defineEvent({
  service: 'inspection',
  detailType: 'CaseOverdue',
  version: 1,
  description: 'A case deadline passed with its step not done (announced once per case, deadline kind and due date).',
  data: z.object(caseDeadline),
});

export const CaseStepRecorded = defineEvent({
  service: 'inspection',
  detailType: 'CaseStepRecorded',
  version: 1,
  description:
    'A complaint, denunciation, anonymous report or petition was received or took a step (accepted, refused, transferred, assigned, verified, extended, concluded, decided, withdrawn). Never carries the person who brought it, nor the content.',
  data: z.object({
    caseId: id,
    version,
    class: z.enum(CASE_CLASSES),
    step: z.enum(['receive', ...CASE_STEPS]),
    /** The step's date (the day received, accepted, …). */
    date: z.iso.date(),
    stage: z.enum(CASE_STAGES),
    /** The unit whose inspection committee handles the case. */
    handlingUnitId: id,
    /** The step's written decision: an extension's, or for `decide` the decision issued (its number, the step's date); null for the other steps. */
    decision: decision.nullable(),
  }),
});

export const INSPECTION_EVENTS = [
  DisciplineDecided,
  DisciplineLapsed,
  DisciplineRevoked,
  ProceedingOpened,
  ProceedingClosed,
  RecommendationOverdue,
  CaseDeadlineApproaching,
  CaseOverdue,
  CaseStepRecorded,
] as const;
