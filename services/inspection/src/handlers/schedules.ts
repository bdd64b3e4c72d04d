import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { markOverdueRecommendations } from '../app/recommendations.ts';
import { observed } from '../metrics.ts';
import { inspectionDeps } from './deps.ts';

const logger = createLogger('inspection');

/** EventBridge Scheduler target, daily: `markOverdueRecommendations`. */
export const markOverdue = observedHandler(observed, async (event: { schedule?: string; scheduledTime?: string }) => {
  const result = await markOverdueRecommendations(
    inspectionDeps(),
    systemContext('inspection-recommendations-overdue'),
  );
  logger.info('recommendations overdue', { schedule: event.schedule, ...result });
  return result;
});
