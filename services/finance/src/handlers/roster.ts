import type { BusEvent } from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { recordMemberChange } from '../app/dues/roster.ts';
import { changeFromEvent, ROSTER_EVENTS, type RosterEventType } from '../domain/roster/events.ts';
import { observed } from '../metrics.ts';
import { financeDeps } from './deps.ts';

const logger = createLogger('finance');

/**
 * Keeps the dues roster from membership's member events, on the roster of the
 * CĐCS the member pays dues to (the one above a section or group). Each event is kept as
 * the member's change of that version and the member's history is rebuilt from
 * all of them, so a duplicate or out-of-order delivery changes nothing wrong.
 * Events carry personal data: only ids, versions and the outcome are logged.
 */
export const onMemberChanged = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const type = event['detail-type'] as RosterEventType;
  const entry = Object.hasOwn(ROSTER_EVENTS, type) ? ROSTER_EVENTS[type] : undefined;
  if (!entry || event.source !== entry.definition.source) {
    throw new Error(`unexpected event ${event.source} ${event['detail-type']}`);
  }
  const detail = entry.definition.detail.parse(event.detail);
  const change = changeFromEvent(type, detail.data, detail.metadata.occurredAt);
  const outcome = await recordMemberChange(
    financeDeps(),
    change,
    systemContext('finance-dues-roster', detail.metadata.correlationId),
  );
  logger.info('dues roster', {
    eventId: detail.metadata.eventId,
    detailType: type,
    memberId: change.memberId,
    version: change.version,
    outcome,
  });
});
