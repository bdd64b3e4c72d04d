import { z } from 'zod';
import { GENDERS, MEMBER_STATUSES } from './members.ts';

/**
 * The member directory (`@congdoan/member-directory`): who a member is, as any service
 * that mounts it keeps it from membership's member events. It holds no CCCD, no dues
 * salary and no contact details: a service that needs those asks membership.
 */

/** A member's standing on a day: only admitted members reach the directory. */
export const DIRECTORY_STATUSES = ['active', 'suspended', 'exited'] as const;
export type DirectoryStatus = (typeof DIRECTORY_STATUSES)[number];

/** Days `from` (inclusive) to `to` (exclusive; null while it lasts) in one unit with one standing. */
export const directorySpanSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date().nullable(),
  unitId: z.string(),
  status: z.enum(DIRECTORY_STATUSES),
});
export type DirectorySpan = z.infer<typeof directorySpanSchema>;

export const directoryMemberSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  gender: z.enum(GENDERS),
  dateOfBirth: z.iso.date(),
  cardNumber: z.string().nullable(),
  /** The first admission's date; kept through transfers. */
  joinDate: z.iso.date().nullable(),
  /** The unit and status of the member's latest version. */
  unitId: z.string(),
  status: z.enum(MEMBER_STATUSES),
  /** Dated, oldest first: the unit and standing on any day since the first admission. */
  history: z.array(directorySpanSchema),
  /** The member's version in membership that the unit, status and names above come from. */
  version: z.number().int().positive(),
});
export type DirectoryMember = z.infer<typeof directoryMemberSchema>;

export const directoryMemberPage = z.object({
  items: z.array(directoryMemberSchema),
  nextCursor: z.string().nullable(),
});
