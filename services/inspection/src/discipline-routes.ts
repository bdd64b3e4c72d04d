import {
  decideDisciplineBody,
  defineRoute,
  disciplineIdParams,
  disciplineListQuery,
  disciplinePage,
  disciplineSchema,
  revokeDisciplineBody,
  unitIdParams,
} from '@congdoan/contracts';
import { common, INSPECTORS, problem, READERS } from './route-parts.ts';

const decided = { description: 'The discipline decision', schema: disciplineSchema, headers: ['ETag'] };
const missing = problem('No such discipline decision in the caller’s subtree');

/** Discipline decisions (kỷ luật), their revocation; their lapse is the daily schedule's. */
export const disciplineRoutes = [
  defineRoute({
    operationId: 'decideDiscipline',
    method: 'POST',
    path: '/v1/inspection/discipline',
    summary: 'Issue a discipline decision against a member or a unit',
    description:
      'Reprimand, warning, removal from office or expulsion of a member; reprimand, warning or dissolution of a unit. Announced as DisciplineDecided: membership exits an expelled member and ends the appointments of one removed from office.',
    roles: INSPECTORS,
    idempotent: true,
    request: { body: decideDisciplineBody },
    responses: {
      201: { ...decided, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('No such unit, member or inspection in the caller’s subtree'),
      409: problem('An expulsion or dissolution of the subject is already in force'),
      422: problem('The subject is not within the issuer’s subtree, or the decision is dated after today'),
    },
  }),
  defineRoute({
    operationId: 'listUnitDiscipline',
    method: 'GET',
    path: '/v1/inspection/units/{id}/discipline',
    summary: 'The discipline decisions about a unit and its members, newest first',
    roles: READERS,
    request: { params: unitIdParams, query: disciplineListQuery },
    responses: {
      200: { description: 'A page of decisions', schema: disciplinePage },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'getDiscipline',
    method: 'GET',
    path: '/v1/inspection/discipline/{id}',
    summary: 'Read a discipline decision',
    roles: READERS,
    request: { params: disciplineIdParams },
    responses: { 200: decided, ...common, 404: missing },
  }),
  defineRoute({
    operationId: 'revokeDiscipline',
    method: 'POST',
    path: '/v1/inspection/discipline/{id}/revoke',
    summary: 'Revoke a discipline decision in force',
    description:
      'A later decision revokes it (e.g. a complaint against it upheld): announced as DisciplineRevoked. A member already exited by an expulsion is not re-admitted by it: that is membership’s re-admission.',
    roles: INSPECTORS,
    conditional: true,
    request: { params: disciplineIdParams, body: revokeDisciplineBody },
    responses: {
      200: decided,
      ...common,
      404: missing,
      409: problem('The decision is no longer in force (lapsed or revoked)'),
      412: problem('If-Match does not match the current version'),
      422: problem('The revoking decision is dated after today'),
    },
  }),
] as const;
