import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, queryAll } from '@congdoan/ddb';
import type { UbktSeats } from '../app/ports.ts';
import { seatKey } from './keys.ts';

/** UBKT seats: one item per appointment, rewritten only by a newer version of it. */
export function createSeatStore(db: Db): UbktSeats {
  return {
    async seatsOf(memberId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': seatKey(memberId, '').pk },
      });
      return items.map((i) => ({ from: String(i.from), to: (i.to as string | null) ?? null }));
    },
    async record(seat) {
      try {
        await db.client.send(
          new PutCommand({
            TableName: db.tableName,
            Item: { ...seatKey(seat.memberId, seat.appointmentId), kind: 'ubkt-seat', ...seat },
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
