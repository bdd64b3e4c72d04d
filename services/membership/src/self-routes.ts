import { defineRoute, linkAccountBody, memberIdParams, memberSchema, ROLES } from '@congdoan/contracts';
import { membersArea, problem } from './route-parts.ts';

/** A member's own record, through their own user account. */
export const selfRoutes = membersArea([
  defineRoute({
    operationId: 'getOwnMemberRecord',
    method: 'GET',
    path: '/v1/membership/me',
    summary: 'The caller’s own member record, in full',
    description: 'For a member whose user account an officer linked to their record (PUT …/members/{id}/account).',
    roles: ROLES,
    responses: {
      200: { description: 'The record, nothing masked', schema: memberSchema },
      401: problem('Missing or invalid token'),
      404: problem('No member record is linked to this account'),
    },
  }),
  defineRoute({
    operationId: 'linkMemberAccount',
    method: 'PUT',
    path: '/v1/membership/members/{id}/account',
    summary: 'Link the member’s own user account to their record (null unlinks)',
    roles: ['admin', 'officer'],
    conditional: true,
    request: { params: memberIdParams, body: linkAccountBody },
    responses: {
      200: { description: 'The member', schema: memberSchema, headers: ['ETag'] },
      400: problem('Invalid input'),
      401: problem('Missing or invalid token'),
      403: problem('The token lacks the route’s scope, or the caller its role'),
      404: problem('No such member in the caller’s subtree'),
      409: problem('The account is linked to another member'),
      412: problem('If-Match does not match the current version'),
    },
  }),
] as const);
