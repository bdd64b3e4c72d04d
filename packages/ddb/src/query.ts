import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
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
