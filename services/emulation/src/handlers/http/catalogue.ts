import { dayInVietnam } from '@congdoan/contracts';
import type { RouteHandlers } from '@congdoan/http-kit';
import { listTitles } from '../../app/titles.ts';
import type { catalogueRoutes } from '../../catalogue-routes.ts';
import { emulationDeps } from '../deps.ts';

export const catalogueHandlers: RouteHandlers<typeof catalogueRoutes> = {
  listAwardTitles: async (req) => ({
    status: 200,
    body: await listTitles(emulationDeps(), req.query.on ?? dayInVietnam(req.write.now())),
  }),
};
