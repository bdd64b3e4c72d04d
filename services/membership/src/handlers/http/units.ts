import type { Unit } from '@congdoan/contracts';
import { etag } from '@congdoan/ddb';
import { decodeCursor, encodeCursor, type RouteHandlers } from '@congdoan/http-kit';
import { createUnit } from '../../app/units/create-unit.ts';
import { dissolveUnit } from '../../app/units/dissolve-unit.ts';
import { listRootUnits, listUnitChildren, listUnitSubtree, type SubtreeCursor } from '../../app/units/list-units.ts';
import { moveUnit } from '../../app/units/move-unit.ts';
import { getUnit } from '../../app/units/read-unit.ts';
import { updateUnit } from '../../app/units/update-unit.ts';
import type { unitRoutes } from '../../manifest.ts';
import { membershipDeps } from '../deps.ts';
import { caller } from './caller.ts';

const unitLocation = (id: string) => `/v1/membership/units/${encodeURIComponent(id)}`;
const ok = (unit: Unit, status = 200) => ({ status, body: unit, headers: { etag: etag(unit.version) } });

export const unitHandlers: RouteHandlers<typeof unitRoutes> = {
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

  updateUnit: async (req) => ok(await updateUnit(membershipDeps(), caller(req), req.params.id, req.body, req.ifMatch)),

  moveUnit: async (req) =>
    ok(await moveUnit(membershipDeps(), caller(req), req.params.id, req.body.parentId, req.ifMatch)),

  dissolveUnit: async (req) =>
    ok(await dissolveUnit(membershipDeps(), caller(req), req.params.id, req.body, req.ifMatch)),
};
