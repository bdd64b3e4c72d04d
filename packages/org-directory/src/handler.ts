import { type BusEvent, mountedHandler, type ServiceName, UNIT_EVENTS } from '@congdoan/contracts';
import { dbFromEnv, systemContext } from '@congdoan/ddb';
import { createLogger } from '@congdoan/http-kit/logger';
import { observedHandler } from '@congdoan/telemetry';
import { applyUnitSnapshot } from './projection.ts';

/** The directory's EventBridge target in one service: every unit event carries the whole unit and its version. */
export function createOrgDirectoryHandler(service: ServiceName) {
  const logger = createLogger(service);
  // Traced like every function. Its commits write no events, so there is no business metric to count.
  return observedHandler({ service }, async (event: BusEvent): Promise<void> => {
    const definition = UNIT_EVENTS.find((e) => e.source === event.source && e.detailType === event['detail-type']);
    if (!definition) throw new Error(`not a unit event: ${event.source} ${event['detail-type']}`);
    const detail = definition.detail.parse(event.detail);
    const { unit } = detail.data;
    const ctx = systemContext(`${service}:org-directory`, detail.metadata.correlationId);
    const applied = await applyUnitSnapshot(dbFromEnv(service), unit, ctx);
    logger.info('org directory', {
      eventId: detail.metadata.eventId,
      detailType: event['detail-type'],
      unitId: unit.id,
      version: unit.version,
      applied,
    });
  });
}

/** The handler every service mounting the directory runs (`orgDirectory()` in its manifest). */
export const handler = mountedHandler(createOrgDirectoryHandler);
