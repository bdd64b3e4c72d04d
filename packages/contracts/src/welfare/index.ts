import { z } from 'zod';

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
