import {
  createUnitBody,
  DisciplineDecided,
  DisciplineLapsed,
  DisciplineRevoked,
  defineManifest,
  defineRoute,
  dissolveUnitBody,
  eventsOf,
  moveUnitBody,
  pageQuery,
  serviceTable,
  subtreePage,
  subtreeQuery,
  unitIdParams,
  unitPage,
  unitSchema,
  updateUnitBody,
} from '@congdoan/contracts';
import { committeeRoutes } from './committee-routes.ts';
import { dissolutionRoutes, dissolutionSubscriptions } from './dissolution-routes.ts';
import { importRoutes, importSubscriptions } from './import-routes.ts';
import { integrationRoutes } from './integration-routes.ts';
import { memberRoutes } from './member-routes.ts';
import { metrics } from './metrics.ts';
import { problem, unitsArea } from './route-parts.ts';
import { selfRoutes } from './self-routes.ts';
import { statisticsRoutes } from './statistics-routes.ts';

const common = {
  400: problem('Invalid input: every failing field is listed'),
  401: problem('Missing or invalid token'),
  403: problem('The token lacks the route’s scope, or the caller its role'),
};

export const unitRoutes = unitsArea([
  defineRoute({
    operationId: 'listRootUnits',
    method: 'GET',
    path: '/v1/membership/units',
    summary: 'List the top units of the caller’s tree',
    description: 'For a whole-tree caller, the roots; for a caller scoped to a unit, that unit.',
    roles: ['admin', 'officer', 'accountant', 'inspector', 'emulation-officer', 'welfare-officer', 'integration'],
    request: { query: pageQuery },
    responses: { 200: { description: 'A page of units', schema: unitPage }, ...common },
  }),
  defineRoute({
    operationId: 'createUnit',
    method: 'POST',
    path: '/v1/membership/units',
    summary: 'Create a unit in the organisation tree',
    description:
      'The level must fit under the parent’s level (DOMAIN.md, The organisation). A grassroots union (CĐCS) needs its employing agency: name, tax ID (MST) and funding type. `foundedOn`, optional: the founding decision’s day, never in the future.',
    roles: ['admin', 'integration'],
    idempotent: true,
    request: { body: createUnitBody },
    responses: {
      201: { description: 'Created', schema: unitSchema, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('The parent does not exist or is outside the caller’s subtree'),
      409: problem('The unit code is taken'),
      422: problem('The level does not fit under the parent, or a CĐCS lacks its agency'),
    },
  }),
  defineRoute({
    operationId: 'getUnit',
    method: 'GET',
    path: '/v1/membership/units/{id}',
    summary: 'Read a unit',
    roles: [
      'admin',
      'officer',
      'accountant',
      'inspector',
      'emulation-officer',
      'welfare-officer',
      'member',
      'integration',
    ],
    request: { params: unitIdParams },
    responses: {
      200: { description: 'The unit', schema: unitSchema, headers: ['ETag'] },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'listUnitChildren',
    method: 'GET',
    path: '/v1/membership/units/{id}/children',
    summary: 'List the direct children of a unit',
    roles: ['admin', 'officer', 'accountant', 'inspector', 'emulation-officer', 'welfare-officer', 'integration'],
    request: { params: unitIdParams, query: pageQuery },
    responses: { 200: { description: 'A page of units', schema: unitPage }, ...common, 404: problem('No such unit') },
  }),
  defineRoute({
    operationId: 'listUnitSubtree',
    method: 'GET',
    path: '/v1/membership/units/{id}/subtree',
    summary: 'List every unit below a unit, breadth first',
    roles: ['admin', 'officer', 'accountant', 'inspector', 'emulation-officer', 'welfare-officer', 'integration'],
    request: { params: unitIdParams, query: subtreeQuery },
    responses: {
      200: { description: 'A page of units with their depth below the unit', schema: subtreePage },
      ...common,
      404: problem('No such unit'),
    },
  }),
  defineRoute({
    operationId: 'updateUnit',
    method: 'PATCH',
    path: '/v1/membership/units/{id}',
    summary: 'Rename a unit or edit its code, employing agency or founding day',
    description:
      'The founding day (`foundedOn`) is the day of the decision founding the union, never in the future (422 `date-in-future`): emulation rates a CĐCS only after 12 months of operation from it.',
    roles: ['admin', 'officer', 'integration'],
    conditional: true,
    request: { params: unitIdParams, body: updateUnitBody },
    responses: {
      200: { description: 'The updated unit', schema: unitSchema, headers: ['ETag'] },
      ...common,
      404: problem('No such unit'),
      409: problem('The unit code is taken, or the unit is dissolved'),
      412: problem('If-Match does not match the current version'),
      422: problem('Only a CĐCS has an employing agency'),
    },
  }),
  defineRoute({
    operationId: 'moveUnit',
    method: 'POST',
    path: '/v1/membership/units/{id}/move',
    summary: 'Move a unit, with its subtree, under another parent',
    roles: ['admin', 'integration'],
    conditional: true,
    request: { params: unitIdParams, body: moveUnitBody },
    responses: {
      200: { description: 'The moved unit', schema: unitSchema, headers: ['ETag'] },
      ...common,
      404: problem('No such unit or parent in the caller’s subtree'),
      409: problem('The move would create a cycle, or a unit is dissolved'),
      412: problem('If-Match does not match the current version'),
      422: problem('The level does not fit under the new parent'),
    },
  }),
  defineRoute({
    operationId: 'dissolveUnit',
    method: 'POST',
    path: '/v1/membership/units/{id}/dissolve',
    summary: 'Dissolve a unit (giải thể)',
    description: 'Refused while members or active child units remain. The unit stays readable with its history.',
    roles: ['admin'],
    conditional: true,
    request: { params: unitIdParams, body: dissolveUnitBody },
    responses: {
      200: { description: 'The dissolved unit', schema: unitSchema, headers: ['ETag'] },
      ...common,
      404: problem('No such unit'),
      409: problem('Members or child units remain, or the unit is already dissolved'),
      412: problem('If-Match does not match the current version'),
    },
  }),
] as const);

export const routes = [
  ...unitRoutes,
  ...memberRoutes,
  ...selfRoutes,
  ...committeeRoutes,
  ...statisticsRoutes,
  ...dissolutionRoutes,
  ...importRoutes,
  ...integrationRoutes,
] as const;

export const manifest = defineManifest({
  service: 'membership',
  table: serviceTable('membership'),
  http: { file: 'http', export: 'handler' },
  routes,
  subscriptions: [
    ...importSubscriptions,
    ...dissolutionSubscriptions,
    {
      name: 'membership-discipline',
      description:
        'Inspection’s discipline decisions: an expulsion exits the member (reason expelled), a removal from office ends their open appointments; each event once, per decision the highest version.',
      pattern: {
        source: [DisciplineDecided.source],
        'detail-type': [DisciplineDecided, DisciplineLapsed, DisciplineRevoked].map((e) => e.detailType),
      },
      handler: { file: 'discipline', export: 'onDiscipline' },
    },
  ],
  schedules: [
    {
      name: 'membership-unit-counters-check',
      description:
        'Nightly: recounts every unit’s active child units against its stored counter (which dissolve checks), repairs any drift and logs it.',
      cron: 'cron(30 1 * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh',
      handler: { file: 'schedules', export: 'checkUnitCounters' },
    },
    {
      name: 'membership-job-sweeper',
      description:
        'Every minute: queues again each member import or dissolution whose run’s lease lapsed (the run died or its event was lost), and signals the stall (JobStalled).',
      cron: 'cron(* * * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh',
      handler: { file: 'schedules', export: 'sweepJobs' },
    },
  ],
  metrics,
  publishes: eventsOf('membership').map((e) => e.detailType),
});
