import { dbFromEnv } from '@congdoan/ddb';
import type { RouteHandlers } from '@congdoan/http-kit';
import { createStatsStore } from '../../adapters/stats-store.ts';
import { statisticsWorkbook } from '../../app/statistics/export.ts';
import { rebuildStatistics } from '../../app/statistics/rebuild.ts';
import { statisticsReport } from '../../app/statistics/report.ts';
import { dayInVietnam } from '../../domain/calendar.ts';
import type { statisticsRoutes } from '../../statistics-routes.ts';
import { membershipDeps } from '../deps.ts';
import { caller } from './caller.ts';

let stats: ReturnType<typeof createStatsStore> | undefined;
const deps = () => {
  stats ??= createStatsStore(dbFromEnv('membership'));
  return { ...membershipDeps(), stats };
};

/** The report the query asks for: as of a past day or today, with the period's movements if given. */
function report(req: {
  auth: { unitId: string | null };
  params: { id: string };
  query: { asOf?: string; from?: string; to?: string };
  write: { now(): Date };
}) {
  const today = dayInVietnam(req.write.now());
  const { asOf, from, to } = req.query;
  return statisticsReport(deps(), req.auth, req.params.id, {
    asOf: asOf && asOf < today ? asOf : today,
    today,
    ...(from && to ? { period: { from, to } } : {}),
  });
}

export const statisticsHandlers: RouteHandlers<typeof statisticsRoutes> = {
  getUnitStatistics: async (req) => ({ status: 200, body: await report(req) }),

  exportUnitStatistics: async (req) => {
    const r = await report(req);
    const unit = await deps().units.get(r.unitId);
    return { status: 200, body: await statisticsWorkbook(r, unit?.code ?? r.unitId, req.write.now()) };
  },

  rebuildUnitStatistics: async (req) => ({
    status: 200,
    body: await rebuildStatistics(deps(), caller(req), req.params.id, { repair: req.body.repair }),
  }),
};
