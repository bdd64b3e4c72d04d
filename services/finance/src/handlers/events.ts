import { type BusEvent, findEvent, unitSchema } from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { z } from 'zod';
import { profileFromUnit } from '../domain/unit-profile.ts';
import { observed } from '../metrics.ts';
import { financeDeps } from './deps.ts';

const logger = createLogger('finance');
const unitEventData = z.object({ unit: unitSchema }).loose();

/**
 * Keeps each unit's finance profile from membership's unit events. Events carry
 * the unit's whole state and version, so a duplicate or late event is ignored.
 * A change of the agency's funding type is added to the profile's funding
 * history from the Vietnam day of the unit's `updatedAt`, so past months keep
 * the type they had (`fundingTypeIn`); the rest of the item (index keys, rate
 * resolutions) is kept.
 */
export const onUnitChanged = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const definition = findEvent(event.source, event['detail-type']);
  if (!definition) throw new Error(`unknown event ${event.source} ${event['detail-type']}`);
  const detail = definition.detail.parse(event.detail);
  const { unit } = unitEventData.parse(detail.data);
  const applied = await financeDeps().profiles.upsertIfNewer(
    profileFromUnit(unit),
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
