import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, queryAll } from '@congdoan/ddb';
import type { UbktSeats } from '../app/ports.ts';
import { seatKey, unitSeatsIndex } from './keys.ts';

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
    async record(seat) {
      try {
        await db.client.send(
          new PutCommand({
            TableName: db.tableName,
            Item: {
              ...seatKey(seat.memberId, seat.appointmentId),
              kind: 'ubkt-seat',
              ...unitSeatsIndex(seat.unitId, seat.from, seat.appointmentId),
              ...seat,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR #version < :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': seat.version },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
