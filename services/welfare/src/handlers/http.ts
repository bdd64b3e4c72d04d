import { dbFromEnv } from '@congdoan/ddb';
import { createHttpHandler } from '@congdoan/http-kit';
import { routes } from '../manifest.ts';
import { metrics } from '../metrics.ts';
import { careHandlers } from './http/care.ts';
import { caseHandlers } from './http/cases.ts';
import { driveHandlers } from './http/drives.ts';
import { fundHandlers } from './http/funds.ts';
import { loanHandlers } from './http/loans.ts';
import { memberHandlers } from './http/members.ts';
import { reportHandlers } from './http/reports.ts';

/** The welfare service's one HTTP function; each area's handlers live in `./http/`. */
export const handler = createHttpHandler({
  service: 'welfare',
  routes,
  db: () => dbFromEnv('welfare'),
  metrics,
  handlers: {
    ...memberHandlers,
    ...fundHandlers,
    ...driveHandlers,
    ...loanHandlers,
    ...careHandlers,
    ...caseHandlers,
    ...reportHandlers,
  },
});
