import { dbFromEnv } from '@congdoan/ddb';
import { directoryLookup } from '@congdoan/org-directory';
import { createDuesStore } from '../adapters/dues-store.ts';
import { createLedger } from '../adapters/ledger-store.ts';
import { createPolicyStore } from '../adapters/policy-store.ts';
import { createRosterStore } from '../adapters/roster-store.ts';
import { createUnitProfileStore } from '../adapters/unit-profile-store.ts';
import type { DuesDeps } from '../app/dues/ports.ts';

let deps: DuesDeps | undefined;

/** The dues area's composition root, built once per Lambda instance on first use. */
export function duesDeps(): DuesDeps {
  if (!deps) {
    const db = dbFromEnv('finance');
    const policies = createPolicyStore(db);
    deps = {
      db,
      roster: createRosterStore(db),
      dues: createDuesStore(db),
      profiles: createUnitProfileStore(db),
      ledger: createLedger(db),
      directory: directoryLookup(db),
      loadPolicy: () => policies.load(),
    };
  }
  return deps;
}
