/**
 * The real thing: the installed CDK CLI runs cdk.json's app with real esbuild
 * bundling, with no AWS account or credentials in the environment.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { MANIFESTS, repoRoot } from '@congdoan/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allLambdaSpecs, routeKeysFromTemplate, stackLambdaSpecs, type TemplateJson } from '../lib/index.ts';

let outdir: string;
let result: ReturnType<typeof spawnSync>;

/** The environment without anything that could reach an AWS account. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && !key.startsWith('CDK_')) env[key] = value;
  }
  return {
    ...env,
    PATH: [join(repoRoot, 'node_modules', '.bin'), dirname(process.execPath), env.PATH].join(delimiter),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    CDK_DISABLE_CLI_TELEMETRY: '1',
    CDK_DISABLE_VERSION_CHECK: '1',
  };
}

function template(stack: string): TemplateJson {
  return JSON.parse(readFileSync(join(outdir, `${stack}.template.json`), 'utf8')) as TemplateJson;
}

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'congdoan-cdk-'));
  result = spawnSync(
    join(repoRoot, 'node_modules', '.bin', 'cdk'),
    ['synth', '--quiet', '--no-notices', '--output', outdir],
    { cwd: repoRoot, env: offlineEnv(), encoding: 'utf8', timeout: 290_000 },
  );
  // Bundling five services' 35 functions: about a minute idle, minutes on a busy 2-core machine.
}, 300_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('cdk synth (CLI, real bundling, no AWS account)', () => {
  it('succeeds', () => {
    expect(result.status, `${result.stderr}`).toBe(0);
  });

  it('writes the stateful, API and one service template per manifest for the dev stage', () => {
    expect(existsSync(join(outdir, 'congdoan-dev-stateful.template.json'))).toBe(true);
    expect(existsSync(join(outdir, 'congdoan-dev-api.template.json'))).toBe(true);
    for (const manifest of MANIFESTS) {
      expect(Object.keys(routeKeysFromTemplate(template(`congdoan-dev-${manifest.service}`)))).toEqual([
        manifest.service,
      ]);
    }
  });

  it('leaves the stacks environment-agnostic when no account is resolved', () => {
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string; environment?: string }>;
    };
    const stacks = Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack');
    expect(stacks).toHaveLength(2 + MANIFESTS.length);
    for (const stack of stacks) expect(stack.environment).toBe('aws://unknown-account/unknown-region');
  });

  it('bundles every function into an ESM index.mjs with its source map', () => {
    const stateless = ['congdoan-dev-api', ...MANIFESTS.map((m) => `congdoan-dev-${m.service}`)];
    const functions = stateless
      .flatMap((stack) => Object.values(template(stack).Resources ?? {}))
      .filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions).toHaveLength(stackLambdaSpecs('stateless').length);
    const all = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    // The pre token generation trigger's layer: the role → scopes file, and nothing else.
    const layers = all.filter((asset) => existsSync(join(outdir, asset, 'role-scopes.json')));
    expect(layers).toHaveLength(1);
    expect(readdirSync(join(outdir, layers[0]!))).toEqual(['role-scopes.json']);
    const assets = all.filter((asset) => !layers.includes(asset));
    // Functions built from the same entry file share one asset.
    expect(assets).toHaveLength(new Set(allLambdaSpecs().map((spec) => spec.entry)).size);
    for (const asset of assets) {
      const bundle = join(outdir, asset, 'index.mjs');
      expect(statSync(bundle).size, asset).toBeGreaterThan(200);
      expect(existsSync(`${bundle}.map`), asset).toBe(true);
      const head = readFileSync(bundle, 'utf8').slice(0, 400);
      expect(head).toContain('createRequire');
    }
  });
});
