import {
  defineRoute,
  dissolutionIdParams,
  dissolutionJobSchema,
  dissolutionRequestBody,
  type SubscriptionDefinition,
  UnitDissolutionRequested,
  unitIdParams,
} from '@congdoan/contracts';
import { problem, unitsArea } from './route-parts.ts';

/** Dissolving or merging a CĐCS with everyone in it (DOMAIN.md: needed since 2025). */
export const dissolutionRoutes = unitsArea([
  defineRoute({
    operationId: 'requestUnitDissolution',
    method: 'POST',
    path: '/v1/membership/units/{id}/dissolution',
    summary: 'Dissolve a CĐCS with its members exiting, or merge it, its members transferring to another unit',
    description:
      'Runs in the background: answers 202 with the job to poll. Applications are rejected, members exit (reason unit-dissolved) or transfer keeping their join date, committee terms end, and the unit dissolves; every step emits its events and the history stays readable. The same request again returns the same job (and resumes it if it failed).',
    roles: ['admin'],
    request: { params: unitIdParams, body: dissolutionRequestBody },
    responses: {
      202: { description: 'The job, queued', schema: dissolutionJobSchema, headers: ['Location'] },
      200: {
        description: 'The job this same request created earlier',
        schema: dissolutionJobSchema,
        headers: ['Location'],
      },
      400: problem('Invalid input'),
      401: problem('Missing or invalid token'),
      403: problem('The token lacks the route’s scope, or the caller its role'),
      404: problem('No such unit in the caller’s subtree'),
      409: problem('Another request exists, the unit is dissolved, or it still has child units'),
      422: problem('Not a CĐCS, or the unit to merge into cannot take members'),
    },
  }),
  defineRoute({
    operationId: 'getUnitDissolution',
    method: 'GET',
    path: '/v1/membership/dissolutions/{id}',
    summary: 'Follow a dissolution or merger: status and members processed',
    roles: ['admin', 'officer', 'integration'],
    request: { params: dissolutionIdParams },
    responses: {
      200: { description: 'The job', schema: dissolutionJobSchema },
      401: problem('Missing or invalid token'),
      403: problem('The token lacks the route’s scope, or the caller its role'),
      404: problem('No such job in the caller’s subtree'),
    },
  }),
] as const);

export const dissolutionSubscriptions: SubscriptionDefinition[] = [
  {
    name: 'unit-dissolution',
    description: 'Runs a CĐCS dissolution or merger; a redelivery resumes it where it stopped.',
    pattern: { source: [UnitDissolutionRequested.source], 'detail-type': [UnitDissolutionRequested.detailType] },
    handler: { file: 'dissolutions', export: 'runUnitDissolution' },
  },
];
