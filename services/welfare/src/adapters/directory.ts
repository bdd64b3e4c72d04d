import type { Db } from '@congdoan/ddb';
import { createMemberDirectory } from '@congdoan/member-directory';
import {
  activeChildrenOf,
  assertInScope,
  directoryLookup,
  isInScope,
  visibleOrNotFound,
} from '@congdoan/org-directory';
import type { Members, Units } from '../app/ports.ts';

/** The `Units` port over the organisation directory mounted in welfare's table. */
export function directoryUnits(db: Db): Units {
  const lookup = directoryLookup(db);
  return {
    assertInScope: (caller, unitId) => assertInScope(lookup, caller, unitId),
    visible: (caller, found, unitOf, what, id) => visibleOrNotFound(lookup, caller, found, unitOf, what, id),
    isWithin: (ancestorId, unitId) => isInScope(lookup, ancestorId, unitId),
    async subtreeOf(unitId) {
      const root = await lookup.getUnit(unitId);
      if (!root) return [];
      const found = [root];
      // One Query per unit of the subtree (its children index); a level's children are read at once.
      for (let level = [root]; level.length > 0; ) {
        const children = (await Promise.all(level.map((u) => activeChildrenOf(db, u.id)))).flat();
        found.push(...children);
        level = children;
      }
      return found.map((u) => ({ id: u.id, code: u.code, name: u.name }));
    },
    levelOf: async (unitId) => (await lookup.getUnit(unitId))?.level,
  };
}

/** The `Members` port over the member directory mounted in welfare's table, scope-checked by its org directory. */
export function directoryMembers(db: Db): Members {
  const directory = createMemberDirectory(db);
  return { get: (caller, id) => directory.forCaller(caller).getMember(id) };
}
