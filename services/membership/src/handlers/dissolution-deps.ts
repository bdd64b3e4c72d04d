import { dbFromEnv } from '@congdoan/ddb';
import { createDissolutionStore } from '../adapters/dissolution-store.ts';
import { endUnitTerms } from '../app/committees/close-term.ts';
import type { DissolutionDeps } from '../app/dissolutions/dissolution.ts';
import { committeeDeps } from './committee-deps.ts';
import { membershipDeps } from './deps.ts';

let deps: DissolutionDeps | undefined;

export function dissolutionDeps(): DissolutionDeps {
  deps ??= {
    ...membershipDeps(),
    dissolutions: createDissolutionStore(dbFromEnv('membership')),
    // Committee terms and appointments end on the day the unit goes.
    endTerms: (unitId, date, write) => endUnitTerms(committeeDeps(), unitId, date, write),
  };
  return deps;
}
