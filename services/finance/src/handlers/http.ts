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
 * parser), reconciliation and reports (with exceljs) load on their first request
 * (`lazyHandlers`), so a cold start does not pay for them.
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
    ...lazyHandlers(policyRoutes, async () => (await import('./http/policy.ts')).policyHandlers),
    ...lazyHandlers(levyRoutes, async () => (await import('./http/levy.ts')).levyHandlers),
    ...lazyHandlers(
      reconciliationRoutes,
      async () => (await import('./http/reconciliation.ts')).reconciliationHandlers,
    ),
    ...lazyHandlers(reportsRoutes, async () => (await import('./http/reports.ts')).reportsHandlers),
  },
});
