/**
 * The Lambda functions a manifest asks for, in one list that CDK, `build-lambdas`
 * and the bench all read. No CDK here: plain data.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HandlerRef, ScheduleDefinition, ServiceManifest, SubscriptionDefinition } from '@congdoan/contracts';
import { handlerEntry, MANIFESTS } from '@congdoan/registry';

export type FunctionKind = 'http' | 'subscription' | 'schedule' | 'platform';

export interface LambdaSpec {
  /** `<service>-<name>`: names the bundle directory, the construct and the function. */
  id: string;
  /** Owning service, or `platform` for infra's own functions (the outbox enrichment, the token trigger). */
  service: string;
  kind: FunctionKind;
  handler: HandlerRef;
  /** TypeScript source to bundle or import. */
  entry: string;
  subscription?: SubscriptionDefinition;
  schedule?: ScheduleDefinition;
  /**
   * Where it is deployed; default `stateless`: a service's functions in its own stack, the
   * platform's outbox enrichment in the API stack. The user pool's trigger lives beside the pool.
   */
  stack?: 'stateful' | 'stateless';
}

/** `finance` + `finance-unit-profiles` gives `finance-unit-profiles`, not `finance-finance-unit-profiles`. */
export function functionId(service: string, name: string): string {
  return name === service || name.startsWith(`${service}-`) ? name : `${service}-${name}`;
}

/** One function for all HTTP routes, one per subscription, one per schedule. */
export function lambdaSpecs(manifest: ServiceManifest): LambdaSpec[] {
  const { service } = manifest;
  const specs: LambdaSpec[] = [];
  if (manifest.routes.length > 0) {
    specs.push({
      id: functionId(service, 'http'),
      service,
      kind: 'http',
      handler: manifest.http,
      entry: handlerEntry(manifest, manifest.http),
    });
  }
  for (const subscription of manifest.subscriptions) {
    specs.push({
      id: functionId(service, subscription.name),
      service,
      kind: 'subscription',
      handler: subscription.handler,
      entry: handlerEntry(manifest, subscription.handler),
      subscription,
    });
  }
  for (const schedule of manifest.schedules) {
    specs.push({
      id: functionId(service, schedule.name),
      service,
      kind: 'schedule',
      handler: schedule.handler,
      entry: handlerEntry(manifest, schedule.handler),
      schedule,
    });
  }
  const ids = new Set<string>();
  for (const spec of specs) {
    if (ids.has(spec.id))
      throw new Error(`${service}: two functions would be named ${spec.id}; rename a subscription or schedule.`);
    ids.add(spec.id);
  }
  return specs;
}

/** Parses the outbox item's JSON `detail` between the table stream and the bus (see outbox-pipe.ts). */
export const outboxEnrichmentSpec: LambdaSpec = {
  id: 'platform-outbox-enrichment',
  service: 'platform',
  kind: 'platform',
  handler: { file: 'handler', export: 'handler' },
  entry: join(dirname(fileURLToPath(import.meta.url)), 'outbox-enrichment', 'handler.ts'),
};

/** The user pool's pre token generation trigger: puts the caller's `unit_id` in the token. */
export const preTokenGenerationSpec: LambdaSpec = {
  id: 'platform-pre-token-generation',
  service: 'platform',
  kind: 'platform',
  handler: { file: 'handler', export: 'handler' },
  entry: join(dirname(fileURLToPath(import.meta.url)), 'pre-token-generation', 'handler.ts'),
  stack: 'stateful',
};

/** Every function that is deployed: the manifests' and the platform's. */
export function allLambdaSpecs(manifests: readonly ServiceManifest[] = MANIFESTS): LambdaSpec[] {
  return [...manifests.flatMap(lambdaSpecs), outboxEnrichmentSpec, preTokenGenerationSpec];
}

/** The functions the stateful stack deploys, or all the others (API and service stacks) for `stateless`. */
export function stackLambdaSpecs(
  stack: 'stateful' | 'stateless',
  manifests: readonly ServiceManifest[] = MANIFESTS,
): LambdaSpec[] {
  return allLambdaSpecs(manifests).filter((spec) => (spec.stack ?? 'stateless') === stack);
}
