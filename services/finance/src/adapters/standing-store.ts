import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { ConditionFailedError, commit, type Db } from '@congdoan/ddb';
import { StandingOvertakenError, type StandingStore } from '../app/dues/ports.ts';
import type { DuesStanding } from '../domain/dues/standing.ts';
import { DUES_STANDING_KIND, duesStandingKey } from './dues-keys.ts';

/** DynamoDB's limit on keys in one BatchGetItem. */
const BATCH_GET_KEYS = 100;

const standingOf = (item: Record<string, unknown>): DuesStanding => ({
  memberId: String(item.memberId),
  unitId: String(item.unitId),
  asOf: item.asOf as DuesStanding['asOf'],
  monthsInArrears: Number(item.monthsInArrears),
  outstanding: Number(item.outstanding),
  removalCandidate: item.removalCandidate === true,
  version: Number(item.version),
});

/** Members' last announced dues standings over the finance table. */
export function createStandingStore(db: Db): StandingStore {
  const table = db.tableName;
  return {
    async lastAnnounced(memberIds) {
      const found = new Map<string, DuesStanding>();
      const unique = [...new Set(memberIds)];
      for (let i = 0; i < unique.length; i += BATCH_GET_KEYS) {
        let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + BATCH_GET_KEYS).map(duesStandingKey);
        while (keys && keys.length > 0) {
          const out: BatchGetCommandOutput = await db.client.send(
            new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
          );
          for (const item of out.Responses?.[table] ?? []) found.set(String(item.memberId), standingOf(item));
          keys = out.UnprocessedKeys?.[table]?.Keys;
        }
      }
      return found;
    },

    async announce(standing, previous, events, ctx) {
      const read = standing.version - 1;
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: {
                    ...duesStandingKey(standing.memberId),
                    kind: DUES_STANDING_KIND,
                    ...standing,
                    updatedAt: ctx.now().toISOString(),
                  },
                  ConditionExpression: read === 0 ? 'attribute_not_exists(pk)' : 'version = :read',
                  ...(read === 0 ? {} : { ExpressionAttributeValues: { ':read': read } }),
                },
              },
            ],
            events,
            audit: [
              {
                entityType: 'dues-standing',
                entityId: standing.memberId,
                action: 'announce',
                before: previous ?? null,
                after: standing,
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError && error.index === 0)
          throw new StandingOvertakenError(standing.memberId);
        throw error;
      }
    },
  };
}
