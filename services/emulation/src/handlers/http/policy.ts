import type { RouteHandlers } from '@congdoan/http-kit';
import { addPolicyVersion, getRatingCriteria, listPolicyVersions, publishRatingCriteria } from '../../app/policy.ts';
import type { policyRoutes } from '../../policy-routes.ts';
import { emulationDeps } from '../deps.ts';
import { caller } from './caller.ts';

export const policyHandlers: RouteHandlers<typeof policyRoutes> = {
  listEmulationPolicyVersions: async (req) => ({
    status: 200,
    body: { items: await listPolicyVersions(emulationDeps(), req.query.parameter) },
  }),
  addEmulationPolicyVersion: async (req) => ({
    status: 201,
    body: await addPolicyVersion(emulationDeps(), caller(req), req.body),
  }),
  publishRatingCriteria: async (req) => ({
    status: 201,
    body: await publishRatingCriteria(emulationDeps(), caller(req), req.params.id, req.params.year, req.body),
  }),
  getRatingCriteria: async (req) => ({
    status: 200,
    body: await getRatingCriteria(emulationDeps(), req.auth, req.params.id, req.params.year),
  }),
};
