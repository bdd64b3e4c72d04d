import { dbFromEnv } from '@congdoan/ddb';
import { createHttpHandler } from '@congdoan/http-kit';
import { routes } from '../manifest.ts';
import { metrics } from '../metrics.ts';
import { duesHandlers } from './http/dues.ts';
import { ledgerHandlers } from './http/ledger.ts';
import { levyHandlers } from './http/levy.ts';
import { policyHandlers } from './http/policy.ts';
import { reconciliationHandlers } from './http/reconciliation.ts';
import { reportsHandlers } from './http/reports.ts';
import { unitHandlers } from './http/units.ts';

/** The finance service's one HTTP function; each area's handlers live in `./http/`. */
export const handler = createHttpHandler({
  service: 'finance',
  routes,
  metrics,
  db: () => dbFromEnv('finance'),
  handlers: {
    ...unitHandlers,
    ...policyHandlers,
    ...ledgerHandlers,
    ...duesHandlers,
    ...levyHandlers,
    ...reconciliationHandlers,
    ...reportsHandlers,
  },
});
