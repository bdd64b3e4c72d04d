import { InMemoryNoticeStore, loadCalendar, type WorkingCalendar } from '@congdoan/calendar';
import { dbFromEnv } from '@congdoan/ddb';
import { createCaseStore } from '../adapters/case-store.ts';
import { directoryMembers, directoryUnits } from '../adapters/directory.ts';
import { createDisciplineStore } from '../adapters/discipline-store.ts';
import { createFinanceStore } from '../adapters/finance-store.ts';
import { createInspectionStore } from '../adapters/inspection-store.ts';
import { localIdentityCipher } from '../adapters/local-identity-cipher.ts';
import { createPlanStore } from '../adapters/plan-store.ts';
import { createRecommendationStore } from '../adapters/recommendation-store.ts';
import { createSeatStore } from '../adapters/seat-store.ts';
import type { IdentityCipher } from '../app/case-ports.ts';
import type { InspectionDeps } from '../app/ports.ts';

let deps: InspectionDeps | undefined;
let calendar: Promise<WorkingCalendar> | undefined;

/** The composition root: concrete adapters, built once per Lambda instance on first use. */
export function inspectionDeps(): InspectionDeps {
  if (!deps) {
    const db = dbFromEnv('inspection');
    deps = {
      units: directoryUnits(db),
      members: directoryMembers(db),
      seats: createSeatStore(db),
      plans: createPlanStore(db),
      inspections: createInspectionStore(db),
      recommendations: createRecommendationStore(db),
      finance: createFinanceStore(db),
      discipline: createDisciplineStore(db),
      cases: createCaseStore(db),
      // The notices as data: calendar2's DynamoDB notice store replaces the in-memory one. Its
      // seeded notices never change in a Lambda instance, so the calendar is built once.
      calendar: { current: () => (calendar ??= loadCalendar(new InMemoryNoticeStore())) },
      identityCipher: identityCipherFromEnv(),
    };
  }
  return deps;
}

/** The environment variable holding the local identity key: 32 bytes, base64. */
export const IDENTITY_KEY_ENV = 'INSPECTION_IDENTITY_KEY';

/**
 * The cipher a case's person is sealed with: the local AES-256-GCM key of `INSPECTION_IDENTITY_KEY`.
 * Without it, sealing fails loudly rather than store a person in the clear.
 */
function identityCipherFromEnv(): IdentityCipher {
  const encoded = process.env[IDENTITY_KEY_ENV];
  if (encoded) return localIdentityCipher(Buffer.from(encoded, 'base64'));
  const missing = () =>
    Promise.reject(new Error(`${IDENTITY_KEY_ENV} is not set: no key to seal or open a case's person`));
  return { seal: missing, open: missing };
}
