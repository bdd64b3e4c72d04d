import { dbFromEnv } from '@congdoan/ddb';
import { createCalendarNoticeStore } from '../adapters/calendar-notice-store.ts';
import { directoryMembers, directoryUnits } from '../adapters/directory.ts';
import { createDisciplineStore } from '../adapters/discipline-store.ts';
import { createFinanceStore } from '../adapters/finance-store.ts';
import { createInspectionStore } from '../adapters/inspection-store.ts';
import { createPlanStore } from '../adapters/plan-store.ts';
import { createRecommendationStore } from '../adapters/recommendation-store.ts';
import { createRoster } from '../adapters/roster.ts';
import { createSeatStore } from '../adapters/seat-store.ts';
import type { CalendarNotices } from '../app/calendar-ports.ts';
import type { CaseFigures } from '../app/case-ports.ts';
import type { InspectionDeps } from '../app/ports.ts';

/**
 * The annual report reads case figures from the cases store, composed here when complaints and
 * denunciations (issue 10, item 3) join this service. Until then no case can exist, and a report
 * fails loudly rather than answering zeros it could not have counted.
 */
const casesNotComposed: CaseFigures = {
  yearFigures: () => Promise.reject(new Error('inspection has no cases store composed: case figures cannot be read')),
};

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
      cases: casesNotComposed,
      roster: createRoster(db),
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
