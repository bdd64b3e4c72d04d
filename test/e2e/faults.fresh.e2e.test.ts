import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { BusEvent } from '@congdoan/contracts';
import { applyOnce, createClients, type Db, systemContext } from '@congdoan/ddb';
import type { Platform } from '@congdoan/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestPlatform, tokenFor, uniqueCode } from '../support/platform.ts';

let platform: Platform;
let db: Db;
const attemptsByEvent = new Map<string, number>();

/** A consumer's effect: one counter per event, applied once through the inbox. */
async function applyEffect(event: BusEvent) {
  const eventId = (event.detail.metadata as { eventId: string }).eventId;
  await applyOnce(
    db,
    'flaky-consumer',
    eventId,
    {
      items: [
        {
          Update: {
            Key: { pk: `EFFECT#${eventId}`, sk: 'EFFECT' },
            UpdateExpression: 'ADD applied :one',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
    },
    systemContext('flaky-consumer'),
  );
}

async function effectCount(eventId: string): Promise<number> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: { pk: `EFFECT#${eventId}`, sk: 'EFFECT' } }),
  );
  return Item?.applied ?? 0;
}

beforeAll(async () => {
  platform = await startTestPlatform({
    extraRules: [
      {
        ruleName: 'flaky-consumer',
        service: 'finance',
        pattern: {
          source: ['congdoan.membership'],
          'detail-type': ['UnitCreated'],
          detail: { data: { unit: { name: [{ prefix: 'Flaky' }] } } },
        },
        async invoke(event) {
          const id = event.detail.metadata.eventId;
          const attempt = (attemptsByEvent.get(id) ?? 0) + 1;
          attemptsByEvent.set(id, attempt);
          // First delivery: the effect is committed, then the consumer crashes before acknowledging.
          if (attempt === 1) {
            await applyEffect(event);
            throw new Error('crashed after committing');
          }
          if (attempt === 2) throw new Error('database throttled');
          await applyEffect(event);
        },
      },
      {
        ruleName: 'broken-consumer',
        service: 'finance',
        pattern: {
          source: ['congdoan.membership'],
          'detail-type': ['UnitCreated'],
          detail: { data: { unit: { name: [{ prefix: 'Broken' }] } } },
        },
        async invoke() {
          throw new Error('this consumer always fails');
        },
      },
    ],
  });
  db = { ...createClients(), tableName: platform.tables.finance! };
});
afterAll(async () => {
  await platform?.stop();
});

async function createRoot(name: string) {
  const admin = client(platform, await tokenFor(platform, ['admin']));
  const res = await admin.post('/v1/membership/units', { code: uniqueCode('F'), name, level: 'province' });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

function recordsFor(unitId: string) {
  return platform.bus.history().filter((r) => (r.event.detail.data as { unit?: { id: string } }).unit?.id === unitId);
}

describe('delivery faults', () => {
  it('a consumer that throws on its first two deliveries still applies the event exactly once', async () => {
    const unit = await createRoot('Flaky LĐLĐ');
    await platform.drain();
    const [record] = recordsFor(unit.id);
    const outcome = record!.outcomes.find((o) => o.rule === 'flaky-consumer');
    expect(outcome).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(await effectCount(record!.event.detail.metadata.eventId)).toBe(1);
  });

  it('a consumer that always throws ends in the dead letters with the event intact', async () => {
    const unit = await createRoot('Broken LĐLĐ');
    await platform.drain();
    const [record] = recordsFor(unit.id);
    const letters = (await client(platform).get('/_local/dead-letters')).body;
    const list: { rule: string; event: BusEvent; attempts: number }[] = Array.isArray(letters)
      ? letters
      : letters.items;
    const letter = list.find(
      (l) => l.rule === 'broken-consumer' && l.event.detail.metadata.eventId === record!.event.detail.metadata.eventId,
    );
    expect(letter).toBeDefined();
    expect(letter!.attempts).toBe(4);
    expect(letter!.event).toEqual(record!.event);
    expect(letter!.event.detail.data).toMatchObject({ unit: { id: unit.id, name: 'Broken LĐLĐ' } });
    // The other consumers of the same event were not held back by it.
    expect(record!.outcomes.filter((o) => o.rule !== 'broken-consumer').every((o) => o.status === 'delivered')).toBe(
      true,
    );
  });

  it('delivering the same event twice changes nothing the second time', async () => {
    const unit = await createRoot('Flaky twice');
    await platform.drain();
    const [record] = recordsFor(unit.id);
    const profileKey = { pk: `UNIT#${unit.id}`, sk: 'PROFILE' };
    const before = (await db.client.send(new GetCommand({ TableName: db.tableName, Key: profileKey }))).Item;
    expect(before).toBeDefined();
    const directoryBefore = (
      await db.client.send(new GetCommand({ TableName: db.tableName, Key: { pk: `ORG#${unit.id}`, sk: 'UNIT' } }))
    ).Item;

    const again = await platform.bus.publish({
      source: record!.event.source,
      detailType: record!.event['detail-type'],
      detail: record!.event.detail,
    });
    expect(again.outcomes.every((o) => o.status === 'delivered')).toBe(true);
    expect((await db.client.send(new GetCommand({ TableName: db.tableName, Key: profileKey }))).Item).toEqual(before);
    expect(
      (await db.client.send(new GetCommand({ TableName: db.tableName, Key: { pk: `ORG#${unit.id}`, sk: 'UNIT' } })))
        .Item,
    ).toEqual(directoryBefore);
    expect(await effectCount(record!.event.detail.metadata.eventId)).toBe(1);
  });
});
