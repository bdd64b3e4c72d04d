import {
  addPolicyVersionBody,
  defineRoute,
  duesPolicyQuery,
  duesPolicyResultSchema,
  levyPolicyQuery,
  levyPolicyResultSchema,
  listPolicyQuery,
  policyVersionListSchema,
  policyVersionViewSchema,
  type RouteDefinition,
  type SubscriptionDefinition,
} from '@congdoan/contracts';
import { authProblems, FINANCE_READERS, problem } from './route-parts.ts';

/** The policy is no secret: the desks that compute with it read it too. */
export const POLICY_READERS = [...FINANCE_READERS, 'emulation-officer', 'welfare-officer'] as const;

const UNSURE =
  'Where a rule is unsure (certainty `unsure`) it is a parameter with a default, and the answer names it: the dues rate of units paid 100% from the state budget from 1/7/2025 (kept at 1% under QĐ 1908), the levy split (75% CĐCS / 25% upper, not confirmed), the levy deadline before NĐ 105/2026 (assumed the last day of the following month), and the months without dues before removal (6; the charter says 6 or 12).';

const MONTH_RULE =
  'A month is governed by the rules in force on its first day; amounts are whole đồng, every percentage rounded to the nearest đồng, half up; a split rounds the upper share and gives the CĐCS the remainder.';

const noRule = problem(
  'No rule governs that month (before the rule’s first version, e.g. lương cơ sở before 1/7/2019), or a value is out of range',
);

export const policyRoutes = [
  defineRoute({
    operationId: 'listFinancePolicy',
    method: 'GET',
    path: '/v1/finance/policy',
    summary: 'List the finance policy: every version of every rule',
    description: `The effective-dated rules finance computes with (lương cơ sở, dues rates and cap, splits, levy rate, liability, deadline, unpaid threshold and penalty, removal for unpaid dues), each version with its value, the funding types it applies to, the days it governs, its source document and how sure we are of it (sure, likely, unsure). Filter with \`parameter\`. ${UNSURE}`,
    roles: POLICY_READERS,
    request: { query: listPolicyQuery },
    responses: {
      200: { description: 'Every version, by rule then effective day', schema: policyVersionListSchema },
      ...authProblems,
    },
  }),
  defineRoute({
    operationId: 'addFinancePolicyVersion',
    method: 'POST',
    path: '/v1/finance/policy/versions',
    summary: 'Add a version of a finance rule (append-only)',
    description:
      'A new version takes effect on `effectiveFrom`, which must be after the latest version of the same rule for every funding type it covers, so periods already governed keep their rules; a version that is already in force cannot be edited, only followed by a later one. It names its source document and certainty, and is audited. Rates and shares are basis points (100 = 1%), amounts whole đồng. Only an administrator of the whole tree or of its top unit may add one. Other Lambda instances see it within 30 seconds.',
    roles: ['admin'],
    idempotent: true,
    request: { body: addPolicyVersionBody },
    responses: {
      201: { description: 'The version added', schema: policyVersionViewSchema },
      ...authProblems,
      409: problem('The rule already has a version from that day or later'),
      422: problem(
        'A value is out of range (e.g. shares not adding up to 100%), or funding types given for a rule that has none',
      ),
    },
  }),
  defineRoute({
    operationId: 'computeFinancePolicyDues',
    method: 'GET',
    path: '/v1/finance/policy/dues',
    summary: 'Compute one member’s monthly dues under the policy, with the formula and the rules used',
    description: `Dues = min(rate × dues salary, cap × lương cơ sở), for the month and the agency’s funding type; a rate set by the CĐCS’s resolution (\`unitRateBp\`) counts only where the policy allows it (from 1/7/2025, likely) and only when higher. The dues salary is the social-insurance salary, or take-home pay for state-owned enterprises from 1/7/2025. Also the split between the CĐCS and the upper level. ${MONTH_RULE} ${UNSURE}`,
    roles: POLICY_READERS,
    request: { query: duesPolicyQuery },
    responses: {
      200: { description: 'The dues, how they were computed and their split', schema: duesPolicyResultSchema },
      ...authProblems,
      422: noRule,
    },
  }),
  defineRoute({
    operationId: 'computeFinancePolicyLevy',
    method: 'GET',
    path: '/v1/finance/policy/levy',
    summary: 'Compute an employer’s monthly union levy (KPCĐ) under the policy, with its deadline and split',
    description: `Levy = rate × the payroll used for compulsory social insurance, where the agency owes it (from 1/7/2025 units paid 100% from the state budget do not, likely). The deadline follows the rule in force on the deadline day, and \`unpaidFrom\` is the first day an amount still owed counts as unpaid. ${MONTH_RULE} ${UNSURE}`,
    roles: POLICY_READERS,
    request: { query: levyPolicyQuery },
    responses: {
      200: { description: 'The levy, how it was computed, its deadline and its split', schema: levyPolicyResultSchema },
      ...authProblems,
      422: noRule,
    },
  }),
] as const satisfies readonly RouteDefinition[];

export const policySubscriptions: readonly SubscriptionDefinition[] = [];
