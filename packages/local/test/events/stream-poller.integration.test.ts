import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { defineEvent } from '@congdoan/contracts';
import { commit, type Db, event, systemContext } from '@congdoan/ddb';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { freshTable } from '../../../../test/support/tables.ts';
import {
  type CheckpointStore,
  fileCheckpointStore,
  type OutboxEntry,
  OutboxStreamPoller,
  toOutboxEntry,
} from '../../src/events/stream-poller.ts';

const ThingHappened = defineEvent({
  service: 'membership',
  detailType: 'ThingHappened',
  version: 1,
  description: 'test event',
  data: z.object({ n: z.number() }),
});

const streams = new DynamoDBStreamsClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
afterAll(() => streams.destroy());

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'poller-test-'));
  dirs.push(dir);
  return dir;
}

let db: Db;
const pollers: OutboxStreamPoller[] = [];
beforeEach(async () => {
  db = await freshTable('membership', undefined, { stream: true });
});
afterEach(async () => {
  for (const p of pollers.splice(0)) await p.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** One transaction: a state item and one outbox event carrying `n`. */
async function emit(n: number): Promise<string> {
  const [written] = await commit(
    db,
    { items: [{ Put: { Item: { pk: `THING#${n}`, sk: 'THING', n } } }], events: [event(ThingHappened, { n })] },
    systemContext('test'),
  );
  return written!.detail.metadata.eventId;
}

function poller(
  checkpoints: CheckpointStore,
  publish: (entry: OutboxEntry) => Promise<unknown>,
  extra: { intervalMs?: number; log?: (line: string) => void } = {},
) {
  const p = new OutboxStreamPoller({
    tableName: db.tableName,
    dynamodb: db.raw,
    streams,
    checkpoints,
    publish,
    ...extra,
  });
  pollers.push(p);
  return p;
}

function collector() {
  const entries: OutboxEntry[] = [];
  const ns = () => entries.map((e) => (e.detail as { data: { n: number } }).data.n);
  return { entries, ns, publish: async (entry: OutboxEntry) => void entries.push(entry) };
}

describe('OutboxStreamPoller', () => {
  it('publishes outbox inserts in order, as source, detailType and parsed detail', async () => {
    const ids = [await emit(1), await emit(2), await emit(3)];
    const out = collector();
    await poller(await fileCheckpointStore(null), out.publish).drain();

    expect(out.ns()).toEqual([1, 2, 3]);
    expect(out.entries[0]).toEqual({
      source: 'congdoan.membership',
      detailType: 'ThingHappened',
      detail: {
        metadata: {
          eventId: ids[0],
          eventVersion: 1,
          occurredAt: expect.any(String),
          correlationId: expect.any(String),
          actor: { id: 'system:test', roles: [], unitId: null },
        },
        data: { n: 1 },
      },
    });
  });

  it('ignores items that are not outbox inserts', async () => {
    await db.client.send(new PutCommand({ TableName: db.tableName, Item: { pk: 'PLAIN', sk: 'X', kind: 'member' } }));
    // something that looks like an outbox item but arrives as a MODIFY
    await db.client.send(
      new PutCommand({ TableName: db.tableName, Item: { pk: 'LATE', sk: 'OUTBOX', kind: 'draft', source: 's' } }),
    );
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { pk: 'LATE', sk: 'OUTBOX' },
        UpdateExpression: 'SET kind = :k, detailType = :t, detail = :d',
        ExpressionAttributeValues: { ':k': 'outbox', ':t': 'T', ':d': '{}' },
      }),
    );
    await emit(7);
    const out = collector();
    await poller(await fileCheckpointStore(null), out.publish).drain();
    expect(out.ns()).toEqual([7]);
  });

  it('resumes after a restart from the file checkpoint: nothing twice, nothing lost', async () => {
    const path = join(tempDir(), 'nested', 'checkpoints.json');
    await emit(1);
    await emit(2);
    const first = collector();
    const p1 = poller(await fileCheckpointStore(path), first.publish);
    await p1.drain();
    await p1.stop();
    expect(first.ns()).toEqual([1, 2]);
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(Object.keys(saved).length).toBeGreaterThan(0);
    for (const key of Object.keys(saved)) expect(key).toMatch(/^arn:aws:dynamodb:.*\|shardId-/);

    await emit(3); // written while no poller runs
    await emit(4);

    const second = collector();
    await poller(await fileCheckpointStore(path), second.publish).drain();
    expect(second.ns()).toEqual([3, 4]);
    expect(readdirSync(join(path, '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('retries a failed publish without moving the checkpoint past it', async () => {
    await emit(1);
    await emit(2);
    await emit(3);
    const attempts: number[] = [];
    const published: number[] = [];
    let failuresLeft = 2;
    const checkpoints = await fileCheckpointStore(null);
    const publish = async (entry: OutboxEntry) => {
      const n = (entry.detail as { data: { n: number } }).data.n;
      attempts.push(n);
      if (n === 2 && failuresLeft-- > 0) throw new Error('bus down');
      published.push(n);
    };
    const log: string[] = [];
    await poller(checkpoints, publish, { intervalMs: 10, log: (l) => log.push(l) }).drain();
    expect(attempts).toEqual([1, 2, 2, 2, 3]);
    expect(published).toEqual([1, 2, 3]);
  });

  it('redelivers after a crash between publish and checkpoint (at least once)', async () => {
    await emit(1);
    await emit(2);
    const memory = await fileCheckpointStore(null);
    let failSaves = false;
    const flaky: CheckpointStore = {
      get: (id) => memory.get(id),
      async set(id, seq) {
        if (failSaves) throw new Error('disk full');
        await memory.set(id, seq);
      },
    };
    const published: number[] = [];
    const publish = async (entry: OutboxEntry) => {
      published.push((entry.detail as { data: { n: number } }).data.n);
      if (published.length === 1) failSaves = true; // the first publish lands, its checkpoint does not
    };
    const p = poller(flaky, publish, { intervalMs: 10 });
    await expect(p.drain({ timeoutMs: 2000 })).rejects.toThrow(/did not drain: Error: disk full/);
    // drain kept retrying: 1 went out again each time, 2 never got ahead of it
    expect(published.length).toBeGreaterThan(1);
    expect(new Set(published)).toEqual(new Set([1]));
    const before = published.length;
    failSaves = false;
    await p.drain();
    // 1 is published again (its checkpoint was never saved), then 2; nothing is skipped
    expect(published.slice(before)).toEqual([1, 2]);
  });

  it('polls on its own once started, and stops', async () => {
    const out = collector();
    const p = poller(await fileCheckpointStore(null), out.publish, { intervalMs: 20 });
    p.start();
    await emit(1);
    await vi.waitFor(() => expect(out.ns()).toEqual([1]), { timeout: 5000, interval: 20 });
    await emit(2);
    await vi.waitFor(() => expect(out.ns()).toEqual([1, 2]), { timeout: 5000, interval: 20 });
    await p.stop();
    await emit(3);
    await new Promise((r) => setTimeout(r, 100));
    expect(out.ns()).toEqual([1, 2]);
  });

  it('keeps polling after a failing poll and logs it', async () => {
    const log: string[] = [];
    let calls = 0;
    const p = poller(
      await fileCheckpointStore(null),
      async () => {
        calls++;
        if (calls === 1) throw new Error('first publish fails');
      },
      { intervalMs: 10, log: (l) => log.push(l) },
    );
    await emit(1);
    p.start();
    await vi.waitFor(() => expect(calls).toBe(2), { timeout: 5000, interval: 10 });
    expect(log.some((l) => l.includes('first publish fails'))).toBe(true);
  });

  it('reports a table without a stream clearly', async () => {
    const p = new OutboxStreamPoller({
      tableName: 'no-such-table',
      dynamodb: db.raw,
      streams,
      checkpoints: await fileCheckpointStore(null),
      publish: async () => {},
      intervalMs: 5,
    });
    await expect(p.drain({ timeoutMs: 20 })).rejects.toThrow(/stream of no-such-table did not drain/);
  });

  it('uses the stream the table describes', async () => {
    const { Table } = await db.raw.send(new DescribeTableCommand({ TableName: db.tableName }));
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: Table!.LatestStreamArn }));
    expect(StreamDescription?.Shards?.length).toBeGreaterThan(0);
  });
});

describe('toOutboxEntry', () => {
  const insert = (image: Record<string, { S: string }>) => ({
    eventName: 'INSERT' as const,
    dynamodb: { NewImage: image },
  });

  it('maps an outbox insert and ignores everything else', () => {
    const image = { kind: { S: 'outbox' }, source: { S: 's' }, detailType: { S: 'T' }, detail: { S: '{"a":1}' } };
    expect(toOutboxEntry(insert(image))).toEqual({ source: 's', detailType: 'T', detail: { a: 1 } });
    expect(toOutboxEntry({ ...insert(image), eventName: 'MODIFY' })).toBeUndefined();
    expect(toOutboxEntry({ ...insert(image), eventName: 'REMOVE' })).toBeUndefined();
    expect(toOutboxEntry(insert({ ...image, kind: { S: 'member' } }))).toBeUndefined();
  });

  it('refuses a malformed outbox item', () => {
    expect(() => toOutboxEntry(insert({ kind: { S: 'outbox' }, source: { S: 's' } }))).toThrow(/lacks source/);
    const bad = { kind: { S: 'outbox' }, source: { S: 's' }, detailType: { S: 'T' }, detail: { S: '{' } };
    expect(() => toOutboxEntry(insert(bad))).toThrow(/not JSON/);
  });
});

describe('fileCheckpointStore', () => {
  it('keeps checkpoints in memory for null', async () => {
    const store = await fileCheckpointStore(null);
    expect(store.get('a')).toBeUndefined();
    await store.set('a', '100');
    expect(store.get('a')).toBe('100');
  });

  it('writes the latest value of every shard and reloads it', async () => {
    const path = join(tempDir(), 'cp.json');
    const store = await fileCheckpointStore(path);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.set(`s${i % 3}`, String(i))));
    const reloaded = await fileCheckpointStore(path);
    expect([reloaded.get('s0'), reloaded.get('s1'), reloaded.get('s2')]).toEqual(['48', '49', '47']);
  });

  it('refuses a corrupt file with a clear message', async () => {
    const dir = tempDir();
    const path = join(dir, 'cp.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, '{"a":');
    await expect(fileCheckpointStore(path)).rejects.toThrow(/not valid JSON; delete it/);
  });
});
