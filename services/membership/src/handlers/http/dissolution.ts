import { notFound } from '@congdoan/contracts';
import type { RouteHandlers } from '@congdoan/http-kit';
import { assertInScope } from '@congdoan/org-directory';
import { dissolutionView, requestDissolution } from '../../app/dissolutions/dissolution.ts';
import type { dissolutionRoutes } from '../../dissolution-routes.ts';
import { dissolutionDeps } from '../dissolution-deps.ts';
import { caller } from './caller.ts';

const JOB = { vi: 'yêu cầu giải thể', en: 'dissolution' };
const location = (id: string) => `/v1/membership/dissolutions/${encodeURIComponent(id)}`;

export const dissolutionHandlers: RouteHandlers<typeof dissolutionRoutes> = {
  requestUnitDissolution: async (req) => {
    const { job, created } = await requestDissolution(dissolutionDeps(), caller(req), req.params.id, req.body);
    return { status: created ? 202 : 200, body: dissolutionView(job), headers: { location: location(job.id) } };
  },

  getUnitDissolution: async (req) => {
    const deps = dissolutionDeps();
    const job = await deps.dissolutions.getById(req.params.id);
    if (!job) throw notFound(JOB, req.params.id);
    await assertInScope(deps.units, req.auth, job.unitId, JOB);
    return { status: 200, body: dissolutionView(job) };
  },
};
