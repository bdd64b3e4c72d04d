import { dbFromEnv } from '@congdoan/ddb';
import { createHttpHandler } from '@congdoan/http-kit';
import { routes } from '../manifest.ts';
import { metrics } from '../metrics.ts';
import { committeeHandlers } from './http/committee.ts';
import { dissolutionHandlers } from './http/dissolution.ts';
import { importHandlers } from './http/import.ts';
import { integrationHandlers } from './http/integration.ts';
import { memberHandlers } from './http/members.ts';
import { selfHandlers } from './http/self.ts';
import { statisticsHandlers } from './http/statistics.ts';
import { unitHandlers } from './http/units.ts';

/** The membership service's one HTTP function; each area's handlers live in `./http/`. */
export const handler = createHttpHandler({
  service: 'membership',
  routes,
  metrics,
  db: () => dbFromEnv('membership'),
  handlers: {
    ...unitHandlers,
    ...memberHandlers,
    ...selfHandlers,
    ...committeeHandlers,
    ...statisticsHandlers,
    ...dissolutionHandlers,
    ...importHandlers,
    ...integrationHandlers,
  },
});
