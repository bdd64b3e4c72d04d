import type { MemberState, Unit } from '@congdoan/contracts';
import { dbFromEnv, etag, type WriteContext } from '@congdoan/ddb';
import { type AuthContext, createHttpHandler, decodeCursor, encodeCursor } from '@congdoan/http-kit';
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
} from '../app/members/lifecycle.ts';
import { memberView } from '../app/members/masking.ts';
import { findByCard, findByCccd, listUnitMembers } from '../app/members/queries.ts';
import { createUnit } from '../app/units/create-unit.ts';
import { dissolveUnit } from '../app/units/dissolve-unit.ts';
import { listRootUnits, listUnitChildren, listUnitSubtree, type SubtreeCursor } from '../app/units/list-units.ts';
import { moveUnit } from '../app/units/move-unit.ts';
import { getUnit } from '../app/units/read-unit.ts';
import { updateUnit } from '../app/units/update-unit.ts';
import { routes } from '../manifest.ts';
import { membershipDeps } from './deps.ts';

const unitLocation = (id: string) => `/v1/membership/units/${encodeURIComponent(id)}`;
const memberLocation = (id: string) => `/v1/membership/members/${encodeURIComponent(id)}`;
/** A member as the caller may see them, with its ETag. */
const memberOk = (m: MemberState, auth: AuthContext, status = 200) => ({
  status,
  body: memberView(m, auth),
  headers: { etag: etag(m.version) },
});
const ok = (unit: Unit, status = 200) => ({ status, body: unit, headers: { etag: etag(unit.version) } });
const caller = (req: { auth: { unitId: string | null }; write: WriteContext }) => ({
  unitId: req.auth.unitId,
  write: req.write,
});

export const handler = createHttpHandler({
  service: 'membership',
  routes,
  db: () => dbFromEnv('membership'),
  handlers: {
    listRootUnits: async (req) => {
      const page = await listRootUnits(membershipDeps(), req.auth, {
        limit: req.query.limit,
        startKey: decodeCursor(req.query.cursor),
      });
      return { status: 200, body: { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null } };
    },

    createUnit: async (req) => {
      const unit = await createUnit(membershipDeps(), caller(req), req.body);
      return { ...ok(unit, 201), headers: { etag: etag(unit.version), location: unitLocation(unit.id) } };
    },

    getUnit: async (req) => ok(await getUnit(membershipDeps(), req.auth, req.params.id)),

    listUnitChildren: async (req) => {
      const page = await listUnitChildren(membershipDeps(), req.auth, req.params.id, {
        limit: req.query.limit,
        startKey: decodeCursor(req.query.cursor),
      });
      return { status: 200, body: { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null } };
    },

    listUnitSubtree: async (req) => {
      const page = await listUnitSubtree(membershipDeps(), req.auth, req.params.id, {
        limit: req.query.limit,
        maxDepth: req.query.maxDepth,
        cursor: decodeCursor(req.query.cursor) as SubtreeCursor | undefined,
      });
      return {
        status: 200,
        body: { items: page.items, nextCursor: page.next ? encodeCursor({ ...page.next }) : null },
      };
    },

    updateUnit: async (req) =>
      ok(await updateUnit(membershipDeps(), caller(req), req.params.id, req.body, req.ifMatch)),

    moveUnit: async (req) =>
      ok(await moveUnit(membershipDeps(), caller(req), req.params.id, req.body.parentId, req.ifMatch)),

    dissolveUnit: async (req) =>
      ok(await dissolveUnit(membershipDeps(), caller(req), req.params.id, req.body, req.ifMatch)),

    applyForMembership: async (req) => {
      const m = await applyForMembership(membershipDeps(), caller(req), req.params.id, req.body);
      const res = memberOk(m, req.auth, 201);
      return { ...res, headers: { ...res.headers, location: memberLocation(m.id) } };
    },

    listUnitMembers: async (req) => {
      const { limit, cursor, partyMember, q, ...filter } = req.query;
      const page = await listUnitMembers(
        membershipDeps(),
        req.auth,
        req.params.id,
        {
          ...filter,
          ...(partyMember ? { partyMember: partyMember === 'true' } : {}),
          ...(q ? { nameQuery: q } : {}),
          on: req.write.now().toISOString().slice(0, 10),
        },
        { limit, startKey: decodeCursor(cursor) },
      );
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
  },
});
