import {
  defineRoute,
  fileDownloadSchema,
  rebuildStatisticsBody,
  rebuildStatisticsResult,
  statisticsQuery,
  statisticsReportSchema,
  unitIdParams,
} from '@congdoan/contracts';
import { problem, unitsArea } from './route-parts.ts';

const common = {
  400: problem('Invalid input'),
  401: problem('Missing or invalid token'),
  403: problem('The token lacks the route’s scope, or the caller its role'),
  404: problem('No such unit in the caller’s subtree'),
};

/** Statistics of a unit's subtree, from counters kept with every member change. */
export const statisticsRoutes = unitsArea([
  defineRoute({
    operationId: 'getUnitStatistics',
    method: 'GET',
    path: '/v1/membership/units/{id}/statistics',
    summary:
      'Members of a unit’s subtree by sex, Party membership, education, political theory, category, age band and ethnicity',
    description:
      'As of today, or as of any past day (`asOf`); with `from` and `to`, also the admissions, exits (by reason) and transfers in that period. Reads one counter item per unit, never the members. The tree is taken as it is today.',
    roles: ['admin', 'officer', 'accountant', 'inspector', 'emulation-officer', 'welfare-officer', 'integration'],
    request: { params: unitIdParams, query: statisticsQuery },
    responses: { 200: { description: 'The report', schema: statisticsReportSchema }, ...common },
  }),
  defineRoute({
    operationId: 'exportUnitStatistics',
    method: 'GET',
    path: '/v1/membership/units/{id}/statistics/export',
    summary: 'The same report as an .xlsx workbook (báo cáo thống kê đoàn viên), base64 in JSON',
    roles: ['admin', 'officer', 'accountant', 'inspector', 'emulation-officer', 'welfare-officer', 'integration'],
    request: { params: unitIdParams, query: statisticsQuery },
    responses: { 200: { description: 'The workbook', schema: fileDownloadSchema }, ...common },
  }),
  defineRoute({
    operationId: 'rebuildUnitStatistics',
    method: 'POST',
    path: '/v1/membership/units/{id}/statistics/rebuild',
    summary:
      'Recount the statistics of a subtree from its members and report any drift; `repair` writes the correction',
    roles: ['admin'],
    request: { params: unitIdParams, body: rebuildStatisticsBody },
    responses: {
      200: { description: 'Units checked, members counted and drift found', schema: rebuildStatisticsResult },
      ...common,
    },
  }),
] as const);
