import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { applyOnce, ConditionFailedError, type Db, stripKeys } from '@congdoan/ddb';
import type { BaseSalaries } from '../app/prize-ports.ts';
import type { BaseSalaryVersion } from '../domain/prize.ts';
import { BASE_SALARY_PK, baseSalaryKey } from './keys.ts';

/** The consumer's name in the inbox: one marker per event applied. */
export const BASE_SALARY_CONSUMER = 'emulation-base-salary';

/** Lương cơ sở as finance announced it, in one partition of emulation's table. */
export function createBaseSalaries(db: Db): BaseSalaries {
  return {
    async apply(eventId, v, ctx) {
      try {
        const result = await applyOnce(
          db,
          BASE_SALARY_CONSUMER,
          eventId,
          {
            items: [
              {
                Put: {
                  Item: { ...baseSalaryKey(v.effectiveFrom), kind: 'base-salary', ...v },
                  ConditionExpression: 'attribute_not_exists(pk) OR #version < :version',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':version': v.version },
                },
              },
            ],
          },
          ctx,
        );
        return result.applied ? 'applied' : 'duplicate';
      } catch (error) {
        if (error instanceof ConditionFailedError) return 'superseded';
        throw error;
      }
    },

    async inForceOn(day) {
      const page = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND sk <= :to',
          ExpressionAttributeValues: { ':pk': BASE_SALARY_PK, ':to': baseSalaryKey(day).sk },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      const item = page.Items?.[0];
      return item ? stripKeys<BaseSalaryVersion>(item) : undefined;
    },
  };
}
