import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { checkUnitCounters as check } from '../app/units/check-unit-counters.ts';
import { observed } from '../metrics.ts';
import { membershipDeps } from './deps.ts';

const logger = createLogger('membership');

/** What EventBridge Scheduler sends this target. */
type ScheduleEvent = { schedule?: string; scheduledTime?: string };

/** EventBridge Scheduler target: `{ schedule, scheduledTime }`. */
export const checkUnitCounters = observedHandler(observed, async (event: ScheduleEvent) => {
  const result = await check(membershipDeps(), systemContext('membership-unit-counters-check'));
  logger.info('unit counters checked', { scheduledTime: event.scheduledTime, ...result });
  if (result.drift.length > 0) logger.warn('unit counter drift repaired', { drift: result.drift });
  return result;
});
