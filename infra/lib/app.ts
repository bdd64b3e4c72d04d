/** Builds the CDK app: one stateful and one stateless stack for the stage in context. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceManifest } from '@congdoan/contracts';
import { MANIFESTS, repoRoot } from '@congdoan/registry';
import { App, type Environment, Tags } from 'aws-cdk-lib';
import { type StageConfig, stageConfig } from './config.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

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
  stateless: StatelessStack;
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
  const stateless = new StatelessStack(app, `${config.prefix}-stateless`, {
    ...(env && { env }),
    description: `Công đoàn ${config.stage}: API, functions, rules, pipes, schedules`,
    config,
    manifests,
    stateful,
  });
  stateless.addStackDependency(stateful);
  return { app, config, stateful, stateless };
}
