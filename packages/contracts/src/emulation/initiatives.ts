import { z } from 'zod';
import { textSchema } from '../text.ts';

/**
 * Initiatives (sáng kiến): submitted by a unit with their member authors and shares, scored by
 * the unit's initiative council on newness, feasibility and effectiveness against configured
 * thresholds, then accepted (at a scope, with a recognition number and date) or rejected. An
 * accepted initiative backs one award only: its use is recorded.
 */

const id = z.string().min(1).max(64);
const isoDate = z.iso.date();
const timestamp = z.iso.datetime({ offset: true });

export const INITIATIVE_SCOPES = ['unit', 'province', 'national'] as const;
export const INITIATIVE_STATUSES = ['submitted', 'evaluated', 'accepted', 'rejected'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export const initiativeIdParams = z.strictObject({ id });

const benefitInput = z.discriminatedUnion('kind', [
  /** A value in đồng (whole đồng). */
  z.strictObject({ kind: z.literal('value'), dong: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
  z.strictObject({ kind: z.literal('description'), text: textSchema({ min: 1, max: 2000, multiline: true }) }),
]);

export const submitInitiativeBody = z.strictObject({
  unitId: id,
  title: textSchema({ min: 1, max: 300 }),
  /** One or more member authors, their shares in percent summing to 100. */
  authors: z
    .array(z.strictObject({ memberId: id, sharePercent: z.number().int().min(1).max(100) }))
    .min(1)
    .max(20)
    .refine((a) => a.reduce((s, x) => s + x.sharePercent, 0) === 100, { message: 'the shares sum to 100' })
    .refine((a) => new Set(a.map((x) => x.memberId)).size === a.length, { message: 'each author once' }),
  field: textSchema({ min: 1, max: 200 }),
  description: textSchema({ min: 1, max: 4000, multiline: true }),
  /** The day it was first applied. */
  appliedOn: isoDate,
  benefit: benefitInput,
});
export type SubmitInitiativeInput = z.infer<typeof submitInitiativeBody>;

const score = z.number().int().min(0).max(100);
export const evaluateInitiativeBody = z.strictObject({
  /** The council's scores, each out of 100. */
  scores: z.strictObject({ newness: score, feasibility: score, effectiveness: score }),
  /** The council's meeting day. */
  on: isoDate,
});
export const acceptInitiativeBody = z.strictObject({
  scope: z.enum(INITIATIVE_SCOPES),
  /** The recognition decision's number and date. */
  recognition: z.strictObject({ number: textSchema({ min: 1, max: 100 }), date: isoDate }),
});
export const rejectInitiativeBody = z.strictObject({
  reason: textSchema({ min: 1, max: 1000, multiline: true }),
  on: isoDate,
});

export const unitInitiativesQuery = z.strictObject({
  status: z.enum(INITIATIVE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});

export const initiativeSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  title: z.string(),
  authors: z.array(z.object({ memberId: z.string(), sharePercent: z.number().int() })),
  field: z.string(),
  description: z.string(),
  appliedOn: isoDate,
  benefit: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('value'), dong: z.number().int() }),
    z.object({ kind: z.literal('description'), text: z.string() }),
  ]),
  status: z.enum(INITIATIVE_STATUSES),
  /** The council's scores and whether they met the thresholds in force that day. */
  evaluation: z
    .object({
      scores: z.object({ newness: z.number().int(), feasibility: z.number().int(), effectiveness: z.number().int() }),
      on: isoDate,
      passed: z.boolean(),
      thresholds: z.object({ eachAtLeast: z.number().int(), totalAtLeast: z.number().int(), source: z.string() }),
    })
    .nullable(),
  accepted: z.object({ scope: z.enum(INITIATIVE_SCOPES), number: z.string(), date: isoDate }).nullable(),
  rejected: z.object({ reason: z.string(), on: isoDate }).nullable(),
  /** The award it backs: recorded once, never twice. */
  usedBy: z.object({ nominationId: z.string(), on: isoDate }).nullable(),
  /** Sent to the national "1 triệu sáng kiến" portal: the day, who marked it, the portal's reference if any. */
  sent: z.object({ on: isoDate, by: z.string(), reference: z.string().nullable() }).nullable(),
  createdAt: timestamp,
  version: z.number().int().positive(),
});
export type Initiative = z.infer<typeof initiativeSchema>;
export const initiativePage = z.object({ items: z.array(initiativeSchema), nextCursor: z.string().nullable() });

export const markInitiativeSentBody = z.strictObject({
  /** The day it was sent to the national "1 triệu sáng kiến" portal. */
  on: isoDate,
  /** The portal's reference for it, where it gave one. */
  reference: textSchema({ min: 1, max: 100 }).optional(),
});

export const initiativeExportQuery = z.strictObject({
  /** `false`: only those not sent yet (the next batch to send); `true`: only those sent. */
  sent: z.enum(['true', 'false']).optional(),
});
