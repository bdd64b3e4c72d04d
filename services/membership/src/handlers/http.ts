import { dbFromEnv } from '@congdoan/ddb';
import { createHttpHandler, lazyHandlers } from '@congdoan/http-kit';
import { committeeRoutes } from '../committee-routes.ts';
import { dissolutionRoutes } from '../dissolution-routes.ts';
import { importRoutes } from '../import-routes.ts';
import { integrationRoutes } from '../integration-routes.ts';
import { routes } from '../manifest.ts';
import { metrics } from '../metrics.ts';
import { statisticsRoutes } from '../statistics-routes.ts';
import { memberHandlers } from './http/members.ts';
import { selfHandlers } from './http/self.ts';
import { unitHandlers } from './http/units.ts';

/**
 * The membership service's one HTTP function; each area's handlers live in `./http/`. Units,
 * members and the member's own pages, which most requests ask for, load with the function; the
 * other areas load on their first request (`lazyHandlers`), so a cold start does not pay for
 * them (nor for exceljs, which the file routes load on top).
 */
export const handler = createHttpHandler({
  service: 'membership',
  routes,
  metrics,
  db: () => dbFromEnv('membership'),
  handlers: {
    ...unitHandlers,
    ...memberHandlers,
    ...selfHandlers,
    ...lazyHandlers(committeeRoutes, async () => (await import('./http/committee.ts')).committeeHandlers),
    ...lazyHandlers(statisticsRoutes, async () => (await import('./http/statistics.ts')).statisticsHandlers),
    ...lazyHandlers(dissolutionRoutes, async () => (await import('./http/dissolution.ts')).dissolutionHandlers),
    ...lazyHandlers(importRoutes, async () => (await import('./http/import.ts')).importHandlers),
    ...lazyHandlers(integrationRoutes, async () => (await import('./http/integration.ts')).integrationHandlers),
  },
});
