import { dbFromEnv } from '@congdoan/ddb';
import { createHttpHandler } from '@congdoan/http-kit';
import { routes } from '../manifest.ts';
import { metrics } from '../metrics.ts';
import { calendarHandlers } from './http/calendar.ts';
import { caseHandlers } from './http/cases.ts';
import { disciplineHandlers } from './http/discipline.ts';
import { inspectionHandlers } from './http/inspections.ts';
import { planHandlers } from './http/plans.ts';
import { reportHandlers } from './http/reports.ts';

/** The inspection service's one HTTP function; each area's handlers live in `./http/`. */
export const handler = createHttpHandler({
  service: 'inspection',
  routes,
  metrics,
  db: () => dbFromEnv('inspection'),
  handlers: {
    ...planHandlers,
    ...inspectionHandlers,
    ...disciplineHandlers,
    ...reportHandlers,
    ...caseHandlers,
    ...calendarHandlers,
  },
});
