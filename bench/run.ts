/**
 * The performance bench (`npm run bench`): bundle sizes, cold-import times of
 * every Lambda bundle next to its unbundled TypeScript source, and the time the
 * http-kit middy stack adds to a warm request. Not a test: it prints tables.
 * bench/README.md says what each figure means. `npm run bench -- import` runs the
 * member import bench instead (bench/import.ts), `npm run bench -- reconciliation`
 * the monthly finance reconciliation bench (bench/reconciliation.ts), `npm run bench -- calendar`
 * what the working-day calendar costs (bench/calendar.ts).
 *
 *   BENCH_RUNS=7   fresh processes per cold-import figure (median reported)
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { tableEnvVar } from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { allLambdaSpecs, type LambdaSpec } from '../infra/lib/functions.ts';
import { BUNDLE_FILE, bundle, repoRoot } from '../scripts/bundle.ts';
import type { OverheadResult } from './middy-overhead.ts';
import { kib, median, ms, table, us } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** What a function sees at import time, minus anything that could reach AWS. */
const childEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  TMPDIR: process.env.TMPDIR,
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_EC2_METADATA_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  ...Object.fromEntries(MANIFESTS.map((m) => [tableEnvVar(m.service), `bench-${m.service}`])),
};

interface ColdImport {
  /** ms from before `await import()` to after, inside the process. */
  importMs: number;
  /** ms from spawn to exit, as measured by the parent: node start-up + loader + import. */
  processMs: number;
}

/** One fresh Node process importing `url`; returns the in-process import time and the whole process time. */
function coldImport(url: string, nodeArgs: readonly string[]): ColdImport {
  const code = `const t = performance.now(); await import(${JSON.stringify(url)}); console.log(performance.now() - t);`;
  const started = performance.now();
  const r = spawnSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', code], {
    cwd: repoRoot,
    env: childEnv,
    encoding: 'utf8',
  });
  const processMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`Importing ${url} failed:\n${r.stderr}`);
  const importMs = Number(r.stdout.trim().split('\n').at(-1));
  return { importMs, processMs };
}

function medians(url: string, nodeArgs: readonly string[]): ColdImport {
  const runs = Array.from({ length: RUNS }, () => coldImport(url, nodeArgs));
  return { importMs: median(runs.map((r) => r.importMs)), processMs: median(runs.map((r) => r.processMs)) };
}

interface FunctionFigures {
  spec: LambdaSpec;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
  bundled: ColdImport;
  bundledWithMaps: ColdImport;
  source: ColdImport;
}

async function functionFigures(spec: LambdaSpec): Promise<FunctionFigures> {
  const out = await bundle(spec.entry, spec.id);
  const file = join(out.outdir, BUNDLE_FILE);
  const bundleUrl = pathToFileURL(file).href;
  const sourceUrl = pathToFileURL(spec.entry).href;
  // One unmeasured run of each, so the OS file cache and tsx's transform cache are warm for all.
  coldImport(bundleUrl, []);
  coldImport(sourceUrl, ['--import', 'tsx']);
  return {
    spec,
    bytes: out.bytes,
    gzipBytes: gzipSync(readFileSync(file)).byteLength,
    mapBytes: out.files.find((f) => f.name.endsWith('.map'))?.bytes ?? 0,
    bundled: medians(bundleUrl, []),
    bundledWithMaps: medians(bundleUrl, ['--enable-source-maps']),
    source: medians(sourceUrl, ['--import', 'tsx']),
  };
}

/** Runs bench/middy-overhead.ts in a child whose stdout (the access log) goes to /dev/null. */
function middyOverhead(logLevel: 'SILENT' | 'INFO'): Promise<OverheadResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(join(repoRoot, 'bench', 'middy-overhead.ts'), [], {
      cwd: repoRoot,
      execArgv: ['--import', 'tsx'],
      env: { ...childEnv, POWERTOOLS_LOG_LEVEL: logLevel, POWERTOOLS_SERVICE_NAME: 'membership' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let result: OverheadResult | undefined;
    child.on('message', (message) => {
      result = message as OverheadResult;
    });
    child.on('error', reject);
    child.on('exit', (status) => {
      if (status === 0 && result) resolve(result);
      else reject(new Error(`bench/middy-overhead.ts (${logLevel}) exited with ${status}`));
    });
  });
}

async function main(): Promise<void> {
  if (process.argv.slice(2).includes('import')) {
    const { importBench } = await import('./import.ts');
    return importBench();
  }
  if (process.argv.slice(2).includes('reconciliation')) {
    const { reconciliationBench } = await import('./reconciliation.ts');
    return reconciliationBench();
  }
  if (process.argv.slice(2).includes('calendar')) {
    const { calendarBench } = await import('./calendar.ts');
    return calendarBench();
  }
  const started = performance.now();
  const baseline = medians('node:path', []);
  const tsxBaseline = medians('node:path', ['--import', 'tsx']);

  const figures: FunctionFigures[] = [];
  for (const spec of allLambdaSpecs()) figures.push(await functionFigures(spec));

  console.log(
    `\nLambda bundles (esbuild, scripts/bundle.ts) and cold import, median of ${RUNS} fresh node ${process.version} processes\n`,
  );
  console.log(
    table([
      [
        'function',
        'index.mjs',
        'gzip',
        'map',
        'import bundle',
        '+ source maps',
        'import .ts (tsx)',
        'process bundle',
        'process .ts',
      ],
      ...figures.map((f) => [
        f.spec.id,
        kib(f.bytes),
        kib(f.gzipBytes),
        kib(f.mapBytes),
        ms(f.bundled.importMs),
        ms(f.bundledWithMaps.importMs),
        ms(f.source.importMs),
        ms(f.bundled.processMs),
        ms(f.source.processMs),
      ]),
      [
        '(empty: node:path)',
        '',
        '',
        '',
        ms(baseline.importMs),
        '',
        ms(tsxBaseline.importMs),
        ms(baseline.processMs),
        ms(tsxBaseline.processMs),
      ],
    ]),
  );

  const overhead = [await middyOverhead('SILENT'), await middyOverhead('INFO')];
  console.log(
    `\nhttp-kit middy stack vs a bare handler, warm, in-process (${overhead[0]!.iterations} requests each)\n`,
  );
  console.log(
    table([
      ['handler', 'logger', 'mean', 'p50', 'p99', 'added (mean)', 'added (p50)'],
      [
        'bare async handler',
        '-',
        us(overhead[0]!.bare.mean),
        us(overhead[0]!.bare.p50),
        us(overhead[0]!.bare.p99),
        '',
        '',
      ],
      ...overhead.map((o) => [
        'createHttpHandler',
        o.logLevel === 'SILENT' ? 'silent' : 'INFO (1 line/request)',
        us(o.middy.mean),
        us(o.middy.p50),
        us(o.middy.p99),
        us(o.middy.mean - o.bare.mean),
        us(o.middy.p50 - o.bare.p50),
      ]),
    ]),
  );
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
