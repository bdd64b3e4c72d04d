import { dbFromEnv } from '@congdoan/ddb';
import { directoryMembers } from '../adapters/members.ts';
import type { WelfareDeps } from '../app/ports.ts';

let deps: WelfareDeps | undefined;

/** The composition root: concrete adapters, built once per Lambda instance on first use. */
export function welfareDeps(): WelfareDeps {
  deps ??= { members: directoryMembers(dbFromEnv('welfare')) };
  return deps;
}
