import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { FinanceUnitProfile } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, type WriteContext } from '@congdoan/ddb';
import { taxIdIndex, unitProfileKey } from './keys.ts';
import { cdcsIndex } from './reconciliation-keys.ts';

export interface UnitProfileStore {
  get(unitId: string): Promise<FinanceUnitProfile | undefined>;
  /** Upserts when `profile.sourceVersion` is newer than the stored one; false when stale or a duplicate. */
  upsertIfNewer(profile: FinanceUnitProfile, ctx: WriteContext): Promise<boolean>;
}

export function createUnitProfileStore(db: Db): UnitProfileStore {
  return {
    async get(unitId) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: unitProfileKey(unitId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { pk: _pk, sk: _sk, kind: _kind, gsi1pk: _g1, gsi1sk: _g2, gsi2pk: _g3, gsi2sk: _g4, ...profile } = Item;
      return profile as FinanceUnitProfile;
    },

    async upsertIfNewer(profile, ctx) {
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: {
                    ...unitProfileKey(profile.unitId),
                    kind: 'unit-profile',
                    ...profile,
                    ...(profile.taxId ? taxIdIndex(profile.taxId, profile.unitId) : {}),
                    ...cdcsIndex(profile),
                  },
                  ConditionExpression: 'attribute_not_exists(pk) OR sourceVersion < :v',
                  ExpressionAttributeValues: { ':v': profile.sourceVersion },
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
