import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type MemberDuesStanding, memberDuesStandingSchema } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db } from '@congdoan/ddb';
import type { DuesStandings } from '../app/ports.ts';
import { duesStandingKey } from './keys.ts';

/** Members' dues standing as finance announced it, the highest version kept (events come in any order, and again). */
export function createDuesStandings(db: Db): DuesStandings {
  return {
    async get(memberId) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: duesStandingKey(memberId), ConsistentRead: true }),
      );
      return Item ? memberDuesStandingSchema.parse(Item) : undefined;
    },
    async apply(standing: MemberDuesStanding, ctx) {
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: { ...duesStandingKey(standing.memberId), kind: 'dues-standing', ...standing },
                  ConditionExpression: 'attribute_not_exists(pk) OR version < :version',
                  ExpressionAttributeValues: { ':version': standing.version },
                },
              },
            ],
          },
          ctx,
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionFailedError) return false;
        throw error;
      }
    },
  };
}
