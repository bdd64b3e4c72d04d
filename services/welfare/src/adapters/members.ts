import type { Db } from '@congdoan/ddb';
import { createMemberDirectory } from '@congdoan/member-directory';
import type { Members } from '../app/ports.ts';

/** The `Members` port over the member directory mounted in welfare's table, scope-checked by its org directory. */
export function directoryMembers(db: Db): Members {
  const directory = createMemberDirectory(db);
  return { get: (caller, id) => directory.forCaller(caller).getMember(id) };
}
