/**
 * A queued subscription on the whole local platform: outbox → stream poller → bus → queue →
 * a `queuedHandler` function, in batches, with the concurrency bound and dead letters.
 */
import { type BusEvent, defineManifest, type ServiceManifest, tableEnvVar } from '@congdoan/contracts';
import { commit, createClients, event, systemContext } from '@congdoan/ddb';
import { queuedHandler } from '@congdoan/http-kit';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusRecord, DeadLetter } from '../src/events/index.ts';
import type { HandlerResolver } from '../src/lambda.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { stubHandlers, stubManifest, ThingCreated, uniquePrefix } from './stub-service.ts';

const queuedManifest = defineManifest({
  ...stubManifest,
  routes: stubManifest.routes.filter((r) => r.operationId === 'echo'),
  schedules: [],
  subscriptions: [
    {
      name: 'thing-queue',
      description: 'Handles ThingCreated through a queue (test only).',
      pattern: { source: ['congdoan.membership'], 'detail-type': ['ThingCreated'] },
      handler: { file: 'events', export: 'onThingQueued' },
      queue: { batchSize: 10, maxConcurrency: 3 },
    },
  ],
}) satisfies ServiceManifest;

let platform: Platform;
const handled = new Map<string, number>();
const batchSizes: number[] = [];
let inFlight = 0;
let maxInFlight = 0;

const onThingQueued = queuedHandler(
  'membership-thing-queue',
  async (e: BusEvent) => {
    const { name } = ThingCreated.detail.parse(e.detail).data;
    handled.set(name, (handled.get(name) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (name === 'poison') throw new Error('cannot handle this thing');
  },
  { logger: { debug() {}, info() {}, warn() {}, error() {} } },
);

beforeAll(async () => {
  const stub = stubHandlers();
  const resolveHandler: HandlerResolver = (manifest, ref) => {
    if (ref.export !== 'onThingQueued') return stub.resolveHandler(manifest, ref);
    return async (batch: SQSEvent) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      batchSizes.push(batch.Records.length);
      try {
        return await onThingQueued(batch);
      } finally {
        inFlight--;
      }
    };
  };
  platform = await startPlatform({
    port: 0,
    dataDir: null,
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
    tablePrefix: uniquePrefix(),
    manifests: [queuedManifest],
    resolveHandler,
    quiet: true,
    startScheduler: false,
    bus: { baseDelayMs: 1, maxDelayMs: 5 },
  });
});

afterAll(async () => {
  await platform?.stop();
});

describe('a queued subscription on the local platform', () => {
  it('takes events from the outbox in batches, at most maxConcurrency at once, and dead-letters the poison one', async () => {
    const db = { ...createClients(), tableName: process.env[tableEnvVar('membership')]! };
    const names = Array.from({ length: 150 }, (_, i) => (i === 77 ? 'poison' : `thing-${i}`));
    // Three transactions of 50 outbox events each, as a fan-out would write them.
    for (let i = 0; i < names.length; i += 50) {
      await commit(
        db,
        { items: [], events: names.slice(i, i + 50).map((name) => event(ThingCreated, { id: name, name })) },
        systemContext('test', 'fan-out'),
      );
    }
    await platform.drain();

    expect(handled.size).toBe(150);
    expect([...handled].filter(([, n]) => n !== 1)).toEqual([['poison', 5]]);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(10);
    // The poller does not wait for the queue, so batches fill up.
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);

    const letters = (await (await fetch(`${platform.url}/_local/dead-letters`)).json()) as { items: DeadLetter[] };
    expect(letters.items).toHaveLength(1);
    expect(letters.items[0]).toMatchObject({ rule: 'membership-thing-queue', attempts: 5 });
    expect(ThingCreated.detail.parse(letters.items[0]!.event.detail).data.name).toBe('poison');

    const history = (await (
      await fetch(`${platform.url}/_local/events?detailType=ThingCreated&limit=1000`)
    ).json()) as {
      items: BusRecord[];
    };
    expect(history.items).toHaveLength(150);
    const statuses = history.items.flatMap((r) => r.outcomes.map((o) => `${o.rule}:${o.status}:${o.attempts}`));
    expect(statuses.filter((s) => s === 'membership-thing-queue:delivered:1')).toHaveLength(149);
    expect(statuses.filter((s) => s === 'membership-thing-queue:dead-lettered:5')).toHaveLength(1);

    const health = (await (await fetch(`${platform.url}/health`)).json()) as {
      bus: { rules: { ruleName: string; queue?: Record<string, unknown> }[] };
    };
    expect(health.bus.rules[0]).toMatchObject({
      ruleName: 'membership-thing-queue',
      queue: { batchSize: 10, maxConcurrency: 3, waiting: 0, inFlightBatches: 0 },
    });
  });

  it('refuses to start with queue settings CDK would refuse', async () => {
    await expect(
      startPlatform({
        port: 0,
        dataDir: null,
        dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
        tablePrefix: uniquePrefix(),
        manifests: [
          {
            ...queuedManifest,
            subscriptions: [
              {
                ...queuedManifest.subscriptions[0]!,
                queue: { batchSize: 10, maxConcurrency: 3, visibilityTimeoutSeconds: 60 },
              },
            ],
          },
        ],
        resolveHandler: stubHandlers().resolveHandler,
        quiet: true,
        startScheduler: false,
        startPollers: false,
      }),
    ).rejects.toThrow(/visibilityTimeoutSeconds \(60\) must be at least six times the function timeout \(30 s\)/);
  });
});
