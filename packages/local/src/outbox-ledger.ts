/**
 * The safety net under the stream pollers. DynamoDB Local keeps a table's stream in its
 * `-dbPath` database across restarts, so the pollers resume from their checkpoints and an
 * event written while the platform was down is still delivered. But stream records are
 * trimmed after 24 hours (DynamoDB Local does this too): a platform stopped for longer with
 * undelivered outbox items would lose them. So the platform records each event the bus has
 * taken (`<dataDir>/outbox-ledger.jsonl`), and on start, once the pollers have caught up,
 * publishes any outbox item older than the start that the ledger does not know.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { appendFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { OUTBOX_KIND } from '@congdoan/ddb';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files.ts';

/** Outbox items expire after 7 days; ledger entries are kept a day longer. */
const KEEP_MS = 8 * 24 * 3600 * 1000;

interface LedgerLine {
  eventId: string;
  at: string;
}

export interface OutboxLedger {
  has(eventId: string): boolean;
  /** Resolves once the entry is on disk. */
  record(eventId: string): Promise<void>;
  readonly size: number;
  /** Whether it was read from a file kept by an earlier run. */
  readonly persisted: boolean;
}

/** A ledger in `path`, or in memory when `path` is null. */
export async function openOutboxLedger(path: string | null, now = new Date()): Promise<OutboxLedger> {
  const entries = new Map<string, string>();
  const persisted = path !== null && existsSync(path);
  if (path && persisted) {
    let dropped = 0;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as LedgerLine;
        if (now.getTime() - Date.parse(entry.at) > KEEP_MS) dropped++;
        else entries.set(entry.eventId, entry.at);
      } catch {
        dropped++; // a line cut short by a crash mid-append
      }
    }
    if (dropped > 0) {
      const tmp = `${path}.${process.pid}.tmp`;
      const text = [...entries].map(([eventId, at]) => `${JSON.stringify({ eventId, at })}\n`).join('');
      await writeFile(tmp, text, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
      await rename(tmp, path);
    }
  } else if (path) {
    mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  }
  let writes: Promise<void> = Promise.resolve();
  return {
    has: (eventId) => entries.has(eventId),
    record(eventId) {
      if (entries.has(eventId)) return writes;
      const at = new Date().toISOString();
      entries.set(eventId, at);
      if (!path) return Promise.resolve();
      const line = `${JSON.stringify({ eventId, at })}\n`;
      writes = writes.then(() => appendFile(path, line, { encoding: 'utf8', mode: PRIVATE_FILE_MODE }));
      return writes;
    },
    get size() {
      return entries.size;
    },
    persisted,
  };
}

export interface StrandedEvent {
  eventId: string;
  source: string;
  detailType: string;
  detail: unknown;
}

/**
 * Outbox items of `tableName` written before `before` whose event the ledger has not seen.
 * A Scan: this runs once per start on a local table, never in a service.
 */
export async function findStrandedOutboxEvents(
  dynamodb: DynamoDBClient,
  tableName: string,
  ledger: OutboxLedger,
  before: Date,
): Promise<StrandedEvent[]> {
  const client = DynamoDBDocumentClient.from(dynamodb);
  const stranded: StrandedEvent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#kind = :outbox',
        ExpressionAttributeNames: { '#kind': 'kind' },
        ExpressionAttributeValues: { ':outbox': OUTBOX_KIND },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      let detail: { metadata?: { eventId?: string; occurredAt?: string } };
      try {
        detail = JSON.parse(String(item.detail));
      } catch {
        continue;
      }
      const eventId = detail.metadata?.eventId;
      const occurredAt = Date.parse(detail.metadata?.occurredAt ?? '');
      if (!eventId || ledger.has(eventId) || !(occurredAt < before.getTime())) continue;
      stranded.push({ eventId, source: String(item.source), detailType: String(item.detailType), detail });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return stranded.sort((a, b) => occurredAtOf(a) - occurredAtOf(b));
}

function occurredAtOf(event: StrandedEvent): number {
  return Date.parse((event.detail as { metadata?: { occurredAt?: string } }).metadata?.occurredAt ?? '') || 0;
}
