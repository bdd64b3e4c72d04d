import {
  defineManifest,
  defineRoute,
  financeUnitProfileSchema,
  problemSchema,
  serviceTable,
  UNIT_EVENTS,
  unitIdParams,
} from '@congdoan/contracts';
import { orgDirectorySubscription } from '@congdoan/org-directory/manifest';

const problem = (description: string) => ({ description, schema: problemSchema });

export const routes = [
  defineRoute({
    operationId: 'getFinanceUnitProfile',
    method: 'GET',
    path: '/v1/finance/units/{id}',
    summary: 'Read a unit’s finance profile',
    description:
      'The unit as finance knows it, fed by membership events: its employing agency’s tax ID (MST), which bank transfers are matched on, and its funding type, which decides its dues and levy rules.',
    roles: ['admin', 'accountant', 'officer', 'inspector', 'integration'],
    request: { params: unitIdParams },
    responses: {
      200: { description: 'The finance profile', schema: financeUnitProfileSchema },
      400: problem('Invalid input'),
      401: problem('Missing or invalid token'),
      403: problem('The caller lacks the role'),
      404: problem('No such unit in the caller’s subtree, or finance has not heard of it yet'),
    },
  }),
] as const;

export const manifest = defineManifest({
  service: 'finance',
  table: serviceTable('finance'),
  http: { file: 'http', export: 'handler' },
  routes,
  subscriptions: [
    orgDirectorySubscription,
    {
      name: 'finance-unit-profiles',
      description: 'Keeps each unit’s finance profile (tax ID, funding type) from membership’s unit events.',
      pattern: { source: ['congdoan.membership'], 'detail-type': UNIT_EVENTS.map((e) => e.detailType) },
      handler: { file: 'events', export: 'onUnitChanged' },
    },
  ],
  schedules: [],
  publishes: [],
});
