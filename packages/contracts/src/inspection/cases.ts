import { z } from 'zod';
import { textSchema } from '../text.ts';
import { CASE_DEADLINE_KINDS } from './discipline.ts';

/**
 * Complaints (khiếu nại), denunciations (tố cáo), anonymous reports and petitions: the contracts
 * of the inspection service's cases. A case's person (the complainant, denouncer or petitioner)
 * is given at intake and never returned: the case view says `person: { withheld: true }` (or
 * `null` for an anonymous report), and only the audited reveal answers it.
 */

const id = z.string().min(1).max(64);
const isoDate = z.iso.date();
const timestamp = z.iso.datetime({ offset: true });
const decisionNumber = textSchema({ min: 1, max: 100 });

/** The case classes: separate tracks (DOMAIN.md, "Inspection, complaints and denunciations"). */
export const CASE_CLASSES = [
  'complaint-first',
  'complaint-second',
  'denunciation',
  'anonymous-report',
  'petition',
] as const;
export type CaseClass = (typeof CASE_CLASSES)[number];
export const caseClassSchema = z.enum(CASE_CLASSES);

/** How a case reached the committee. */
export const CASE_CHANNELS = ['in-person', 'post', 'email', 'online', 'transferred-in', 'other'] as const;

/** How complex the case is: it sets a complaint's resolution limit and a denunciation's extensions. */
export const CASE_COMPLEXITIES = ['normal', 'complex', 'especially-complex'] as const;
export type CaseComplexity = (typeof CASE_COMPLEXITIES)[number];

/**
 * The person who brought the case. Sealed at intake (encrypted, stored apart from the case) and
 * never shown again except through the audited reveal.
 */
export const casePersonSchema = z.strictObject({
  fullName: textSchema({ min: 1, max: 200 }),
  cccd: z
    .string()
    .regex(/^\d{12}$/, 'a CCCD of 12 digits')
    .optional(),
  phone: z
    .string()
    .regex(/^\+?\d[\d ]{6,18}$/, 'a phone number')
    .optional(),
  email: z.email().max(254).optional(),
  address: textSchema({ min: 1, max: 500 }).optional(),
});
export type CasePerson = z.infer<typeof casePersonSchema>;

/** Whom the case is about, as a request names it: a member, an officer (a member holding an office), or a unit. */
export const caseSubjectInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('member'), memberId: id }),
  z.strictObject({ kind: z.literal('officer'), memberId: id }),
  z.strictObject({ kind: z.literal('unit'), unitId: id }),
]);

/** The congress the case is about, if it concerns congress matters (Hướng dẫn 63/HD-TLĐ's cut-off). */
export const caseCongressInput = z.strictObject({
  date: isoDate,
  /** A CĐCS congress (cut-off 25 working days before) or an upper level's (30). */
  level: z.enum(['grassroots', 'upper']),
});

export const openCaseBody = z
  .strictObject({
    /** The unit whose inspection committee handles the case. */
    handlingUnitId: id,
    class: caseClassSchema,
    channel: z.enum(CASE_CHANNELS),
    receivedOn: isoDate,
    /** Absent for an anonymous report; required for every other class. */
    person: casePersonSchema.optional(),
    subject: caseSubjectInput,
    content: textSchema({ min: 1, max: 5000, multiline: true }),
    complexity: z.enum(CASE_COMPLEXITIES).default('normal'),
    /** A remote or especially difficult area (vùng sâu, vùng xa): a complaint's longer limits. */
    remoteArea: z.boolean().default(false),
    /** When the complainant knew of the decision or act: the 90-day filing limit counts from it. */
    knewOn: isoDate.optional(),
    congress: caseCongressInput.optional(),
    /**
     * The discipline decision a complaint contests (Điều lệ: a complaint against a discipline
     * decision is a case like any other). Only a complaint contests a decision.
     */
    contests: z.strictObject({ kind: z.literal('discipline'), id }).optional(),
  })
  .refine((b) => b.contests === undefined || b.class === 'complaint-first' || b.class === 'complaint-second', {
    message: 'only a complaint contests a discipline decision',
    path: ['contests'],
  })
  .refine((b) => (b.class === 'anonymous-report') === (b.person === undefined), {
    message: 'an anonymous report names no person; every other class names the person who brought it',
    path: ['person'],
  })
  .refine((b) => b.knewOn === undefined || b.knewOn <= b.receivedOn, {
    message: 'knewOn cannot be after receivedOn',
    path: ['knewOn'],
  });
export type OpenCaseInput = z.infer<typeof openCaseBody>;

export const caseIdParams = z.strictObject({ id });

/** The steps of a case, each `POST /v1/inspection/cases/{id}/{step}`. */
export const CASE_STEPS = [
  'accept',
  'refuse',
  'transfer',
  'assign',
  'verify',
  'extend',
  'conclude',
  'decide',
  'withdraw',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

export const CASE_STAGES = [
  'received',
  'accepted',
  'verifying',
  'concluded',
  'decided',
  'refused',
  'transferred',
  'withdrawn',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

const stepDate = { date: isoDate };
const note = textSchema({ min: 1, max: 2000, multiline: true });
export const acceptCaseBody = z.strictObject({ ...stepDate, note: note.optional() });
export const refuseCaseBody = z.strictObject({ ...stepDate, reason: note });
export const transferCaseBody = z.strictObject({
  ...stepDate,
  /** The competent body the case is sent to. */
  competentBody: textSchema({ min: 1, max: 300 }),
  note: note.optional(),
});
export const assignCaseBody = z.strictObject({
  ...stepDate,
  /** The inspectors handling the case: members sitting on a UBKT that day. Replaces the previous assignment. */
  memberIds: z.array(id).min(1).max(10),
});
export const verifyCaseBody = z.strictObject({ ...stepDate, note });
export const extendCaseBody = z.strictObject({
  ...stepDate,
  /** The written extension decision. */
  decision: z.strictObject({ number: decisionNumber, date: isoDate }),
  reason: note.optional(),
});
export const concludeCaseBody = z.strictObject({ ...stepDate, number: decisionNumber.optional(), summary: note });
export const decideCaseBody = z.strictObject({ ...stepDate, number: decisionNumber, summary: note });
export const withdrawCaseBody = z.strictObject({ ...stepDate, note: note.optional() });

export const revealIdentityBody = z.strictObject({ reason: textSchema({ min: 5, max: 1000, multiline: true }) });

const bilingual = z.object({ vi: z.string(), en: z.string() });

/** A statutory deadline of a case, as computed on the working-day calendar, explaining itself. */
export const caseDeadlineSchema = z.object({
  kind: z.enum(CASE_DEADLINE_KINDS),
  dueDate: isoDate,
  dayKind: z.enum(['working', 'calendar']),
  /** From which day and how many days. */
  from: isoDate,
  days: z.number().int(),
  explanation: bilingual,
  /** The legal source of the limit, and how sure we are of it (DOMAIN.md). */
  source: z.string(),
  certainty: z.enum(['sure', 'likely', 'unsure']),
  /**
   * open: to be met; met: the step was taken (on `metOn`) by the due date; late: taken after it;
   * closed: no longer applies (the case ended another way).
   */
  status: z.enum(['open', 'met', 'late', 'closed']),
  metOn: isoDate.nullable(),
  /** The first day it is due within 5 working days: from then on the board lists it and it is announced as approaching. */
  dueSoonFrom: isoDate,
});
export type CaseDeadline = z.infer<typeof caseDeadlineSchema>;

export const caseStepRecordSchema = z.object({
  step: z.union([z.literal('receive'), z.enum(CASE_STEPS)]),
  date: isoDate,
  by: z.string(),
  at: timestamp,
  /** The step's facts (reason, competent body, decision number, note…): never the person. */
  detail: z.record(z.string(), z.unknown()),
});

export const caseSchema = z.object({
  id: z.string(),
  class: caseClassSchema,
  channel: z.enum(CASE_CHANNELS),
  receivedOn: isoDate,
  handlingUnitId: z.string(),
  /** Never the identity: withheld for every class that names one, null for an anonymous report. */
  person: z.object({ withheld: z.literal(true) }).nullable(),
  subject: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('member'), memberId: z.string(), unitId: z.string(), fullName: z.string() }),
    z.object({ kind: z.literal('officer'), memberId: z.string(), unitId: z.string(), fullName: z.string() }),
    z.object({ kind: z.literal('unit'), unitId: z.string() }),
  ]),
  content: z.string(),
  complexity: z.enum(CASE_COMPLEXITIES),
  remoteArea: z.boolean(),
  knewOn: isoDate.nullable(),
  congress: z.object({ date: isoDate, level: z.enum(['grassroots', 'upper']) }).nullable(),
  /** The discipline decision the complaint contests, with its number and date; null when none. */
  contests: z
    .object({
      kind: z.literal('discipline'),
      id: z.string(),
      decision: z.object({ number: z.string(), date: isoDate }),
    })
    .nullable(),
  stage: z.enum(CASE_STAGES),
  assignees: z.array(z.object({ memberId: z.string(), fullName: z.string() })),
  extensions: z.array(z.object({ number: z.string(), date: isoDate, dueDate: isoDate })),
  deadlines: z.array(caseDeadlineSchema),
  acceptedOn: isoDate.nullable(),
  /** The day the case was concluded, refused, transferred or withdrawn. */
  closedOn: isoDate.nullable(),
  /** On time or late against the resolution deadline (extensions included); null until concluded. */
  resolvedOnTime: z.boolean().nullable(),
  /** Whether a proceeding (ProceedingOpened) is pending for the subject. */
  proceedingOpen: z.boolean(),
  steps: z.array(caseStepRecordSchema),
  version: z.number().int().positive(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Case = z.infer<typeof caseSchema>;

/** The identity revealed to an assigned inspector, with the audit record's time. */
export const revealedIdentitySchema = z.object({
  caseId: z.string(),
  person: z.object({
    fullName: z.string(),
    cccd: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    address: z.string().optional(),
  }),
  revealedAt: timestamp,
});

/** One line of the deadline board. */
export const boardEntrySchema = z.object({
  caseId: z.string(),
  class: caseClassSchema,
  handlingUnitId: z.string(),
  kind: z.enum(CASE_DEADLINE_KINDS),
  dueDate: isoDate,
  dayKind: z.enum(['working', 'calendar']),
  status: z.enum(['overdue', 'due-soon']),
  /** Working days from today to the due date (0 when due today or overdue). */
  workingDaysLeft: z.number().int().min(0),
});
export const deadlineBoardQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});
export const deadlineBoardPage = z.object({
  /** Today in Vietnam, and the last day counted as due soon (5 working days on). */
  today: isoDate,
  horizon: isoDate,
  items: z.array(boardEntrySchema),
  nextCursor: z.string().nullable(),
});
