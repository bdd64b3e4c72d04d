import { z } from 'zod';
import { textSchema } from '../text.ts';
import { titleCodeSchema } from './catalogue.ts';

/**
 * Movements (phong trào thi đua) and campaigns (cuộc vận động) a unit launches for its subtree,
 * and the registrations of units and members: for a title, a commitment, or deeds ("việc làm
 * theo Bác") with a count, later confirmed as done.
 */

const id = z.string().min(1).max(64);
const isoDate = z.iso.date();
const timestamp = z.iso.datetime({ offset: true });

export const MOVEMENT_KINDS = ['movement', 'campaign'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const movementIdParams = z.strictObject({ id });
export const registrationIdParams = z.strictObject({ id });

export const launchMovementBody = z
  .strictObject({
    /** The launching unit: the movement is for its subtree. */
    unitId: id,
    kind: z.enum(MOVEMENT_KINDS),
    /** E.g. "Trung thành, trách nhiệm, liêm chính, sáng tạo". */
    theme: textSchema({ min: 1, max: 300 }),
    period: z.strictObject({ from: isoDate, to: isoDate }),
    /** The last day units and members may register. */
    registrationDeadline: isoDate,
    criteria: z
      .array(textSchema({ min: 1, max: 500 }))
      .min(1)
      .max(30),
  })
  .refine((b) => b.period.from <= b.period.to, { message: 'the period ends before it starts', path: ['period', 'to'] })
  .refine((b) => b.registrationDeadline <= b.period.to, {
    message: 'the registration deadline is after the period',
    path: ['registrationDeadline'],
  });
export type LaunchMovementInput = z.infer<typeof launchMovementBody>;

export const movementSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(MOVEMENT_KINDS),
  theme: z.string(),
  period: z.object({ from: isoDate, to: isoDate }),
  registrationDeadline: isoDate,
  criteria: z.array(z.string()),
  createdAt: timestamp,
  version: z.number().int().positive(),
});
export type Movement = z.infer<typeof movementSchema>;

export const unitMovementsQuery = z.strictObject({
  /** Movements whose period overlaps this year; default this year in Vietnam. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const movementListSchema = z.object({
  /** The movements that apply to the unit: launched by it or by a unit above it, by start then theme. */
  items: z.array(movementSchema),
});

const registrantSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('member'), memberId: id }),
  z.strictObject({ kind: z.literal('unit'), unitId: id }),
]);

export const registerBody = z.discriminatedUnion('kind', [
  /** A title the registrant commits to reach (a code of `GET /v1/emulation/titles`). */
  z.strictObject({ kind: z.literal('title'), registrant: registrantSchema, titleCode: titleCodeSchema }),
  z.strictObject({
    kind: z.literal('commitment'),
    registrant: registrantSchema,
    commitment: textSchema({ min: 1, max: 1000, multiline: true }),
  }),
  /** Deeds ("việc làm theo Bác"): how many, and what. */
  z.strictObject({
    kind: z.literal('deeds'),
    registrant: registrantSchema,
    count: z.number().int().min(1).max(100_000),
    description: textSchema({ min: 1, max: 1000, multiline: true }),
  }),
]);
export type RegisterInput = z.infer<typeof registerBody>;

export const REGISTRATION_STATUSES = ['registered', 'confirmed'] as const;

export const registrationSchema = z.object({
  id: z.string(),
  movementId: z.string(),
  kind: z.enum(['title', 'commitment', 'deeds']),
  registrant: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('member'), memberId: z.string() }),
    z.object({ kind: z.literal('unit'), unitId: z.string() }),
  ]),
  /** The unit it counts in: the registering unit, or the member's unit on the day of registration. */
  unitId: z.string(),
  registeredOn: isoDate,
  titleCode: z.string().nullable(),
  commitment: z.string().nullable(),
  deeds: z
    .object({
      count: z.number().int().positive(),
      description: z.string(),
      /** The deeds confirmed done, and the day; null until confirmed. */
      done: z.object({ count: z.number().int().nonnegative(), on: isoDate }).nullable(),
    })
    .nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  createdAt: timestamp,
  version: z.number().int().positive(),
});
export type Registration = z.infer<typeof registrationSchema>;

export const movementRegistrationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});
export const registrationPage = z.object({ items: z.array(registrationSchema), nextCursor: z.string().nullable() });

export const confirmDeedsBody = z.strictObject({
  /** The day the deeds were confirmed done. */
  on: isoDate,
  /** How many were done; default the number registered. */
  count: z.number().int().min(0).max(100_000).optional(),
});

export const registrationTotalsQuery = z
  .strictObject({
    from: z.coerce.number().int().min(2000).max(2100),
    to: z.coerce.number().int().min(2000).max(2100),
    /** Only this movement's registrations; default every movement. */
    movementId: id.optional(),
  })
  .refine((q) => q.from <= q.to && q.to - q.from < 50, { message: 'from ≤ to, at most 50 years', path: ['to'] });

const totals = {
  titleRegistrations: z.number().int().nonnegative(),
  commitmentRegistrations: z.number().int().nonnegative(),
  deedRegistrations: z.number().int().nonnegative(),
  /** Deeds registered (the sum of their counts). */
  deedsRegistered: z.number().int().nonnegative(),
  /** Deed registrations confirmed, and the deeds confirmed done. */
  deedRegistrationsConfirmed: z.number().int().nonnegative(),
  deedsDone: z.number().int().nonnegative(),
};
export type RegistrationTotals = { [K in keyof typeof totals]: number };

export const registrationTotalsSchema = z.object({
  unitId: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  movementId: z.string().nullable(),
  /** The unit's subtree over the years, by the year of registration. */
  totals: z.object(totals),
  byYear: z.array(z.object({ year: z.number().int(), ...totals })),
});
