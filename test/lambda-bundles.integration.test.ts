/**
 * The deployed artifact itself, not the TypeScript the other tests run: membership's HTTP
 * bundle (scripts/bundle.ts) in a fresh Node with source maps, as Lambda runs it. Its cold
 * start leaves exceljs out, and the template route still answers its workbook by loading the
 * exceljs chunk beside index.mjs on first use.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tableEnvVar } from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSizes } from '../bench/cold-start.ts';
import { allLambdaSpecs } from '../infra/lib/functions.ts';
import { adminClaimsOf, httpEvent } from '../packages/http-kit/test/support.ts';
import { BUNDLE_FILE, type BundleOutput, bundle, EXCELJS_UNUSED, packagesIn, repoRoot } from '../scripts/bundle.ts';
import { freshTable } from './support/tables.ts';

let dir: string;
let out: BundleOutput;
let tableName: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'congdoan-bundle-'));
  const spec = allLambdaSpecs().find((s) => s.id === 'membership-http');
  if (!spec) throw new Error('no membership-http function');
  out = await bundle(spec.entry, spec.id, dir);
  tableName = (await freshTable('membership')).tableName;
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A GET by a whole-tree admin whose token carries the admin's scopes, as the pre-token trigger adds them. */
const adminGet = (path: string) => httpEvent({ path, claims: adminClaimsOf(MANIFESTS) });

/** Runs the bundle's handler on one event in a fresh `node --enable-source-maps`; returns its answer. */
function invoke(event: unknown): { statusCode: number; headers: Record<string, string>; body: string } {
  const code = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(join(dir, BUNDLE_FILE)).href)});
    const context = { awsRequestId: 'bundle-test', functionName: 'membership-http', getRemainingTimeInMillis: () => 10000 };
    const response = await handler(JSON.parse(process.env.EVENT), context);
    process.stdout.write('\\nRESPONSE ' + JSON.stringify(response));
  `;
  const r = spawnSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'ap-southeast-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
      [tableEnvVar('membership')]: tableName,
      EVENT: JSON.stringify(event),
    },
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESPONSE '));
  return JSON.parse(line?.slice('RESPONSE '.length) ?? 'null');
}

describe('the membership HTTP bundle', () => {
  it('keeps exceljs out of what a cold start loads, in a chunk of its own', () => {
    const sizes = bundleSizes(dir);
    const withExcel = out.files.filter((f) => packagesIn(out.metafile, f.name).some(([p]) => p === 'exceljs'));
    expect(withExcel.map((f) => f.name)).toHaveLength(1);
    expect(sizes.coldFiles).not.toContain(withExcel[0]?.name);
    expect(readFileSync(join(dir, BUNDLE_FILE), 'utf8')).not.toContain('exceljs');
  });

  it('reads its table through the bundled AWS SDK', () => {
    const response = invoke(adminGet('/v1/membership/units/no-such-unit'));
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers the import template, loading exceljs on first use', () => {
    const response = invoke(adminGet('/v1/membership/members/import-template'));
    expect(response.statusCode).toBe(200);
    const file = JSON.parse(response.body) as { name: string; base64: string };
    // An .xlsx is a zip: it starts with PK.
    expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

describe('exceljs in a bundle', () => {
  it('writes and reads a workbook without its streaming and CSV parts, which fail naming themselves', async () => {
    const excelDir = mkdtempSync(join(tmpdir(), 'congdoan-bundle-excel-'));
    try {
      const entry = join(repoRoot, 'services/membership/test/files/bundled-excel.ts');
      const built = await bundle(entry, 'bundled-excel', excelDir);
      // What the plugin leaves out is not in any file of the bundle.
      for (const file of built.files) {
        for (const [pkg] of packagesIn(built.metafile, file.name)) {
          expect([...EXCELJS_UNUSED, '@fast-csv/parse', '@fast-csv/format', 'bluebird']).not.toContain(pkg);
        }
      }
      const code = `
        const { roundTrip } = await import(${JSON.stringify(pathToFileURL(join(excelDir, BUNDLE_FILE)).href)});
        process.stdout.write('\\nRESULT ' + JSON.stringify(await roundTrip()));
      `;
      const r = spawnSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', code], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
      const result = JSON.parse(line?.slice('RESULT '.length) ?? 'null');
      expect(result.rows).toEqual([{ row: 1, cells: ['Nguyễn Thị Lan', 'Nữ', 42] }]);
      expect(result.streamingRead).toContain('unzipper is left out of Lambda bundles');
      expect(result.csv).toContain('fast-csv is left out of Lambda bundles');
    } finally {
      rmSync(excelDir, { recursive: true, force: true });
    }
  }, 120_000);
});
