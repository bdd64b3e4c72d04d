import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  ConditionFailedError,
  commit,
  type Db,
  staleOnConditionFailure,
  TransactionConflictError,
} from '@congdoan/ddb';
import type { BudgetStore } from '../app/ledger/ports.ts';
import type { Budget } from '../domain/ledger/budget.ts';
import { KIND } from './ledger-keys.ts';

/** A unit's budget for a year: one item, replaced whole under its version. */
export const budgetKey = (unitId: string, year: number) => ({ pk: `BUDGET#${unitId}`, sk: `YEAR#${year}` });

export function createBudgetStore(db: Db): BudgetStore {
  return {
    async get(unitId, year) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: budgetKey(unitId, year), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { pk: _pk, sk: _sk, kind: _kind, ...budget } = Item;
      return budget as Budget;
    },

    async save(before, after, ctx, ifMatch) {
      const condition = before
        ? {
            ConditionExpression: '#version = :v',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':v': before.version },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' };
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: { ...budgetKey(after.unitId, after.year), kind: KIND.budget, ...after },
                  ...condition,
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
            ],
            audit: [
              {
                entityType: 'budget',
                entityId: `${after.unitId}:${after.year}`,
                action: before ? 'replace' : 'create',
                before: before ?? null,
                after,
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        if (!(error instanceof ConditionFailedError) || error.index !== 0) throw error;
        // Someone saved the budget since it was read: a 412 against If-Match, else read again.
        if (ifMatch !== undefined) throw staleOnConditionFailure(error, 0, ifMatch);
        throw new TransactionConflictError(error);
      }
    },
  };
}
