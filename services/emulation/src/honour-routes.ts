import {
  defineRoute,
  emulationStatisticsParams,
  emulationStatisticsQuery,
  fileDownloadSchema,
  memberHonoursSchema,
  memberIdParams,
  unitHonoursPage,
  unitHonoursQuery,
  unitIdParams,
  unitStatisticsSchema,
} from '@congdoan/contracts';
import { common, EMULATION_STAFF, problem } from './route-parts.ts';

const noUnit = problem('No such unit in the caller’s subtree');

const STATISTICS_DESCRIPTION =
  'The unit subtree’s figures of the year (or of the years `from` to `year`): the counts a unit reports upward (collectives and individuals awarded, initiatives accepted), prizes, registrations and deeds, awards by level, form, subject and title, initiatives by scope, and the same headline counts for each active unit directly below. Each figure states its rule (`rule`, Vietnamese and English). Read from counters kept per unit subtree and year, written in the transaction of each decision, acceptance and confirmation: the reads grow with the units directly below, never with the awards or registrations.';

/** Honour rolls by member and by unit, and a unit subtree's annual statistics with its .xlsx (docs/emulation.md). */
export const honourRoutes = [
  defineRoute({
    operationId: 'getMemberHonours',
    method: 'GET',
    path: '/v1/emulation/members/{id}/honours',
    summary: 'A member’s honour roll: every award over their career, across transfers',
    description:
      'Each award with the unit the member was in on its decision date. A caller whose subtree holds the member sees every award (`scope: all`); one whose subtree holds only units the member was awarded in sees those awards (`scope: units-in-scope`); anyone else gets the 404 of a missing member.',
    roles: EMULATION_STAFF,
    request: { params: memberIdParams },
    responses: {
      200: { description: 'The roll', schema: memberHonoursSchema },
      ...common,
      404: problem('No such member, nor an award of theirs, in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'listUnitHonours',
    method: 'GET',
    path: '/v1/emulation/units/{id}/honours',
    summary: 'A unit’s honour roll: its collective awards and its members’ awards while in it',
    description:
      'Of a year (`year`) or all, by year, collective before individual, then title; paged (`limit`, `cursor`). A member who moved on stays on the roll of the unit they were in when awarded.',
    roles: EMULATION_STAFF,
    request: { params: unitIdParams, query: unitHonoursQuery },
    responses: { 200: { description: 'A page of the roll', schema: unitHonoursPage }, ...common, 404: noUnit },
  }),
  defineRoute({
    operationId: 'getEmulationStatistics',
    method: 'GET',
    path: '/v1/emulation/units/{id}/statistics/{year}',
    summary: 'A unit subtree’s annual emulation statistics',
    description: STATISTICS_DESCRIPTION,
    roles: EMULATION_STAFF,
    request: { params: emulationStatisticsParams, query: emulationStatisticsQuery },
    responses: {
      200: { description: 'The statistics', schema: unitStatisticsSchema },
      ...common,
      404: noUnit,
      422: problem('`from` after `year` (statistics-period-invalid)'),
    },
  }),
  defineRoute({
    operationId: 'exportEmulationStatistics',
    method: 'GET',
    path: '/v1/emulation/units/{id}/statistics/{year}/export',
    summary: 'The same statistics as an .xlsx (báo cáo thống kê thi đua, khen thưởng), base64 in JSON',
    description:
      'One sheet of seven tables with Vietnamese headings (money in đồng with thousands separators) and a sheet "Cách tính" stating each figure’s rule. Decode `base64` and save it as `filename`.',
    roles: EMULATION_STAFF,
    request: { params: emulationStatisticsParams, query: emulationStatisticsQuery },
    responses: {
      200: { description: 'The workbook', schema: fileDownloadSchema },
      ...common,
      404: noUnit,
      422: problem('`from` after `year` (statistics-period-invalid)'),
    },
  }),
] as const;
