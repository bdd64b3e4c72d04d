import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, queryAll } from '@congdoan/ddb';

/** Every item of one partition, all pages read consistently. */
export const partition = (db: Db, pk: string): Promise<Record<string, unknown>[]> =>
  queryAll(db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });

/** Every outbox item of a test's own table (a Scan is fine on a table only one test file uses). */
export async function outboxItems(db: Db): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: '#kind = :outbox',
        ExpressionAttributeNames: { '#kind': 'kind' },
        ExpressionAttributeValues: { ':outbox': 'outbox' },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
