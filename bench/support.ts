/** What the DynamoDB Local benches share: the table on a fresh DynamoDB Local, batch writes, and counted calls. */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type ServiceName, serviceTable, tableEnvVar } from '@congdoan/contracts';
import { type Db, dbFromEnv, ensureTable } from '@congdoan/ddb';
import { type DynamoDbLocal, startDynamoDbLocal } from '@congdoan/local';

// ---------------------------------------------------------------------------
// DynamoDB calls, counted by a middleware on the one client every adapter shares.

const calls = new Map<string, number>();

export function countCalls(db: Db): void {
  db.raw.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCallCounter' },
  );
}

/** The calls so far, to subtract later (`since`). */
export const snapshot = () => new Map(calls);

/** The calls made since `before`, by operation. */
export function since(before: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, n] of calls) {
    const d = n - (before.get(name) ?? 0);
    if (d > 0) out.set(name, d);
  }
  return out;
}

export const total = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);

/** `Query 2.00, GetItem 1.00`: the calls by operation, most first, each divided by `per`. */
export const byOperation = (m: Map<string, number>, per = 1, digits = per === 1 ? 0 : 2) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${(n / per).toFixed(digits)}`)
    .join(', ');

// ---------------------------------------------------------------------------

/** Puts the items with BatchWriteItem, 25 a call and `concurrency` calls in flight, retrying unprocessed items. */
export async function batchWrite(db: Db, items: Record<string, unknown>[], concurrency: number): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  const worker = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const out = await db.client.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }));
        requests = (out.UnprocessedItems?.[db.tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Runs `bench` against `service`'s table, created as `table` on a fresh in-memory
 * DynamoDB Local that every adapter reaches through the environment, with its calls
 * counted; logs stay silent unless asked for. DynamoDB Local stops afterwards.
 */
export async function onDynamoDbLocal(
  service: ServiceName,
  table: string,
  region: string,
  bench: (db: Db) => Promise<void>,
): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  let ddb: DynamoDbLocal | undefined;
  try {
    ddb = await startDynamoDbLocal({ dataDir: null });
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: ddb.endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      [tableEnvVar(service)]: table,
    });
    const db = dbFromEnv(service);
    await ensureTable(db.raw, serviceTable(service), table);
    countCalls(db);
    await bench(db);
  } finally {
    await ddb?.stop();
  }
}
