import {
  BULK_UPSERT_MAX_ITEMS,
  bulkUpsertBody,
  bulkUpsertResponse,
  changesPage,
  changesQuery,
  defineRoute,
  unitIdParams,
} from '@congdoan/contracts';
import { membersArea, problem } from './route-parts.ts';

const common = {
  400: problem('Invalid input: every failing field is listed'),
  401: problem('Missing or invalid token'),
  403: problem('The token lacks the route’s scope, or the caller its role'),
};

/** Machine-to-machine integration for provincial systems (docs/integration.md). */
export const integrationRoutes = membersArea([
  defineRoute({
    operationId: 'bulkUpsertMembers',
    method: 'POST',
    path: '/v1/membership/units/{id}/members/bulk-upsert',
    summary: `Create or update up to ${BULK_UPSERT_MAX_ITEMS} members of a unit by CCCD, with a result per row`,
    description: [
      'Each row is a member record keyed by CCCD: a new CCCD is admitted (with the next card number of its join year), the member holding it in this unit is updated, and a record that changes nothing is reported `unchanged`, so sending the same list again is harmless.',
      'Rows are checked one by one: a malformed or clashing row fails alone and the answer is still 200 with `outcome: failed` and a reason on that row. A CCCD held by a member of another unit fails with `cccd-in-other-unit` (a transfer is a deliberate act); a CCCD repeated in the request fails on its later rows with `duplicate-cccd-in-request`.',
      'Rows run with bounded concurrency; results come in the order of `items`. Rows the request could not reach within its time budget fail with `not-processed` and `retryable: true`: send them again.',
    ].join('\n\n'),
    roles: ['integration', 'admin'],
    idempotent: true,
    request: { params: unitIdParams, body: bulkUpsertBody },
    responses: {
      200: { description: 'A result per row, in request order, and the counts', schema: bulkUpsertResponse },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
      409: problem('The unit is dissolved'),
      413: problem('The request body is too large: send fewer rows'),
      422: problem('The unit holds no members (not a CĐCS, section or group)'),
    },
  }),
  defineRoute({
    operationId: 'listMemberChanges',
    method: 'GET',
    path: '/v1/membership/changes',
    summary: 'Member changes since a cursor, in commit order, to keep a copy in sync',
    description: [
      'Every change to a member, in the order written, each with the member as the caller may see them. Follow `nextCursor` forever: an empty page still returns a cursor to poll with later. `hasMore: false` means you have caught up.',
      'Changes become visible 2 seconds after they are written (a safety lag so that a slow writer is never skipped). The same change may, rarely, appear twice: apply an entry only when its `version` is newer than your copy.',
      'A caller scoped to a unit sees changes of members in its subtree; a change that takes a member out of the subtree comes with `member: null`.',
    ].join('\n\n'),
    roles: ['integration', 'admin'],
    request: { query: changesQuery },
    responses: {
      200: { description: 'A page of changes and the cursor to continue from', schema: changesPage },
      ...common,
    },
  }),
] as const);
