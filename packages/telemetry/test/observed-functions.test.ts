/**
 * Every function a service deploys is observed (@congdoan/telemetry's `observedHandler`, which
 * http-kit's createHttpHandler and queuedHandler use): traced, and publishing its manifest's
 * business metrics. A new handler that forgets the wrapper fails here, not in production.
 * The platform's own two functions (outbox enrichment, token trigger) call no AWS API and count
 * no metric; Lambda's active tracing records them.
 */
import { pathToFileURL } from 'node:url';
import { isMountedHandler, type ServiceName } from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { observedOf } from '@congdoan/telemetry';
import { describe, expect, it } from 'vitest';
import { allLambdaSpecs } from '../../../infra/lib/functions.ts';

const serviceFunctions = allLambdaSpecs().filter((spec) => spec.kind !== 'platform');

describe('observed functions', () => {
  it.each(serviceFunctions.map((spec) => [spec.id, spec] as const))('%s', async (_id, spec) => {
    const module = (await import(pathToFileURL(spec.entry).href)) as Record<string, unknown>;
    const exported = module[spec.handler.export];
    if (spec.handler.package) {
      // A package's handler mounted by the service (a directory): the instance the service runs.
      expect(isMountedHandler(exported), `${spec.handler.package}/${spec.handler.file} is not mounted`).toBe(true);
      if (!isMountedHandler(exported)) return;
      const observed = observedOf(exported.forService(spec.service as ServiceName));
      expect(observed, `${spec.handler.package}/${spec.handler.file}'s handler is not observed`).toBeDefined();
      expect(observed?.service).toBe(spec.service);
      // A mounted package cannot know the mounting manifest's metrics; it declares none, and a
      // `countMetric` in it would throw (UndeclaredMetricError) rather than publish unseen.
      expect(observed?.metrics).toBeUndefined();
      return;
    }
    const observed = observedOf(exported);
    expect(observed, `${spec.handler.file}.${spec.handler.export} is not wrapped in observedHandler`).toBeDefined();
    expect(observed?.service).toBe(spec.service);
    // The very list the manifest declares, so that what CDK charts is what the function counts.
    expect(observed?.metrics).toBe(MANIFESTS.find((m) => m.service === spec.service)?.metrics);
  });
});
