import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { boundStartKey, type CursorBinding, decodeCursor, encodeCursor } from '@congdoan/contracts';
import type { Db } from './client.ts';

/** A Query on the service's table, without the table name (added here) or a start key (paging is done here). */
export type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/**
 * Every page of a Query, following `LastEvaluatedKey` until the last one. On the
 * table itself the reads are strongly consistent unless `ConsistentRead: false`
 * is given; on a GSI (`IndexName`), which cannot be read consistently, they are
 * eventually consistent. `Limit`, if given, bounds each page, not the total.
 */
export async function* queryPages(db: Db, input: QueryInput): AsyncGenerator<Record<string, unknown>[]> {
  const consistent = input.ConsistentRead ?? !input.IndexName;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({ ...input, TableName: db.tableName, ConsistentRead: consistent, ExclusiveStartKey: startKey }),
    );
    yield (page.Items ?? []) as Record<string, unknown>[];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * One page of a list a client reads by cursor: `page.limit` items of the Query from where the
 * client's cursor left off, and the cursor of the next page (`null` after the last). A cursor is
 * the client's input, so it must continue this very list: its key attributes (the table's, and
 * the index's when `IndexName` is given) all present, with the values `bound` names (exact, or a
 * `prefix`); any other is the 400 `invalid-cursor`, never a read from elsewhere.
 */
export async function queryPage(
  db: Db,
  input: QueryInput,
  page: { limit: number; cursor?: string },
  bound: CursorBinding,
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const keys = input.IndexName ? ['pk', 'sk', `${input.IndexName}pk`, `${input.IndexName}sk`] : ['pk', 'sk'];
  const start = boundStartKey(decodeCursor(page.cursor), bound, keys);
  const out = await db.client.send(
    new QueryCommand({
      ...input,
      TableName: db.tableName,
      Limit: page.limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  return {
    items: (out.Items ?? []) as Record<string, unknown>[],
    nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null,
  };
}

/** Every item a Query matches, all pages read (see `queryPages`). */
export async function queryAll(db: Db, input: QueryInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of queryPages(db, input)) items.push(...page);
  return items;
}

/** The key and index attributes every item of a service table may carry, which no domain object has. */
const STORAGE_ATTRIBUTES = ['pk', 'sk', 'kind', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'] as const;

/** An item as its domain object: without `pk`, `sk`, the item `kind` and the GSI keys. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const rest: Record<string, unknown> = { ...item };
  for (const attribute of STORAGE_ATTRIBUTES) delete rest[attribute];
  return rest as T;
}
