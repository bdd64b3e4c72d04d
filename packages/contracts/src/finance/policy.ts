// Finance policy schemas: requests, responses.
import { z } from 'zod';
import { FUNDING_TYPES } from '../membership/units.ts';
import { textSchema } from '../text.ts';

/**
 * The effective-dated rules finance computes with (DOMAIN.md, Parameters). Each
 * parameter has its own value type:
 *
 * | parameter                  | value                                         | unit                                 | by funding type |
 * | -------------------------- | --------------------------------------------- | ------------------------------------ | --------------- |
 * | `base-salary`              | number                                        | đồng (lương cơ sở)                   | no              |
 * | `dues-rate`                | `{ rateBp, basis }`                           | basis points of the basis salary     | yes             |
 * | `dues-cap`                 | number                                        | basis points of lương cơ sở          | yes             |
 * | `dues-unit-rate-allowed`   | boolean                                       | a CĐCS may set a higher rate         | yes             |
 * | `dues-split`               | `{ grassrootsBp, upperBp }`                   | basis points, adding up to 10000     | no              |
 * | `levy-rate`                | number                                        | basis points of the payroll          | no              |
 * | `levy-liable`              | boolean                                       | the employer owes the levy           | yes             |
 * | `levy-split`               | `{ grassrootsBp, upperBp }`                   | basis points, adding up to 10000     | no              |
 * | `levy-deadline`            | `{ monthsAfter, day }`                        | day 1–28 or `last` of a later month  | no              |
 * | `levy-unpaid-after-days`   | number                                        | days after the deadline              | no              |
 * | `levy-penalty-rate`        | number                                        | basis points of the late amount      | no              |
 * | `dues-removal-months`      | number                                        | months without dues                  | no              |
 */
export const POLICY_PARAMETERS = [
  'base-salary',
  'dues-rate',
  'dues-cap',
  'dues-unit-rate-allowed',
  'dues-split',
  'levy-rate',
  'levy-liable',
  'levy-split',
  'levy-deadline',
  'levy-unpaid-after-days',
  'levy-penalty-rate',
  'dues-removal-months',
] as const;
export type PolicyParameter = (typeof POLICY_PARAMETERS)[number];

/** Parameters whose versions may name the funding types they apply to (`appliesTo`); the others apply to all. */
export const FUNDING_TYPE_PARAMETERS = [
  'dues-rate',
  'dues-cap',
  'dues-unit-rate-allowed',
  'levy-liable',
] as const satisfies readonly PolicyParameter[];

export const POLICY_CERTAINTIES = ['sure', 'likely', 'unsure'] as const;

/** What a dues rate is a percentage of: the social-insurance salary, or take-home pay (state-owned enterprises from 1/7/2025). */
export const DUES_BASES = ['social-insurance-salary', 'take-home-pay'] as const;
export type DuesBasis = (typeof DUES_BASES)[number];

const int = () => z.number().int();
const sharesValue = z.strictObject({ grassrootsBp: int(), upperBp: int() });
const deadlineValue = z.strictObject({ monthsAfter: int(), day: z.union([int(), z.literal('last')]) });

/** The value schema of each parameter (shapes only; ranges are checked by the policy and answer 422). */
export const POLICY_VALUE_SCHEMAS = {
  'base-salary': int(),
  'dues-rate': z.strictObject({ rateBp: int(), basis: z.enum(DUES_BASES) }),
  'dues-cap': int(),
  'dues-unit-rate-allowed': z.boolean(),
  'dues-split': sharesValue,
  'levy-rate': int(),
  'levy-liable': z.boolean(),
  'levy-split': sharesValue,
  'levy-deadline': deadlineValue,
  'levy-unpaid-after-days': int(),
  'levy-penalty-rate': int(),
  'dues-removal-months': int(),
} as const satisfies Record<PolicyParameter, z.ZodType>;

export type PolicyValue<P extends PolicyParameter> = z.infer<(typeof POLICY_VALUE_SCHEMAS)[P]>;

const versionFields = {
  /** `null`: every funding type. Only the parameters in `FUNDING_TYPE_PARAMETERS` may name some. */
  appliesTo: z.array(z.enum(FUNDING_TYPES)).min(1).max(FUNDING_TYPES.length).nullable(),
  effectiveFrom: z.iso.date(),
  source: textSchema({ min: 3, max: 300 }),
  certainty: z.enum(POLICY_CERTAINTIES),
  note: textSchema({ min: 1, max: 1000, multiline: true }).optional(),
};

function variant<P extends PolicyParameter>(parameter: P) {
  return z.strictObject({ parameter: z.literal(parameter), value: POLICY_VALUE_SCHEMAS[parameter], ...versionFields });
}

const variants = [
  variant('base-salary'),
  variant('dues-rate'),
  variant('dues-cap'),
  variant('dues-unit-rate-allowed'),
  variant('dues-split'),
  variant('levy-rate'),
  variant('levy-liable'),
  variant('levy-split'),
  variant('levy-deadline'),
  variant('levy-unpaid-after-days'),
  variant('levy-penalty-rate'),
  variant('dues-removal-months'),
] as const;

/** POST /v1/finance/policy/versions: a new version of one rule, with the document it comes from. */
export const addPolicyVersionBody = z.discriminatedUnion('parameter', variants);
export type AddPolicyVersionInput = z.infer<typeof addPolicyVersionBody>;

/** One version of one rule: in force from `effectiveFrom` until the next version of the same rule. */
export type PolicyVersionData = AddPolicyVersionInput & { id: string };

export const policyVersionViewSchema = z.object({
  id: z.string(),
  parameter: z.enum(POLICY_PARAMETERS),
  appliesTo: z.array(z.enum(FUNDING_TYPES)).nullable(),
  effectiveFrom: z.iso.date(),
  /** The last day it governs; `null` while it is still in force for some funding type it applies to. */
  effectiveUntil: z.iso.date().nullable(),
  /** Present only when the version ends on different days for different funding types. */
  effectiveUntilByFundingType: z.partialRecord(z.enum(FUNDING_TYPES), z.iso.date().nullable()).optional(),
  value: z.unknown(),
  source: z.string(),
  certainty: z.enum(POLICY_CERTAINTIES),
  note: z.string().optional(),
  /** `default`: shipped with the product (DOMAIN.md); `added`: added by an administrator. */
  origin: z.enum(['default', 'added']),
  addedBy: z.string().optional(),
  addedAt: z.iso.datetime({ offset: true }).optional(),
});
export type PolicyVersionView = z.infer<typeof policyVersionViewSchema>;

export const listPolicyQuery = z.strictObject({ parameter: z.enum(POLICY_PARAMETERS).optional() });
export const policyVersionListSchema = z.object({ items: z.array(policyVersionViewSchema) });

export const ruleRefSchema = z.object({
  parameter: z.string(),
  versionId: z.string(),
  effectiveFrom: z.iso.date(),
  source: z.string(),
  certainty: z.enum(POLICY_CERTAINTIES),
});

export const explainedSchema = z.object({
  amount: z.number().int(),
  formula: z.string(),
  rules: z.array(ruleRefSchema),
});

export const splitSchema = z.object({ grassroots: explainedSchema, upper: explainedSchema });

const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'tháng dạng YYYY-MM');
/** Whole đồng, at most 10^12 (a payroll far beyond any agency's). */
const dongParam = z.coerce.number().int().min(0).max(1_000_000_000_000);

export const duesPolicyQuery = z.strictObject({
  month: monthParam,
  fundingType: z.enum(FUNDING_TYPES),
  /** The member's dues salary in đồng: social-insurance salary, or take-home pay for state-owned enterprises from 1/7/2025. */
  duesSalary: dongParam,
  /** A rate the CĐCS set by resolution, in basis points (100 = 1%); used only where allowed and higher. */
  unitRateBp: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const duesPolicyResultSchema = z.object({
  month: z.string(),
  fundingType: z.enum(FUNDING_TYPES),
  duesSalary: z.number().int(),
  unitRateBp: z.number().int().nullable(),
  dues: explainedSchema,
  /** `null` when no split rule governs the month (the dues split starts in 2023). */
  split: splitSchema.nullable(),
});

export const levyPolicyQuery = z.strictObject({
  month: monthParam,
  fundingType: z.enum(FUNDING_TYPES),
  /** The payroll used for compulsory social insurance that month, in đồng. */
  payroll: dongParam,
});

export const levyDeadlineSchema = z.object({
  deadline: z.iso.date(),
  unpaidFrom: z.iso.date(),
  rules: z.array(ruleRefSchema),
});

export const levyPolicyResultSchema = z.object({
  month: z.string(),
  fundingType: z.enum(FUNDING_TYPES),
  payroll: z.number().int(),
  levy: explainedSchema.extend({ liable: z.boolean() }),
  /** `null` when no split rule governs the month. */
  split: splitSchema.nullable(),
  /** `null` when no deadline rule governs the month (the first starts in 2014). */
  deadline: levyDeadlineSchema.nullable(),
});
