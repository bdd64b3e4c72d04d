import { dbFromEnv } from '@congdoan/ddb';
import { createUnitStore } from '../adapters/unit-store.ts';
import type { UnitDeps } from '../app/units/deps.ts';

let deps: UnitDeps | undefined;

/** The composition root: concrete adapters, built once per Lambda instance on first use. */
export function membershipDeps(): UnitDeps {
  deps ??= { units: createUnitStore(dbFromEnv('membership')) };
  return deps;
}
