import { z } from 'zod';

/**
 * The emulation service's contracts: the schemas of its routes' requests and responses. Its
 * events go in `../events/emulation.ts`, listed once in `../events/index.ts`.
 */

export const emulationMemberQuery = z.strictObject({
  /** The day asked about, `YYYY-MM-DD`; default today in Vietnam. */
  on: z.iso.date().optional(),
});

export const emulationMemberStandingSchema = z.object({
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
export type EmulationMemberStanding = z.infer<typeof emulationMemberStandingSchema>;

export * from './blocs.ts';
export * from './catalogue.ts';
export * from './honours.ts';
export * from './initiatives.ts';
export * from './movements.ts';
export * from './nominations.ts';
export * from './policy.ts';
export * from './ratings.ts';
