import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { BloodDrive, Donation } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, queryAll, stripKeys } from '@congdoan/ddb';
import type { BloodDriveStore } from '../app/ports.ts';
import { donorAlreadyRecorded } from '../domain/errors.ts';
import { bloodDriveKey, DONATION_SK_PREFIX, donationKey, unitBloodDrivesIndex } from './keys.ts';

export function createBloodDriveStore(db: Db): BloodDriveStore {
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: bloodDriveKey(id), ConsistentRead: true }),
      );
      return Item ? stripKeys<BloodDrive>(Item) : undefined;
    },
    async create(drive, ctx) {
      await commit(
        db,
        {
          items: [
            {
              Put: {
                Item: {
                  ...bloodDriveKey(drive.id),
                  kind: 'blood-drive',
                  ...unitBloodDrivesIndex(drive.unitId, drive.date, drive.id),
                  ...drive,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
          audit: [{ entityType: 'blood-drive', entityId: drive.id, action: 'create', before: null, after: drive }],
        },
        ctx,
      );
    },
    async listOfUnit(unitId) {
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': unitBloodDrivesIndex(unitId, '', '').gsi1pk },
      });
      return items.map((i) => stripKeys<BloodDrive>(i));
    },
    async heldBetween(unitId, from, to) {
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        // The upper bound takes every drive of the last day (`<day>#<id>`).
        ExpressionAttributeValues: {
          ':pk': unitBloodDrivesIndex(unitId, '', '').gsi1pk,
          ':from': from,
          ':to': `${to}#\uffff`,
        },
      });
      return items.map((i) => stripKeys<BloodDrive>(i));
    },
    async donate(donation, ctx) {
      try {
        await commit(
          db,
          {
            items: [
              {
                // One donation per member and drive: the item exists once it is recorded.
                Put: {
                  Item: { ...donationKey(donation.driveId, donation.memberId), kind: 'blood-donation', ...donation },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                // The drive's totals move in the same transaction, so they always equal its donations.
                Update: {
                  Key: bloodDriveKey(donation.driveId),
                  UpdateExpression: 'ADD donors :one, #units :units',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeNames: { '#units': 'units' },
                  ExpressionAttributeValues: { ':one': 1, ':units': donation.units },
                },
              },
            ],
            audit: [
              {
                entityType: 'blood-donation',
                entityId: `${donation.driveId}#${donation.memberId}`,
                action: 'create',
                before: null,
                after: donation,
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError && error.index === 0) throw donorAlreadyRecorded();
        throw error;
      }
    },
    async donations(driveId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': bloodDriveKey(driveId).pk, ':prefix': DONATION_SK_PREFIX },
        ConsistentRead: true,
      });
      return items.map((i) => stripKeys<Donation>(i));
    },
  };
}
