import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { announceCaseDeadlines } from '../app/cases.ts';
import { lapseDiscipline } from '../app/discipline.ts';
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

/** EventBridge Scheduler target, daily: `lapseDiscipline`. */
export const lapseDisciplineDaily = observedHandler(
  observed,
  async (event: { schedule?: string; scheduledTime?: string }) => {
    const result = await lapseDiscipline(inspectionDeps(), systemContext('inspection-discipline-lapse'));
    logger.info('discipline lapsed', { schedule: event.schedule, ...result });
    return result;
  },
);

/** EventBridge Scheduler target, daily: `announceCaseDeadlines`. */
export const announceCaseDeadlinesDaily = observedHandler(
  observed,
  async (event: { schedule?: string; scheduledTime?: string }) => {
    const result = await announceCaseDeadlines(inspectionDeps(), systemContext('inspection-case-deadlines'));
    logger.info('case deadlines announced', { schedule: event.schedule, ...result });
    return result;
  },
);
