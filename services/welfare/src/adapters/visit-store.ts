import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Visit } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, queryAll, stripKeys } from '@congdoan/ddb';
import type { VisitStore } from '../app/ports.ts';
import { visitAlreadyRecorded } from '../domain/errors.ts';
import { movementWriter } from './fund-store.ts';
import { VISIT_SK_PREFIX, visitKey } from './keys.ts';

const visitPut = (visit: Visit) => ({
  Put: {
    Item: { ...visitKey(visit.unitId, visit.date, visit.id), kind: 'visit', ...visit },
    ConditionExpression: 'attribute_not_exists(pk)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  },
});

export function createVisitStore(db: Db): VisitStore {
  const writeMovement = movementWriter(db);
  return {
    async record(visit, ctx) {
      try {
        await commit(
          db,
          {
            items: [visitPut(visit)],
            audit: [{ entityType: 'visit', entityId: visit.id, action: 'create', before: null, after: visit }],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError) throw visitAlreadyRecorded();
        throw error;
      }
    },
    recordGift: (fund, movement, visit, events, ctx, yearCap) =>
      writeMovement(fund.id, movement, events, ctx, [visitPut(visit)], yearCap, (index, item) =>
        index === 0 && item ? visitAlreadyRecorded() : undefined,
      ),
    async get(unitId, date, id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: visitKey(unitId, date, id), ConsistentRead: true }),
      );
      return Item ? stripKeys<Visit>(Item) : undefined;
    },
    async between(unitId, from, to) {
      const pk = visitKey(unitId, from, '').pk;
      // `<to>#~` sorts after every id of the last day: ids are hex or UUIDs.
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': pk,
          ':from': `${VISIT_SK_PREFIX}${from}#`,
          ':to': `${VISIT_SK_PREFIX}${to}#~`,
        },
        ConsistentRead: true,
      });
      // By day (the key), then as recorded within a day.
      return items
        .map((i) => stripKeys<Visit>(i))
        .sort((a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at));
    },
  };
}
