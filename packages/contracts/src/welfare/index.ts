import { z } from 'zod';
import { requestedPostingSchema } from '../events/finance-ledger.ts';
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
  /** Members' deposits into a women's savings fund (3535). */
  deposited: dong,
  /** Lent to members from a women's savings fund (1388), and repaid of it. */
  lent: dong,
  repaid: dong,
  movementCount: z.number().int().nonnegative(),
  caps: z.partialRecord(supportCaseTypeSchema, fundCapSchema),
  createdAt: z.iso.datetime({ offset: true }),
  version: z.number().int().positive(),
  /** A women's savings fund's open loans as of today (on reading one fund): outstanding and overdue. */
  loans: z
    .object({
      open: z.number().int().nonnegative(),
      outstanding: dong,
      overdue: z.number().int().nonnegative(),
      overdueOutstanding: dong,
    })
    .optional(),
});
export type Fund = z.infer<typeof fundSchema>;
export const fundList = z.object({ items: z.array(fundSchema) });

/** A deposit, a loan and a repayment are a women's savings fund's (each naming its member; a loan's and a repayment's its loan). */
export const MOVEMENT_TYPES = ['receipt', 'allocation', 'disbursement', 'deposit', 'loan', 'repayment'] as const;
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
    /** The member it is paid to (member directory): the type's cap per member per year applies, and needs it. */
    beneficiaryId: id.optional(),
  }),
  /** A member's deposit into a women's savings fund; loans and repayments have their own routes. */
  z.strictObject({ type: z.literal('deposit'), method: paymentMethodSchema, ...movementCommon, memberId: id }),
]);
export type RecordMovementInput = z.infer<typeof recordMovementBody>;

/** Finance's answer to the movement's posting request, as recorded. */
export const movementPostingSchema = requestedPostingSchema;

export const fundMovementSchema = z.object({
  id: z.string(),
  fundId: z.string(),
  unitId: z.string(),
  type: z.enum(MOVEMENT_TYPES),
  method: paymentMethodSchema.nullable(),
  amount: positiveDong,
  date: z.iso.date(),
  memo: z.string(),
  caseType: supportCaseTypeSchema.nullable(),
  beneficiaryId: z.string().nullable(),
  /** The member who deposited, borrowed or repaid (a women's savings fund's movements). */
  memberId: z.string().nullable().optional(),
  /** The loan a loan or repayment movement is of. */
  loanId: z.string().nullable().optional(),
  posting: movementPostingSchema,
  at: z.iso.datetime({ offset: true }),
});
export type FundMovement = z.infer<typeof fundMovementSchema>;

export const movementListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export const fundMovementList = z.object({ items: z.array(fundMovementSchema), nextCursor: z.string().nullable() });

/* ---------- fundraising drives (vận động ủng hộ) ---------- */

export const driveIdParams = z.strictObject({ id });

export const createDriveBody = z
  .strictObject({
    name: textSchema({ min: 1, max: 200 }),
    /** What the drive aims to raise, whole đồng. */
    target: positiveDong,
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .refine((d) => d.from <= d.to, { message: 'from is after to', path: ['from'] });
export type CreateDriveInput = z.infer<typeof createDriveBody>;

export const driveSchema = z.object({
  id: z.string(),
  fundId: z.string(),
  /** The unit that runs the drive: the fund's owner; pledges come from its subtree. */
  unitId: z.string(),
  name: z.string(),
  target: positiveDong,
  from: z.iso.date(),
  to: z.iso.date(),
  pledged: dong,
  received: dong,
  pledgeCount: z.number().int().nonnegative(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Drive = z.infer<typeof driveSchema>;

/** Who pledges: a unit of the drive's subtree, or a member of it. */
export const pledgerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('unit'), unitId: id }),
  z.strictObject({ kind: z.literal('member'), memberId: id }),
]);

export const createPledgeBody = z.strictObject({
  pledger: pledgerSchema,
  amount: positiveDong,
  /** The day of the pledge, within the drive's period; default today in Vietnam. */
  date: z.iso.date().optional(),
});
export type CreatePledgeInput = z.infer<typeof createPledgeBody>;

export const pledgeSchema = z.object({
  id: z.string(),
  driveId: z.string(),
  pledger: pledgerSchema,
  /** The unit the pledge counts for: the pledging unit, or the member's unit when they pledged (the member directory's latest). */
  unitId: z.string(),
  amount: positiveDong,
  received: dong,
  date: z.iso.date(),
});
export type Pledge = z.infer<typeof pledgeSchema>;

export const driveReceiptBody = z.strictObject({
  pledgeId: id,
  method: paymentMethodSchema,
  amount: positiveDong,
  /** The accounting date, not before the drive starts; default today in Vietnam. */
  date: z.iso.date().optional(),
  memo: textSchema({ min: 1, max: 300 }).optional(),
});
export type DriveReceiptInput = z.infer<typeof driveReceiptBody>;

/** A receipt against a pledge: the fund's movement (posted like any other) and the pledge after it. */
export const driveReceiptSchema = z.object({ movement: fundMovementSchema, pledge: pledgeSchema });

export const driveUnitProgressSchema = z.object({
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  pledged: dong,
  received: dong,
  pledges: z.number().int().nonnegative(),
  /** Nothing received from the unit or its members yet. */
  givenNothing: z.boolean(),
});
export const driveProgressSchema = z.object({
  drive: driveSchema,
  /** Each active unit of the drive's subtree, the drive's unit first, then by code. */
  units: z.array(driveUnitProgressSchema),
  givenNothing: z.number().int().nonnegative(),
});
export type DriveProgress = z.infer<typeof driveProgressSchema>;

/* ---------- the women's savings fund's loans (quỹ tiết kiệm phụ nữ) ---------- */

export const loanIdParams = z.strictObject({ id });

export const createLoanBody = z.strictObject({
  /** The borrowing member: an active member of the fund's unit or a unit below it. */
  memberId: id,
  amount: positiveDong,
  /** Monthly instalments: the amount split in whole đồng, the remainder on the last. */
  instalments: z.number().int().min(1).max(60),
  method: paymentMethodSchema,
  /** The day the loan is paid out, `YYYY-MM-DD`, not after today; default today in Vietnam. The first instalment is due a month after. */
  date: z.iso.date().optional(),
  memo: textSchema({ min: 1, max: 300 }).optional(),
});
export type CreateLoanInput = z.infer<typeof createLoanBody>;

export const instalmentSchema = z.object({
  number: z.number().int().positive(),
  due: z.iso.date(),
  amount: positiveDong,
});
export type Instalment = z.infer<typeof instalmentSchema>;

export const loanSchema = z.object({
  id: z.string(),
  fundId: z.string(),
  unitId: z.string(),
  memberId: z.string(),
  amount: positiveDong,
  /** Interest-free: the schedule's instalments add up to the amount. */
  schedule: z.array(instalmentSchema),
  repaid: dong,
  outstanding: dong,
  status: z.enum(['open', 'closed']),
  /** The first instalment not fully repaid, with what is left of it; null once closed. */
  nextDue: z.object({ number: z.number().int().positive(), due: z.iso.date(), remaining: positiveDong }).nullable(),
  /** Whether an instalment is past due today (on reading). */
  overdue: z.boolean(),
  /** The highest instalment the daily schedule flagged past due (0: none): each is flagged once. */
  flaggedThrough: z.number().int().nonnegative(),
  date: z.iso.date(),
  movementId: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  version: z.number().int().positive(),
});
export type Loan = z.infer<typeof loanSchema>;

export const repaymentBody = z.strictObject({
  amount: positiveDong,
  method: paymentMethodSchema,
  /** The accounting date, not after today; default today in Vietnam. */
  date: z.iso.date().optional(),
  memo: textSchema({ min: 1, max: 300 }).optional(),
});
export type RepaymentInput = z.infer<typeof repaymentBody>;

/** A repayment: the fund's movement (posted like any other) and the loan after it. */
export const repaymentSchema = z.object({ movement: fundMovementSchema, loan: loanSchema });
