/** Tracing off, as locally (the local platform sets POWERTOOLS_TRACE_ENABLED=false) and in tests. */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { loadTracer, observedHandler, traceClient, tracingEnabled } from '../src/index.ts';

describe('tracingEnabled', () => {
  it('traces only inside Lambda, unless POWERTOOLS_TRACE_ENABLED is false', () => {
    expect(tracingEnabled({})).toBe(false);
    expect(tracingEnabled({ POWERTOOLS_TRACE_ENABLED: 'true' })).toBe(false);
    expect(tracingEnabled({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' })).toBe(true);
    expect(tracingEnabled({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', POWERTOOLS_TRACE_ENABLED: 'false' })).toBe(
      false,
    );
    expect(tracingEnabled({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', POWERTOOLS_TRACE_ENABLED: 'FALSE' })).toBe(
      false,
    );
    expect(tracingEnabled({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', AWS_SAM_LOCAL: 'true' })).toBe(false);
  });
});

describe('with tracing off', () => {
  it('never loads the tracer, leaves clients alone, and runs the handler', async () => {
    const saved = process.env.POWERTOOLS_TRACE_ENABLED;
    process.env.POWERTOOLS_TRACE_ENABLED = 'false';
    try {
      const raw = traceClient(
        new DynamoDBClient({
          endpoint: process.env.DYNAMODB_ENDPOINT,
          region: 'ap-southeast-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
      );
      const handler = observedHandler({ service: 'finance' }, async () => {
        const { TableNames } = await raw.send(new ListTablesCommand({ Limit: 1 }));
        return Array.isArray(TableNames);
      });
      await expect(handler(undefined)).resolves.toBe(true);
      await expect(loadTracer('finance')).resolves.toBeUndefined();
      expect(raw.middlewareStack.identify().some((m) => m.includes('XRaySDKInstrumentation'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.POWERTOOLS_TRACE_ENABLED;
      else process.env.POWERTOOLS_TRACE_ENABLED = saved;
    }
  });
});
