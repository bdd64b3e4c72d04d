import { dbFromEnv } from '@congdoan/ddb';
import type { RouteHandlers } from '@congdoan/http-kit';
import { directoryLookup } from '@congdoan/org-directory';
import { createPolicyStore } from '../../adapters/policy-store.ts';
import { addPolicyVersion } from '../../app/policy/add-version.ts';
import { explainDues, explainLevy } from '../../app/policy/explain.ts';
import { listPolicyVersions } from '../../app/policy/list-policy.ts';
import type { policyRoutes } from '../../policy-routes.ts';

let deps: ReturnType<typeof build> | undefined;

function build() {
  const db = dbFromEnv('finance');
  return { store: createPolicyStore(db), directory: directoryLookup(db) };
}

/** Built once per Lambda instance, on first use. */
const policyDeps = () => {
  deps ??= build();
  return deps;
};

export const policyHandlers: RouteHandlers<typeof policyRoutes> = {
  listFinancePolicy: async (req) => ({
    status: 200,
    body: { items: await listPolicyVersions(policyDeps().store, req.query.parameter) },
  }),

  addFinancePolicyVersion: async (req) => ({
    status: 201,
    body: await addPolicyVersion(policyDeps(), req.auth, req.body, req.write),
  }),

  computeFinancePolicyDues: async (req) => ({
    status: 200,
    body: explainDues(await policyDeps().store.load(), req.query),
  }),

  computeFinancePolicyLevy: async (req) => ({
    status: 200,
    body: explainLevy(await policyDeps().store.load(), req.query),
  }),
};
