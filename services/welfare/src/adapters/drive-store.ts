import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Drive, Pledge } from '@congdoan/contracts';
import { commit, type Db, queryAll, stripKeys, type WriteItem } from '@congdoan/ddb';
import type { DriveStore, DriveUnitCounter } from '../app/ports.ts';
import { movementWriter } from './fund-store.ts';
import { DRIVE_UNIT_SK_PREFIX, driveKey, driveUnitKey, pledgeKey } from './keys.ts';

/** `ADD` of counters: the expression and its names and values. */
function adding(counters: Record<string, number>) {
  const names = Object.keys(counters);
  return {
    expression: `ADD ${names.map((c) => `#${c} :${c}`).join(', ')}`,
    names: Object.fromEntries(names.map((c) => [`#${c}`, c])),
    values: Object.fromEntries(names.map((c) => [`:${c}`, counters[c]])),
  };
}

/** Adds to counters of an item that exists (the drive, a pledge). */
function add(key: Record<string, string>, counters: Record<string, number>): WriteItem {
  const { expression, names, values } = adding(counters);
  return {
    Update: {
      Key: key,
      UpdateExpression: expression,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Adds to a unit's counter of a drive, made on the unit's first pledge. */
function addToUnit(driveId: string, unitId: string, counters: Record<string, number>): WriteItem {
  const { expression, names, values } = adding(counters);
  return {
    Update: {
      Key: driveUnitKey(driveId, unitId),
      UpdateExpression: `${expression} SET #unitId = :unitId, #kind = :kind`,
      ExpressionAttributeNames: { ...names, '#unitId': 'unitId', '#kind': 'kind' },
      ExpressionAttributeValues: { ...values, ':unitId': unitId, ':kind': 'drive-unit' },
    },
  };
}

export function createDriveStore(db: Db): DriveStore {
  const writeMovement = movementWriter(db);
  const read = async (key: Record<string, string>) =>
    (await db.client.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }))).Item;
  return {
    async get(id) {
      const item = await read(driveKey(id));
      return item ? stripKeys<Drive>(item) : undefined;
    },
    async create(drive, ctx) {
      await commit(
        db,
        {
          items: [
            {
              Put: {
                Item: { ...driveKey(drive.id), kind: 'drive', ...drive },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
          audit: [{ entityType: 'drive', entityId: drive.id, action: 'create', before: null, after: drive }],
        },
        ctx,
      );
    },
    async getPledge(driveId, pledgeId) {
      const item = await read(pledgeKey(driveId, pledgeId));
      return item ? stripKeys<Pledge>(item) : undefined;
    },
    async pledge(pledge, ctx) {
      await commit(
        db,
        {
          items: [
            {
              Put: {
                Item: { ...pledgeKey(pledge.driveId, pledge.id), kind: 'pledge', ...pledge },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            add(driveKey(pledge.driveId), { pledged: pledge.amount, pledgeCount: 1 }),
            addToUnit(pledge.driveId, pledge.unitId, { pledged: pledge.amount, pledges: 1 }),
          ],
          audit: [{ entityType: 'pledge', entityId: pledge.id, action: 'create', before: null, after: pledge }],
        },
        ctx,
      );
    },
    async receive(fund, movement, pledge, events, ctx) {
      await writeMovement(fund.id, movement, events, ctx, [
        add(pledgeKey(pledge.driveId, pledge.id), { received: movement.amount }),
        add(driveKey(pledge.driveId), { received: movement.amount }),
        addToUnit(pledge.driveId, pledge.unitId, { received: movement.amount }),
      ]);
    },
    async unitCounters(driveId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': driveKey(driveId).pk, ':prefix': DRIVE_UNIT_SK_PREFIX },
      });
      return items.map(
        (i): DriveUnitCounter => ({
          unitId: String(i.unitId),
          pledged: Number(i.pledged ?? 0),
          received: Number(i.received ?? 0),
          pledges: Number(i.pledges ?? 0),
        }),
      );
    },
  };
}
