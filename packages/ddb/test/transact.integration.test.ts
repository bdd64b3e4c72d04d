import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { defineEvent } from '@congdoan/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freshTable } from '../../../test/support/tables.ts';
import { applyOnce, ConditionFailedError, commit, type Db, event, systemContext } from '../src/index.ts';

const ThingHappened = defineEvent({
  service: 'membership',
  detailType: 'ThingHappened',
  version: 1,
  description: 'test event',
  data: z.object({ id: z.string() }),
});

let db: Db;
beforeAll(async () => {
  db = await freshTable('membership');
});

describe('commit', () => {
  it('writes state, outbox event and audit record in one transaction', async () => {
    const ctx = systemContext('test');
    const events = await commit(
      db,
      {
        items: [{ Put: { Item: { pk: 'THING#1', sk: 'THING', version: 1 } } }],
        events: [event(ThingHappened, { id: '1' })],
        audit: [{ entityType: 'thing', entityId: '1', action: 'create', before: null, after: { id: '1' } }],
      },
      ctx,
    );
    expect(events).toHaveLength(1);
    const eventId = events[0]!.detail.metadata.eventId;
    const outbox = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: { pk: `OUTBOX#${eventId}`, sk: 'OUTBOX' } }),
    );
    expect(outbox.Item).toMatchObject({ kind: 'outbox', source: 'congdoan.membership', detailType: 'ThingHappened' });
    expect(JSON.parse(outbox.Item!.detail as string).data).toEqual({ id: '1' });
    const audit = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'AUDIT#thing#1' },
      }),
    );
    expect(audit.Items?.[0]).toMatchObject({ action: 'create', actor: { id: 'system:test' }, after: { id: '1' } });
  });

  it('writes nothing, not even the event, when a condition fails', async () => {
    const ctx = systemContext('test');
    await expect(
      commit(
        db,
        {
          items: [
            { Put: { Item: { pk: 'THING#2', sk: 'THING' } } },
            {
              Put: {
                Item: { pk: 'THING#1', sk: 'THING' },
                ConditionExpression: 'attribute_not_exists(pk)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
          events: [event(ThingHappened, { id: '2' })],
        },
        ctx,
      ),
    ).rejects.toSatisfy((e) => e instanceof ConditionFailedError && e.index === 1 && e.item?.version === 1);
    const thing = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: { pk: 'THING#2', sk: 'THING' } }),
    );
    expect(thing.Item).toBeUndefined();
  });

  it('refuses an event whose data breaks its schema', async () => {
    await expect(
      commit(db, { items: [], events: [event(ThingHappened, { id: 3 } as never)] }, systemContext('test')),
    ).rejects.toThrow();
  });
});

describe('applyOnce', () => {
  it('applies an event once and skips its redelivery', async () => {
    const change = {
      items: [
        {
          Update: {
            Key: { pk: 'COUNTER', sk: 'COUNTER' },
            UpdateExpression: 'ADD #n :one',
            ExpressionAttributeNames: { '#n': 'n' },
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
    };
    const first = await applyOnce(db, 'counter', 'event-1', change, systemContext('test'));
    const second = await applyOnce(db, 'counter', 'event-1', change, systemContext('test'));
    expect(first.applied).toBe(true);
    expect(second).toEqual({ applied: false, reason: 'duplicate' });
    const counter = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: { pk: 'COUNTER', sk: 'COUNTER' } }),
    );
    expect(counter.Item?.n).toBe(1);
  });
});
