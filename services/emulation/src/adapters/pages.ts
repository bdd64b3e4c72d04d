import { type Db, queryPage } from '@congdoan/ddb';

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
  const { items, nextCursor } = await queryPage(
    db,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: prefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': list.gsi1pk, ...(prefix ? { ':prefix': prefix } : {}) },
    },
    page,
    { gsi1pk: list.gsi1pk, gsi1sk: { prefix } },
  );
  return { items: items.map(fromItem), nextCursor };
}
