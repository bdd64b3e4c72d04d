/**
 * Bundles every Lambda function (each manifest's HTTP handler, subscriptions and
 * schedules, plus the platform's outbox enrichment) into
 * `dist/lambdas/<id>/index.mjs`, with the same esbuild options CDK uses, and
 * prints their sizes.
 *
 *   npm run build
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { allLambdaSpecs } from '../infra/lib/functions.ts';
import { BUNDLE_FILE, bundle, lambdasDistDir, repoRoot } from './bundle.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  rmSync(lambdasDistDir, { recursive: true, force: true });
  const specs = allLambdaSpecs();
  const started = performance.now();
  const results = await Promise.all(
    specs.map(async (spec) => {
      const out = await bundle(spec.entry, spec.id);
      const code = await readFile(`${out.outdir}/${BUNDLE_FILE}`);
      return { spec, out, gzip: gzipSync(code).byteLength };
    }),
  );
  const rows = results.map(({ spec, out, gzip }) => ({
    function: spec.id,
    kind: spec.kind,
    handler: `${spec.handler.package ? `${spec.handler.package}/` : ''}${spec.handler.file}.${spec.handler.export}`,
    'index.mjs': kb(out.bytes),
    gzip: kb(gzip),
    'source map': kb(out.files.find((f) => f.name.endsWith('.map'))?.bytes ?? 0),
  }));
  console.table(rows);
  console.log(
    `${results.length} bundles in ${relative(repoRoot, lambdasDistDir)}/ in ${Math.round(performance.now() - started)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
