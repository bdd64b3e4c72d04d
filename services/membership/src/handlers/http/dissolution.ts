import type { RouteHandlers } from '@congdoan/http-kit';
import { dissolutionView, readDissolutionInScope, requestDissolution } from '../../app/dissolutions/dissolution.ts';
import type { dissolutionRoutes } from '../../dissolution-routes.ts';
import { dissolutionDeps } from '../dissolution-deps.ts';
import { caller } from './caller.ts';

const location = (id: string) => `/v1/membership/dissolutions/${encodeURIComponent(id)}`;

export const dissolutionHandlers: RouteHandlers<typeof dissolutionRoutes> = {
  requestUnitDissolution: async (req) => {
    const { job, created } = await requestDissolution(dissolutionDeps(), caller(req), req.params.id, req.body);
    return { status: created ? 202 : 200, body: dissolutionView(job), headers: { location: location(job.id) } };
  },

  getUnitDissolution: async (req) => ({
    status: 200,
    body: dissolutionView(await readDissolutionInScope(dissolutionDeps(), req.auth, req.params.id)),
  }),
};
