import { dbFromEnv } from '@congdoan/ddb';
import { directoryMembers } from '../adapters/members.ts';
import type { InspectionDeps } from '../app/ports.ts';

let deps: InspectionDeps | undefined;

/** The composition root: concrete adapters, built once per Lambda instance on first use. */
export function inspectionDeps(): InspectionDeps {
  deps ??= { members: directoryMembers(dbFromEnv('inspection')) };
  return deps;
}
