/**
 * The deployed artifact: inspection's HTTP bundle (scripts/bundle.ts) in a fresh Node with source
 * maps, as Lambda runs it. Its cold start leaves the holiday library out; the working-day route
 * loads it on first use (Vietnam's rules and zones only) and counts as the full library does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tableEnvVar } from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSizes } from '../../../bench/cold-start.ts';
import { allLambdaSpecs } from '../../../infra/lib/functions.ts';
import { adminClaimsOf, httpEvent } from '../../../packages/http-kit/test/support.ts';
import { BUNDLE_FILE, type BundleOutput, bundle, isCode, packagesIn } from '../../../scripts/bundle.ts';
import { freshTable } from '../../../test/support/tables.ts';

let dir: string;
let out: BundleOutput;
let tableName: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inspection-bundle-'));
  const spec = allLambdaSpecs().find((s) => s.id === 'inspection-http');
  if (!spec) throw new Error('no inspection-http function');
  out = await bundle(spec.entry, spec.id, dir);
  tableName = (await freshTable('inspection')).tableName;
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the bundle's handler on one event in a fresh `node --enable-source-maps`; returns its answer. */
function invoke(event: unknown): { statusCode: number; headers: Record<string, string>; body: string } {
  const code = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(join(dir, BUNDLE_FILE)).href)});
    const context = { awsRequestId: 'bundle-test', functionName: 'inspection-http', getRemainingTimeInMillis: () => 10000 };
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
      [tableEnvVar('inspection')]: tableName,
      EVENT: JSON.stringify(event),
    },
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESPONSE '));
  return JSON.parse(line?.slice('RESPONSE '.length) ?? 'null');
}

describe('the inspection HTTP bundle and the calendar', () => {
  it('keeps the holiday library out of the cold start, in a chunk of its own', () => {
    const sizes = bundleSizes(dir);
    const holidays = out.files.filter(
      (f) => isCode(f.name) && packagesIn(out.metafile, f.name).some(([p]) => p === 'date-holidays'),
    );
    expect(holidays.map((f) => f.name)).toHaveLength(1);
    expect(sizes.coldFiles).not.toContain(holidays[0]!.name);
  });

  it('counts across Tết 2026 on first use, in English when asked', () => {
    const response = invoke(
      httpEvent({
        path: '/v1/inspection/calendar/working-days',
        query: { from: '2026-02-12', days: '7' },
        headers: { 'accept-language': 'en' },
        claims: adminClaimsOf(MANIFESTS),
      }),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      date: '2026-03-02',
      explanation: '7 working days from 12/02/2026 (off: Tết 16–20/02) → 02/03/2026',
    });
  });
});
