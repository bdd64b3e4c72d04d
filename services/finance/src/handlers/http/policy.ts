import type { RouteHandlers } from '@congdoan/http-kit';
import { addPolicyVersion } from '../../app/policy/add-version.ts';
import { computeDues, computeLevy } from '../../app/policy/explain.ts';
import { listPolicyVersions } from '../../app/policy/list-policy.ts';
import type { policyRoutes } from '../../policy-routes.ts';
import { financeDeps } from '../deps.ts';

export const policyHandlers: RouteHandlers<typeof policyRoutes> = {
  listFinancePolicy: async (req) => ({
    status: 200,
    body: { items: await listPolicyVersions(financeDeps().policies, req.query.parameter) },
  }),

  addFinancePolicyVersion: async (req) => ({
    status: 201,
    body: await addPolicyVersion(financeDeps(), req.auth, req.body, req.write),
  }),

  computeFinancePolicyDues: async (req) => ({ status: 200, body: await computeDues(financeDeps(), req.query) }),

  computeFinancePolicyLevy: async (req) => ({ status: 200, body: await computeLevy(financeDeps(), req.query) }),
};
