import type { Db } from '@congdoan/ddb';
import { createMemberDirectory } from '@congdoan/member-directory';
import {
  ancestorsOf,
  assertInScope,
  directoryLookup,
  isInScope,
  memoizedLookup,
  visibleOrNotFound,
} from '@congdoan/org-directory';
import type { Members, Units } from '../app/ports.ts';

/** The `Units` port over the organisation directory mounted in inspection's table. */
export function directoryUnits(db: Db): Units {
  const lookup = directoryLookup(db);
  return {
    assertInScope: (caller, unitId) => assertInScope(lookup, caller, unitId),
    isWithin: (ancestorId, unitId) => isInScope(lookup, ancestorId, unitId),
    visible: (caller, found, unitOf, what, id) => visibleOrNotFound(lookup, caller, found, unitOf, what, id),
    async within(ancestorId, unitIds) {
      const memo = memoizedLookup(lookup);
      const inside = await Promise.all(
        [...new Set(unitIds)].map(async (u) => [u, await isInScope(memo, ancestorId, u)] as const),
      );
      return new Set(inside.filter(([, yes]) => yes).map(([u]) => u));
    },
    chainOf: async (unitId) => [unitId, ...(await ancestorsOf(lookup, unitId)).map((u) => u.id)],
  };
}

/** The `Members` port over the member directory mounted in inspection's table, scope-checked by its org directory. */
export function directoryMembers(db: Db): Members {
  const directory = createMemberDirectory(db);
  return { get: (caller, id) => directory.forCaller(caller).getMember(id) };
}
