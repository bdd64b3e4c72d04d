import type { Db } from './client.ts';
import type { WriteContext } from './context.ts';
import type { OutboxEvent } from './outbox.ts';
import { type ChangeSet, ConditionFailedError, commit, type WriteItem } from './transact.ts';

/** Inbox markers expire after EventBridge's longest retry window, with margin. */
const INBOX_TTL_SECONDS = 30 * 24 * 3600;

export const inboxKey = (consumer: string, eventId: string) => ({ pk: `INBOX#${consumer}#${eventId}`, sk: 'INBOX' });

/**
 * The marker that an event was applied by a consumer, conditioned on being new: `applyOnce`
 * writes it, and a consumer whose effect goes through another use case's transaction adds it
 * to that transaction's items.
 */
export function inboxMarker(consumer: string, eventId: string, now: Date): WriteItem {
  return {
    Put: {
      Item: {
        ...inboxKey(consumer, eventId),
        kind: 'inbox',
        consumer,
        eventId,
        at: now.toISOString(),
        ttl: Math.floor(now.getTime() / 1000) + INBOX_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export type ApplyResult = { applied: true; events: OutboxEvent[] } | { applied: false; reason: 'duplicate' };

/**
 * Applies a consumer's effect at most once per event: the event id is recorded in
 * the same transaction as the effect, so a redelivered event changes nothing.
 */
export async function applyOnce(
  db: Db,
  consumer: string,
  eventId: string,
  change: ChangeSet,
  ctx: WriteContext,
): Promise<ApplyResult> {
  const marker = inboxMarker(consumer, eventId, ctx.now());
  try {
    const events = await commit(db, { ...change, items: [marker, ...change.items] }, ctx);
    return { applied: true, events };
  } catch (error) {
    if (error instanceof ConditionFailedError && error.index === 0) return { applied: false, reason: 'duplicate' };
    throw error;
  }
}
