import { dbFromEnv } from '@congdoan/ddb';
import type { RouteHandlers } from '@congdoan/http-kit';
import { createStatsStore } from '../../adapters/stats-store.ts';
import { rebuildStatistics } from '../../app/statistics/rebuild.ts';
import { statisticsReport } from '../../app/statistics/report.ts';
import type { statisticsRoutes } from '../../statistics-routes.ts';
import { membershipDeps } from '../deps.ts';
import { caller } from './caller.ts';

/** Today in Việt Nam, where the union's days begin and end. */
const todayInVietnam = (now: Date) => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

let stats: ReturnType<typeof createStatsStore> | undefined;
const deps = () => {
  stats ??= createStatsStore(dbFromEnv('membership'));
  return { ...membershipDeps(), stats };
};

export const statisticsHandlers: RouteHandlers<typeof statisticsRoutes> = {
  getUnitStatistics: async (req) => {
    const today = todayInVietnam(req.write.now());
    const { asOf, from, to } = req.query;
    const report = await statisticsReport(deps(), req.auth, req.params.id, {
      asOf: asOf && asOf < today ? asOf : today,
      today,
      ...(from && to ? { period: { from, to } } : {}),
    });
    return { status: 200, body: report };
  },

  rebuildUnitStatistics: async (req) => ({
    status: 200,
    body: await rebuildStatistics(deps(), caller(req), req.params.id, { repair: req.body.repair }),
  }),
};
