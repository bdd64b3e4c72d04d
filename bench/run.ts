/**
 * The performance bench (`npm run bench`): every Lambda bundle's sizes (entry, what a cold
 * start loads, every chunk), cold imports of each in fresh processes next to its unbundled
 * TypeScript source and next to the figures before this change (bench/before.json), the
 * issue's targets checked, what loads on first use, and the time the http-kit middy stack
 * adds to a warm request. Not a test: it prints tables. bench/README.md says what each
 * figure means. `npm run bench -- import` runs the member import bench instead
 * (bench/import.ts), `npm run bench -- reconciliation` the monthly finance reconciliation
 * bench (bench/reconciliation.ts), `npm run bench -- dues-standing` members' dues standing
 * (bench/dues-standing.ts), `npm run bench -- calendar` what the working-day calendar
 * costs (bench/calendar.ts), `npm run bench -- inspection-reports` what inspection's annual report
 * and UBKT warning list cost (bench/inspection-reports.ts), `npm run bench -- deadline-board` what a
 * page of the case deadline board costs with 1,000 and 10,000 open cases (bench/deadline-board.bench.ts),
 * `npm run bench -- welfare-funds` disbursements from one fund under contention against one conditional
 * update (bench/welfare-funds.ts), `npm run bench -- emulation-statistics` what a province's emulation
 * statistics read, against its registrations and nominations (bench/emulation-statistics.ts).
 *
 *   BENCH_RUNS=7                       fresh processes per cold-import figure (median reported)
 *   BENCH_TARGET_RUNS=15               the same for `+ source maps`, the figure the target is checked on
 *   npm run bench -- --against <dir>   measure another build's dist/lambdas (say, of main) in the
 *                                      same rounds and show it as the "before" column;
 *   npm run bench -- --against <dir> --record   and write its figures to bench/before.json
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tableEnvVar } from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { allLambdaSpecs, type LambdaSpec } from '../infra/lib/functions.ts';
import { BUNDLE_FILE, type BundleOutput, bundle, repoRoot } from '../scripts/bundle.ts';
import {
  BUNDLE_LIMIT_BYTES,
  type BundleSizes,
  bundleSizes,
  COLD_IMPORT_LIMIT_RATIO,
  fileUrl,
  type LazyChunk,
  lazyChunks,
  measure,
  type Probe,
  pairedRatio,
  type Timing,
} from './cold-start.ts';
import type { OverheadResult } from './middy-overhead.ts';
import { kib, ms, table, us } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** Runs behind the figure the target is checked on (`+ source maps`), in short rounds of their own. */
const TARGET_RUNS = Number(process.env.BENCH_TARGET_RUNS ?? 15);
const BEFORE_FILE = join(repoRoot, 'bench', 'before.json');

/** What a function sees at import time, minus anything that could reach AWS. As on Lambda, it may trace. */
const childEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  TMPDIR: process.env.TMPDIR,
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  ...Object.fromEntries(MANIFESTS.map((m) => [tableEnvVar(m.service), `bench-${m.service}`])),
};

/** A function's figures from an earlier build: bench/before.json, or `--against` measured now. */
interface BeforeFigures {
  entryBytes: number;
  allBytes: number;
  importMs: number;
  importMapsMs: number;
  cpuMapsMs: number;
}

interface BeforeFile {
  /** Which build the figures are of, and how they were taken. */
  about: string;
  functions: Record<string, BeforeFigures>;
}

interface Built {
  spec: LambdaSpec;
  out: BundleOutput;
  sizes: BundleSizes;
  lazy: LazyChunk[];
}

const option = (name: string) => {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

const has = (lazy: readonly LazyChunk[], pkg: string) => lazy.find((c) => c.packages.some(([p]) => p === pkg));

async function coldStartBench(): Promise<void> {
  const specs = allLambdaSpecs();
  const built: Built[] = [];
  for (const spec of specs) {
    const out = await bundle(spec.entry, spec.id);
    const sizes = bundleSizes(out.outdir);
    built.push({ spec, out, sizes, lazy: lazyChunks(out, sizes) });
  }

  const againstDir = option('--against');
  const against = againstDir ? resolve(againstDir) : undefined;
  const beforeIds = against ? specs.map((s) => s.id).filter((id) => existsSync(join(against, id, BUNDLE_FILE))) : [];

  // What loads on first use, timed as the first request that needs it loads it: after the entry.
  const firstUse: { what: string; in: Built; chunk: LazyChunk }[] = [];
  const services = built.filter((b) => b.spec.kind !== 'platform');
  for (const b of services.filter((b) => b.spec.kind === 'http' && has(b.lazy, 'date-holidays'))) {
    firstUse.push({ what: 'holiday library (first working-day count)', in: b, chunk: has(b.lazy, 'date-holidays')! });
  }
  const tracerIn = services.find((b) => has(b.lazy, '@aws-lambda-powertools/tracer'));
  if (tracerIn)
    firstUse.push({
      what: 'Tracer (a traced process, first invocation)',
      in: tracerIn,
      chunk: has(tracerIn.lazy, '@aws-lambda-powertools/tracer')!,
    });
  const metricsIn = services.find((b) => has(b.lazy, '@aws-lambda-powertools/metrics'));
  if (metricsIn)
    firstUse.push({
      what: 'Metrics (first invocation that counts one)',
      in: metricsIn,
      chunk: has(metricsIn.lazy, '@aws-lambda-powertools/metrics')!,
    });
  for (const b of services.filter((b) => b.spec.kind === 'http' && has(b.lazy, 'exceljs'))) {
    firstUse.push({ what: 'exceljs (first .xlsx request)', in: b, chunk: has(b.lazy, 'exceljs')! });
  }
  for (const b of services.filter((b) => has(b.lazy, '@aws-sdk/client-kms'))) {
    firstUse.push({
      what: 'KMS client (first identity sealed or revealed)',
      in: b,
      chunk: has(b.lazy, '@aws-sdk/client-kms')!,
    });
  }

  const entryUrl = (dir: string) => fileUrl(join(dir, BUNDLE_FILE));
  const maps = ['--enable-source-maps'];
  // The figures the target compares (every bundle with source maps) run in short rounds of
  // their own, more of them, so that each function and the lightest run seconds apart; the
  // rest (without maps, the sources, the first uses) take turns in longer rounds after.
  const targetProbes: Probe[] = [
    ...built.map(({ spec, out }) => ({ key: `${spec.id}+maps`, url: entryUrl(out.outdir), nodeArgs: maps })),
    ...beforeIds.map((id) => ({ key: `before:${id}+maps`, url: entryUrl(join(against!, id)), nodeArgs: maps })),
  ];
  const otherProbes: Probe[] = [
    ...built.map(({ spec, out }) => ({ key: spec.id, url: entryUrl(out.outdir), nodeArgs: [] })),
    ...beforeIds.map((id) => ({ key: `before:${id}`, url: entryUrl(join(against!, id)), nodeArgs: [] })),
    { key: 'empty', url: 'node:path', nodeArgs: [] },
    { key: 'empty.ts', url: 'node:path', nodeArgs: ['--import', 'tsx'] },
    ...built.map(({ spec }) => ({ key: `${spec.id}.ts`, url: fileUrl(spec.entry), nodeArgs: ['--import', 'tsx'] })),
    ...firstUse.map((f) => ({
      key: `first:${f.in.spec.id}:${f.chunk.file}`,
      url: fileUrl(join(f.in.out.outdir, f.chunk.file)),
      before: entryUrl(f.in.out.outdir),
      nodeArgs: maps,
    })),
  ];
  const measured = measure(targetProbes, TARGET_RUNS, childEnv);
  const others = measure(otherProbes, RUNS, childEnv);
  for (const [key, timing] of others.medians) measured.medians.set(key, timing);
  const time = (key: string): Timing => measured.medians.get(key)!;

  let before: BeforeFile | undefined;
  if (against) {
    before = {
      about: `${againstDir}, measured beside this build by \`npm run bench -- --against\` (median of ${TARGET_RUNS} with source maps, ${RUNS} without, node ${process.version})`,
      functions: Object.fromEntries(
        beforeIds.map((id) => {
          const sizes = bundleSizes(join(against, id));
          return [
            id,
            {
              entryBytes: sizes.entryBytes,
              allBytes: sizes.allBytes,
              importMs: time(`before:${id}`).wallMs,
              importMapsMs: time(`before:${id}+maps`).wallMs,
              cpuMapsMs: time(`before:${id}+maps`).cpuMs,
            },
          ];
        }),
      ),
    };
    if (process.argv.includes('--record')) writeFileSync(BEFORE_FILE, `${JSON.stringify(before, null, 2)}\n`);
  } else if (existsSync(BEFORE_FILE)) {
    before = JSON.parse(readFileSync(BEFORE_FILE, 'utf8')) as BeforeFile;
  }
  const was = (id: string) => before?.functions[id];
  const opt = (value: number | undefined, format: (v: number) => string) => (value === undefined ? '-' : format(value));

  console.log(
    `\nLambda bundles (scripts/bundle.ts, in dist/lambdas/<id>/)${before ? `; before: ${before.about}` : ''}\n`,
  );
  console.log(
    table([
      [
        'function',
        'before',
        'entry',
        'cold load',
        'all chunks',
        'chunks',
        'gzip (all)',
        'maps (cold)',
        `≤ ${kib(BUNDLE_LIMIT_BYTES)}`,
      ],
      ...built.map(({ spec, out, sizes }) => [
        spec.id,
        opt(was(spec.id)?.allBytes, kib),
        kib(sizes.entryBytes),
        kib(sizes.coldBytes),
        kib(sizes.allBytes),
        String(out.files.filter((f) => f.name.endsWith('.mjs')).length - 1),
        kib(sizes.gzipBytes),
        kib(sizes.coldMapBytes),
        sizes.allBytes <= BUNDLE_LIMIT_BYTES ? 'yes' : sizes.coldBytes <= BUNDLE_LIMIT_BYTES ? 'cold load only' : 'NO',
      ]),
    ]),
  );

  const withMaps = (b: Built) => time(`${b.spec.id}+maps`);
  // The lightest service function is the one whose cold start loads the fewest bytes. Taking
  // the one with the smallest measured time instead would pick whichever got lucky with noise.
  const lightest = services.reduce((l, b) => (b.sizes.coldBytes < l.sizes.coldBytes ? b : l));
  // Each function against the lightest in the same round, median over rounds (`pairedRatio`).
  const vsLightest = (b: Built, figure: 'wallMs' | 'cpuMs') =>
    pairedRatio(measured, `${b.spec.id}+maps`, `${lightest.spec.id}+maps`, figure);
  const times = (value: number) => `${value.toFixed(2)}×`;

  console.log(
    `\nCold import: median of ${TARGET_RUNS} fresh node ${process.version} processes each with source maps, ${RUNS} for the other columns, taking turns; wall and CPU time of \`await import()\`\n`,
  );
  console.log(
    table([
      [
        'function',
        'before +maps',
        '+ source maps',
        '× lightest',
        'CPU before',
        'CPU +maps',
        'CPU × lightest',
        'no maps',
        'import .ts (tsx)',
        'process bundle',
        'process .ts',
      ],
      ...built.map((b) => {
        const id = b.spec.id;
        const platform = b.spec.kind === 'platform';
        return [
          id,
          opt(was(id)?.importMapsMs, ms),
          ms(withMaps(b).wallMs),
          platform ? '' : times(vsLightest(b, 'wallMs')),
          opt(was(id)?.cpuMapsMs, ms),
          ms(withMaps(b).cpuMs),
          platform ? '' : times(vsLightest(b, 'cpuMs')),
          ms(time(id).wallMs),
          ms(time(`${id}.ts`).wallMs),
          ms(time(id).processMs),
          ms(time(`${id}.ts`).processMs),
        ];
      }),
      [
        '(empty: node:path)',
        '',
        '',
        '',
        '',
        '',
        '',
        ms(time('empty').wallMs),
        ms(time('empty.ts').wallMs),
        ms(time('empty').processMs),
        ms(time('empty.ts').processMs),
      ],
    ]),
  );

  const overBundle = built.filter((b) => b.sizes.allBytes > BUNDLE_LIMIT_BYTES);
  const overCold = built.filter(
    (b) => b.sizes.coldBytes > BUNDLE_LIMIT_BYTES || b.sizes.entryBytes > BUNDLE_LIMIT_BYTES,
  );
  const slow = services.filter((b) => vsLightest(b, 'wallMs') > COLD_IMPORT_LIMIT_RATIO);
  const slowCpu = services.filter((b) => vsLightest(b, 'cpuMs') > COLD_IMPORT_LIMIT_RATIO);
  const worst = (figure: 'wallMs' | 'cpuMs') =>
    services.reduce((w, b) => (vsLightest(b, figure) > vsLightest(w, figure) ? b : w));
  const names = (list: readonly Built[], figure: (b: Built) => string) =>
    list.map((b) => `${b.spec.id} ${figure(b)}`).join(', ');
  console.log('\nTargets (issue 8, item 6)');
  console.log(
    `  every bundle ≤ ${kib(BUNDLE_LIMIT_BYTES)}, the entry and what a cold start loads: ${overCold.length === 0 ? 'met' : `NOT met: ${names(overCold, (b) => kib(b.sizes.coldBytes))}`}`,
  );
  console.log(
    `  every bundle ≤ ${kib(BUNDLE_LIMIT_BYTES)}, all chunks summed: ${
      overBundle.length === 0
        ? 'met'
        : `NOT met: ${names(
            overBundle,
            (b) =>
              `${kib(b.sizes.allBytes)} (${b.lazy
                .slice(0, 1)
                .map((c) => `${c.packages[0]?.[0]} chunk ${kib(c.bytes)}`)
                .join('')}, loaded on first use)`,
          )}`
    }`,
  );
  console.log(
    `  cold import with source maps ≤ ${COLD_IMPORT_LIMIT_RATIO}× the lightest service function's (${lightest.spec.id}), in CPU time: ${slowCpu.length === 0 ? `met (at most ${worst('cpuMs').spec.id} ${times(vsLightest(worst('cpuMs'), 'cpuMs'))})` : `NOT met: ${names(slowCpu, (b) => times(vsLightest(b, 'cpuMs')))}`}`,
  );
  console.log(
    `  the same in wall time, which other load on the machine moves far more: ${slow.length === 0 ? `met (at most ${worst('wallMs').spec.id} ${times(vsLightest(worst('wallMs'), 'wallMs'))})` : `NOT met: ${names(slow, (b) => times(vsLightest(b, 'wallMs')))}`}`,
  );

  console.log(
    '\nLoaded on first use, not by a cold start: timed as the first request that needs it loads it (after index.mjs, with source maps)\n',
  );
  console.log(
    table([
      ['chunk', 'of', 'size', 'load', 'CPU', 'holds'],
      ...firstUse.map((f) => [
        f.what,
        f.in.spec.id,
        kib(f.chunk.bytes),
        ms(time(`first:${f.in.spec.id}:${f.chunk.file}`).wallMs),
        ms(time(`first:${f.in.spec.id}:${f.chunk.file}`).cpuMs),
        f.chunk.packages
          .slice(0, 3)
          .map(([p, bytes]) => `${p} ${kib(bytes)}`)
          .join(', '),
      ]),
    ]),
  );
}

/** Runs bench/middy-overhead.ts in a child whose stdout (the access log) goes to /dev/null. */
function middyOverhead(logLevel: 'SILENT' | 'INFO'): Promise<OverheadResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(join(repoRoot, 'bench', 'middy-overhead.ts'), [], {
      cwd: repoRoot,
      execArgv: ['--import', 'tsx'],
      // Tracing off: there is no X-Ray here to trace to, and the stack's own cost is the figure.
      env: {
        ...childEnv,
        POWERTOOLS_LOG_LEVEL: logLevel,
        POWERTOOLS_SERVICE_NAME: 'membership',
        POWERTOOLS_TRACE_ENABLED: 'false',
      },
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
  if (process.argv.slice(2).includes('dues-standing')) {
    const { duesStandingBench } = await import('./dues-standing.ts');
    return duesStandingBench();
  }
  if (process.argv.slice(2).includes('calendar')) {
    const { calendarBench } = await import('./calendar.ts');
    return calendarBench();
  }
  if (process.argv.slice(2).includes('inspection-reports')) {
    const { inspectionReportsBench } = await import('./inspection-reports.ts');
    return inspectionReportsBench();
  }
  if (process.argv.slice(2).includes('welfare-funds')) {
    const { welfareFundsBench } = await import('./welfare-funds.ts');
    return welfareFundsBench();
  }
  if (process.argv.slice(2).includes('emulation-statistics')) {
    const { emulationStatisticsBench } = await import('./emulation-statistics.ts');
    return emulationStatisticsBench();
  }
  if (process.argv.slice(2).includes('deadline-board')) {
    const { deadlineBoardBench } = await import('./deadline-board.bench.ts');
    return deadlineBoardBench();
  }
  const started = performance.now();
  await coldStartBench();

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
