import { dbFromEnv } from '@congdoan/ddb';
import { createMemberStore } from '../adapters/member-store.ts';
import { createUnitStore } from '../adapters/unit-store.ts';
import type { MemberDeps } from '../app/members/deps.ts';

let deps: MemberDeps | undefined;

/** The composition root: concrete adapters, built once per Lambda instance on first use. */
export function membershipDeps(): MemberDeps {
  if (!deps) {
    const db = dbFromEnv('membership');
    deps = { units: createUnitStore(db), members: createMemberStore(db) };
  }
  return deps;
}
