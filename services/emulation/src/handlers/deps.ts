import { dbFromEnv } from '@congdoan/ddb';
import { createBaseSalaries } from '../adapters/base-salary-store.ts';
import { createBlocStore } from '../adapters/bloc-store.ts';
import { directoryUnits } from '../adapters/directory.ts';
import { createInitiativeStore } from '../adapters/initiative-store.ts';
import { directoryMembers } from '../adapters/members.ts';
import { createUnitMergers } from '../adapters/merger-store.ts';
import { createMovementStore, createRegistrationStore } from '../adapters/movement-store.ts';
import { createAwardStore, createNominationStore, createQuotaStore } from '../adapters/nomination-store.ts';
import { createPolicyVersions, createRatingCriteriaStore } from '../adapters/policy-store.ts';
import { createRatingStore } from '../adapters/rating-store.ts';
import { createHonourRolls, createStatsStore } from '../adapters/stats-store.ts';
import { createSubjectRecords } from '../adapters/subject-records.ts';
import type { EmulationDeps } from '../app/ports.ts';

let deps: EmulationDeps | undefined;

/** The composition root: concrete adapters, built once per Lambda instance on first use. */
export function emulationDeps(): EmulationDeps {
  if (!deps) {
    const db = dbFromEnv('emulation');
    deps = {
      units: directoryUnits(db),
      members: directoryMembers(db),
      subjects: createSubjectRecords(db),
      movements: createMovementStore(db),
      registrations: createRegistrationStore(db),
      awards: createAwardStore(db),
      nominations: createNominationStore(db),
      initiatives: createInitiativeStore(db),
      ratings: createRatingStore(db),
      quotas: createQuotaStore(db),
      baseSalaries: createBaseSalaries(db),
      stats: createStatsStore(db),
      honourRolls: createHonourRolls(db),
      policy: createPolicyVersions(db),
      ratingCriteria: createRatingCriteriaStore(db),
      blocs: createBlocStore(db),
      mergers: createUnitMergers(db),
    };
  }
  return deps;
}
