import { type AttributeValue, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { countCommittedEvents } from '@congdoan/telemetry';
import { type AuditEntry, auditItem } from './audit.ts';
import type { Db } from './client.ts';
import type { WriteContext } from './context.ts';
import { type OutboxEvent, outboxItem, type PendingEvent, toOutboxEvent } from './outbox.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A write item without its table name: `commit` adds it. */
export type WriteItem =
  | { Put: Omit<NonNullable<TransactItem['Put']>, 'TableName'> }
  | { Update: Omit<NonNullable<TransactItem['Update']>, 'TableName'> }
  | { Delete: Omit<NonNullable<TransactItem['Delete']>, 'TableName'> }
  | { ConditionCheck: Omit<NonNullable<TransactItem['ConditionCheck']>, 'TableName'> };

export interface ChangeSet {
  /** State changes, each with the condition that keeps it correct under concurrency. */
  items: readonly WriteItem[];
  /** Domain events, written to the outbox in the same transaction. */
  events?: readonly PendingEvent[];
  /** One audit record per changed entity. */
  audit?: readonly AuditEntry[];
}

/** DynamoDB's limit on items in one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

/** A condition of item `index` in `items` failed; `item` is its state then, when it existed. */
export class ConditionFailedError extends Error {
  constructor(
    readonly index: number,
    readonly item: Record<string, unknown> | undefined,
  ) {
    super(`condition of write item ${index} failed`);
    this.name = 'ConditionFailedError';
  }
}

/** Another transaction touched the same items at the same moment; re-reading and retrying is safe. */
export class TransactionConflictError extends Error {
  constructor(cause: unknown) {
    super('transaction conflict', { cause });
    this.name = 'TransactionConflictError';
  }
}

/**
 * Writes state, outbox events and audit records in ONE TransactWriteItems, so an
 * event is published if and only if its state change happened. Once it has, the
 * events count toward the business metrics whose `countsEvent` they are, in the
 * invocation around the caller (`@congdoan/telemetry`).
 */
export async function commit(db: Db, change: ChangeSet, ctx: WriteContext): Promise<OutboxEvent[]> {
  const events = (change.events ?? []).map((e) => toOutboxEvent(e, ctx));
  const now = ctx.now();
  const audits = (change.audit ?? []).map((a, i) => auditItem(a, ctx, events[i]?.detail.metadata.eventId));
  const items: TransactItem[] = [
    ...change.items.map((item) => withTable(item, db.tableName)),
    ...events.map((e) => ({
      Put: { TableName: db.tableName, Item: outboxItem(e, now), ConditionExpression: 'attribute_not_exists(pk)' },
    })),
    ...audits.map((a) => ({ Put: { TableName: db.tableName, Item: a } })),
  ];
  if (items.length > MAX_TRANSACTION_ITEMS) {
    throw new Error(`a transaction holds at most ${MAX_TRANSACTION_ITEMS} items, this one ${items.length}`);
  }
  try {
    await db.client.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    throw translate(error);
  }
  countCommittedEvents(events.map((e) => e.detailType));
  return events;
}

function withTable(item: WriteItem, tableName: string): TransactItem {
  if ('Put' in item) return { Put: { ...item.Put, TableName: tableName } };
  if ('Update' in item) return { Update: { ...item.Update, TableName: tableName } };
  if ('Delete' in item) return { Delete: { ...item.Delete, TableName: tableName } };
  return { ConditionCheck: { ...item.ConditionCheck, TableName: tableName } };
}

function translate(error: unknown): unknown {
  if (!(error instanceof TransactionCanceledException)) return error;
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
  if (failed >= 0) {
    const old = reasons[failed]?.Item;
    // Cancellation reasons come back in DynamoDB JSON even through the DocumentClient.
    return new ConditionFailedError(failed, old ? unmarshall(old as Record<string, AttributeValue>) : undefined);
  }
  if (reasons.some((r) => r.Code === 'TransactionConflict')) return new TransactionConflictError(error);
  return error;
}

/**
 * Runs a read-modify-write again when DynamoDB reports a transaction conflict,
 * with jittered backoff. Conditions still decide the outcome.
 */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof TransactionConflictError) || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
    }
  }
}

/**
 * Runs tasks that share a key one after another within this process, so requests
 * that would only collide on the same items (in the local platform, or a test)
 * take turns instead of failing and backing off. Across processes (Lambda
 * instances) conditions and `retryOnConflict` still decide: correctness never
 * depends on this queue.
 */
export function keyedTurns() {
  const tails = new Map<string, Promise<unknown>>();
  return async function turn<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
