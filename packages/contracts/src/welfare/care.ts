import { z } from 'zod';
import { problemSchema } from '../problem.ts';
import { textSchema } from '../text.ts';
import { loanSchema, paymentMethodSchema } from './index.ts';

/**
 * Welfare's care of members (issue 12, item 4): visits and gifts (thăm hỏi), blood-donation
 * drives, and the women's savings fund's lists (its loans, its members' deposited totals).
 */

const id = z.string().min(1).max(64);
const dong = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const positiveDong = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/* ---------- visits and gifts (thăm hỏi) ---------- */

/**
 * Why a member was visited. A gift with money for an occasion that is a support-case type
 * (sickness → `illness`, serious illness, bereavement, Tết, hardship → `sudden-hardship`)
 * keeps that type's caps (policy data, or the fund's own).
 */
export const VISIT_OCCASIONS = [
  'sickness',
  'serious-illness',
  'bereavement',
  'tet',
  'childbirth',
  'hardship',
  'other',
] as const;
export type VisitOccasion = (typeof VISIT_OCCASIONS)[number];
export const visitOccasionSchema = z.enum(VISIT_OCCASIONS);

/** What a visit or gift says besides who: the same for one member and for a batch. */
const visitCommon = {
  occasion: visitOccasionSchema,
  /** The day of the visit, `YYYY-MM-DD`, not after today; default today in Vietnam. */
  date: z.iso.date().optional(),
  memo: textSchema({ min: 1, max: 300 }).optional(),
};

/** Money needs the fund it comes from and how it was paid; a visit without money names neither. */
function moneyNeedsFund(
  v: { amount: number; fundId?: string | undefined; method?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.amount > 0) {
    if (!v.fundId) ctx.addIssue({ code: 'custom', path: ['fundId'], message: 'required when the amount is above 0' });
    if (!v.method) ctx.addIssue({ code: 'custom', path: ['method'], message: 'required when the amount is above 0' });
  } else {
    if (v.fundId)
      ctx.addIssue({ code: 'custom', path: ['fundId'], message: 'a visit without money is paid from no fund' });
    if (v.method) ctx.addIssue({ code: 'custom', path: ['method'], message: 'a visit without money has no method' });
  }
}

export const recordVisitBody = z
  .strictObject({
    /** The member visited: in the unit's subtree (member directory). */
    memberId: id,
    ...visitCommon,
    /** The gift's money in whole đồng; 0 for a visit without money. */
    amount: dong,
    /** The unit's fund the money is paid from (an outflow of it); required when `amount` is above 0. */
    fundId: id.optional(),
    method: paymentMethodSchema.optional(),
  })
  .superRefine(moneyNeedsFund);
export type RecordVisitInput = z.infer<typeof recordVisitBody>;

/** At most this many members in one batch of gifts. */
export const VISIT_BATCH_MAX = 50;

export const recordVisitBatchBody = z.strictObject({
  ...visitCommon,
  /** The day of the gifts, `YYYY-MM-DD`, not after today: required, since each row's id (sent again, found again) holds it. */
  date: z.iso.date(),
  /** Each member's gift, whole đồng, paid from `fundId`. */
  amount: positiveDong,
  fundId: id,
  method: paymentMethodSchema,
  memberIds: z
    .array(id)
    .min(1)
    .max(VISIT_BATCH_MAX)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'a member is listed twice' }),
});
export type RecordVisitBatchInput = z.infer<typeof recordVisitBatchBody>;

export const visitSchema = z.object({
  id: z.string(),
  /** The unit that visited (its funds pay). */
  unitId: z.string(),
  memberId: z.string(),
  occasion: visitOccasionSchema,
  date: z.iso.date(),
  amount: dong,
  /** The fund paid from, and the movement (a disbursement, posted by finance); null without money. */
  fundId: z.string().nullable(),
  movementId: z.string().nullable(),
  memo: z.string(),
  at: z.iso.datetime({ offset: true }),
});
export type Visit = z.infer<typeof visitSchema>;

/** One member's row of a batch: the gift made, one made before under the same Idempotency-Key, or why it failed. */
export const visitBatchRowSchema = z.object({
  memberId: z.string(),
  outcome: z.enum(['created', 'already-recorded', 'failed']),
  visit: visitSchema.nullable(),
  /** The row's problem (as a request of its own would answer) when it failed. */
  problem: problemSchema.nullable(),
});
export const visitBatchResult = z.object({
  created: z.number().int().nonnegative(),
  alreadyRecorded: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** What the gifts created by this request paid out, whole đồng. */
  amount: dong,
  results: z.array(visitBatchRowSchema),
});
export type VisitBatchResult = z.infer<typeof visitBatchResult>;

export const visitListQuery = z
  .strictObject({
    /** First day, `YYYY-MM-DD`; default 1 January of this year (Vietnam). */
    from: z.iso.date().optional(),
    /** Last day; default today (Vietnam). */
    to: z.iso.date().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['from'] });

export const visitTotalsSchema = z.object({
  visits: z.number().int().nonnegative(),
  /** Visits with a gift of money. */
  withMoney: z.number().int().nonnegative(),
  amount: dong,
});
export const visitListSchema = z.object({
  unitId: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  /** The unit's visits in the period, by day. */
  items: z.array(visitSchema),
  totals: visitTotalsSchema,
  /** The totals of each occasion that had a visit, in the order of `VISIT_OCCASIONS`. */
  byOccasion: z.array(visitTotalsSchema.extend({ occasion: visitOccasionSchema })),
});
export type VisitList = z.infer<typeof visitListSchema>;

/* ---------- blood-donation drives (hiến máu tình nguyện) ---------- */

export const bloodDriveIdParams = z.strictObject({ id });

export const createBloodDriveBody = z.strictObject({
  name: textSchema({ min: 1, max: 200 }),
  date: z.iso.date(),
  place: textSchema({ min: 1, max: 200 }),
});
export type CreateBloodDriveInput = z.infer<typeof createBloodDriveBody>;

export const bloodDriveSchema = z.object({
  id: z.string(),
  /** The unit that runs the drive; donors are members of its subtree. */
  unitId: z.string(),
  name: z.string(),
  date: z.iso.date(),
  place: z.string(),
  /** Members who donated, and the units of blood they gave, kept in each donation's transaction. */
  donors: z.number().int().nonnegative(),
  units: z.number().int().nonnegative(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type BloodDrive = z.infer<typeof bloodDriveSchema>;
export const bloodDriveList = z.object({ items: z.array(bloodDriveSchema) });

/** How a donor was recognised: a certificate (giấy chứng nhận), a commendation (giấy khen), or not yet. */
export const BLOOD_RECOGNITIONS = ['none', 'certificate', 'commendation'] as const;

/** Units of blood one donor gives at a drive (a unit is 250 ml; 350 ml counts as one too). */
export const MAX_BLOOD_UNITS = 2;

export const recordDonationBody = z.strictObject({
  memberId: id,
  units: z.number().int().min(1).max(MAX_BLOOD_UNITS),
  recognition: z.enum(BLOOD_RECOGNITIONS).default('none'),
});
export type RecordDonationInput = z.infer<typeof recordDonationBody>;

export const donationSchema = z.object({
  driveId: z.string(),
  memberId: z.string(),
  units: z.number().int().positive(),
  recognition: z.enum(BLOOD_RECOGNITIONS),
  at: z.iso.datetime({ offset: true }),
});
export type Donation = z.infer<typeof donationSchema>;

export const bloodDriveDetail = bloodDriveSchema.extend({ donations: z.array(donationSchema) });

/* ---------- the women's savings fund's lists ---------- */

export const loanListQuery = z.strictObject({
  /** `open` (default), `closed`, or `all`. */
  status: z.enum(['open', 'closed', 'all']).default('open'),
});
export const loanList = z.object({ items: z.array(loanSchema) });

export const depositListQuery = z.strictObject({
  /** Only this member's total (an empty list when they deposited nothing). */
  memberId: id.optional(),
});
export const memberDepositSchema = z.object({ memberId: z.string(), deposited: positiveDong });
export const depositList = z.object({
  items: z.array(memberDepositSchema),
  /** The listed members' deposits together, whole đồng. */
  total: dong,
});
export type MemberDeposit = z.infer<typeof memberDepositSchema>;
