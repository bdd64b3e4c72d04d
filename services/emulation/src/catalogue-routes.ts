import { defineRoute, titleCatalogueSchema, titlesQuery } from '@congdoan/contracts';
import { common, EMULATION_STAFF, problem } from './route-parts.ts';

/** The award catalogue, as effective-dated policy. */
export const catalogueRoutes = [
  defineRoute({
    operationId: 'listAwardTitles',
    method: 'GET',
    path: '/v1/emulation/titles',
    summary: 'The titles and forms of award in force on a day, with their criteria and sources',
    description:
      'The catalogue version in force on `on` (default today): each title or form with its kind, level and subject, the criteria the eligibility engine checks by machine (consecutive titles, rating categories, an initiative, years of membership), its cash coefficient × lương cơ sở (NĐ 152/2025 Art. 50), the council’s quorum and threshold, its quota, and for each its source and certainty. Where a rule is unsure (certainty `unsure`) it is a parameter with a default: the council’s quorum and thresholds (NĐ 98/2023’s, not confirmed for NĐ 152/2025), the prize rounding (up to 10,000 đồng, from NĐ 91/2017), the 40-working-day absence rule (a union setting), the rating categories collective titles require, and the medal’s years of membership. A past day is answered with that day’s catalogue: NĐ 98/2023’s from 1/1/2024 (its cash coefficients assumed from NĐ 152, unsure), NĐ 152/2025’s from 1/7/2025, then any version an administrator added (`POST /v1/emulation/policy/versions`).',
    roles: EMULATION_STAFF,
    request: { query: titlesQuery },
    responses: {
      200: { description: 'The catalogue in force', schema: titleCatalogueSchema },
      ...common,
      422: problem('No catalogue is in force on that day (the first entered is NĐ 98/2023’s, from 1/1/2024)'),
    },
  }),
] as const;
