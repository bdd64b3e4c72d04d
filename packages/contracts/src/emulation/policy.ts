import { z } from 'zod';
import { POLICY_CERTAINTIES } from '../finance/policy.ts';
import { textSchema } from '../text.ts';
import { AWARD_LEVELS, AWARD_SUBJECTS, RATING_CATEGORIES, TITLE_KINDS, titleCodeSchema } from './catalogue.ts';

/**
 * Emulation's policy versions: the award catalogue and its settings are effective-dated, the
 * product's defaults (DOMAIN.md) followed by the versions an administrator appends. A version
 * takes effect on `effectiveFrom` and governs until the next one of the same parameter.
 */
export const EMULATION_POLICY_PARAMETERS = [
  /** The titles and forms of award: criteria, cash coefficient, council quorum and threshold, quota. */
  'catalogue',
  /** How a prize (coefficient × lương cơ sở) is rounded. */
  'prize-rounding',
  /** The absence rule (working days absent that earn no title, maternity leave excepted). */
  'absence',
  /** The CĐCS rating's default criteria, bands and months of operation. */
  'rating',
  /** What an initiative council's scores must reach. */
  'initiative-thresholds',
] as const;
export type EmulationPolicyParameter = (typeof EMULATION_POLICY_PARAMETERS)[number];

const certainty = z.enum(POLICY_CERTAINTIES);
const note = textSchema({ min: 1, max: 500, multiline: true }).nullable().optional();
const sourced = { source: textSchema({ min: 1, max: 500 }), certainty, note };
const code = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');
const share = z.number().gt(0).max(1);

/** A title as `GET /v1/emulation/titles` answers it, so an administrator may post a read catalogue back. */
export const policyTitleInput = z.strictObject({
  code: titleCodeSchema,
  name: z.strictObject({ vi: textSchema({ min: 1, max: 200 }), en: textSchema({ min: 1, max: 200 }) }),
  kind: z.enum(TITLE_KINDS),
  level: z.enum(AWARD_LEVELS),
  subject: z.enum(AWARD_SUBJECTS),
  criteria: z.strictObject({
    consecutive: z.strictObject({ titleCode: titleCodeSchema, years: z.number().int().min(1).max(10) }).nullable(),
    ratingCategories: z.array(z.enum(RATING_CATEGORIES)).min(1).max(4).nullable(),
    initiativeRequired: z.boolean(),
    minimumMembershipYears: z.number().int().min(1).max(60).nullable(),
  }),
  cash: z.strictObject({ coefficient: z.number().gt(0).max(100), ...sourced }).nullable(),
  council: z.strictObject({ quorum: share, threshold: share, ...sourced }),
  quota: z.strictObject({ maxShare: share.nullable(), ...sourced }),
  ...sourced,
});

const ratingCriterionInput = z.strictObject({
  code,
  name: textSchema({ min: 1, max: 300 }),
  maxPoints: z.number().int().min(1).max(1000),
});
const ratingBandInput = z.strictObject({
  category: z.enum(RATING_CATEGORIES),
  minScore: z.number().int().min(0).max(1000),
  minShareOfEach: share.nullable(),
});

/** The criteria of a rating with their maximum points, and the bands that map a total to a category. */
export const ratingCriteriaInput = z.array(ratingCriterionInput).min(1).max(30);
export const ratingBandsInput = z.array(ratingBandInput).min(1).max(4);

const versionOf = <P extends EmulationPolicyParameter, V extends z.ZodType>(parameter: P, value: V) =>
  z.strictObject({
    parameter: z.literal(parameter),
    /** The first day the version governs, `YYYY-MM-DD`: after the parameter's latest version. */
    effectiveFrom: z.iso.date(),
    value,
    ...sourced,
  });

export const emulationPolicyVersionValues = {
  /** At most 40 titles: a version is kept in one item, under DynamoDB's 400 KB. */
  catalogue: z.strictObject({ titles: z.array(policyTitleInput).min(1).max(40) }),
  'prize-rounding': z.strictObject({ step: z.number().int().min(1).max(1_000_000), mode: z.enum(['up', 'nearest']) }),
  absence: z.strictObject({
    /** null: the union does not apply the rule. */
    maxWorkingDays: z.number().int().min(1).max(366).nullable(),
    maternityExcepted: z.boolean(),
  }),
  rating: z.strictObject({
    criteria: ratingCriteriaInput,
    bands: ratingBandsInput,
    monthsOfOperation: z.number().int().min(0).max(60),
    monthsAfterMerger: z.number().int().min(0).max(60),
  }),
  'initiative-thresholds': z.strictObject({
    eachAtLeast: z.number().int().min(0).max(100),
    totalAtLeast: z.number().int().min(0).max(300),
  }),
} as const;

export const addEmulationPolicyVersionBody = z.discriminatedUnion('parameter', [
  versionOf('catalogue', emulationPolicyVersionValues.catalogue),
  versionOf('prize-rounding', emulationPolicyVersionValues['prize-rounding']),
  versionOf('absence', emulationPolicyVersionValues.absence),
  versionOf('rating', emulationPolicyVersionValues.rating),
  versionOf('initiative-thresholds', emulationPolicyVersionValues['initiative-thresholds']),
]);
export type AddEmulationPolicyVersionInput = z.infer<typeof addEmulationPolicyVersionBody>;

export const listEmulationPolicyQuery = z.strictObject({
  parameter: z.enum(EMULATION_POLICY_PARAMETERS).optional(),
});

export const emulationPolicyVersionSchema = z.object({
  /** `<parameter>@<effectiveFrom>`, e.g. `catalogue@2025-07-01`. */
  id: z.string(),
  parameter: z.enum(EMULATION_POLICY_PARAMETERS),
  effectiveFrom: z.iso.date(),
  /** The last day it governs: the day before the parameter's next version; null while the latest. */
  effectiveTo: z.iso.date().nullable(),
  /** The version's value, in the shape `POST …/policy/versions` takes for its parameter. */
  value: z.record(z.string(), z.unknown()),
  source: z.string(),
  certainty,
  note: z.string().nullable(),
  /** Shipped with the product (DOMAIN.md) or added by an administrator. */
  origin: z.enum(['default', 'added']),
  addedBy: z.string().nullable(),
  addedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type EmulationPolicyVersionView = z.infer<typeof emulationPolicyVersionSchema>;
export const emulationPolicyVersionList = z.object({ items: z.array(emulationPolicyVersionSchema) });

/**
 * A criteria set an upper level publishes for a year's CĐCS ratings: the criteria with their
 * maximum points, and the bands (the policy's of the year when omitted), with its document.
 */
export const ratingCriteriaParams = z.strictObject({
  id: z.string().min(1).max(64),
  year: z.coerce.number().int().min(2000).max(2100),
});
export const publishRatingCriteriaBody = z.strictObject({
  criteria: ratingCriteriaInput,
  bands: ratingBandsInput.optional(),
  document: z.strictObject({ number: textSchema({ min: 1, max: 100 }), date: z.iso.date() }),
});
export type PublishRatingCriteriaInput = z.infer<typeof publishRatingCriteriaBody>;

export const ratingCriteriaSetSchema = z.object({
  /** The publishing unit: its set governs the ratings of the year of the units below it. */
  unitId: z.string(),
  year: z.number().int(),
  criteria: z.array(z.object({ code: z.string(), name: z.string(), maxPoints: z.number().int() })),
  bands: z.array(
    z.object({
      category: z.enum(RATING_CATEGORIES),
      minScore: z.number().int(),
      minShareOfEach: z.number().nullable(),
    }),
  ),
  /** Where the bands come from: the publisher's document, or the rating policy of the year. */
  bandsSource: z.string(),
  document: z.object({ number: z.string(), date: z.iso.date() }),
  publishedBy: z.string(),
  publishedAt: z.iso.datetime({ offset: true }),
});
export type RatingCriteriaSet = z.infer<typeof ratingCriteriaSetSchema>;
