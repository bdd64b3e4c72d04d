import {
  defineManifest,
  defineRoute,
  eventsOf,
  financeUnitProfileSchema,
  serviceTable,
  UNIT_EVENTS,
  unitIdParams,
} from '@congdoan/contracts';
import { orgDirectory } from '@congdoan/org-directory/manifest';
import { duesRoutes, duesSubscriptions } from './dues-routes.ts';
import { ledgerRoutes, ledgerSubscriptions } from './ledger-routes.ts';
import { levyRoutes, levySubscriptions } from './levy-routes.ts';
import { metrics } from './metrics.ts';
import { policyRoutes, policySubscriptions } from './policy-routes.ts';
import { reconciliationRoutes, reconciliationSchedules, reconciliationSubscriptions } from './reconciliation-routes.ts';
import { reportsRoutes, reportsSubscriptions } from './reports-routes.ts';
import { authProblems, FINANCE_READERS, problem } from './route-parts.ts';

export const unitRoutes = [
  defineRoute({
    operationId: 'getFinanceUnitProfile',
    method: 'GET',
    path: '/v1/finance/units/{id}',
    summary: 'Read a unit’s finance profile',
    description:
      'The unit as finance knows it, fed by membership events: its employing agency’s tax ID (MST), which bank transfers are matched on, and its funding type, which decides its dues and levy rules.',
    roles: FINANCE_READERS,
    request: { params: unitIdParams },
    responses: {
      200: { description: 'The finance profile', schema: financeUnitProfileSchema },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree, or finance has not heard of it yet'),
    },
  }),
] as const;

export const routes = [
  ...unitRoutes,
  ...policyRoutes,
  ...ledgerRoutes,
  ...duesRoutes,
  ...levyRoutes,
  ...reconciliationRoutes,
  ...reportsRoutes,
] as const;

export const manifest = defineManifest({
  service: 'finance',
  table: serviceTable('finance'),
  http: { file: 'http', export: 'handler' },
  routes,
  subscriptions: [
    ...orgDirectory(),
    {
      name: 'finance-unit-profiles',
      description: 'Keeps each unit’s finance profile (tax ID, funding type) from membership’s unit events.',
      pattern: { source: ['congdoan.membership'], 'detail-type': UNIT_EVENTS.map((e) => e.detailType) },
      handler: { file: 'events', export: 'onUnitChanged' },
    },
    ...policySubscriptions,
    ...ledgerSubscriptions,
    ...duesSubscriptions,
    ...levySubscriptions,
    ...reconciliationSubscriptions,
    ...reportsSubscriptions,
  ],
  schedules: [
    ...reconciliationSchedules,
    {
      name: 'finance-job-sweeper',
      description:
        'Every minute: takes over each background job (reconciliation run) whose lease lapsed (its start died while writing its messages, or no unit settled for a minute: messages lost or dead-lettered, workers that died), writes the messages still missing or pending again, and signals the stall (JobStalled).',
      cron: 'cron(* * * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh',
      handler: { file: 'schedules', export: 'sweepJobs' },
    },
    {
      name: 'finance-policy-announcer',
      description:
        'Every 10 minutes: announces each shipped version of lương cơ sở not announced yet (BaseSalaryVersionRecorded, once per version; one Query when there is none), so a default added by a release reaches the services that compute with it. Versions an administrator adds are announced in their own transaction.',
      cron: 'cron(0/10 * * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh',
      handler: { file: 'schedules', export: 'announcePolicy' },
    },
  ],
  publishes: eventsOf('finance').map((e) => e.detailType),
  metrics,
});
