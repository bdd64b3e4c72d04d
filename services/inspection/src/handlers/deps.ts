import { dbFromEnv } from '@congdoan/ddb';
import { createCalendarNoticeStore } from '../adapters/calendar-notice-store.ts';
import { createCaseStore } from '../adapters/case-store.ts';
import { directoryMembers, directoryUnits } from '../adapters/directory.ts';
import { createDisciplineStore } from '../adapters/discipline-store.ts';
import { createFinanceStore } from '../adapters/finance-store.ts';
import { identityCipherFromEnv } from '../adapters/identity-cipher.ts';
import { createInspectionStore } from '../adapters/inspection-store.ts';
import { createPlanStore } from '../adapters/plan-store.ts';
import { createRecommendationStore } from '../adapters/recommendation-store.ts';
import { createRoster } from '../adapters/roster.ts';
import { createOfficeStore, createSeatStore } from '../adapters/seat-store.ts';
import type { CalendarNotices } from '../app/calendar-ports.ts';
import type { InspectionDeps } from '../app/ports.ts';

let deps: InspectionDeps | undefined;

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
      // The shipped notices with those administrators recorded in the table (one Query), the
      // calendar built from them kept per Lambda instance for a minute; a save clears it.
      calendar: { current: () => calendarNotices().calendar() },
      // A KMS key in AWS, the local key of the data folder locally: chosen on first seal or reveal.
      identityCipher: identityCipherFromEnv(),
      offices: createOfficeStore(db),
    };
  }
  return deps;
}

let notices: CalendarNotices | undefined;

/** The working-day calendar's notices and the calendar built from them, once per Lambda instance. */
export function calendarNotices(): CalendarNotices {
  notices ??= createCalendarNoticeStore(dbFromEnv('inspection'));
  return notices;
}
