import { z } from 'zod';
import { textSchema } from '../text.ts';

/** Organisation levels, top to bottom (DOMAIN.md, The organisation). */
export const UNIT_LEVELS = ['national', 'province', 'upper', 'grassroots', 'section', 'group'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** The employing agency's funding type decides the dues and levy rules of a CĐCS. */
export const FUNDING_TYPES = [
  'state-budget-full', // 100% paid from the state budget
  'state-budget-partial', // partly self-funded public unit
  'self-funded', // fully self-funded public unit
  'state-owned-enterprise',
  'non-state',
] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];

export const UNIT_STATUSES = ['active', 'dissolved'] as const;

/** MST: 10 digits, or 10 digits, a dash and a 3-digit branch suffix. */
export const taxIdSchema = z
  .string()
  .regex(/^\d{10}(-\d{3})?$/, 'MST gồm 10 chữ số, hoặc 10 chữ số, dấu gạch và 3 chữ số chi nhánh');

export const agencySchema = z.strictObject({
  name: textSchema({ min: 1, max: 300 }),
  taxId: taxIdSchema,
  fundingType: z.enum(FUNDING_TYPES),
});
export type Agency = z.infer<typeof agencySchema>;

export const unitCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9._-]{1,39}$/, 'mã đơn vị: 2–40 ký tự A–Z, 0–9, dấu chấm, gạch ngang, gạch dưới');

/** A merger into a unit: the unit absorbed, on which day, by which decision. */
export const unitMergerSchema = z.object({
  absorbedUnitId: z.string(),
  date: z.iso.date(),
  decisionNumber: z.string().nullable(),
});
export type UnitMerger = z.infer<typeof unitMergerSchema>;

/** The full state of a unit, carried by every unit event so projections can upsert by version. */
export const unitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS),
  parentId: z.string().nullable(),
  agency: agencySchema.nullable(),
  status: z.enum(UNIT_STATUSES),
  childCount: z.number().int().nonnegative(),
  memberCount: z.number().int().nonnegative(),
  dissolution: z
    .object({ reason: z.string(), decisionNumber: z.string().nullable(), effectiveDate: z.iso.date() })
    .nullable(),
  /**
   * The day of the decision founding the union (not `createdAt`, when the record was entered);
   * null or absent: not known. Optional so events published before it was carried still parse.
   */
  foundedOn: z.iso.date().nullable().optional(),
  /**
   * The last unit merged into this one (sáp nhập, `mode: merge`): the day and the absorbed unit.
   * null or absent: none recorded. Published with `UnitMerged`.
   */
  lastMerger: unitMergerSchema.nullable().optional(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const createUnitBody = z.strictObject({
  code: unitCodeSchema,
  name: textSchema({ min: 1, max: 300 }),
  level: z.enum(UNIT_LEVELS),
  parentId: z.string().min(1).max(64).nullable().optional(),
  agency: agencySchema.optional(),
  /** The founding decision's day: never in the future. */
  foundedOn: z.iso.date().optional(),
});

export const updateUnitBody = z
  .strictObject({
    code: unitCodeSchema.optional(),
    name: textSchema({ min: 1, max: 300 }).optional(),
    agency: agencySchema.optional(),
    foundedOn: z.iso.date().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'cần ít nhất một trường để sửa' });

export const moveUnitBody = z.strictObject({ parentId: z.string().min(1).max(64) });

export const dissolveUnitBody = z.strictObject({
  reason: textSchema({ min: 1, max: 1000, multiline: true }),
  decisionNumber: textSchema({ min: 1, max: 100 }).optional(),
  effectiveDate: z.iso.date().optional(),
});

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});

export const subtreeQuery = pageQuery.extend({
  maxDepth: z.coerce.number().int().min(1).max(10).optional(),
});

export const unitPage = z.object({ items: z.array(unitSchema), nextCursor: z.string().nullable() });
export const subtreePage = z.object({
  items: z.array(unitSchema.extend({ depth: z.number().int().positive() })),
  nextCursor: z.string().nullable(),
});

/** Giải thể or sáp nhập of a CĐCS with everyone in it, as one request. */
export const dissolutionRequestBody = z
  .strictObject({
    mode: z.enum(['exit', 'merge']),
    /** merge: the unit the members transfer to. */
    mergeIntoUnitId: z.string().min(1).max(64).optional(),
    date: z.iso.date(),
    reason: textSchema({ min: 1, max: 1000, multiline: true }),
    decisionNumber: textSchema({ min: 1, max: 100 }).optional(),
  })
  .refine((b) => (b.mode === 'merge') === (b.mergeIntoUnitId !== undefined), {
    message: 'mergeIntoUnitId là bắt buộc khi sáp nhập (mode = merge) và không dùng khi giải thể',
    path: ['mergeIntoUnitId'],
  });
export type DissolutionRequest = z.infer<typeof dissolutionRequestBody>;

export const DISSOLUTION_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export const dissolutionJobSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  request: z.object({
    mode: z.enum(['exit', 'merge']),
    mergeIntoUnitId: z.string().optional(),
    date: z.string(),
    reason: z.string(),
    decisionNumber: z.string().optional(),
  }),
  status: z.enum(DISSOLUTION_STATUSES),
  membersProcessed: z.number().int(),
  applicationsRejected: z.number().int(),
  error: z.object({ code: z.string(), detail: z.string() }).nullable(),
  attempts: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the job last progressed (it was queued, started, or handled a member). */
  progressAt: z.string().optional(),
  /**
   * Set while a queued or running job has made no progress for two minutes: when it
   * last progressed. The sweeper queues such a job again; nobody needs to act.
   */
  stalledSince: z.string().nullable().optional(),
});
export type DissolutionJob = z.infer<typeof dissolutionJobSchema>;
export const dissolutionIdParams = z.strictObject({ id: z.string().min(1).max(64) });
