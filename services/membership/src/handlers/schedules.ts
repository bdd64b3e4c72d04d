import { systemContext } from '@congdoan/ddb';
import { createLogger } from '@congdoan/http-kit';
import { checkUnitCounters as check } from '../app/units/check-unit-counters.ts';
import { membershipDeps } from './deps.ts';

const logger = createLogger('membership');

/** EventBridge Scheduler target: `{ schedule, scheduledTime }`. */
export async function checkUnitCounters(event: { schedule?: string; scheduledTime?: string }) {
  const result = await check(membershipDeps(), systemContext('membership-unit-counters-check'));
  logger.info('unit counters checked', { scheduledTime: event.scheduledTime, ...result });
  if (result.drift.length > 0) logger.warn('unit counter drift repaired', { drift: result.drift });
  return result;
}
