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
    levelOf: async (unitId) => (await lookup.getUnit(unitId))?.level,
    async subtree(unitId) {
      // Level by level, the children of a level's units read at once.
      const ids = [unitId];
      for (let level = [unitId]; level.length > 0; ) {
        level = (await Promise.all(level.map((id) => activeChildrenOf(db, id)))).flat().map((u) => u.id);
        ids.push(...level);
      }
      return ids;
    },
    visible: (caller, found, unitOf, what, id) => visibleOrNotFound(lookup, caller, found, unitOf, what, id),
  };
}
