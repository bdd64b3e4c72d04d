import { dbFromEnv } from '@congdoan/ddb';
import { createCommitteeStore } from '../adapters/committee-store.ts';
import type { CommitteeDeps } from '../app/committees/ports.ts';
import { membershipDeps } from './deps.ts';

let deps: CommitteeDeps | undefined;

/** The committee area's composition root: the shared unit and member stores, and the committee store. */
export function committeeDeps(): CommitteeDeps {
  if (!deps) {
    const { units, members } = membershipDeps();
    deps = { units, members, committees: createCommitteeStore(dbFromEnv('membership')) };
  }
  return deps;
}
