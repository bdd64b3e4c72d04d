import { z } from 'zod';
import { agencySchema, UNIT_LEVELS, UNIT_STATUSES } from '../membership/units.ts';
import { duesRateResolutionSchema } from './dues.ts';

/** From `from` (a day in Vietnam) the unit's agency had `fundingType` (null: none on record). */
export const fundingPeriodSchema = z.object({
  from: z.iso.date(),
  fundingType: agencySchema.shape.fundingType.nullable(),
});
export type FundingPeriod = z.infer<typeof fundingPeriodSchema>;

/** A unit as finance knows it: its employing agency's tax ID and funding type decide its dues and levy rules. */
export const financeUnitProfileSchema = z.object({
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS),
  parentId: z.string().nullable(),
  status: z.enum(UNIT_STATUSES),
  taxId: agencySchema.shape.taxId.nullable(),
  agencyName: z.string().nullable(),
  fundingType: agencySchema.shape.fundingType.nullable(),
  sourceVersion: z.number().int().positive(),
  updatedAt: z.iso.datetime({ offset: true }),
  /**
   * The funding types the agency has had, oldest first, each from the day (Vietnam)
   * the unit change recording it was made; a month's dues and levy use the type in
   * force on its first day. Absent on a profile not changed since the history began.
   */
  fundingHistory: z.array(fundingPeriodSchema).optional(),
  /** The CĐCS's own dues rates by resolution, oldest first (see `POST …/dues-rate-resolutions`). */
  duesRateResolutions: z.array(duesRateResolutionSchema).optional(),
});
export type FinanceUnitProfile = z.infer<typeof financeUnitProfileSchema>;
