import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DuesRateResolution, FinanceUnitProfile } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, stripKeys, type WriteContext, type WriteItem } from '@congdoan/ddb';
import { nextProfile } from '../domain/unit-profile.ts';
import { taxIdIndex, unitProfileKey } from './keys.ts';
import { cdcsIndex } from './reconciliation-keys.ts';

export interface UnitProfileStore {
  /** The profile with its funding history and dues-rate resolutions: one consistent Get. */
  get(unitId: string): Promise<FinanceUnitProfile | undefined>;
  /**
   * Applies a unit event's profile when `profile.sourceVersion` is newer than the
   * stored one (false when stale or a duplicate): the profile's facts, its tax-ID
   * and CĐCS index keys, and the funding history carried forward. Attributes the
   * event does not own (the resolutions) are kept.
   */
  upsertIfNewer(profile: FinanceUnitProfile, ctx: WriteContext): Promise<boolean>;
  /**
   * The write appending a dues-rate resolution to the profile, on the condition
   * that the unit still has exactly the `count` resolutions it was checked against.
   */
  rateResolutionWrite(unitId: string, count: number, resolution: DuesRateResolution): WriteItem;
}

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

    rateResolutionWrite(unitId, count, resolution) {
      return {
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
      };
    },
  };
}
