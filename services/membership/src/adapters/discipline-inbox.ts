import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { applyOnce, ConditionFailedError, type Db, inboxMarker, type WriteItem } from '@congdoan/ddb';
import type { DisciplineInbox, DisciplineMark } from '../app/discipline/ports.ts';
import { disciplineVersionKey } from './keys.ts';

/** The consumer's name in the inbox: one marker per event applied. */
export const DISCIPLINE_CONSUMER = 'membership-discipline';

/** The decision's version, written only over a lower one: a late or repeated event fails the condition. */
const versionPut = (mark: DisciplineMark): WriteItem => ({
  Put: {
    Item: { ...disciplineVersionKey(mark.disciplineId), kind: 'discipline-version', version: mark.version },
    ConditionExpression: 'attribute_not_exists(pk) OR #version < :version',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':version': mark.version },
  },
});

export function createDisciplineInbox(db: Db): DisciplineInbox {
  return {
    async keptVersion(disciplineId) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: disciplineVersionKey(disciplineId), ConsistentRead: true }),
      );
      return Item ? Number(Item.version) : 0;
    },
    marks(mark, now) {
      return [inboxMarker(DISCIPLINE_CONSUMER, mark.eventId, now), versionPut(mark)];
    },
    async record(mark, ctx) {
      try {
        const result = await applyOnce(db, DISCIPLINE_CONSUMER, mark.eventId, { items: [versionPut(mark)] }, ctx);
        return result.applied;
      } catch (error) {
        // A later version of the decision was applied first.
        if (error instanceof ConditionFailedError) return false;
        throw error;
      }
    },
  };
}
