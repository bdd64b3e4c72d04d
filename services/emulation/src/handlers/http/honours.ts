import type { RouteHandlers } from '@congdoan/http-kit';
import { memberHonours, unitHonours, unitStatistics, unitStatisticsExport } from '../../app/honours.ts';
import type { honourRoutes } from '../../honour-routes.ts';
import { emulationDeps } from '../deps.ts';

export const honourHandlers: RouteHandlers<typeof honourRoutes> = {
  getMemberHonours: async (req) => ({
    status: 200,
    body: await memberHonours(emulationDeps(), req.auth, req.params.id),
  }),
  listUnitHonours: async (req) => ({
    status: 200,
    body: await unitHonours(emulationDeps(), req.auth, req.params.id, req.query),
  }),
  getEmulationStatistics: async (req) => ({
    status: 200,
    body: await unitStatistics(emulationDeps(), req.auth, req.params.id, req.params.year, req.query.from),
  }),
  exportEmulationStatistics: async (req) => ({
    status: 200,
    body: await unitStatisticsExport(emulationDeps(), req.auth, req.params.id, req.params.year, req.query.from),
  }),
};
