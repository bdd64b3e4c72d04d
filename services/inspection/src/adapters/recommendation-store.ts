import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Recommendation } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, queryPage, stripKeys } from '@congdoan/ddb';
import type { RecommendationStore } from '../app/ports.ts';
import { datedBefore } from './date-index.ts';
import { DEADLINE_INDEX_PK, deadlineIndex, recommendationKey, unitRecommendationsIndex } from './keys.ts';
import { versioned, write } from './writes.ts';

/** Open and in-progress recommendations carry the deadline index; done and overdue ones leave it. */
const watched = (status: Recommendation['status']) => status === 'open' || status === 'in-progress';

export const recommendationItem = (rec: Recommendation) => ({
  ...recommendationKey(rec.id),
  kind: 'recommendation',
  ...unitRecommendationsIndex(rec.inspectedUnitId, rec.status, rec.deadline, rec.id),
  ...(watched(rec.status) ? deadlineIndex(rec.deadline, rec.id) : {}),
  ...rec,
});

const fromItem = (item: Record<string, unknown>) => stripKeys<Recommendation>(item);

export function createRecommendationStore(db: Db): RecommendationStore {
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: recommendationKey(id), ConsistentRead: true }),
      );
      return Item ? fromItem(Item) : undefined;
    },
    async getMany(ids) {
      const found: Recommendation[] = [];
      // BatchGetItem takes 100 keys; what it leaves unprocessed (throttling) is asked for again.
      for (let i = 0; i < ids.length; i += 100) {
        let keys: Record<string, unknown>[] = ids.slice(i, i + 100).map(recommendationKey);
        for (let attempt = 0; keys.length > 0; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
          const out = await db.client.send(new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: keys } } }));
          found.push(...(out.Responses?.[db.tableName] ?? []).map(fromItem));
          keys = out.UnprocessedKeys?.[db.tableName]?.Keys ?? [];
        }
      }
      return found;
    },
    async listOfUnit(unitId, status, page) {
      const { gsi1pk } = unitRecommendationsIndex(unitId, '', '', '');
      const prefix = status ? `${status}#` : '';
      const { items, nextCursor } = await queryPage(
        db,
        {
          IndexName: 'gsi1',
          KeyConditionExpression: prefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': gsi1pk, ...(prefix ? { ':prefix': prefix } : {}) },
        },
        page,
        // A cursor is the client's input: it must continue this unit's list, of this status.
        { gsi1pk, gsi1sk: { prefix } },
      );
      return { items: items.map(fromItem), nextCursor };
    },
    async save(before, after, ctx, ifMatch) {
      await write(
        db,
        [['record', versioned(recommendationItem(after), before.version)]],
        { audit: [{ entityType: 'recommendation', entityId: after.id, action: 'follow-up', before, after }] },
        ctx,
        ifMatch,
      );
    },
    async dueBefore(day, limit) {
      return (await datedBefore(db, DEADLINE_INDEX_PK, day, limit)).map(fromItem);
    },
    async markOverdue(rec, today, event, ctx) {
      const now = ctx.now().toISOString();
      const after: Recommendation = { ...rec, status: 'overdue', overdueSince: today, updatedAt: now };
      try {
        await commit(
          db,
          {
            items: [
              {
                Update: {
                  Key: recommendationKey(rec.id),
                  // Only the status moves: notes a follow-up wrote meanwhile stay as they are.
                  UpdateExpression:
                    'SET #status = :overdue, overdueSince = :today, updatedAt = :now, gsi1sk = :sk ADD #version :one REMOVE gsi2pk, gsi2sk',
                  ConditionExpression: '#status IN (:open, :progress)',
                  ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                  ExpressionAttributeValues: {
                    ':overdue': 'overdue',
                    ':today': today,
                    ':now': now,
                    ':sk': unitRecommendationsIndex(rec.inspectedUnitId, 'overdue', rec.deadline, rec.id).gsi1sk,
                    ':one': 1,
                    ':open': 'open',
                    ':progress': 'in-progress',
                  },
                },
              },
            ],
            events: [event],
            audit: [{ entityType: 'recommendation', entityId: rec.id, action: 'overdue', before: rec, after }],
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
