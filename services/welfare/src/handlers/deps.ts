import { dbFromEnv } from '@congdoan/ddb';
import { createBloodDriveStore } from '../adapters/blood-drive-store.ts';
import { createCaseStore } from '../adapters/case-store.ts';
import { directoryMembers, directoryUnits } from '../adapters/directory.ts';
import { createDriveStore } from '../adapters/drive-store.ts';
import { createDuesStandings } from '../adapters/dues-store.ts';
import { createFundStore } from '../adapters/fund-store.ts';
import { createLoanStore } from '../adapters/loan-store.ts';
import { createSavingsLists } from '../adapters/savings-lists.ts';
import { createVisitStore } from '../adapters/visit-store.ts';
import type { WelfareDeps } from '../app/ports.ts';

let deps: WelfareDeps | undefined;

/** The composition root: concrete adapters, built once per Lambda instance on first use. */
export function welfareDeps(): WelfareDeps {
  if (!deps) {
    const db = dbFromEnv('welfare');
    deps = {
      members: directoryMembers(db),
      units: directoryUnits(db),
      funds: createFundStore(db),
      drives: createDriveStore(db),
      loans: createLoanStore(db),
      visits: createVisitStore(db),
      bloodDrives: createBloodDriveStore(db),
      savings: createSavingsLists(db),
      cases: createCaseStore(db),
      dues: createDuesStandings(db),
    };
  }
  return deps;
}
