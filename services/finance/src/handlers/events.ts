import { type BusEvent, findEvent, unitSchema } from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { z } from 'zod';
import { recordUnitChange } from '../app/units/profile.ts';
import { observed } from '../metrics.ts';
import { financeDeps } from './deps.ts';

const logger = createLogger('finance');
const unitEventData = z.object({ unit: unitSchema }).loose();

/**
 * The subscription `finance-unit-profiles`: keeps each unit's finance profile from
 * membership's unit events (`recordUnitChange`); a duplicate or late event is ignored.
 */
export const onUnitChanged = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const definition = findEvent(event.source, event['detail-type']);
  if (!definition) throw new Error(`unknown event ${event.source} ${event['detail-type']}`);
  const detail = definition.detail.parse(event.detail);
  const { unit } = unitEventData.parse(detail.data);
  const applied = await recordUnitChange(
    financeDeps(),
    unit,
    systemContext('finance-unit-profiles', detail.metadata.correlationId),
  );
  logger.info('finance unit profile', {
    eventId: detail.metadata.eventId,
    detailType: event['detail-type'],
    unitId: unit.id,
    version: unit.version,
    applied,
  });
});
