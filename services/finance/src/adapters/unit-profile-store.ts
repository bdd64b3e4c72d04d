import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { FinanceUnitProfile } from '@congdoan/contracts';
import {
  ConditionFailedError,
  commit,
  type Db,
  stripKeys,
  TransactionConflictError,
  type WriteItem,
} from '@congdoan/ddb';
import type { UnitProfileStore } from '../app/ports.ts';
import { nextProfile } from '../domain/unit-profile.ts';
import { taxIdIndex, unitProfileKey } from './keys.ts';
import { cdcsIndex } from './reconciliation-keys.ts';

/** The profile's own attributes, which each unit event rewrites; everything else on the item is kept. */
const PROFILE_ATTRIBUTES = [
  'unitId',
  'code',
  'name',
  'level',
  'parentId',
  'status',
  'taxId',
  'agencyName',
  'fundingType',
  'sourceVersion',
  'updatedAt',
  'fundingHistory',
] as const satisfies readonly (keyof FinanceUnitProfile)[];

/** Enough for every concurrent delivery of one unit's events to land. */
const UPSERT_ATTEMPTS = 10;

export function createUnitProfileStore(db: Db): UnitProfileStore {
  async function read(unitId: string): Promise<FinanceUnitProfile | undefined> {
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: unitProfileKey(unitId), ConsistentRead: true }),
    );
    return Item ? stripKeys<FinanceUnitProfile>(Item) : undefined;
  }

  /**
   * One Update setting the profile's attributes and index keys (removing an index
   * key the profile no longer has), on the condition that the item is still the
   * version the history was built from.
   */
  function upsertItem(stored: FinanceUnitProfile | undefined, next: FinanceUnitProfile): WriteItem {
    const set: Record<string, unknown> = {
      kind: 'unit-profile',
      ...Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, next[a] ?? null])),
      ...(next.taxId ? taxIdIndex(next.taxId, next.unitId) : {}),
      ...cdcsIndex(next),
    };
    const remove = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].filter((a) => !(a in set));
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const assignments = Object.entries(set).map(([attribute, value], i) => {
      names[`#a${i}`] = attribute;
      values[`:a${i}`] = value;
      return `#a${i} = :a${i}`;
    });
    const removals = remove.map((attribute, i) => {
      names[`#r${i}`] = attribute;
      return `#r${i}`;
    });
    names['#v'] = 'sourceVersion';
    if (stored) values[':read'] = stored.sourceVersion;
    return {
      Update: {
        Key: unitProfileKey(next.unitId),
        UpdateExpression: `SET ${assignments.join(', ')}${removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''}`,
        ConditionExpression: stored ? '#v = :read' : 'attribute_not_exists(#v)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  return {
    get: read,

    async upsertIfNewer(profile, ctx) {
      for (let attempt = 1; ; attempt++) {
        const stored = await read(profile.unitId);
        if (stored && stored.sourceVersion >= profile.sourceVersion) return false;
        try {
          await commit(db, { items: [upsertItem(stored, nextProfile(stored, profile))] }, ctx);
          return true;
        } catch (error) {
          // Another event of the unit landed between the read and the write: read again.
          if (!(error instanceof ConditionFailedError) || attempt >= UPSERT_ATTEMPTS) throw error;
        }
      }
    },

    async addRateResolution(unitId, existing, resolution, ctx) {
      const count = existing.length;
      try {
        await commit(
          db,
          {
            items: [
              {
                Update: {
                  Key: unitProfileKey(unitId),
                  UpdateExpression: 'SET #r = list_append(if_not_exists(#r, :empty), :added)',
                  ConditionExpression:
                    count === 0
                      ? 'attribute_exists(pk) AND (attribute_not_exists(#r) OR size(#r) = :n)'
                      : 'attribute_exists(pk) AND size(#r) = :n',
                  ExpressionAttributeNames: { '#r': 'duesRateResolutions' },
                  ExpressionAttributeValues: { ':empty': [], ':added': [resolution], ':n': count },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
            ],
            audit: [
              {
                entityType: 'dues-rate-resolution',
                entityId: `${unitId}:${resolution.effectiveFrom}`,
                action: resolution.rateBp === null ? 'end' : 'record',
                before: existing.at(-1) ?? null,
                after: resolution,
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        // Another resolution of the unit got in first: the use case reads and checks again.
        if (error instanceof ConditionFailedError && error.index === 0) throw new TransactionConflictError(error);
        throw error;
      }
    },
  };
}
