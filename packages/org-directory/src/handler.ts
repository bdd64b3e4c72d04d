import { type BusEvent, findEvent, type ServiceName, unitSchema } from '@congdoan/contracts';
import { dbFromEnv, systemContext } from '@congdoan/ddb';
import { createLogger } from '@congdoan/http-kit/logger';
import { z } from 'zod';
import { applyUnitSnapshot } from './projection.ts';

const unitEventData = z.object({ unit: unitSchema }).loose();

/** The directory's EventBridge target, for any service that mounts it. */
export function createOrgDirectoryHandler(service: ServiceName) {
  const logger = createLogger(service);
  return async (event: BusEvent): Promise<void> => {
    const definition = findEvent(event.source, event['detail-type']);
    if (!definition) throw new Error(`unknown event ${event.source} ${event['detail-type']}`);
    const detail = definition.detail.parse(event.detail);
    const { unit } = unitEventData.parse(detail.data);
    const ctx = systemContext(`${service}:org-directory`, detail.metadata.correlationId);
    const applied = await applyUnitSnapshot(dbFromEnv(service), unit, ctx);
    logger.info('org directory', {
      eventId: detail.metadata.eventId,
      detailType: event['detail-type'],
      unitId: unit.id,
      version: unit.version,
      applied,
    });
  };
}
