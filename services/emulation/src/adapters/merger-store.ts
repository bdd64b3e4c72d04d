import { ConditionFailedError, commit, type Db, queryAll } from '@congdoan/ddb';
import type { UnitMergers } from '../app/unit-mergers.ts';
import { unitMergerKey, unitMergersPk } from './keys.ts';

export function createUnitMergers(db: Db): UnitMergers {
  return {
    async record(merger, ctx) {
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: { ...unitMergerKey(merger.unitId, merger.absorbedUnitId), kind: 'unit-merger', ...merger },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          },
          ctx,
        );
        return 'applied';
      } catch (error) {
        if (error instanceof ConditionFailedError) return 'duplicate';
        throw error;
      }
    },

    async into(unitId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': unitMergersPk(unitId) },
        ConsistentRead: true,
      });
      return items.map((i) => ({
        unitId: String(i.unitId),
        absorbedUnitId: String(i.absorbedUnitId),
        date: String(i.date),
      }));
    },
  };
}
