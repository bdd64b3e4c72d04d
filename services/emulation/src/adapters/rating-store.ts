import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Rating } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, stripKeys, TransactionConflictError } from '@congdoan/ddb';
import type { RatingStore } from '../app/nomination-ports.ts';
import { ratingKey } from './keys.ts';

export function createRatingStore(db: Db): RatingStore {
  return {
    async get(unitId, year) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: ratingKey(unitId, year), ConsistentRead: true }),
      );
      return Item ? stripKeys<Rating>(Item) : undefined;
    },
    async save(before, after, action, ctx) {
      const condition = before
        ? {
            ConditionExpression: '#version = :read',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':read': before.version },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' };
      try {
        await commit(
          db,
          {
            items: [
              { Put: { Item: { ...ratingKey(after.unitId, after.year), ...after, kind: 'rating' }, ...condition } },
            ],
            audit: [
              {
                entityType: 'rating',
                entityId: `${after.unitId}#${after.year}`,
                action,
                before: before ?? null,
                after,
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError) throw new TransactionConflictError(error);
        throw error;
      }
    },
  };
}
