import { etag } from '@congdoan/ddb';
import type { RouteHandlers } from '@congdoan/http-kit';
import { linkMemberAccount, readOwnRecord } from '../../app/members/lifecycle.ts';
import { memberView } from '../../app/members/masking.ts';
import type { selfRoutes } from '../../self-routes.ts';
import { membershipDeps } from '../deps.ts';
import { caller } from './caller.ts';

export const selfHandlers: RouteHandlers<typeof selfRoutes> = {
  getOwnMemberRecord: async (req) => {
    const m = await readOwnRecord(membershipDeps(), req.auth.subject);
    return { status: 200, body: memberView(m, req.auth), headers: { etag: etag(m.version) } };
  },

  linkMemberAccount: async (req) => {
    const m = await linkMemberAccount(membershipDeps(), caller(req), req.params.id, req.body.subject, req.ifMatch);
    return { status: 200, body: memberView(m, req.auth), headers: { etag: etag(m.version) } };
  },
};
