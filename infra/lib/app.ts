/**
 * Builds the CDK app for the stage in context: the stateful stack, the shared API stack,
 * and one stack per service manifest (see docs/architecture.md, Building and deploying).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceManifest } from '@congdoan/contracts';
import { MANIFESTS, repoRoot } from '@congdoan/registry';
import { App, CrossStackReferences, type Environment, ReferenceStrength, Tags } from 'aws-cdk-lib';
import { ApiStack } from './api-stack.ts';
import { type StageConfig, stageConfig } from './config.ts';
import { ServiceStack, serviceStackName } from './service-stack.ts';
import { StatefulStack } from './stateful-stack.ts';

export interface BuildAppOptions {
  /** Merged over cdk.json's context (the CLI's `-c` values still win). */
  context?: Record<string, unknown>;
  outdir?: string;
  manifests?: readonly ServiceManifest[];
}

export interface CongdoanApp {
  app: App;
  config: StageConfig;
  stateful: StatefulStack;
  api: ApiStack;
  /** Each service's stack, by service name. */
  services: ReadonlyMap<string, ServiceStack>;
}

/** Context keys that skip asset bundling (esbuild) for every stack, for fast assertion tests. */
export const SKIP_BUNDLING_CONTEXT = { 'aws:cdk:bundling-stacks': [] } as const;

/** cdk.json's context, so an App built in a test sees the same flags and stage settings as `cdk synth`. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * The account and region the CLI resolved from credentials; otherwise environment-agnostic
 * stacks, so synth needs no AWS. Without credentials the CLI still sets the region to its
 * us-east-1 fallback, which must not pin the stacks there.
 */
function environment(): Environment | undefined {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  return account ? { account, region: process.env.CDK_DEFAULT_REGION } : undefined;
}

export function buildApp(options: BuildAppOptions = {}): CongdoanApp {
  const app = new App({
    context: { ...cdkJsonContext(), ...options.context },
    ...(options.outdir && { outdir: options.outdir }),
  });
  // Weak references (Fn::GetStackOutput), never exports: a stack can always change or drop
  // what another reads, so removing a service never wedges the stack that served it.
  CrossStackReferences.of(app).consume(ReferenceStrength.WEAK);
  const config = stageConfig(app.node);
  const manifests = options.manifests ?? MANIFESTS;
  const env = environment();
  Tags.of(app).add('project', 'congdoan');
  Tags.of(app).add('stage', config.stage);

  const stateful = new StatefulStack(app, `${config.prefix}-stateful`, {
    ...(env && { env }),
    description: `Công đoàn ${config.stage}: tables, event bus, user pool`,
    terminationProtection: config.retainData,
    config,
    manifests,
  });
  const api = new ApiStack(app, `${config.prefix}-api`, {
    ...(env && { env }),
    description: `Công đoàn ${config.stage}: HTTP API, JWT authorizer, outbox enrichment, alarm topic`,
    config,
    stateful,
  });
  const services = new Map<string, ServiceStack>();
  for (const manifest of manifests) {
    services.set(
      manifest.service,
      new ServiceStack(app, serviceStackName(config, manifest.service), {
        ...(env && { env }),
        description: `Công đoàn ${config.stage}: the ${manifest.service} service (functions, routes, rules, schedules, pipe, alarms, dashboard)`,
        config,
        manifest,
        stateful,
        shared: api,
      }),
    );
  }
  return { app, config, stateful, api, services };
}
