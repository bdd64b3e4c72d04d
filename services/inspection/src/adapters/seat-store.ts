import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, queryAll } from '@congdoan/ddb';
import type { Office, Offices, UbktSeats } from '../app/ports.ts';
import { officeKey, seatKey, unitSeatsIndex } from './keys.ts';

/** UBKT seats: one item per appointment, rewritten only by a newer version of it, listed per unit on gsi1. */
export function createSeatStore(db: Db): UbktSeats {
  return {
    async seatsOf(memberId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': seatKey(memberId, '').pk },
      });
      return items.map((i) => ({ from: String(i.from), to: (i.to as string | null) ?? null }));
    },
    async seatsAt(unitId) {
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': unitSeatsIndex(unitId, '', '').gsi1pk },
      });
      return items.map((i) => ({
        memberId: String(i.memberId),
        from: String(i.from),
        to: (i.to as string | null) ?? null,
      }));
    },
    record: (seat) =>
      putIfNewer(db, {
        ...seatKey(seat.memberId, seat.appointmentId),
        kind: 'ubkt-seat',
        ...unitSeatsIndex(seat.unitId, seat.from, seat.appointmentId),
        ...seat,
      }),
  };
}

/** Offices: one item per appointment of any position, rewritten only by a newer version of it. */
export function createOfficeStore(db: Db): Offices {
  return {
    async officesOf(memberId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': officeKey(memberId, '').pk },
      });
      return items.map((i) => ({
        position: i.position as Office['position'],
        unitId: String(i.unitId),
        from: String(i.from),
        to: (i.to as string | null) ?? null,
      }));
    },
    record: (office) =>
      putIfNewer(db, { ...officeKey(office.memberId, office.appointmentId), kind: 'office', ...office }),
  };
}

/** Writes a projected appointment unless the version kept is as new or newer; false when it is. */
async function putIfNewer(db: Db, item: Record<string, unknown> & { version: number }): Promise<boolean> {
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk) OR #version < :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': item.version },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
