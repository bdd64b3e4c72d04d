import type { Db } from '@congdoan/ddb';
import { directoryLookup } from '@congdoan/org-directory';
import { createDuesStore } from '../../src/adapters/dues-store.ts';
import { createLedger } from '../../src/adapters/ledger-store.ts';
import { createRosterStore } from '../../src/adapters/roster-store.ts';
import { createUnitProfileStore } from '../../src/adapters/unit-profile-store.ts';
import type { DuesDeps } from '../../src/app/dues/ports.ts';

/** The dues area's ports over a test's table, with the test's policy. */
export function duesDepsOn(db: Db, loadPolicy: DuesDeps['loadPolicy']): DuesDeps {
  return {
    db,
    roster: createRosterStore(db),
    dues: createDuesStore(db),
    profiles: createUnitProfileStore(db),
    ledger: createLedger(db),
    directory: directoryLookup(db),
    loadPolicy,
  };
}
