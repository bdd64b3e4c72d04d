/**
 * Every function a service deploys is observed (@congdoan/telemetry's `observedHandler`, which
 * http-kit's createHttpHandler and queuedHandler use): traced, and publishing its manifest's
 * business metrics. A new handler that forgets the wrapper fails here, not in production.
 * The platform's own two functions (outbox enrichment, token trigger) call no AWS API and count
 * no metric; Lambda's active tracing records them.
 */
import { pathToFileURL } from 'node:url';
import { MANIFESTS } from '@congdoan/registry';
import { observedOf } from '@congdoan/telemetry';
import { describe, expect, it } from 'vitest';
import { allLambdaSpecs } from '../infra/lib/functions.ts';

const serviceFunctions = allLambdaSpecs().filter((spec) => spec.kind !== 'platform');

describe('observed functions', () => {
  it.each(serviceFunctions.map((spec) => [spec.id, spec] as const))('%s', async (_id, spec) => {
    const module = (await import(pathToFileURL(spec.entry).href)) as Record<string, unknown>;
    const observed = observedOf(module[spec.handler.export]);
    expect(observed, `${spec.handler.file}.${spec.handler.export} is not wrapped in observedHandler`).toBeDefined();
    expect(observed?.service).toBe(spec.service);
    // The very list the manifest declares, so that what CDK charts is what the function counts.
    expect(observed?.metrics).toBe(MANIFESTS.find((m) => m.service === spec.service)?.metrics);
  });
});
