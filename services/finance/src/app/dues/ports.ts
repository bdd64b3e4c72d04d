import type { Db, WriteContext } from '@congdoan/ddb';
import type { DirectoryUnit, UnitLookup } from '@congdoan/org-directory';
import type { DuesStore } from '../../adapters/dues-store.ts';
import type { Ledger } from '../../adapters/ledger-store.ts';
import type { RosterStore } from '../../adapters/roster-store.ts';
import type { UnitProfileStore } from '../../adapters/unit-profile-store.ts';
import type { Policy } from '../../domain/policy/types.ts';

/** What the dues use cases need. */
export interface DuesDeps {
  db: Db;
  roster: RosterStore;
  dues: DuesStore;
  profiles: UnitProfileStore;
  ledger: Ledger;
  /** The organisation directory: scope checks, and the CĐCS above a section or group. */
  directory: UnitLookup & { getUnit(id: string): Promise<DirectoryUnit | undefined> };
  loadPolicy: () => Promise<Policy>;
}

/** Who is asking: the root of the subtree they may act in (null: the whole tree), and the write context. */
export interface DuesCaller {
  unitId: string | null;
  write: WriteContext;
}
