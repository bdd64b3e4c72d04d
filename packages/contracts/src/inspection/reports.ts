import { z } from 'zod';
import { DISCIPLINE_FORMS } from './discipline.ts';
import { FINDING_SEVERITIES, INSPECTION_STAGES, INSPECTION_TYPES, inspectionSchema } from './index.ts';

/**
 * The inspection service's reports: a unit's annual inspection report (JSON and .xlsx), the
 * warning list of CĐCS that should have an inspection committee and have none, and a unit's
 * inspections listed by year. Every figure that a rule computes carries the rule in words
 * (`rules`, Vietnamese and English), so a reader can check it by hand.
 */

const count = () => z.number().int().nonnegative();
/** Money is whole đồng (VND has no minor unit). */
const dong = () => z.number().int().nonnegative();
const text = z.object({ vi: z.string(), en: z.string() });
/** The rule behind each figure of a section, by the figure's name. */
const rules = z.record(z.string(), text);

const caseClassFigures = z.object({
  received: count(),
  accepted: count(),
  refused: count(),
  transferred: count(),
  resolvedOnTime: count(),
  resolvedLate: count(),
  open: count(),
});

const typeFigures = z.object({
  /** Items of the unit's plans of the year, of this type. */
  planned: count(),
  /** Of those, done (by an inspection's conclusion, or recorded by hand). */
  plannedDone: count(),
  /** Inspections decided in the year. */
  decided: count(),
  /** Of those, concluded. */
  concluded: count(),
  /** Of those, not yet concluded. */
  inProgress: count(),
});

export const inspectionReportSchema = z.object({
  unitId: z.string(),
  year: z.number().int(),
  /** The day the statuses are read on (today in Vietnam); the year's own figures are by their dates. */
  asOf: z.iso.date(),
  generatedAt: z.iso.datetime({ offset: true }),
  inspections: z.object({
    total: typeFigures,
    byType: z.record(z.enum(INSPECTION_TYPES), typeFigures),
    rules,
  }),
  findings: z.object({
    total: z.object({ count: count(), withAmount: count(), amount: dong() }),
    bySeverity: z.record(z.enum(FINDING_SEVERITIES), z.object({ count: count(), withAmount: count(), amount: dong() })),
    rules,
  }),
  recommendations: z.object({
    made: count(),
    done: count(),
    open: count(),
    overdue: count(),
    rules,
  }),
  cases: z.object({
    total: caseClassFigures,
    /** By case class (complaint-first, complaint-second, denunciation, anonymous-report, petition). */
    byClass: z.record(z.string(), caseClassFigures),
    rules,
  }),
  discipline: z.object({
    total: z.object({ decided: count(), lapsed: count(), revoked: count() }),
    byForm: z.record(z.enum(DISCIPLINE_FORMS), z.object({ decided: count(), lapsed: count(), revoked: count() })),
    rules,
  }),
});
export type InspectionReport = z.infer<typeof inspectionReportSchema>;

/** A CĐCS that should have an inspection committee (UBKT) and has no member of it in office today. */
export const ubktWarningSchema = z.object({
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  /** Its parent unit (the upper level). */
  parentId: z.string().nullable(),
  /** Active members counted, up to the threshold: the rule needs to know no more than "at least". */
  activeMembersAtLeast: count(),
});

export const ubktWarningListSchema = z.object({
  /** The unit whose subtree was read. */
  unitId: z.string(),
  asOf: z.iso.date(),
  /** The rule, its threshold and its source. */
  rule: z.object({
    threshold: count(),
    text,
    source: z.string(),
    certainty: z.enum(['sure', 'likely', 'unsure']),
  }),
  /** CĐCS read in the subtree. */
  checked: count(),
  items: z.array(ubktWarningSchema),
});
export type UbktWarningList = z.infer<typeof ubktWarningListSchema>;

/** A unit's inspections (those its UBKT decided), newest decision first. */
export const unitInspectionListQuery = z.strictObject({
  /** Only those decided in this year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Only those at this stage. */
  status: z.enum(INSPECTION_STAGES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});
export const unitInspectionPage = z.object({ items: z.array(inspectionSchema), nextCursor: z.string().nullable() });
