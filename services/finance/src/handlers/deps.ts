import { dbFromEnv } from '@congdoan/ddb';
import { directoryLookup } from '@congdoan/org-directory';
import { createUnitProfileStore } from '../adapters/unit-profile-store.ts';

let deps: ReturnType<typeof build> | undefined;

function build() {
  const db = dbFromEnv('finance');
  return { profiles: createUnitProfileStore(db), directory: directoryLookup(db) };
}

/** The composition root, built once per Lambda instance on first use. */
export function financeDeps() {
  deps ??= build();
  return deps;
}
