import { z } from 'zod';
import { POLICY_CERTAINTIES } from '../finance/policy.ts';
import { textSchema } from '../text.ts';
import { RATING_CATEGORIES } from './catalogue.ts';

/**
 * The annual CĐCS rating (xếp loại): the CĐCS assesses itself against the criteria in force,
 * with evidence, and submits; the upper level reviews, adjusting points with a reason for each;
 * approval gives the category from the bands.
 */

const id = z.string().min(1).max(64);
const isoDate = z.iso.date();
const criterion = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a criterion code of the rating policy');
const points = z.number().int().min(0).max(1000);

export const RATING_STATUSES = ['draft', 'submitted', 'reviewed', 'approved'] as const;

export const ratingParams = z.strictObject({ id, year: z.coerce.number().int().min(2000).max(2100) });

export const selfAssessmentBody = z.strictObject({
  /** One score per criterion of the policy in force, with the evidence for it. */
  scores: z
    .array(z.strictObject({ criterion, points, evidence: textSchema({ min: 1, max: 2000, multiline: true }) }))
    .min(1)
    .max(30),
});
export const submitRatingBody = z.strictObject({ on: isoDate });
export const reviewRatingBody = z.strictObject({
  /** The upper level's changes, each with its reason; criteria not named keep the CĐCS's points. */
  adjustments: z
    .array(z.strictObject({ criterion, points, reason: textSchema({ min: 1, max: 1000, multiline: true }) }))
    .max(30),
  on: isoDate,
});
export const approveRatingBody = z.strictObject({
  decision: z.strictObject({ number: textSchema({ min: 1, max: 100 }), date: isoDate }),
});

export const ratingSchema = z.object({
  unitId: z.string(),
  year: z.number().int(),
  status: z.enum(RATING_STATUSES),
  criteria: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      maxPoints: z.number().int(),
      selfPoints: z.number().int(),
      evidence: z.string(),
      /** The upper level's points and reason, where it changed them. */
      adjusted: z.object({ points: z.number().int(), reason: z.string() }).nullable(),
    }),
  ),
  /** The points that count: the upper level's where adjusted, else the CĐCS's. */
  total: z.number().int(),
  /** Given on approval. */
  category: z.enum(RATING_CATEGORIES).nullable(),
  policy: z.object({
    effectiveFrom: isoDate,
    source: z.string(),
    certainty: z.enum(POLICY_CERTAINTIES),
    /** The criteria set the upper level published for the year (its unit and document); null: the policy's defaults. */
    criteriaSet: z.object({ unitId: z.string(), number: z.string(), date: isoDate }).nullable().optional(),
  }),
  /**
   * Whether the CĐCS had operated long enough by the year's last day (12 months since its
   * founding, 6 since its last merger: the rating policy's figures): what it was judged on.
   * Absent on ratings assessed before the check existed.
   */
  operation: z
    .object({
      /** The founding decision's day from membership; null: not known, so not checked (see `note`). */
      foundedOn: isoDate.nullable(),
      /** The day of the last merger into the unit; null: none recorded. */
      lastMergerOn: isoDate.nullable(),
      monthsOfOperation: z.number().int(),
      monthsAfterMerger: z.number().int(),
      /** Set when a day is unknown: what could not be checked. */
      note: z.string().nullable(),
    })
    .optional(),
  submittedOn: isoDate.nullable(),
  reviewedOn: isoDate.nullable(),
  approved: z.object({ number: z.string(), date: isoDate }).nullable(),
  version: z.number().int().positive(),
});
export type Rating = z.infer<typeof ratingSchema>;
