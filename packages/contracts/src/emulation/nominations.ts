import { z } from 'zod';
import { requestedPostingSchema } from '../events/finance-ledger.ts';
import { POLICY_CERTAINTIES } from '../finance/policy.ts';
import { textSchema } from '../text.ts';
import { titleCodeSchema } from './catalogue.ts';

/**
 * Awards held (a recipient's titles and forms by year, the consecutive-title chains read them),
 * and nominations with their eligibility.
 */

const id = z.string().min(1).max(64);
const isoDate = z.iso.date();
const timestamp = z.iso.datetime({ offset: true });
const year = z.number().int().min(2000).max(2100);
const decision = z.strictObject({ number: textSchema({ min: 1, max: 100 }), date: isoDate });

const recipientInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('member'), memberId: id }),
  z.strictObject({ kind: z.literal('unit'), unitId: id }),
]);
const recipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('member'), memberId: z.string() }),
  z.object({ kind: z.literal('unit'), unitId: z.string() }),
]);

export const nominationIdParams = z.strictObject({ id });

export const recordAwardBody = z.strictObject({
  titleCode: titleCodeSchema,
  /** The year the title or form was awarded for. */
  year,
  recipient: recipientInput,
  /** The decision conferring it, its number as written and its date. */
  decision,
});
export type RecordAwardInput = z.infer<typeof recordAwardBody>;

export const awardSchema = z.object({
  id: z.string(),
  titleCode: z.string(),
  year: z.number().int(),
  recipient,
  /** The unit the recipient was in (a member) or is (a unit) on the decision date, and its name then. */
  unitId: z.string(),
  unitName: z.string(),
  decision: z.object({ number: z.string(), date: isoDate }),
  recordedAt: timestamp,
});
export type Award = z.infer<typeof awardSchema>;

/**
 * proposed → received by the deciding level (or refused there when ineligible) → approved or
 * not-approved by the council → decided; refused by the deciding level at any step before the
 * decision. A refused or not-approved nomination's initiatives are released.
 */
export const NOMINATION_STATUSES = ['proposed', 'approved', 'not-approved', 'decided', 'received', 'refused'] as const;

export const councilVoteBody = z.strictObject({
  /** How many sit on the council, how many were present, how many voted yes: counts only. */
  members: z.number().int().min(1).max(200),
  present: z.number().int().min(0).max(200),
  yes: z.number().int().min(0).max(200),
  on: isoDate,
});
export const receiveNominationBody = z.strictObject({
  /** The unit receiving it, which decides: a level above the proposing one, at the title's level. */
  decidingUnitId: id,
  /** The day it was received. */
  on: isoDate,
});
export const refuseNominationBody = z.strictObject({
  reason: textSchema({ min: 1, max: 1000, multiline: true }),
  on: isoDate,
});
export const decideNominationBody = z.strictObject({
  /** The unit deciding (a level above the proposing one): a seat of its quota for the title and year is taken. */
  decidingUnitId: id,
  decision,
});

export const quotaParams = z.strictObject({ id, year: z.coerce.number().int().min(2000).max(2100) });
export const setQuotasBody = z.strictObject({
  /** Seats per title the unit decides in the year; a title without one has no cap. */
  quotas: z
    .array(z.strictObject({ titleCode: titleCodeSchema, seats: z.number().int().min(0).max(100_000) }))
    .min(1)
    .max(50)
    .refine((q) => new Set(q.map((x) => x.titleCode)).size === q.length, { message: 'each title once' }),
});
export const quotasSchema = z.object({
  unitId: z.string(),
  year: z.number().int(),
  quotas: z.array(
    z.object({
      titleCode: z.string(),
      seats: z.number().int(),
      used: z.number().int(),
      /** The seats allocated by the council's votes, when they were. */
      allocation: z.lazy(() => seatAllocationSchema).optional(),
    }),
  ),
});
export type Quotas = z.infer<typeof quotasSchema>;

/**
 * Seats allocated by the council's votes among a unit's approved nominations for a capped title
 * and year, when there are more than seats left: most yes votes first; on the last seat's tie,
 * women or collectives with ≥ 70% women first (NĐ 152/2025 Art. 4); a tie that leaves unsettled
 * is `tied`, for the council. While it exists only `seated` nominations may be decided.
 */
export const allocationParams = z.strictObject({
  id,
  year: z.coerce.number().int().min(2000).max(2100),
  titleCode: titleCodeSchema,
});
export const allocateSeatsBody = z.strictObject({
  /** The day of the allocation. */
  on: isoDate,
  /** The approved nominations competing, each once; a collective's workforce as declared in its dossier. */
  candidates: z
    .array(
      z.strictObject({
        nominationId: id,
        /** A collective's people and women among them (the dossier's figures); never for a member. */
        workforce: z
          .strictObject({
            people: z.number().int().min(1).max(1_000_000),
            women: z.number().int().min(0).max(1_000_000),
          })
          .refine((w) => w.women <= w.people, { message: 'women ≤ people' })
          .optional(),
      }),
    )
    .min(1)
    // One transaction holds the quota, each nomination and their audit records (100 items at most).
    .max(40)
    .refine((c) => new Set(c.map((x) => x.nominationId)).size === c.length, { message: 'each nomination once' }),
});
export type AllocateSeatsInput = z.infer<typeof allocateSeatsBody>;

export const SEAT_OUTCOMES = ['seated', 'not-seated', 'tied'] as const;
const localizedText = z.object({ vi: z.string(), en: z.string() });
export const seatAllocationSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  year: z.number().int(),
  titleCode: z.string(),
  on: isoDate,
  /** The quota's seats left when allocated (seats − used). */
  seatsLeft: z.number().int(),
  /** Each candidate's votes and place: counts only, never who voted how. */
  outcomes: z.array(
    z.object({
      nominationId: z.string(),
      yes: z.number().int(),
      /** A woman, or a collective with ≥ 70% women: first on a tie (NĐ 152/2025 Art. 4). */
      womenFirst: z.boolean(),
      outcome: z.enum(SEAT_OUTCOMES),
      reason: localizedText,
    }),
  ),
  explanation: localizedText,
  source: z.string(),
});
export type SeatAllocation = z.infer<typeof seatAllocationSchema>;

export const proposeNominationBody = z.strictObject({
  /** The unit proposing the candidate. */
  proposingUnitId: id,
  titleCode: titleCodeSchema,
  /** The evaluated year (kỳ xét). */
  year,
  candidate: recipientInput,
  /** Working days absent in the year, declared by the proposing unit (the union's absence setting). */
  absence: z
    .strictObject({
      otherWorkingDays: z.number().int().min(0).max(366),
      maternityWorkingDays: z.number().int().min(0).max(366),
    })
    .optional(),
  /** The achievements, in the unit's words. */
  achievements: textSchema({ min: 1, max: 4000, multiline: true }),
  /** Accepted initiatives backing it: each is spent on this nomination, and can back no other. */
  initiativeIds: z.array(id).max(10).optional(),
});
export type ProposeNominationInput = z.infer<typeof proposeNominationBody>;

/**
 * The prize a decision awards: the title's coefficient × lương cơ sở in force on the decision
 * date, rounded as the policy of that day says. Lương cơ sở is finance's (policy `base-salary`),
 * as finance announced it (`BaseSalaryVersionRecorded`): the version used is named.
 */
export const prizeSchema = z.object({
  /** Whole đồng. */
  amount: z.number().int().nonnegative(),
  coefficient: z.number(),
  /** The source of the coefficient (NĐ 152/2025 Điều 50). */
  coefficientSource: z.string(),
  baseSalary: z.object({
    amount: z.number().int().positive(),
    effectiveFrom: isoDate,
    /** Finance's id of the version, e.g. `base-salary@2026-07-01#all`. */
    versionId: z.string(),
    version: z.number().int().positive(),
    source: z.string(),
    certainty: z.enum(['sure', 'likely', 'unsure']),
  }),
  rounding: z.object({ step: z.number().int().positive(), mode: z.enum(['up', 'nearest']), source: z.string() }),
  /** e.g. `1,0 × 2.340.000 = 2.340.000 đồng (lương cơ sở từ 01/07/2024, NĐ 73/2024/NĐ-CP; …)`. */
  explanation: z.object({ vi: z.string(), en: z.string() }),
});
export type Prize = z.infer<typeof prizeSchema>;

/**
 * The prize's payment as finance answered it: asked for (`LedgerPostingRequested`) in the
 * decision's transaction, then `posted` (`LedgerPosted`) or `unposted` with finance's reason
 * (`LedgerPostingRejected`, final).
 */
/** Its `requestId` is `prize:<nomination id>`: one request per decision. */
export const prizePostingSchema = requestedPostingSchema;
export type PrizePosting = z.infer<typeof prizePostingSchema>;

export const nominationSchema = z.object({
  id: z.string(),
  proposingUnitId: z.string(),
  titleCode: z.string(),
  year: z.number().int(),
  candidate: recipient,
  /** The candidate's unit when proposed (a member's unit that day). */
  candidateUnitId: z.string(),
  absence: z.object({ otherWorkingDays: z.number().int(), maternityWorkingDays: z.number().int() }).nullable(),
  achievements: z.string(),
  initiativeIds: z.array(z.string()),
  /** proposed → received → approved or not-approved by the council's vote → decided; or refused. */
  status: z.enum(NOMINATION_STATUSES),
  /** Its receipt by the deciding level, with the eligibility checked that day and stored. */
  receipt: z
    .object({
      decidingUnitId: z.string(),
      on: isoDate,
      eligibility: z.lazy(() => eligibilitySchema),
    })
    .nullable(),
  /**
   * Why the deciding level refused it: at receipt (`stage: receipt`, the failing rules' reasons)
   * or later (`stage: review`, its own reason). Its initiatives were released that day.
   */
  refusal: z
    .object({ on: isoDate, stage: z.enum(['receipt', 'review']), reason: z.object({ vi: z.string(), en: z.string() }) })
    .nullable(),
  /** The initiatives released when it was refused or not approved, free to back another award. */
  released: z.object({ on: isoDate, initiativeIds: z.array(z.string()) }).nullable(),
  /** The council's vote, as counts only: who voted how is never recorded. */
  council: z
    .object({
      members: z.number().int(),
      present: z.number().int(),
      yes: z.number().int(),
      on: isoDate,
      outcome: z.enum(['approved', 'not-approved', 'no-quorum']),
      reason: z.object({ vi: z.string(), en: z.string() }),
    })
    .nullable(),
  /** The decision conferring the title, and the award it recorded. */
  decision: z
    .object({
      number: z.string(),
      date: isoDate,
      awardId: z.string(),
      decidingUnitId: z.string(),
      /** The prize awarded; null when the title carries no cash. */
      prize: prizeSchema.nullable(),
      /** The prize's posting in finance; null without a prize. */
      posting: prizePostingSchema.nullable(),
      /** The eligibility checked again on the decision day, as it stood (absent on decisions made before it was kept). */
      eligibility: z.lazy(() => eligibilitySchema).optional(),
    })
    .nullable(),
  /** Its place in an allocation of its deciding unit's seats (absent when none was made). */
  seat: z
    .object({ allocationId: z.string(), outcome: z.enum(SEAT_OUTCOMES), reason: localizedText })
    .nullable()
    .optional(),
  createdAt: timestamp,
  version: z.number().int().positive(),
});
export type Nomination = z.infer<typeof nominationSchema>;

export const unitNominationsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});
export const nominationPage = z.object({ items: z.array(nominationSchema), nextCursor: z.string().nullable() });

const localized = z.object({ vi: z.string(), en: z.string() });

export const eligibilitySchema = z.object({
  nominationId: z.string(),
  /** ineligible when a rule fails; frozen when none fails but one is pending; else eligible. */
  outcome: z.enum(['eligible', 'ineligible', 'frozen']),
  checkedOn: isoDate,
  verdicts: z.array(
    z.object({
      rule: z.string(),
      name: localized,
      outcome: z.enum(['pass', 'fail', 'frozen', 'not-applicable']),
      reason: localized,
      source: z.string(),
      certainty: z.enum(POLICY_CERTAINTIES),
    }),
  ),
  /**
   * The rules the year was judged under: the catalogue and absence setting in force on the
   * evaluated year's last day (`on`), whatever the day of the check.
   */
  rules: z
    .object({
      on: isoDate,
      catalogue: z.object({ effectiveFrom: isoDate, source: z.string(), certainty: z.enum(POLICY_CERTAINTIES) }),
      absence: z.object({ effectiveFrom: isoDate, source: z.string(), certainty: z.enum(POLICY_CERTAINTIES) }),
    })
    .optional(),
});
export type EligibilityReport = z.infer<typeof eligibilitySchema>;
