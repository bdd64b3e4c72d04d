import { dbFromEnv } from '@congdoan/ddb';
import { createHttpHandler, lazyHandlers } from '@congdoan/http-kit';
import { levyRoutes } from '../levy-routes.ts';
import { routes } from '../manifest.ts';
import { metrics } from '../metrics.ts';
import { policyRoutes } from '../policy-routes.ts';
import { reconciliationRoutes } from '../reconciliation-routes.ts';
import { reportsRoutes } from '../reports-routes.ts';
import { duesHandlers } from './http/dues.ts';
import { ledgerHandlers } from './http/ledger.ts';
import { unitHandlers } from './http/units.ts';

/**
 * The finance service's one HTTP function; each area's handlers live in `./http/`. Units, the
 * ledger and dues load with the function; policy, levy and bank statements (with their CSV
 * parser), reconciliation and reports (`./http/occasional.ts`) load together with the first
 * request to any of them (`lazyHandlers`), so a cold start does not pay for them, nor for
 * exceljs, which the report download loads on top. One group, not one per area: every chunk a
 * cold start loads costs a file and its source map.
 */
export const handler = createHttpHandler({
  service: 'finance',
  routes,
  metrics,
  db: () => dbFromEnv('finance'),
  handlers: {
    ...unitHandlers,
    ...ledgerHandlers,
    ...duesHandlers,
    ...lazyHandlers(
      [...policyRoutes, ...levyRoutes, ...reconciliationRoutes, ...reportsRoutes],
      async () => (await import('./http/occasional.ts')).occasionalHandlers,
    ),
  },
});
