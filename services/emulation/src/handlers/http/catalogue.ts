import { dayInVietnam } from '@congdoan/contracts';
import type { RouteHandlers } from '@congdoan/http-kit';
import { titleCatalogue } from '../../app/titles.ts';
import type { catalogueRoutes } from '../../catalogue-routes.ts';

export const catalogueHandlers: RouteHandlers<typeof catalogueRoutes> = {
  listAwardTitles: async (req) => ({
    status: 200,
    body: titleCatalogue(req.query.on ?? dayInVietnam(req.write.now())),
  }),
};
