import { z } from 'zod';
import { textSchema } from '../text.ts';
import { caseClassSchema } from './cases.ts';
import { DISCIPLINE_FORM_TERMS, disciplineFormSchema } from './discipline.ts';

/**
 * The inspection service's contracts: the schemas of its routes' requests and responses. Its
 * events are in `../events/inspection.ts`.
 */

const id = z.string().min(1).max(64);
const isoDate = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const timestamp = z.iso.datetime({ offset: true });
/** Money is whole đồng (VND has no minor unit). */
const dong = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** A Vietnamese tax ID (mã số thuế): 10 digits, or 13 with a branch suffix. */
const taxId = z.string().regex(/^\d{10}(-?\d{3})?$/, 'a tax ID of 10 digits, or 13 with a branch suffix');
const decisionNumber = textSchema({ min: 1, max: 100 });

export const inspectionIdParams = z.strictObject({ id });
export const planIdParams = z.strictObject({ id });
export const planItemParams = z.strictObject({ id, itemId: id });
export const recommendationIdParams = z.strictObject({ id });

/**
 * The kinds of the UBKT's work (Điều lệ; HD 238/HD-TLĐ; QĐ 833/2018): inspecting compliance
 * with the union charter, signs of violation, finance; and supervising an employer's compliance
 * with social-, health- and unemployment-insurance law and grassroots-democracy rules.
 */
export const INSPECTION_TYPES = ['charter-compliance', 'signs-of-violation', 'finance', 'supervision'] as const;
export type InspectionType = (typeof INSPECTION_TYPES)[number];
export const inspectionTypeSchema = z.enum(INSPECTION_TYPES);

/** What a planned item is about: a unit of the planning unit's subtree, or an employing agency (for supervision). */
export const planTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('unit'), unitId: id }),
  z.strictObject({ kind: z.literal('agency'), taxId, name: textSchema({ min: 1, max: 300 }) }),
]);
export type PlanTarget = z.infer<typeof planTargetSchema>;

export const planItemInput = z.strictObject({
  type: inspectionTypeSchema,
  target: planTargetSchema,
  /** The month planned, `YYYY-MM`, within the plan's year. */
  plannedMonth: month,
  note: textSchema({ min: 1, max: 1000, multiline: true }).optional(),
});
export type PlanItemInput = z.infer<typeof planItemInput>;

export const planItemSchema = z.object({
  id: z.string(),
  type: inspectionTypeSchema,
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('unit'), unitId: z.string() }),
    z.object({ kind: z.literal('agency'), taxId: z.string(), name: z.string() }),
  ]),
  plannedMonth: month,
  note: z.string().nullable(),
  /** The day it was done, with the inspection that did it when there was one; null while planned. */
  done: z.object({ on: isoDate, inspectionId: z.string().nullable() }).nullable(),
});
export type PlanItem = z.infer<typeof planItemSchema>;

/** Planned against done, per type (every type listed, zeros included). */
export const planProgressSchema = z.object({
  planned: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  byType: z.record(inspectionTypeSchema, z.object({ planned: z.number().int(), done: z.number().int() })),
});

export const planSchema = z.object({
  id: z.string(),
  /** The unit whose inspection committee (UBKT) plans. */
  unitId: z.string(),
  year: z.number().int(),
  title: z.string(),
  status: z.enum(['draft', 'approved']),
  approval: z.object({ decisionNumber: z.string(), date: isoDate, by: z.string() }).nullable(),
  items: z.array(planItemSchema),
  progress: planProgressSchema,
  version: z.number().int().positive(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type InspectionPlan = z.infer<typeof planSchema>;

/** At most this many items in one plan: the plan is one item of the table (DynamoDB's 400 KB). */
export const MAX_PLAN_ITEMS = 500;

export const createPlanBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  title: textSchema({ min: 1, max: 300 }),
  items: z.array(planItemInput).max(MAX_PLAN_ITEMS).default([]),
});
export const addPlanItemsBody = z.strictObject({ items: z.array(planItemInput).min(1).max(MAX_PLAN_ITEMS) });
export const approvePlanBody = z.strictObject({ decisionNumber, date: isoDate });
/** Records a plan item done by hand (a supervision of an agency); an inspection carried out under an item records it at its conclusion. */
export const completePlanItemBody = z.strictObject({ on: isoDate });
export const planListQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const planList = z.object({ items: z.array(planSchema) });

/** The steps of an inspection, in order (decision → team → fieldwork → findings → conclusion → recommendations). */
export const INSPECTION_STAGES = [
  'decided',
  'team-formed',
  'fieldwork',
  'findings',
  'concluded',
  'recommended',
] as const;
export type InspectionStage = (typeof INSPECTION_STAGES)[number];
/** The steps a caller posts to, each moving the inspection to its stage. */
export const INSPECTION_STEPS = ['team', 'fieldwork', 'findings', 'conclusion', 'recommendations'] as const;
export type InspectionStep = (typeof INSPECTION_STEPS)[number];

export const FINDING_SEVERITIES = ['minor', 'moderate', 'serious'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

const period = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { message: 'the period ends before it starts', path: ['to'] });

export const openInspectionBody = z.strictObject({
  /** The unit whose UBKT inspects. */
  unitId: id,
  /** The unit inspected: in the inspecting unit's subtree. */
  targetUnitId: id,
  type: inspectionTypeSchema,
  decision: z.strictObject({
    number: decisionNumber,
    date: isoDate,
    scope: textSchema({ min: 1, max: 2000, multiline: true }),
    period,
  }),
  /** The plan item this inspection carries out, if planned. */
  planItem: z.strictObject({ planId: id, itemId: id }).optional(),
  /** The case the inspection was opened on, if any: an anonymous report, a denunciation or a petition the caller sees. */
  basis: z.strictObject({ kind: z.literal('case'), id }).optional(),
});
export type OpenInspectionInput = z.infer<typeof openInspectionBody>;

export const teamMemberInput = z.strictObject({
  memberId: id,
  role: z.enum(['lead', 'member']),
  /** Named as invited (không phải ủy viên UBKT): needed for a member who sits on no UBKT. */
  invited: z.boolean().default(false),
});
export const formTeamBody = z
  .strictObject({ members: z.array(teamMemberInput).min(1).max(20) })
  .refine((b) => new Set(b.members.map((m) => m.memberId)).size === b.members.length, {
    message: 'a member is named twice',
    path: ['members'],
  })
  .refine((b) => b.members.filter((m) => m.role === 'lead').length === 1, {
    message: 'a team has exactly one lead',
    path: ['members'],
  });
export type FormTeamInput = z.infer<typeof formTeamBody>;
export const fieldworkBody = z.strictObject({
  from: isoDate,
  to: isoDate,
  note: textSchema({ min: 1, max: 2000, multiline: true }).optional(),
});
export const findingInput = z.strictObject({
  severity: z.enum(FINDING_SEVERITIES),
  description: textSchema({ min: 1, max: 4000, multiline: true }),
  /** The money involved, in đồng, when there is any. */
  amount: dong.optional(),
});
export const findingsBody = z.strictObject({ findings: z.array(findingInput).min(1).max(100) });
export const conclusionBody = z.strictObject({
  number: decisionNumber,
  date: isoDate,
  summary: textSchema({ min: 1, max: 4000, multiline: true }),
});

export const recommendationOwnerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('unit'), unitId: id }),
  z.strictObject({ kind: z.literal('member'), memberId: id }),
]);
export const recommendationInput = z.strictObject({
  owner: recommendationOwnerSchema,
  content: textSchema({ min: 1, max: 4000, multiline: true }),
  /** The last day to act on it. */
  deadline: isoDate,
});
/** At most 20 per request: the step, its recommendations and their audit records make one transaction. */
export const recommendationsBody = z.strictObject({ recommendations: z.array(recommendationInput).min(1).max(20) });

export const RECOMMENDATION_STATUSES = ['open', 'in-progress', 'done', 'overdue'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export const recommendationSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  /** The unit whose UBKT made it. */
  unitId: z.string(),
  /** The unit inspected. */
  inspectedUnitId: z.string(),
  owner: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('unit'), unitId: z.string() }),
    z.object({ kind: z.literal('member'), memberId: z.string(), fullName: z.string() }),
  ]),
  content: z.string(),
  deadline: isoDate,
  status: z.enum(RECOMMENDATION_STATUSES),
  /** When the daily schedule found it overdue (and announced it, once). */
  overdueSince: isoDate.nullable(),
  notes: z.array(
    z.object({ at: timestamp, by: z.string(), text: z.string(), status: z.enum(RECOMMENDATION_STATUSES) }),
  ),
  version: z.number().int().positive(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const followUpBody = z.strictObject({
  /** The new status, if it changes: `in-progress` or `done` (`overdue` is the schedule's alone). */
  status: z.enum(['in-progress', 'done']).optional(),
  note: textSchema({ min: 1, max: 2000, multiline: true }),
});
export const recommendationListQuery = z.strictObject({
  status: z.enum(RECOMMENDATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});
export const recommendationPage = z.object({ items: z.array(recommendationSchema), nextCursor: z.string().nullable() });

/** The inspected unit's finance picture for the period, kept from finance's reconciliation events. */
export const financePictureSchema = z.object({
  unitId: z.string(),
  from: month,
  to: month,
  months: z.array(
    z.object({
      month,
      reportVersion: z.number().int(),
      discrepancies: z.number().int(),
      totals: z.object({
        duesExpected: z.number().int(),
        duesCollected: z.number().int(),
        remitted: z.number().int(),
        levyDue: z.number().int().nullable(),
        levyPaid: z.number().int(),
        allocationDue: z.number().int(),
        allocated: z.number().int(),
      }),
    }),
  ),
  discrepancies: z.array(
    z.object({
      month,
      kind: z.string(),
      subject: z.string(),
      expected: z.number().int(),
      actual: z.number().int(),
      difference: z.number().int(),
    }),
  ),
  /** The sum of the discrepancies' differences, in đồng. */
  totalDifference: z.number().int(),
});
export type FinancePicture = z.infer<typeof financePictureSchema>;

export const inspectionSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  targetUnitId: z.string(),
  type: inspectionTypeSchema,
  stage: z.enum(INSPECTION_STAGES),
  decision: z.object({
    number: z.string(),
    date: isoDate,
    scope: z.string(),
    period: z.object({ from: isoDate, to: isoDate }),
  }),
  planItem: z.object({ planId: z.string(), itemId: z.string() }).nullable(),
  /** The case it was opened on, with the case's class; null when it was not opened on a case. */
  basis: z.object({ kind: z.literal('case'), id: z.string(), class: caseClassSchema }).nullable(),
  team: z.array(
    z.object({
      memberId: z.string(),
      fullName: z.string(),
      role: z.enum(['lead', 'member']),
      /** `ubkt`: sits on an inspection committee on the decision's date; `invited`: named as invited. */
      basis: z.enum(['ubkt', 'invited']),
    }),
  ),
  fieldwork: z.object({ from: isoDate, to: isoDate, note: z.string().nullable() }).nullable(),
  findings: z.array(
    z.object({
      id: z.string(),
      severity: z.enum(FINDING_SEVERITIES),
      description: z.string(),
      amount: z.number().int().nullable(),
    }),
  ),
  conclusion: z.object({ number: z.string(), date: isoDate, summary: z.string() }).nullable(),
  recommendationIds: z.array(z.string()),
  financePicture: financePictureSchema.nullable(),
  version: z.number().int().positive(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Inspection = z.infer<typeof inspectionSchema>;

/** A discipline decision's subject as a request names it: a member (the directory gives their unit) or a unit. */
export const disciplineSubjectInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('member'), memberId: id }),
  z.strictObject({ kind: z.literal('unit'), unitId: id }),
]);
const disciplineDecision = z.strictObject({ number: decisionNumber, date: isoDate });

/**
 * A discipline decision (kỷ luật): against a member or a unit, in a form that fits it
 * (`DISCIPLINE_FORM_TERMS`). `grounds` is published with the decision's event: a summary
 * without personal data (no complainant, denouncer, CCCD or health).
 */
export const decideDisciplineBody = z
  .strictObject({
    subject: disciplineSubjectInput,
    form: disciplineFormSchema,
    decision: disciplineDecision,
    /** The unit whose committee issues it: the subject lies in its subtree. */
    issuerUnitId: id,
    grounds: textSchema({ min: 1, max: 1000, multiline: true }),
    /** The inspection, or the complaint or denunciation case, it rests on. */
    basis: z
      .strictObject({ kind: z.enum(['inspection', 'case']), id })
      .nullable()
      .default(null),
  })
  .refine((b) => (DISCIPLINE_FORM_TERMS[b.form].subjects as readonly string[]).includes(b.subject.kind), {
    message: 'the form does not apply to this subject: dissolution is of a unit, removal and expulsion of a member',
    path: ['form'],
  });
export type DecideDisciplineInput = z.infer<typeof decideDisciplineBody>;

export const revokeDisciplineBody = z.strictObject({
  /** The revoking decision (e.g. on a complaint upheld against it). */
  decision: disciplineDecision,
  reason: textSchema({ min: 1, max: 1000, multiline: true }),
  /** The complaint case, contesting this decision, on which it is revoked. */
  basis: z.strictObject({ kind: z.literal('case'), id }).optional(),
});
export const disciplineIdParams = z.strictObject({ id });

export const DISCIPLINE_STATUSES = ['in-force', 'lapsed', 'revoked'] as const;
export type DisciplineStatus = (typeof DISCIPLINE_STATUSES)[number];

export const disciplineSchema = z.object({
  id: z.string(),
  subject: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('member'), memberId: z.string(), unitId: z.string(), fullName: z.string() }),
    z.object({ kind: z.literal('unit'), unitId: z.string() }),
  ]),
  form: disciplineFormSchema,
  decision: z.object({ number: z.string(), date: isoDate }),
  issuerUnitId: z.string(),
  grounds: z.string(),
  basis: z.object({ kind: z.enum(['inspection', 'case']), id: z.string() }).nullable(),
  status: z.enum(DISCIPLINE_STATUSES),
  /** The day it lapses without reoffending (a later decision against the subject defers it); null if the form does not lapse. */
  lapsesOn: isoDate.nullable(),
  lapsedOn: isoDate.nullable(),
  revocation: z
    .object({
      decision: z.object({ number: z.string(), date: isoDate }),
      reason: z.string(),
      /** The complaint case it was revoked on, if any. */
      basis: z.object({ kind: z.literal('case'), id: z.string() }).nullable(),
      at: timestamp,
      by: z.string(),
    })
    .nullable(),
  version: z.number().int().positive(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Discipline = z.infer<typeof disciplineSchema>;

export const disciplineListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});
export const disciplinePage = z.object({ items: z.array(disciplineSchema), nextCursor: z.string().nullable() });
