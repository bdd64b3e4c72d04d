import { z } from 'zod';
import { POLICY_CERTAINTIES } from '../finance/policy.ts';

/**
 * The award catalogue's vocabulary (Luật Thi đua, khen thưởng 2022; NĐ 152/2025/NĐ-CP):
 * what a title or form is, at which level it is conferred and to whom.
 */
export const TITLE_KINDS = [
  /** Danh hiệu thi đua: Lao động tiên tiến, Chiến sĩ thi đua, Tập thể lao động xuất sắc… */
  'title',
  /** Giấy khen. */
  'certificate',
  /** Bằng khen. */
  'diploma',
  /** Cờ thi đua. */
  'flag',
  /** Kỷ niệm chương. */
  'medal',
] as const;
export type TitleKind = (typeof TITLE_KINDS)[number];

/** Who confers it: the CĐCS, the direct upper level, the province (or ministry), the TLĐ, the State. */
export const AWARD_LEVELS = ['grassroots', 'upper', 'province', 'national', 'state'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];

export const AWARD_SUBJECTS = ['individual', 'collective'] as const;
export type AwardSubject = (typeof AWARD_SUBJECTS)[number];

/**
 * The annual CĐCS rating's categories (xếp loại), best first: Hoàn thành xuất sắc nhiệm vụ,
 * Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ.
 */
export const RATING_CATEGORIES = ['excellent', 'good', 'completed', 'not-completed'] as const;
export type RatingCategory = (typeof RATING_CATEGORIES)[number];

/** A title's code in the catalogue: lower-case words joined by hyphens, e.g. `chien-si-thi-dua-co-so`. */
export const titleCodeSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a title code of GET /v1/emulation/titles');

const certainty = z.enum(POLICY_CERTAINTIES);
const sourced = { source: z.string(), certainty, note: z.string().nullable() };
const localized = z.object({ vi: z.string(), en: z.string() });

export const titlesQuery = z.strictObject({
  /** The day whose catalogue is asked for, `YYYY-MM-DD`; default today in Vietnam. */
  on: z.iso.date().optional(),
});

export const awardTitleSchema = z.object({
  code: z.string(),
  name: localized,
  kind: z.enum(TITLE_KINDS),
  level: z.enum(AWARD_LEVELS),
  subject: z.enum(AWARD_SUBJECTS),
  /** What the eligibility engine checks by machine; other criteria are the council's judgement. */
  criteria: z.object({
    /** The title the candidate must have held in each of the `years` years ending with the evaluated one. */
    consecutive: z.object({ titleCode: z.string(), years: z.number().int().positive() }).nullable(),
    /** The CĐCS rating categories accepted for the evaluated year (collectives); null when not a criterion. */
    ratingCategories: z.array(z.enum(RATING_CATEGORIES)).nullable(),
    initiativeRequired: z.boolean(),
    /** Whole years of union membership at the decision; null when not a criterion. */
    minimumMembershipYears: z.number().int().positive().nullable(),
  }),
  /** The prize: coefficient × lương cơ sở in force on the decision date; null when no cash is set. */
  cash: z.object({ coefficient: z.number().positive(), ...sourced }).nullable(),
  /** The council's vote: the share of members present (quorum) and voting yes (threshold), of all members. */
  council: z.object({ quorum: z.number().gt(0).max(1), threshold: z.number().gt(0).max(1), ...sourced }),
  /** The share of a unit's eligible people or units that may receive it in a year; null is no cap. */
  quota: z.object({ maxShare: z.number().gt(0).max(1).nullable(), ...sourced }),
  ...sourced,
});
export type AwardTitle = z.infer<typeof awardTitleSchema>;

export const titleCatalogueSchema = z.object({
  on: z.iso.date(),
  /** The catalogue version in force on that day. */
  version: z.object({ effectiveFrom: z.iso.date(), effectiveTo: z.iso.date().nullable(), ...sourced }),
  titles: z.array(awardTitleSchema),
  /** How a prize is rounded, in force on that day. */
  prizeRounding: z.object({
    step: z.number().int().positive(),
    mode: z.enum(['up', 'nearest']),
    ...sourced,
  }),
  /** The absence rule, a union setting declared on each nomination. */
  absence: z.object({
    maxWorkingDays: z.number().int().positive().nullable(),
    maternityExcepted: z.boolean(),
    ...sourced,
  }),
});
export type TitleCatalogue = z.infer<typeof titleCatalogueSchema>;
