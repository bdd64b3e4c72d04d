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
 * other areas (`./http/occasional.ts`) load together with the first request to any of them
 * (`lazyHandlers`), so a cold start does not pay for them, nor for exceljs, which the file
 * routes load on top. One group, not one per area: every chunk a cold start loads costs a file
 * and its source map, and areas loaded apart would split the code they share into more chunks.
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
    ...lazyHandlers(
      [...committeeRoutes, ...statisticsRoutes, ...dissolutionRoutes, ...importRoutes, ...integrationRoutes],
      async () => (await import('./http/occasional.ts')).occasionalHandlers,
    ),
  },
});
