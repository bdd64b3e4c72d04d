import type { Db } from '@congdoan/ddb';
import {
  activeChildrenOf,
  ancestorsOf,
  assertInScope,
  directoryLookup,
  isInScope,
  visibleOrNotFound,
} from '@congdoan/org-directory';
import type { Units } from '../app/movement-ports.ts';

/** The `Units` port over the organisation directory mounted in emulation's table. */
export function directoryUnits(db: Db): Units {
  const lookup = directoryLookup(db);
  return {
    assertInScope: (caller, unitId) => assertInScope(lookup, caller, unitId),
    isWithin: (ancestorId, unitId) => isInScope(lookup, ancestorId, unitId),
    nameOf: async (unitId) => (await lookup.getUnit(unitId))?.name,
    async chain(unitId) {
      if (!(await lookup.getNode(unitId))) return [];
      return [unitId, ...(await ancestorsOf(lookup, unitId)).map((u) => u.id)];
    },
    async operationOf(unitId) {
      const unit = await lookup.getUnit(unitId);
      return unit && { foundedOn: unit.foundedOn, lastMergerOn: unit.lastMergerOn };
    },
    childrenOf: async (unitId) => (await activeChildrenOf(db, unitId)).map((u) => ({ id: u.id, name: u.name })),
    visible: (caller, found, unitOf, what, id) => visibleOrNotFound(lookup, caller, found, unitOf, what, id),
  };
}
