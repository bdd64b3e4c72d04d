import { type BusEvent, MEMBER_EVENTS, mountedHandler, type ServiceName } from '@congdoan/contracts';
import { dbFromEnv, systemContext } from '@congdoan/ddb';
import { createLogger } from '@congdoan/http-kit/logger';
import { observedHandler } from '@congdoan/telemetry';
import { factsFromEvent, lifecycleKindOf } from './record.ts';
import { applyMemberFacts } from './store.ts';

/**
 * The directory's EventBridge target in one service. Member events carry personal data
 * (CCCD, dues salary): the directory keeps a few named fields of them, and logs only ids,
 * versions and the outcome.
 */
export function createMemberDirectoryHandler(service: ServiceName) {
  const logger = createLogger(service);
  // Traced like every function. Its commits write no events, so there is no business metric to count.
  return observedHandler({ service }, async (event: BusEvent): Promise<void> => {
    const definition = MEMBER_EVENTS.find((e) => e.source === event.source && e.detailType === event['detail-type']);
    if (!definition) throw new Error(`not a member event: ${event.source} ${event['detail-type']}`);
    const detail = definition.detail.parse(event.detail);
    const facts = factsFromEvent(lifecycleKindOf(definition.detailType), detail.data, detail.metadata.occurredAt);
    const ctx = systemContext(`${service}:member-directory`, detail.metadata.correlationId);
    const outcome = await applyMemberFacts(dbFromEnv(service), facts, ctx);
    logger.info('member directory', {
      eventId: detail.metadata.eventId,
      detailType: definition.detailType,
      memberId: facts.profile.id,
      version: facts.profile.version,
      outcome,
    });
  });
}

/** The handler every service mounting the directory runs (`memberDirectory()` in its manifest). */
export const handler = mountedHandler(createMemberDirectoryHandler);
