import type { Db } from '@congdoan/ddb';
import { createMemberDirectory } from '@congdoan/member-directory';
import { assertInScope, directoryLookup, visibleOrNotFound } from '@congdoan/org-directory';
import type { Members, Units } from '../app/ports.ts';

/** The `Units` port over the organisation directory mounted in welfare's table. */
export function directoryUnits(db: Db): Units {
  const lookup = directoryLookup(db);
  return {
    assertInScope: (caller, unitId) => assertInScope(lookup, caller, unitId),
    visible: (caller, found, unitOf, what, id) => visibleOrNotFound(lookup, caller, found, unitOf, what, id),
  };
}

/** The `Members` port over the member directory mounted in welfare's table, scope-checked by its org directory. */
export function directoryMembers(db: Db): Members {
  const directory = createMemberDirectory(db);
  return { get: (caller, id) => directory.forCaller(caller).getMember(id) };
}
