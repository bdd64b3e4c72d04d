import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '@congdoan/ddb';
import type { CdcsDirectory } from '../app/reconciliation/ports.ts';
import { CDCS_INDEX_PK } from './reconciliation-keys.ts';

/**
 * Every CĐCS finance knows, from the sparse gsi2 on unit profiles
 * (`cdcsIndex` in `./reconciliation-keys.ts`): one paginated Query for the
 * active ones, one for those dissolved since a day. Never a Scan.
 */
export function createCdcsDirectory(db: Db): CdcsDirectory {
  const query = async (condition: string, values: Record<string, string>): Promise<string[]> => {
    const ids: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: `gsi2pk = :pk AND ${condition}`,
          ExpressionAttributeValues: { ':pk': CDCS_INDEX_PK, ...values },
          ProjectionExpression: 'unitId',
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of out.Items ?? []) ids.push(String(item.unitId));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return ids;
  };
  return {
    async list(dissolvedSince) {
      const [active, dissolved] = await Promise.all([
        query('begins_with(gsi2sk, :active)', { ':active': 'active#' }),
        query('gsi2sk BETWEEN :from AND :to', { ':from': `dissolved#${dissolvedSince}`, ':to': 'dissolved#\uffff' }),
      ]);
      return [...new Set([...active, ...dissolved])].sort();
    },
  };
}
