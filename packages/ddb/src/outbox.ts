import type { EventDefinition, EventDetail } from '@congdoan/contracts';
import type { z } from 'zod';
import type { WriteContext } from './context.ts';

/** Outbox items live this long; the pipe reads them from the stream within seconds. */
const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

export const OUTBOX_KIND = 'outbox';

/** An event about to be written, as a producer hands it to `commit`. */
export interface PendingEvent<S extends z.ZodType = z.ZodType> {
  definition: EventDefinition<S>;
  data: z.infer<S>;
}

/** An event as stored in the outbox item and sent to the bus. */
export interface OutboxEvent {
  source: string;
  detailType: string;
  detail: EventDetail<unknown>;
}

export function event<S extends z.ZodType>(definition: EventDefinition<S>, data: z.infer<S>): PendingEvent<S> {
  return { definition, data };
}

/** Validates the data against its schema (a producer bug must never reach the bus) and wraps it in the envelope. */
export function toOutboxEvent(pending: PendingEvent, ctx: WriteContext): OutboxEvent {
  const { definition } = pending;
  const data = definition.data.parse(pending.data);
  return {
    source: definition.source,
    detailType: definition.detailType,
    detail: {
      metadata: {
        eventId: ctx.newId(),
        eventVersion: definition.version,
        occurredAt: ctx.now().toISOString(),
        correlationId: ctx.correlationId,
        actor: ctx.actor,
      },
      data,
    },
  };
}

/**
 * The outbox item. The table stream (NEW_IMAGE) carries it to the pipe, which
 * filters on `kind = outbox` and sends `source`, `detailType` and `detail` to the bus.
 * `detail` is stored as a JSON string so the pipe forwards it unchanged.
 */
export function outboxItem(event: OutboxEvent, now: Date): Record<string, unknown> {
  return {
    pk: `OUTBOX#${event.detail.metadata.eventId}`,
    sk: 'OUTBOX',
    kind: OUTBOX_KIND,
    source: event.source,
    detailType: event.detailType,
    detail: JSON.stringify(event.detail),
    ttl: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
  };
}
