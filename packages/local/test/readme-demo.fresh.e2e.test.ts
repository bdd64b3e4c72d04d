/**
 * Issue 9, item 16: the README's demo, run as written (its `sh` blocks, taken from README.md
 * so the two cannot drift) with bash against a freshly seeded platform, twice. Every request
 * it makes must succeed both times; the only miss allowed is finance's profile answering 404
 * while the demo waits for the projection, before a 200.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { Unit } from '@congdoan/contracts';
import { repoRoot } from '@congdoan/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/dynamodb.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { uniquePrefix } from './stub-service.ts';

const README_URL = 'http://127.0.0.1:3000';

/** The `sh` blocks of the README's "A short demo" section, in order. */
function demoScript(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## A short demo');
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(3);
  return blocks.join('\n');
}

let platform: Platform;
const requests: string[] = [];

beforeAll(async () => {
  platform = await startPlatform({
    port: await freePort(),
    dataDir: null,
    // Its own DynamoDB Local: the demo's stream records would slow the run's (test/support/platform.ts).
    tablePrefix: uniquePrefix(),
    seed: true,
    startScheduler: false,
    log: (line) => {
      if (/^[A-Z]+ \S+ → \d{3} /.test(line)) requests.push(line);
    },
  });
  // Five services' demo data on a busy 2-core CI machine: minutes, not seconds.
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

/** Runs the demo with bash, stopping at the first failing command; gives the requests it made. */
async function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string; requests: string[] }> {
  const script = `set -eo pipefail\n${demoScript().replaceAll(README_URL, platform.url)}`;
  const before = requests.length;
  const child = spawn('bash', ['-c', script], {
    cwd: repoRoot,
    // `node` in the demo is this Node, whatever the machine has.
    env: { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr, requests: requests.slice(before) };
}

/** `POST /v1/membership/units → 201 12ms (…)` as `[method, path, status]`. */
const parse = (line: string) => {
  const [method, url, , status] = line.split(' ');
  return { method: method!, path: new URL(url!, platform.url).pathname, status: Number(status) };
};

function expectEveryStepSucceeded(run: Awaited<ReturnType<typeof runDemo>>) {
  const failed = run.requests.filter((line) => !/ → 20\d /.test(line));
  expect(run.code, `the demo stopped: ${run.stderr.slice(-1000)}\n${failed.join('\n')}`).toBe(0);
  const calls = run.requests.map(parse);
  expect(calls.length).toBeGreaterThan(25);
  calls.forEach((call, i) => {
    const step = `${call.method} ${call.path}`;
    if (call.status === 404 && /^\/v1\/finance\/units\/[^/]+$/.test(call.path)) {
      // Waiting for the projection: asked again at once, until it answers 200.
      let next = i + 1;
      while (calls[next]?.path === call.path && calls[next]?.status === 404) next++;
      expect(calls[next], `${step} was not asked again until it answered 200`).toMatchObject({
        path: call.path,
        status: 200,
      });
      return;
    }
    expect([200, 201], `${step} answered ${call.status}`).toContain(call.status);
  });
  const created = calls.filter((c) => c.method === 'POST' && c.path === '/v1/membership/units');
  expect(created.map((c) => c.status)).toEqual([201]);
  const moved = calls.filter((c) => c.method === 'POST' && c.path.endsWith('/move'));
  expect(moved.map((c) => c.status)).toEqual([200]);
  return calls;
}

describe('the README demo', () => {
  it('runs as written, and runs again with the same answers', async () => {
    const first = await runDemo();
    const firstCalls = expectEveryStepSucceeded(first);
    const second = await runDemo();
    const secondCalls = expectEveryStepSucceeded(second);

    // The second run replayed the creation: the same unit, once in the tree.
    const unitOf = (calls: { path: string }[]) =>
      calls.find((c) => /^\/v1\/membership\/units\/[^/]+\/move$/.test(c.path))!.path.split('/')[4];
    expect(unitOf(secondCalls)).toBe(unitOf(firstCalls));
    const { token } = await platform.issueToken({ roles: ['admin'] });
    const res = await fetch(`${platform.url}/v1/membership/units/${unitOf(firstCalls)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const unit = (await res.json()) as Unit;
    expect(unit).toMatchObject({ code: 'DEMO-01', version: 2 });
    // The finance demo's figures, as the README promises: 1 discrepancy, 13,500 short.
    expect(second.stdout).toContain('13500');
  }, 300_000);
});
