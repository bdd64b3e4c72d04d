import { z } from 'zod';
import { textSchema } from '../text.ts';

/**
 * The welfare service's contracts: the schemas of its routes' requests and responses. Its
 * events go in `../events/welfare.ts`, listed once in `../events/index.ts`.
 */

export const welfareMemberQuery = z.strictObject({
  /** The day asked about, `YYYY-MM-DD`; default today in Vietnam. */
  on: z.iso.date().optional(),
});

export const welfareMemberStandingSchema = z.object({
  memberId: z.string(),
  fullName: z.string(),
  on: z.iso.date(),
  /** `member` (active), `suspended`, or `not-a-member` (not yet admitted, or exited) on that day. */
  standing: z.enum(['member', 'suspended', 'not-a-member']),
  /** The unit the member belonged to on that day; null when not a member. */
  unitId: z.string().nullable(),
  /** Whole years since the first admission (tuổi đoàn); null when not a member that day. */
  unionYears: z.number().int().nonnegative().nullable(),
});
export type WelfareMemberStanding = z.infer<typeof welfareMemberStandingSchema>;

const id = z.string().min(1).max(64);
/** Money is whole đồng (VND has no minor unit), within JavaScript's safe integers. */
const dong = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const positiveDong = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const fundIdParams = z.strictObject({ id });

/**
 * The kinds of welfare fund a unit keeps (issue 12), each with its account in finance's chart
 * (`docs/finance-ledger.md`, "Fund accounts"): Mái ấm Công đoàn (housing), the social or
 * hardship fund, a visits fund, a Tết fund, the women's savings fund.
 */
export const FUND_KINDS = ['housing', 'hardship', 'visits', 'tet', 'womens-savings'] as const;
export type FundKind = (typeof FUND_KINDS)[number];
export const fundKindSchema = z.enum(FUND_KINDS);

/** The types of support case (DOMAIN.md, Welfare), each with caps from policy data. */
export const SUPPORT_CASE_TYPES = [
  'illness',
  'serious-illness',
  'accident',
  'sudden-hardship',
  'housing',
  'tet',
  'bereavement',
] as const;
export type SupportCaseType = (typeof SUPPORT_CASE_TYPES)[number];
export const supportCaseTypeSchema = z.enum(SUPPORT_CASE_TYPES);

/** A cap set for a fund: null lifts the policy's cap for that fund, a number replaces it. */
export const fundCapSchema = z.strictObject({
  perOccasion: dong.nullable().optional(),
  perMemberYear: dong.nullable().optional(),
});
export type FundCapOverride = z.infer<typeof fundCapSchema>;

export const createFundBody = z.strictObject({
  kind: fundKindSchema,
  name: textSchema({ min: 1, max: 200 }),
  /** Caps of this fund per support-case type, replacing the policy's (DOMAIN.md: no default cap is known but Tết 2026 and hardship). */
  caps: z.partialRecord(supportCaseTypeSchema, fundCapSchema).optional(),
});
export type CreateFundInput = z.infer<typeof createFundBody>;

/** A cap as it applies: the figure, where it comes from, and how sure that source is. */
export const appliedCapSchema = z.object({
  amount: dong.nullable(),
  source: z.string(),
  certainty: z.enum(['sure', 'likely', 'unsure']),
});

export const fundSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: fundKindSchema,
  name: z.string(),
  /** The account of finance's chart this fund's movements post to (353x). */
  account: z.string(),
  /** What the fund holds: receipts and allocations in, less disbursements; never below zero. */
  balance: dong,
  received: dong,
  allocated: dong,
  disbursed: dong,
  movementCount: z.number().int().nonnegative(),
  caps: z.partialRecord(supportCaseTypeSchema, fundCapSchema),
  createdAt: z.iso.datetime({ offset: true }),
  version: z.number().int().positive(),
});
export type Fund = z.infer<typeof fundSchema>;
export const fundList = z.object({ items: z.array(fundSchema) });

export const MOVEMENT_TYPES = ['receipt', 'allocation', 'disbursement'] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];
/** How money moved: cash (111) or bank (112). An allocation from the budget has no method. */
export const paymentMethodSchema = z.enum(['cash', 'bank']);

const movementCommon = {
  amount: positiveDong,
  /** The accounting date, `YYYY-MM-DD`; default today in Vietnam. */
  date: z.iso.date().optional(),
  memo: textSchema({ min: 1, max: 300 }),
};

export const recordMovementBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('receipt'), method: paymentMethodSchema, ...movementCommon }),
  z.strictObject({ type: z.literal('allocation'), ...movementCommon }),
  z.strictObject({
    type: z.literal('disbursement'),
    method: paymentMethodSchema,
    ...movementCommon,
    /** The support-case type the money is for: its cap per occasion applies. */
    caseType: supportCaseTypeSchema.optional(),
  }),
]);
export type RecordMovementInput = z.infer<typeof recordMovementBody>;

/** Finance's answer to the movement's posting request, as recorded. */
export const movementPostingSchema = z.object({
  /** `pending` until finance answers; `posted`; or `unposted` when finance refused it (with the reason). */
  status: z.enum(['pending', 'posted', 'unposted']),
  requestId: z.string(),
  postingId: z.string().nullable(),
  voucherNumber: z.string().nullable(),
  reason: z.object({ code: z.string(), vi: z.string(), en: z.string() }).nullable(),
});

export const movementSchema = z.object({
  id: z.string(),
  fundId: z.string(),
  unitId: z.string(),
  type: z.enum(MOVEMENT_TYPES),
  method: paymentMethodSchema.nullable(),
  amount: positiveDong,
  date: z.iso.date(),
  memo: z.string(),
  caseType: supportCaseTypeSchema.nullable(),
  posting: movementPostingSchema,
  at: z.iso.datetime({ offset: true }),
});
export type Movement = z.infer<typeof movementSchema>;

export const movementListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export const movementList = z.object({ items: z.array(movementSchema), nextCursor: z.string().nullable() });
