import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The boundary check of `npm run check`: dependency-cruiser with
 * `.dependency-cruiser.cjs` over the services, and biome's
 * `noRestrictedImports` for what `app/` may take from `@congdoan/ddb`. Run on
 * the fixture services of `test/fixtures/boundaries` (one tidy, one with a
 * deliberate bad import per rule) and on the real tree.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = 'test/fixtures/boundaries/services';
const depcruiseBin = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const biomeBin = join(root, 'node_modules/@biomejs/biome/bin/biome');

interface Run {
  code: number;
  output: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

const depcruise = (path: string) =>
  run(process.execPath, [depcruiseBin, '--config', '.dependency-cruiser.cjs', '--output-type', 'err', path], root);

/** Biome as `npm run check` runs it, on files laid out as `services/<name>/src/...` in a scratch project. */
async function biomeLint(files: Record<string, string>): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'boundaries-'));
  try {
    const config = JSON.parse(await readFile(join(root, 'biome.json'), 'utf8'));
    // The scratch project has no git, schema or ignore list; the rules and overrides are the repository's.
    delete config.$schema;
    delete config.vcs;
    delete config.files;
    // Plugins are named relative to the repository; the scratch project finds them there.
    if (Array.isArray(config.plugins)) config.plugins = config.plugins.map((plugin: string) => join(root, plugin));
    await writeFile(join(dir, 'biome.json'), JSON.stringify(config));
    for (const [to, from] of Object.entries(files)) {
      await mkdir(dirname(join(dir, to)), { recursive: true });
      await copyFile(join(root, from), join(dir, to));
    }
    return await run(process.execPath, [biomeBin, 'lint', '--colors=off', 'services'], dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the boundary check', () => {
  it('passes a service whose layers import only what they may', async () => {
    const result = await depcruise(`${fixtures}/tidy`);
    expect(result.output).toContain('no dependency violations found');
    expect(result.code).toBe(0);
  }, 60_000);

  it('fails a domain file that imports the AWS SDK, naming the file and the rule', async () => {
    const result = await depcruise(`${fixtures}/leaky`);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(
      /error domain-imports-only-domain: test\/fixtures\/boundaries\/services\/leaky\/src\/domain\/order\.ts → \S*@aws-sdk\/lib-dynamodb/,
    );
  }, 60_000);

  it('fails a use case that imports a concrete adapter, naming the file and the adapter', async () => {
    const result = await depcruise(`${fixtures}/leaky`);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      `error app-imports-no-adapter: ${fixtures}/leaky/src/app/place-order.ts → ${fixtures}/leaky/src/adapters/order-store.ts`,
    );
  }, 60_000);

  it('fails a use case that takes commit or ConditionFailedError from @congdoan/ddb, and lets the allowed names through', async () => {
    const leaky = await biomeLint({
      'services/leaky/src/app/commit-directly.ts': `${fixtures}/leaky/src/app/commit-directly.ts`,
    });
    expect(leaky.code).not.toBe(0);
    expect(leaky.output).toContain('services/leaky/src/app/commit-directly.ts:2:10 lint/style/noRestrictedImports');
    expect(leaky.output).toContain('services/leaky/src/app/commit-directly.ts:2:32 lint/style/noRestrictedImports');

    const tidy = await biomeLint({
      'services/tidy/src/app/ports.ts': `${fixtures}/tidy/src/app/ports.ts`,
      'services/tidy/src/app/place-order.ts': `${fixtures}/tidy/src/app/place-order.ts`,
    });
    expect(tidy.output).not.toContain('noRestrictedImports');
    expect(tidy.code).toBe(0);
  }, 60_000);

  it('passes on the services as they are', async () => {
    const result = await depcruise('services');
    expect(result.output).toContain('no dependency violations found');
    expect(result.code).toBe(0);
  }, 120_000);
});
