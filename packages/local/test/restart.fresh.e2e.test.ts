import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BusEvent } from '@congdoan/contracts';
import { event, outboxItem, systemContext, toOutboxEvent } from '@congdoan/ddb';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startDynamoDbLocal } from '../src/dynamodb.ts';
import { type Platform, type PlatformOptions, startPlatform } from '../src/platform.ts';
import { stubHandlers, stubManifest, ThingCreated } from './stub-service.ts';

const dirs: string[] = [];
const running: Platform[] = [];

afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'congdoan-local-'));
  dirs.push(dir);
  return dir;
}

/** A platform with its own DynamoDB Local keeping data under `dataDir`, like `npm start`. */
async function start(
  dataDir: string,
  ports: { gateway: number; dynamo: number },
  extra: Partial<PlatformOptions> = {},
) {
  const stub = stubHandlers();
  const platform = await startPlatform({
    port: ports.gateway,
    dynamoPort: ports.dynamo,
    dataDir,
    manifests: [stubManifest],
    resolveHandler: stub.resolveHandler,
    quiet: true,
    startScheduler: false,
    ...extra,
  });
  running.push(platform);
  return { platform, calls: stub.calls };
}

async function stop(platform: Platform) {
  await platform.stop();
  running.splice(running.indexOf(platform), 1);
}

async function createThing(platform: Platform, token: string, name: string): Promise<string> {
  const res = await fetch(`${platform.url}/v1/membership/things`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const names = (events: BusEvent[]) => events.map((e) => (e.detail.data as { name: string }).name);

describe('stopping and restarting the platform', () => {
  it('keeps data, tokens and checkpoints, and delivers an event written while the pollers were off, once', async () => {
    const dataDir = tempDataDir();
    const ports = { gateway: await freePort(), dynamo: await freePort() };

    // Run 1: pollers on; "first" is delivered.
    const run1 = await start(dataDir, ports);
    const { token } = await run1.platform.issueToken({ roles: ['admin'] });
    const first = await createThing(run1.platform, token, 'first');
    await run1.platform.drain();
    expect(names(run1.calls.events)).toEqual(['first']);
    await stop(run1.platform);

    // Run 2: pollers off, as if the process died right after the write.
    const run2 = await start(dataDir, ports, { startPollers: false });
    const second = await createThing(run2.platform, token, 'second');
    await stop(run2.platform);
    expect(run2.calls.events).toEqual([]);

    // Run 3: the unit and the token survive; "second" is delivered from the stream, "first" is not again.
    const run3 = await start(dataDir, ports);
    await run3.platform.drain();
    expect(names(run3.calls.events)).toEqual(['second']);
    for (const [id, name] of [
      [first, 'first'],
      [second, 'second'],
    ] as const) {
      const res = await fetch(`${run3.platform.url}/v1/membership/things/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ id, name });
    }
    // The bus's history is kept too.
    const history = (await (await fetch(`${run3.platform.url}/_local/events`)).json()) as {
      items: { event: BusEvent }[];
    };
    expect(names(history.items.map((i) => i.event))).toEqual(['second', 'first']);
    expect(existsSync(join(dataDir, 'checkpoints.json'))).toBe(true);
    expect(readFileSync(join(dataDir, 'outbox-ledger.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  }, 120_000);

  it('publishes, on start, an outbox item whose stream record is gone', async () => {
    const dataDir = tempDataDir();
    const ports = { gateway: await freePort(), dynamo: await freePort() };
    const run1 = await start(dataDir, ports);
    const tableName = run1.platform.tables.membership!;
    await stop(run1.platform);

    // While the platform is down, an outbox item lands in the table but in no stream it reads
    // (what 24 hours of downtime does: the stream record is trimmed).
    const ddb = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb'), port: ports.dynamo });
    try {
      const client = new DynamoDBClient({
        endpoint: ddb.endpoint,
        region: 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const setStream = (enabled: boolean) =>
        client.send(
          new UpdateTableCommand({
            TableName: tableName,
            StreamSpecification: enabled
              ? { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }
              : { StreamEnabled: false },
          }),
        );
      await setStream(false);
      const ctx = systemContext('test');
      const stranded = toOutboxEvent(event(ThingCreated, { id: 'T-1', name: 'stranded' }), ctx);
      await DynamoDBDocumentClient.from(client).send(
        new PutCommand({ TableName: tableName, Item: outboxItem(stranded, ctx.now()) }),
      );
      await setStream(true);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      expect(Table?.StreamSpecification?.StreamEnabled).toBe(true);
      client.destroy();
    } finally {
      await ddb.stop();
    }

    const run2 = await start(dataDir, ports);
    await run2.platform.drain();
    expect(names(run2.calls.events)).toEqual(['stranded']);
    await stop(run2.platform);

    // Once published, it is in the ledger and never published again.
    const run3 = await start(dataDir, ports);
    await run3.platform.drain();
    expect(run3.calls.events).toEqual([]);
  }, 120_000);

  it('delivers again after restart an event whose delivery failed while the platform was stopping', async () => {
    const dataDir = tempDataDir();
    const ports = { gateway: await freePort(), dynamo: await freePort() };
    const run1 = await start(dataDir, ports, {
      bus: { maxAttempts: 3, baseDelayMs: 300 },
      extraRules: [
        {
          ruleName: 'consumer-losing-its-database',
          service: 'test',
          pattern: { 'detail-type': ['ThingCreated'] },
          async invoke() {
            throw new Error('connect ECONNREFUSED (DynamoDB Local got the Ctrl-C first)');
          },
        },
      ],
    });
    const { token } = await run1.platform.issueToken({ roles: ['admin'] });
    await createThing(run1.platform, token, 'in-flight');
    while (run1.calls.events.length === 0) await new Promise((r) => setTimeout(r, 20));
    await stop(run1.platform); // while the failing consumer is still being retried

    const run2 = await start(dataDir, ports);
    await run2.platform.drain();
    expect(names(run2.calls.events)).toEqual(['in-flight']);
  }, 120_000);

  it('refuses a second platform on the same data folder', async () => {
    const dataDir = tempDataDir();
    await start(dataDir, { gateway: 0, dynamo: await freePort() });
    await expect(start(dataDir, { gateway: 0, dynamo: await freePort() })).rejects.toThrow(/in use/);
  }, 60_000);
});
