import { invalidCursor, type MemberState } from '@congdoan/contracts';
import { etag } from '@congdoan/ddb';
import { type AuthContext, decodeCursor, encodeCursor, type RouteHandlers } from '@congdoan/http-kit';
import {
  admitMember,
  applyForMembership,
  exitMember,
  readMemberInScope,
  readmitMember,
  reinstateMember,
  rejectApplication,
  suspendMember,
  transferMember,
  updateMember,
} from '../../app/members/lifecycle.ts';
import { memberView } from '../../app/members/masking.ts';
import { findByCard, findByCccd, listUnitMembers } from '../../app/members/queries.ts';
import { isSubtreeMembersCursor, listSubtreeMembers } from '../../app/members/subtree.ts';
import { dayInVietnam } from '../../domain/calendar.ts';
import type { memberRoutes } from '../../member-routes.ts';
import { membershipDeps } from '../deps.ts';
import { caller } from './caller.ts';

const memberLocation = (id: string) => `/v1/membership/members/${encodeURIComponent(id)}`;
/** A member as the caller may see them, with its ETag. */
const memberOk = (m: MemberState, auth: AuthContext, status = 200) => ({
  status,
  body: memberView(m, auth),
  headers: { etag: etag(m.version) },
});

export const memberHandlers: RouteHandlers<typeof memberRoutes> = {
  applyForMembership: async (req) => {
    const m = await applyForMembership(membershipDeps(), caller(req), req.params.id, req.body);
    const res = memberOk(m, req.auth, 201);
    return { ...res, headers: { ...res.headers, location: memberLocation(m.id) } };
  },

  listUnitMembers: async (req) => {
    const { limit, cursor, partyMember, q, subtree, ...filter } = req.query;
    const memberFilter = {
      ...filter,
      ...(partyMember ? { partyMember: partyMember === 'true' } : {}),
      ...(q ? { nameQuery: q } : {}),
      on: dayInVietnam(req.write.now()),
    };
    const decoded = decodeCursor(cursor);
    if (subtree === 'true') {
      if (decoded !== undefined && !isSubtreeMembersCursor(decoded)) throw invalidCursor();
      const page = await listSubtreeMembers(membershipDeps(), req.auth, req.params.id, memberFilter, {
        limit,
        cursor: decoded,
      });
      return {
        status: 200,
        body: {
          items: page.items.map((m) => memberView(m, req.auth)),
          nextCursor: page.next ? encodeCursor({ ...page.next }) : null,
        },
      };
    }
    // A subtree listing's cursor is no member key.
    if (decoded !== undefined && isSubtreeMembersCursor(decoded)) throw invalidCursor();
    const page = await listUnitMembers(membershipDeps(), req.auth, req.params.id, memberFilter, {
      limit,
      startKey: decoded,
    });
    return {
      status: 200,
      body: {
        items: page.items.map((m) => memberView(m, req.auth)),
        nextCursor: page.lastKey ? encodeCursor(page.lastKey) : null,
      },
    };
  },

  getMember: async (req) =>
    memberOk((await readMemberInScope(membershipDeps(), req.auth, req.params.id)).member, req.auth),

  findMemberByCccd: async (req) => {
    const items = await findByCccd(membershipDeps(), req.auth, req.params.cccd);
    return { status: 200, body: { items: items.map((m) => memberView(m, req.auth)), nextCursor: null } };
  },

  findMemberByCard: async (req) =>
    memberOk(await findByCard(membershipDeps(), req.auth, req.params.cardNumber), req.auth),

  updateMember: async (req) =>
    memberOk(await updateMember(membershipDeps(), caller(req), req.params.id, req.body, req.ifMatch), req.auth),
  admitMember: async (req) =>
    memberOk(await admitMember(membershipDeps(), caller(req), req.params.id, req.body, req.ifMatch), req.auth),
  rejectApplication: async (req) =>
    memberOk(
      await rejectApplication(membershipDeps(), caller(req), req.params.id, req.body.reason, req.ifMatch),
      req.auth,
    ),
  transferMember: async (req) =>
    memberOk(await transferMember(membershipDeps(), caller(req), req.params.id, req.body, req.ifMatch), req.auth),
  suspendMember: async (req) =>
    memberOk(await suspendMember(membershipDeps(), caller(req), req.params.id, req.body, req.ifMatch), req.auth),
  reinstateMember: async (req) =>
    memberOk(await reinstateMember(membershipDeps(), caller(req), req.params.id, req.body, req.ifMatch), req.auth),
  exitMember: async (req) =>
    memberOk(await exitMember(membershipDeps(), caller(req), req.params.id, req.body, req.ifMatch), req.auth),
  readmitMember: async (req) =>
    memberOk(await readmitMember(membershipDeps(), caller(req), req.params.id, req.body, req.ifMatch), req.auth),
};
