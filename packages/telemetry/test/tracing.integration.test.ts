/**
 * Tracing as on Lambda (`AWS_EXECUTION_ENV` set) but with no X-Ray daemon and no trace
 * header: nothing may crash, and the DynamoDB client is captured. The local and test
 * environment, where tracing is off, is in `tracingEnabled`'s cases and in tracing-off.integration.test.ts.
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A client on the run's DynamoDB Local, as @congdoan/ddb makes one: captured by `traceClient`. */
const client = (traceClient: <C extends object>(c: C) => C) =>
  traceClient(
    new DynamoDBClient({
      endpoint: process.env.DYNAMODB_ENDPOINT,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
const captured = (c: DynamoDBClient) => c.middlewareStack.identify().some((m) => m.includes('XRaySDKInstrumentation'));

// Powertools Tracer also sets AWS_XRAY_CONTEXT_MISSING when it loads: restored too.
const keys = ['AWS_EXECUTION_ENV', 'POWERTOOLS_TRACE_ENABLED', '_X_AMZN_TRACE_ID', 'AWS_XRAY_CONTEXT_MISSING'] as const;
const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
beforeAll(() => {
  process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs22.x';
  // As Powertools means it to be (it sets it too, but only after the X-Ray SDK has read it): no error log per call.
  process.env.AWS_XRAY_CONTEXT_MISSING = 'IGNORE_ERROR';
  delete process.env.POWERTOOLS_TRACE_ENABLED;
  delete process.env._X_AMZN_TRACE_ID;
});
afterAll(() => {
  for (const key of keys) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe('tracing inside Lambda, without X-Ray', () => {
  it('loads the tracer on the first invocation, captures the client, and the handler runs', async () => {
    const { loadTracer, observedHandler, traceClient, tracingEnabled } = await import('../src/index.ts');
    expect(tracingEnabled()).toBe(true);

    // A client made before the first invocation is captured when the tracer loads.
    const early = client(traceClient);
    expect(captured(early)).toBe(false);

    const handler = observedHandler({ service: 'membership' }, async (event: { n: number }) => {
      const { TableNames } = await early.send(new ListTablesCommand({ Limit: 1 }));
      return { n: event.n + 1, listed: Array.isArray(TableNames) };
    });
    await expect(handler({ n: 1 })).resolves.toEqual({ n: 2, listed: true });

    const loaded = await loadTracer('membership');
    expect(loaded?.tracer.isTracingEnabled()).toBe(true);
    expect(captured(early)).toBe(true);
    // Made after: captured at once.
    expect(captured(client(traceClient))).toBe(true);
    await expect(handler({ n: 2 })).resolves.toEqual({ n: 3, listed: true });
  });

  it('rethrows the handler error unchanged', async () => {
    const { observedHandler } = await import('../src/index.ts');
    const failing = observedHandler({ service: 'membership' }, async () => {
      throw new RangeError('nope');
    });
    await expect(failing(undefined)).rejects.toThrow(RangeError);
  });
});
