import { z } from 'zod';
import { AWARD_LEVELS, AWARD_SUBJECTS, TITLE_KINDS } from './catalogue.ts';
import { awardSchema } from './nominations.ts';

/**
 * Honour rolls (a member's awards over a career, a unit's awards) and a unit subtree's annual
 * statistics of titles and awards, initiatives and registrations, read from counters kept per
 * unit subtree and year (docs/emulation.md, "Honour rolls and statistics").
 */

const id = z.string().min(1).max(64);
const year = z.coerce.number().int().min(2000).max(2100);
const localized = z.object({ vi: z.string(), en: z.string() });

/** An award on a roll: the award as recorded, its title as the catalogue names it, and who holds it. */
export const honourSchema = awardSchema.extend({
  /** The title or form, from the catalogue in force on the decision date (the first catalogue before it). */
  title: z
    .object({
      name: localized,
      kind: z.enum(TITLE_KINDS),
      level: z.enum(AWARD_LEVELS),
      subject: z.enum(AWARD_SUBJECTS),
    })
    .nullable(),
  /** The member's name (member directory) or the unit's name; null when unknown. */
  recipientName: z.string().nullable(),
});
export type Honour = z.infer<typeof honourSchema>;

export const memberHonoursSchema = z.object({
  memberId: z.string(),
  fullName: z.string(),
  /**
   * `all` when the member is in the caller's subtree; `units-in-scope` when only some of their
   * awards were given while in a unit of it (the others are left out).
   */
  scope: z.enum(['all', 'units-in-scope']),
  /** Oldest year first, across every unit the member was in. */
  items: z.array(honourSchema),
});
export type MemberHonours = z.infer<typeof memberHonoursSchema>;

export const unitHonoursQuery = z.strictObject({
  year: year.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});
export const unitHonoursPage = z.object({ items: z.array(honourSchema), nextCursor: z.string().nullable() });

export const emulationStatisticsParams = z.strictObject({ id, year });
export const emulationStatisticsQuery = z.strictObject({
  /** The first year of the period, when more than one (seed 000 reports five years); default `year`. */
  from: year.optional(),
});

/** A figure with its rule: how it is counted, in Vietnamese and English. */
export const statisticsFigureSchema = z.object({
  code: z.string(),
  label: localized,
  value: z.number().int(),
  unit: z.enum(['count', 'dong']),
  rule: localized,
});
export type StatisticsFigure = z.infer<typeof statisticsFigureSchema>;

const breakdown = z.object({
  rule: localized,
  rows: z.array(z.object({ key: z.string(), label: localized, count: z.number().int() })),
});

export const unitStatisticsSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  /** The period: years `from` to `to`, both included. */
  from: z.number().int(),
  to: z.number().int(),
  /** The counts the unit reports upward, then every other figure, each with its rule. */
  figures: z.array(statisticsFigureSchema),
  awards: z.object({
    byLevel: breakdown,
    byKind: breakdown,
    bySubject: breakdown,
    byTitle: z.object({
      rule: localized,
      rows: z.array(
        z.object({
          titleCode: z.string(),
          name: localized,
          level: z.enum(AWARD_LEVELS),
          kind: z.enum(TITLE_KINDS),
          subject: z.enum(AWARD_SUBJECTS),
          count: z.number().int(),
        }),
      ),
    }),
  }),
  initiatives: z.object({ byScope: breakdown }),
  /** The units directly below, each with its subtree's headline counts (dissolved units are in the total only). */
  byUnit: z.object({
    rule: localized,
    rows: z.array(
      z.object({
        unitId: z.string(),
        name: z.string(),
        collectiveAwards: z.number().int(),
        individualAwards: z.number().int(),
        acceptedInitiatives: z.number().int(),
        deedRegistrations: z.number().int(),
        deedsRegistered: z.number().int(),
        deedsDone: z.number().int(),
      }),
    ),
  }),
});
export type UnitStatistics = z.infer<typeof unitStatisticsSchema>;
