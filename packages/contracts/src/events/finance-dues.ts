import { z } from 'zod';
import { defineEvent } from './envelope.ts';

/**
 * Dues (đoàn phí): what finance announces of members' dues. Each is written in the
 * transaction of its change. Never a salary, a CCCD or a name: ids, months and
 * whole đồng only. Documented with examples in `docs/finance-dues.md`.
 */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const DuesCollected = defineEvent({
  service: 'finance',
  detailType: 'DuesCollected',
  version: 1,
  description:
    'A CĐCS recorded a dues collection for a month (one member or a batch), posted with its receipt voucher. Finance’s own standing consumer recomputes the unit’s members’ dues standing from it.',
  data: z.object({
    collectionId: z.string(),
    unitId: z.string(),
    month,
    date: z.iso.date(),
    /** Whole đồng, the collection's total. */
    amount: z.number().int().positive(),
    /** How many members the collection pays for (its lines). */
    members: z.number().int().positive(),
    postingId: z.string(),
    voucherNumber: z.string().nullable(),
  }),
});

export const memberDuesStandingSchema = z.object({
  memberId: z.string(),
  /** The CĐCS the member owes `asOf` to, where the months are counted. */
  unitId: z.string(),
  /** The last month counted: months up to it have fallen due. */
  asOf: month,
  /**
   * Consecutive months, counted back from `asOf`, the member owed this unit and paid
   * nothing for (the arrears report's `monthsWithoutDues`), within the months the
   * standing looks at (`DUES_STANDING_MONTHS`, 12, or the removal threshold if longer).
   */
  monthsInArrears: z.number().int().nonnegative(),
  /** What the member still owes over those months, whole đồng (an advance nets against it). */
  outstanding: z.number().int().nonnegative(),
  /** `monthsInArrears` reached the policy's removal threshold (`dues-removal-months`): advice, not a decision. */
  removalCandidate: z.boolean(),
  /** Grows by one with each change of the member's standing: keep the highest. */
  version: z.number().int().positive(),
});
export type MemberDuesStanding = z.infer<typeof memberDuesStandingSchema>;

export const MemberDuesStandingChanged = defineEvent({
  service: 'finance',
  detailType: 'MemberDuesStandingChanged',
  version: 1,
  description:
    'A member’s dues standing changed: months in arrears, what is outstanding, whether they are a removal candidate. Announced once per change, after a collection or when a month falls due; a member finance never announced owes nothing. Keep the highest version per member.',
  data: memberDuesStandingSchema,
});
