import { InMemoryNoticeStore, loadCalendar, type WorkingCalendar } from '@congdoan/calendar';
import { dbFromEnv } from '@congdoan/ddb';
import { createCaseStore } from '../adapters/case-store.ts';
import { directoryMembers, directoryUnits } from '../adapters/directory.ts';
import { createDisciplineStore } from '../adapters/discipline-store.ts';
import { createFinanceStore } from '../adapters/finance-store.ts';
import { identityCipherFromEnv } from '../adapters/identity-cipher.ts';
import { createInspectionStore } from '../adapters/inspection-store.ts';
import { createPlanStore } from '../adapters/plan-store.ts';
import { createRecommendationStore } from '../adapters/recommendation-store.ts';
import { createRoster } from '../adapters/roster.ts';
import { createSeatStore } from '../adapters/seat-store.ts';
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
      roster: createRoster(db),
      // The notices as data: calendar2's DynamoDB notice store replaces the in-memory one. Its
      // seeded notices never change in a Lambda instance, so the calendar is built once.
      calendar: { current: () => (calendar ??= loadCalendar(new InMemoryNoticeStore())) },
      // A KMS key in AWS, the local key of the data folder locally: chosen on first seal or reveal.
      identityCipher: identityCipherFromEnv(),
    };
  }
  return deps;
}
