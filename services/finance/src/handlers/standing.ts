import { type BusEvent, DuesCollected, ReconciliationRequested } from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, queuedHandler } from '@congdoan/http-kit';
import { announceDuesStandings } from '../app/dues/standing.ts';
import { observed } from '../metrics.ts';
import { financeDeps } from './deps.ts';

const logger = createLogger('finance');
export const STANDING_SUBSCRIPTION = 'finance-dues-standing';

/** The unit whose members' standing an event asks to recompute, and its correlation id. */
function triggerOf(event: BusEvent): { unitId: string; eventId: string; correlationId: string } {
  const definition = [DuesCollected, ReconciliationRequested].find(
    (d) => d.source === event.source && d.detailType === event['detail-type'],
  );
  if (!definition) throw new Error(`unexpected event ${event.source} ${event['detail-type']}`);
  const { metadata, data } = definition.detail.parse(event.detail);
  return { unitId: data.unitId, eventId: metadata.eventId, correlationId: metadata.correlationId };
}

/**
 * Recomputes the dues standing of a CĐCS's members and announces what changed
 * (`MemberDuesStandingChanged`): after a collection (`DuesCollected`), and monthly
 * with the reconciliation's message for the unit (`ReconciliationRequested`, the
 * schedule on the 5th). A redelivered or repeated event announces nothing more.
 * Only ids and counts are logged.
 */
export const onDuesStandingTrigger = queuedHandler(
  STANDING_SUBSCRIPTION,
  async (event) => {
    const { unitId, eventId, correlationId } = triggerOf(event);
    const result = await announceDuesStandings(
      financeDeps(),
      unitId,
      systemContext(STANDING_SUBSCRIPTION, correlationId),
    );
    const fields = { eventId, detailType: event['detail-type'], ...result };
    if (result.outcome === 'computed') logger.info('dues standings', fields);
    else logger.warn('dues standings not computed', fields);
  },
  observed,
);
