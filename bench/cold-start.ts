/**
 * What a function's cold start loads and how long it takes: the sizes of its bundle
 * (the entry, what the entry imports statically, every chunk), and cold imports in fresh
 * Node processes. Used by bench/run.ts; bench/README.md says what each figure means.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BundleOutput } from '../scripts/bundle.ts';
import { BUNDLE_FILE, isCode, packagesIn, repoRoot } from '../scripts/bundle.ts';
import { median } from './stats.ts';

/** The limit every bundle must stay under (issue 8, item 6). */
export const BUNDLE_LIMIT_BYTES = 800 * 1024;
/** A function's cold import with source maps, at most this many times the lightest service function's. */
export const COLD_IMPORT_LIMIT_RATIO = 1.3;

export interface BundleSizes {
  /** index.mjs alone. */
  entryBytes: number;
  /** index.mjs and the chunks it imports statically, transitively: what a cold start parses. */
  coldBytes: number;
  /** index.mjs and every chunk: all the code the function can ever load. */
  allBytes: number;
  /** The same, gzipped file by file: roughly what the code adds to the deployment zip. */
  gzipBytes: number;
  /** Source maps of the files a cold start loads (`--enable-source-maps` reads them then). */
  coldMapBytes: number;
  /** Files a cold start loads: index.mjs first. */
  coldFiles: string[];
}

/** `import … from "./chunk-X.mjs"`, `import "./chunk-X.mjs"`, `export … from "./chunk-X.mjs"` as esbuild writes them; not `import("…")`. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']\.\/([^"']+\.mjs)["']/g;

function staticImports(dir: string, file: string): string[] {
  const code = readFileSync(join(dir, file), 'utf8');
  return [...code.matchAll(STATIC_IMPORT)].map((m) => m[1]!);
}

/** Sizes of a built function directory (`dist/lambdas/<id>` or an older build's). */
export function bundleSizes(dir: string): BundleSizes {
  const size = (file: string) => readFileSync(join(dir, file)).byteLength;
  const cold = new Set<string>([BUNDLE_FILE]);
  const queue = [BUNDLE_FILE];
  while (queue.length > 0) {
    for (const next of staticImports(dir, queue.shift()!)) {
      if (!cold.has(next)) {
        cold.add(next);
        queue.push(next);
      }
    }
  }
  const code = readdirSync(dir).filter(isCode);
  const coldFiles = [...cold];
  const mapOf = (file: string) => {
    try {
      return size(`${file}.map`);
    } catch {
      return 0;
    }
  };
  return {
    entryBytes: size(BUNDLE_FILE),
    coldBytes: coldFiles.reduce((sum, f) => sum + size(f), 0),
    allBytes: code.reduce((sum, f) => sum + size(f), 0),
    gzipBytes: code.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f))).byteLength, 0),
    coldMapBytes: coldFiles.reduce((sum, f) => sum + mapOf(f), 0),
    coldFiles,
  };
}

export interface LazyChunk {
  file: string;
  bytes: number;
  /** The packages that weigh most in it, e.g. `exceljs 245 KiB, bluebird 85 KiB`. */
  packages: [string, number][];
}

/** The chunks a cold start does not load, with what is in them (from esbuild's metafile). */
export function lazyChunks(out: BundleOutput, sizes: BundleSizes): LazyChunk[] {
  return out.files
    .filter((f) => isCode(f.name) && !sizes.coldFiles.includes(f.name))
    .map((f) => ({ file: f.name, bytes: f.bytes, packages: packagesIn(out.metafile, f.name) }))
    .sort((a, b) => b.bytes - a.bytes);
}

export interface Timing {
  /** ms from before `await import()` to after, inside the process. */
  wallMs: number;
  /** CPU (user + system) the process spent in that import: much less sensitive than wall time to other load on the machine. */
  cpuMs: number;
  /** ms from spawn to exit, as measured by the parent: Node start-up + loader + import. */
  processMs: number;
}

/** One measurement: a fresh Node process that imports `before` (untimed), then `url` (timed). */
export interface Probe {
  key: string;
  url: string;
  nodeArgs: readonly string[];
  /** Imported first and not timed: to time a chunk as the first request that needs it loads it. */
  before?: string;
}

function runProbe(probe: Probe, env: NodeJS.ProcessEnv): Timing {
  const code = [
    probe.before ? `await import(${JSON.stringify(probe.before)});` : '',
    'const c = process.cpuUsage(); const t = performance.now();',
    `await import(${JSON.stringify(probe.url)});`,
    'const wall = performance.now() - t; const cpu = process.cpuUsage(c);',
    'console.log(JSON.stringify({ wall, cpu: (cpu.user + cpu.system) / 1000 }));',
  ].join(' ');
  const started = performance.now();
  const r = spawnSync(process.execPath, [...probe.nodeArgs, '--input-type=module', '-e', code], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
  });
  const processMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`Importing ${probe.url} failed:\n${r.stderr}`);
  const { wall, cpu } = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { wall: number; cpu: number };
  return { wallMs: wall, cpuMs: cpu, processMs };
}

export interface Measurements {
  /** Per probe, the median of its runs. */
  medians: Map<string, Timing>;
  /** Per probe, its runs in round order: round i of every probe ran within the same few seconds. */
  samples: Map<string, Timing[]>;
}

/**
 * `runs` fresh processes per probe. The probes take turns (one run of each, in the order given,
 * then the next round), so that load from elsewhere on the machine spreads over all of them
 * instead of falling on whichever ran during it. One unmeasured run of each comes first, so
 * the OS file cache and tsx's transform cache are warm for all.
 */
export function measure(probes: readonly Probe[], runs: number, env: NodeJS.ProcessEnv): Measurements {
  for (const probe of probes) runProbe(probe, env);
  const samples = new Map<string, Timing[]>(probes.map((p) => [p.key, []]));
  for (let round = 0; round < runs; round++) {
    for (const probe of probes) samples.get(probe.key)!.push(runProbe(probe, env));
  }
  const medians = new Map(
    [...samples].map(([key, timings]) => [
      key,
      {
        wallMs: median(timings.map((t) => t.wallMs)),
        cpuMs: median(timings.map((t) => t.cpuMs)),
        processMs: median(timings.map((t) => t.processMs)),
      },
    ]),
  );
  return { medians, samples };
}

/**
 * The median over rounds of `key`'s time over `base`'s in the same round. Two probes run
 * seconds apart within a round, so a slower minute on the machine weighs on both and cancels
 * out of the ratio, where a ratio of two medians keeps it.
 */
export function pairedRatio(m: Measurements, key: string, base: string, figure: 'wallMs' | 'cpuMs'): number {
  const a = m.samples.get(key) ?? [];
  const b = m.samples.get(base) ?? [];
  return median(a.map((t, round) => t[figure] / (b[round]?.[figure] ?? Number.NaN)));
}

export const fileUrl = (path: string) => pathToFileURL(path).href;
