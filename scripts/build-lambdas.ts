/**
 * Bundles every Lambda function (each manifest's HTTP handler, subscriptions and
 * schedules, plus the platform's own functions) into `dist/lambdas/<id>/`
 * (index.mjs, the chunks it loads on demand, their source maps), the directories
 * CDK deploys, and prints their sizes.
 *
 *   npm run build             a table: entry, all chunks, gzip, maps
 *   npm run build -- --quiet  one line (cdk.json's app runs it before every synth)
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { allLambdaSpecs } from '../infra/lib/functions.ts';
import { bundle, isCode, lambdasDistDir, repoRoot } from './bundle.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const quiet = process.argv.includes('--quiet');
  rmSync(lambdasDistDir, { recursive: true, force: true });
  const specs = allLambdaSpecs();
  const started = performance.now();
  const results = await Promise.all(
    specs.map(async (spec) => {
      const out = await bundle(spec.entry, spec.id);
      const code = out.files.filter((f) => isCode(f.name));
      const gzip = await Promise.all(
        code.map(async (f) => gzipSync(await readFile(join(out.outdir, f.name))).byteLength),
      );
      return { spec, out, chunks: code.length - 1, gzip: gzip.reduce((a, b) => a + b, 0) };
    }),
  );
  const took = `${results.length} functions bundled into ${relative(repoRoot, lambdasDistDir)}/ in ${Math.round(performance.now() - started)} ms`;
  if (quiet) {
    // stderr: a CDK app's stdout is not ours to write on.
    console.error(took);
    return;
  }
  console.table(
    results.map(({ spec, out, chunks, gzip }) => ({
      function: spec.id,
      kind: spec.kind,
      handler: `${spec.handler.package ? `${spec.handler.package}/` : ''}${spec.handler.file}.${spec.handler.export}`,
      'index.mjs': kb(out.bytes),
      'with chunks': kb(out.codeBytes),
      chunks,
      'gzip (all)': kb(gzip),
      'source maps': kb(out.files.filter((f) => f.name.endsWith('.map')).reduce((sum, f) => sum + f.bytes, 0)),
    })),
  );
  console.log(took);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
