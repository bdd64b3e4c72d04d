import { z } from 'zod';
import { POLICY_CERTAINTIES } from '../finance/policy.ts';
import { textSchema } from '../text.ts';
import { titleCodeSchema } from './catalogue.ts';

/**
 * Emulation blocs (khối thi đua): each year a level groups peer units of its subtree into a
 * bloc that signs a pact; its members are scored against the bloc's criteria and ranked, the
 * leader rotates from the year before's order, and the top unit is proposed for the emulation
 * flag (Cờ thi đua).
 */

const id = z.string().min(1).max(64);
const isoDate = z.iso.date();
const timestamp = z.iso.datetime({ offset: true });
const year = z.number().int().min(2000).max(2100);
const kebab = (what: string) =>
  z
    .string()
    .max(64)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, what);
const criterionCode = kebab('a criterion code of the bloc');
const points = z.number().int().min(0).max(1000);
const localized = z.object({ vi: z.string(), en: z.string() });

/** How the leader of year N+1 is derived from year N's ranking (the setting in force for year N+1). */
export const BLOC_LEADER_RULES = ['top-ranked-other-than-leader', 'top-ranked', 'next-after-leader'] as const;
export type BlocLeaderRule = (typeof BLOC_LEADER_RULES)[number];

export const blocIdParams = z.strictObject({ id });
export const blocScoreParams = z.strictObject({ id, unitId: id });
export const blocListQuery = z.strictObject({
  /** The year of the blocs; default this year in Vietnam. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const createBlocBody = z.strictObject({
  /** The level above the members that forms the bloc: every member lies in its subtree. */
  organiserUnitId: id,
  /** The bloc's identity across years (e.g. `khoi-ii`): year N+1's leader is derived from year N's bloc of the same code. */
  code: kebab('a bloc code: lowercase words joined by dashes'),
  name: textSchema({ min: 1, max: 200 }),
  year,
  /** The peer units, each below the organiser, each once. */
  memberUnitIds: z.array(id).min(2).max(50),
  /** The leader (khối trưởng), a member; omitted, it is derived from the previous year's ranking by the rotation setting. */
  leaderUnitId: id.optional(),
  /** The emulation pact the members signed (giao ước thi đua). */
  pact: z.strictObject({ signedOn: isoDate, documentNumber: textSchema({ min: 1, max: 100 }) }),
  /** The bloc's own criteria with their maximum points; omitted, the defaults of the policy in force on the pact's day. */
  criteria: z
    .array(
      z.strictObject({
        code: criterionCode,
        name: textSchema({ min: 1, max: 300 }),
        maxPoints: z.number().int().min(1).max(1000),
      }),
    )
    .min(1)
    .max(30)
    .optional(),
});
export type CreateBlocInput = z.infer<typeof createBlocBody>;

export const scoreBlocUnitBody = z.strictObject({
  /** Points for some or all criteria; a criterion already scored keeps its history, and a change needs a reason. */
  scores: z
    .array(
      z.strictObject({
        criterion: criterionCode,
        points,
        /** Required when the criterion already has other points (an adjustment). */
        reason: textSchema({ min: 1, max: 1000, multiline: true }).optional(),
      }),
    )
    .min(1)
    .max(30),
  on: isoDate,
});

export const blocFlagProposalBody = z.strictObject({
  /** The flag's title in the catalogue; default `co-thi-dua-cap-tinh` (Cờ thi đua cấp tỉnh). */
  titleCode: titleCodeSchema.optional(),
  on: isoDate,
});

const criterionSchema = z.object({ code: z.string(), name: z.string(), maxPoints: z.number().int() });
const sourced = z.object({
  effectiveFrom: isoDate,
  source: z.string(),
  certainty: z.enum(POLICY_CERTAINTIES),
});

export const blocSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  year: z.number().int(),
  organiserUnitId: z.string(),
  organiserName: z.string(),
  members: z.array(z.object({ unitId: z.string(), name: z.string() })),
  leader: z.object({
    unitId: z.string(),
    name: z.string(),
    /** `named` by the organiser, or `rotation`: derived from the previous year's ranking. */
    basis: z.enum(['named', 'rotation']),
    reason: localized,
  }),
  pact: z.object({ signedOn: isoDate, documentNumber: z.string() }),
  criteria: z.array(criterionSchema),
  /** Where the criteria come from: the bloc's own, or the policy defaults (with their source). */
  criteriaSource: z.union([z.object({ kind: z.literal('bloc') }), sourced.extend({ kind: z.literal('policy') })]),
  /** The rotation rule in force for the bloc's year, with its source. */
  rotation: sourced.extend({ rule: z.enum(BLOC_LEADER_RULES) }),
  /** The top unit proposed for the emulation flag: the nomination made for it. */
  flagProposal: z
    .object({
      unitId: z.string(),
      unitName: z.string(),
      titleCode: z.string(),
      total: z.number().int(),
      proposedOn: isoDate,
      /** When it was recorded; a proposal still without its nomination a minute later is completed by the next call. */
      proposedAt: timestamp,
      nominationId: z.string().nullable(),
    })
    .nullable(),
  /** How many score changes the bloc has had: a flag proposal is made on the ranking it read. */
  scoreRevision: z.number().int().nonnegative(),
  createdAt: timestamp,
  version: z.number().int().positive(),
});
export type Bloc = z.infer<typeof blocSchema>;

export const blocListSchema = z.object({ items: z.array(blocSchema) });

export const blocScoreSchema = z.object({
  blocId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  scores: z.array(
    z.object({
      criterion: z.string(),
      points: z.number().int(),
      scoredOn: isoDate,
      /** Who gave the points now counting (the actor's id). */
      scoredBy: z.string(),
      /** Earlier points changed, each with its reason, oldest first. */
      adjustments: z.array(
        z.object({ from: z.number().int(), to: z.number().int(), reason: z.string(), on: isoDate, by: z.string() }),
      ),
    }),
  ),
  total: z.number().int(),
  /** Every criterion of the bloc has points. */
  complete: z.boolean(),
  version: z.number().int().nonnegative(),
});
export type BlocScore = z.infer<typeof blocScoreSchema>;

export const blocRankingSchema = z.object({
  blocId: z.string(),
  year: z.number().int(),
  /** Every member scored on every criterion: only then is the top proposed. */
  complete: z.boolean(),
  /** The order's rule, tie-break included. */
  rule: localized,
  entries: z.array(
    z.object({
      rank: z.number().int().positive(),
      unitId: z.string(),
      unitName: z.string(),
      total: z.number().int(),
      /** Points per criterion in the bloc's order; null where not scored yet. */
      points: z.array(z.object({ criterion: z.string(), points: z.number().int().nullable() })),
      complete: z.boolean(),
      /** Units sharing this rank (every criterion's points equal too). */
      tied: z.boolean(),
    }),
  ),
  /** Who leads next year under the rotation rule, once the ranking is complete. */
  nextLeader: z
    .object({
      year: z.number().int(),
      unitId: z.string(),
      unitName: z.string(),
      rule: z.enum(BLOC_LEADER_RULES),
      reason: localized,
    })
    .nullable(),
});
export type BlocRanking = z.infer<typeof blocRankingSchema>;
