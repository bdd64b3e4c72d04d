import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Initiative } from '@congdoan/contracts';
import {
  ConditionFailedError,
  commit,
  type Db,
  stripKeys,
  TransactionConflictError,
  type WriteItem,
} from '@congdoan/ddb';
import type { InitiativeStore } from '../app/nomination-ports.ts';
import { initiativeKey, unitInitiativesIndex } from './keys.ts';
import { gsi1Page } from './pages.ts';
import { statsItems } from './stats-store.ts';

const item = (i: Initiative) => ({
  ...initiativeKey(i.id),
  ...unitInitiativesIndex(i.unitId, i.status, i.appliedOn, i.id),
  ...i,
  kind: 'initiative',
});

/** An initiative stored before `sent` was kept was never sent. */
const withSent = (i: Initiative): Initiative => ({ ...i, sent: i.sent ?? null });

/** Spends an accepted, unused initiative on a nomination, in the nomination's transaction. */
export const spendInitiative = (id: string, nominationId: string, on: string): WriteItem => ({
  Update: {
    Key: initiativeKey(id),
    UpdateExpression: 'SET usedBy = :use, #version = #version + :one',
    ConditionExpression: '#status = :accepted AND (attribute_not_exists(usedBy) OR attribute_type(usedBy, :null))',
    ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
    ExpressionAttributeValues: { ':use': { nominationId, on }, ':one': 1, ':accepted': 'accepted', ':null': 'NULL' },
  },
});

/** Frees an initiative a refused or not-approved nomination had spent, in that nomination's transaction. */
export const releaseInitiative = (id: string, nominationId: string): WriteItem => ({
  Update: {
    Key: initiativeKey(id),
    UpdateExpression: 'SET usedBy = :null, #version = #version + :one',
    ConditionExpression: 'usedBy.nominationId = :nomination',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':null': null, ':one': 1, ':nomination': nominationId },
  },
});

export function createInitiativeStore(db: Db): InitiativeStore {
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: initiativeKey(id), ConsistentRead: true }),
      );
      return Item ? withSent(stripKeys<Initiative>(Item)) : undefined;
    },
    async create(initiative, ctx) {
      await commit(
        db,
        {
          items: [{ Put: { Item: item(initiative), ConditionExpression: 'attribute_not_exists(pk)' } }],
          audit: [
            { entityType: 'initiative', entityId: initiative.id, action: 'submit', before: null, after: initiative },
          ],
        },
        ctx,
      );
    },
    async save(before, after, action, ctx, stats) {
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: item(after),
                  ConditionExpression: '#version = :read',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':read': before.version },
                },
              },
              ...statsItems(stats),
            ],
            audit: [{ entityType: 'initiative', entityId: after.id, action, before, after }],
          },
          ctx,
        );
      } catch (error) {
        // Another step or a nomination's spending moved it: read again and decide again.
        if (error instanceof ConditionFailedError) throw new TransactionConflictError(error);
        throw error;
      }
    },
    listOfUnit: (unitId, status, page) =>
      gsi1Page(
        db,
        { gsi1pk: unitInitiativesIndex(unitId, '', '', '').gsi1pk, prefix: status ? `${status}#` : '' },
        page,
        (i) => withSent(stripKeys<Initiative>(i)),
      ),
  };
}
