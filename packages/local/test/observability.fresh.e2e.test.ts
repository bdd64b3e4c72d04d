/**
 * Observability on the local platform: a function that commits an event its manifest counts
 * prints the metric as an EMF line in the log, and tracing is off (no X-Ray here), so the
 * Tracer never loads and nothing fails for want of a segment.
 */
import { defineManifest, type MetricDefinition, type ServiceManifest, tableEnvVar } from '@congdoan/contracts';
import { commit, createClients, event, systemContext } from '@congdoan/ddb';
import { observedHandler } from '@congdoan/http-kit';
import { loadTracer, tracingEnabled } from '@congdoan/telemetry';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HandlerResolver } from '../src/lambda.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { stubHandlers, stubManifest, ThingCreated, uniquePrefix } from './stub-service.ts';

const metrics = [
  { name: 'ThingsCreated', description: 'Things created (test only)', unit: 'Count', countsEvent: 'ThingCreated' },
] as const satisfies readonly MetricDefinition[];

const manifest = defineManifest({
  ...stubManifest,
  routes: stubManifest.routes.filter((r) => r.operationId === 'echo'),
  subscriptions: [],
  schedules: [
    {
      name: 'thing-maker',
      description: 'Creates two things (test only).',
      cron: 'cron(0 3 * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh',
      handler: { file: 'schedules', export: 'makeThings' },
    },
  ],
  metrics,
}) satisfies ServiceManifest;

const seen: { tracing?: boolean; tracer?: unknown } = {};

const makeThings = observedHandler({ service: 'membership', metrics }, async () => {
  seen.tracing = tracingEnabled();
  seen.tracer = await loadTracer('membership');
  const db = { ...createClients(), tableName: process.env[tableEnvVar('membership')]! };
  await commit(
    db,
    { items: [], events: ['a', 'b'].map((name) => event(ThingCreated, { id: `thing-${name}`, name })) },
    systemContext('thing-maker'),
  );
});

let platform: Platform;
beforeAll(async () => {
  const stub = stubHandlers();
  const resolveHandler: HandlerResolver = (m, ref) =>
    ref.export === 'makeThings' ? makeThings : stub.resolveHandler(m, ref);
  platform = await startPlatform({
    port: 0,
    dataDir: null,
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
    tablePrefix: uniquePrefix(),
    manifests: [manifest],
    resolveHandler,
    quiet: true,
    startScheduler: false,
  });
});
afterAll(async () => {
  await platform?.stop();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('observability on the local platform', () => {
  it('prints the metrics of what a function commits as an EMF line, with tracing off', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n'));
      return true;
    });
    const res = await fetch(`${platform.url}/_local/schedules/thing-maker/run`, { method: 'POST' });
    expect(res.status).toBe(200);
    vi.restoreAllMocks();

    const emf = lines.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ service: 'membership', ThingsCreated: 2 });
    expect(seen).toEqual({ tracing: false, tracer: undefined });
  });
});
