import { dbFromEnv } from '@congdoan/ddb';
import { directoryMembers } from '../adapters/members.ts';
import type { EmulationDeps } from '../app/ports.ts';

let deps: EmulationDeps | undefined;

/** The composition root: concrete adapters, built once per Lambda instance on first use. */
export function emulationDeps(): EmulationDeps {
  deps ??= { members: directoryMembers(dbFromEnv('emulation')) };
  return deps;
}
