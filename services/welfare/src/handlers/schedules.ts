import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { flagOverdueLoans } from '../app/loans.ts';
import { observed } from '../metrics.ts';
import { welfareDeps } from './deps.ts';

const logger = createLogger('welfare');

/** EventBridge Scheduler target, daily: `flagOverdueLoans`. */
export const flagOverdueLoansDaily = observedHandler(
  observed,
  async (event: { schedule?: string; scheduledTime?: string }) => {
    const result = await flagOverdueLoans(welfareDeps(), systemContext('welfare-savings-loans-overdue'));
    logger.info('savings loans overdue', { schedule: event.schedule, ...result });
    return result;
  },
);
