import { z } from 'zod';
import { agencySchema, UNIT_LEVELS, UNIT_STATUSES } from '../membership/units.ts';

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
});
export type FinanceUnitProfile = z.infer<typeof financeUnitProfileSchema>;
