import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionFailedError, commit, type Db, staleOnConditionFailure, type WriteContext } from '@congdoan/ddb';
import type { Budget } from '../domain/ledger/budget.ts';
import { KIND } from './ledger-keys.ts';

/** A unit's budget for a year: one item, replaced whole under its version. */
export const budgetKey = (unitId: string, year: number) => ({ pk: `BUDGET#${unitId}`, sk: `YEAR#${year}` });

export interface BudgetStore {
  get(unitId: string, year: number): Promise<Budget | undefined>;
  /**
   * Writes `after` (version = before's + 1, or 1) if the stored budget is still
   * `before` (absent when undefined). With `ifMatch`, a stale version is a 412;
   * without, a concurrent change comes back as `ConditionFailedError` for the
   * use case to read again.
   */
  save(before: Budget | undefined, after: Budget, ctx: WriteContext, ifMatch?: number): Promise<void>;
}

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
        if (ifMatch !== undefined && error instanceof ConditionFailedError && error.index === 0) {
          throw staleOnConditionFailure(error, 0, ifMatch);
        }
        throw error;
      }
    },
  };
}
