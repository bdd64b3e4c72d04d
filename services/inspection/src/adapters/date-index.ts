import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '@congdoan/ddb';

/**
 * The items of a date index (`gsi2`, one partition, sorted by day) dated before `day`, at most
 * `limit`: one Query, never a Scan. The deadline index of recommendations and the lapse index of
 * discipline decisions are read this way by their daily schedules.
 */
export async function datedBefore(
  db: Db,
  partition: string,
  day: string,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const out = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :day',
      ExpressionAttributeValues: { ':pk': partition, ':day': day },
      Limit: limit,
    }),
  );
  return out.Items ?? [];
}
