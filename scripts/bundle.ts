/**
 * The one set of esbuild options for every Lambda bundle. CDK (at synth),
 * `scripts/build-lambdas.ts` and the bench all bundle through here, so what is
 * measured is what is deployed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, type BuildResult, build, buildSync, type OutputFile } from 'esbuild';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where `build-lambdas` writes `<id>/index.mjs`; also the nominal outfile that keeps source maps identical everywhere. */
export const lambdasDistDir = join(repoRoot, 'dist', 'lambdas');

/** The bundle's file name; a Lambda handler `index.<export>` resolves to it. */
export const BUNDLE_FILE = 'index.mjs';

// ESM output cannot call `require` or read `__dirname`, yet some CommonJS
// dependencies (bundled as-is) do. The banner defines them from import.meta.
const banner = [
  "import { createRequire as __cdCreateRequire } from 'node:module';",
  "import { fileURLToPath as __cdFileURLToPath } from 'node:url';",
  "import { dirname as __cdDirname } from 'node:path';",
  'const require = __cdCreateRequire(import.meta.url);',
  'const __filename = __cdFileURLToPath(import.meta.url);',
  'const __dirname = __cdDirname(__filename);',
].join('\n');

export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  // Mappings only: enough for `--enable-source-maps` stack traces, without shipping the sources.
  sourcemap: 'linked',
  sourcesContent: false,
  // Prefer ESM builds (the AWS SDK's dist-es) so tree shaking can drop unused commands.
  mainFields: ['module', 'main'],
  // @aws-sdk/* is bundled, not left to the runtime's copy: the runtime's SDK version
  // moves under us with each runtime patch, while bundling pins the exact version in
  // pnpm-lock.yaml that the tests ran against (and drops what we do not use).
  external: [],
  banner: { js: banner },
  legalComments: 'external',
  absWorkingDir: repoRoot,
  logLevel: 'warning',
  metafile: true,
} as const satisfies BuildOptions;

/** Options to bundle one handler's TypeScript entry into `<outdir>/index.mjs`. */
export function bundleOptions(entry: string, id: string): BuildOptions {
  return {
    ...esbuildOptions,
    entryPoints: [entry],
    // A fixed nominal outfile, so the source map's relative paths do not depend on
    // where the bundle is finally written (cdk.out, a temp dir or dist).
    outfile: join(lambdasDistDir, id, BUNDLE_FILE),
    write: false,
  };
}

export interface BundleOutput {
  id: string;
  outdir: string;
  files: { name: string; bytes: number }[];
  /** Size of index.mjs. */
  bytes: number;
}

function writeOutputs(id: string, outdir: string, outputFiles: readonly OutputFile[]): BundleOutput {
  mkdirSync(outdir, { recursive: true });
  const files = outputFiles.map((f) => {
    const name = basename(f.path);
    writeFileSync(join(outdir, name), f.contents);
    return { name, bytes: f.contents.byteLength };
  });
  const main = files.find((f) => f.name === BUNDLE_FILE);
  if (!main) throw new Error(`esbuild produced no ${BUNDLE_FILE} for ${id}`);
  return { id, outdir, files, bytes: main.bytes };
}

/** Bundles `entry` into `outdir` (default `dist/lambdas/<id>`). */
export async function bundle(
  entry: string,
  id: string,
  outdir = join(lambdasDistDir, id),
): Promise<BundleOutput & { metafile: BuildResult['metafile'] }> {
  const result = await build(bundleOptions(entry, id));
  return { ...writeOutputs(id, outdir, result.outputFiles ?? []), metafile: result.metafile };
}

/** Synchronous twin of `bundle`, for CDK's local bundling hook (which cannot await). */
export function bundleSync(entry: string, id: string, outdir: string): BundleOutput {
  const result = buildSync(bundleOptions(entry, id));
  return writeOutputs(id, outdir, result.outputFiles ?? []);
}
