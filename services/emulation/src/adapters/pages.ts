import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { boundStartKey, decodeCursor, encodeCursor } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';

/**
 * One page of a gsi1 list (`gsi1pk`, its sort keys starting with `prefix`), the client's cursor
 * bound to this very list: one from another list is the 400 `invalid-cursor`.
 */
export async function gsi1Page<T>(
  db: Db,
  list: { gsi1pk: string; prefix?: string },
  page: { limit: number; cursor?: string },
  fromItem: (item: Record<string, unknown>) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const prefix = list.prefix ?? '';
  const start = boundStartKey(decodeCursor(page.cursor), { gsi1pk: list.gsi1pk, gsi1sk: { prefix } }, [
    'pk',
    'sk',
    'gsi1pk',
    'gsi1sk',
  ]);
  const out = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: prefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': list.gsi1pk, ...(prefix ? { ':prefix': prefix } : {}) },
      Limit: page.limit,
      ExclusiveStartKey: start,
    }),
  );
  return {
    items: (out.Items ?? []).map(fromItem),
    nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null,
  };
}
