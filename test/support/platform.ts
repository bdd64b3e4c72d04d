import { randomUUID } from 'node:crypto';
import type { Role } from '@congdoan/contracts';
import { type Platform, type PlatformOptions, startPlatform } from '@congdoan/local';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Which local platform an e2e file runs on: `shared`, the worker's one platform
     * (`*.e2e.test.ts`, files not isolated from each other), or `own`, one it starts itself
     * (`*.fresh.e2e.test.ts`, each file in a fresh worker).
     */
    e2ePlatform?: 'shared' | 'own';
  }
}

/**
 * The product on the run's DynamoDB Local, with its own tables, a random port and fast retries.
 * A platform seeded with the whole demo gets a DynamoDB Local of its own (in memory): every
 * stream record written to a DynamoDB Local slows each later write to it (docs/testing.md), and
 * the demo's would slow every file after it on the run's.
 */
function testPlatform(options: PlatformOptions): Promise<Platform> {
  return startPlatform({
    port: 0,
    dataDir: null,
    dynamoEndpoint: options.seed === true ? undefined : process.env.DYNAMODB_ENDPOINT,
    tablePrefix: `e2e-${randomUUID().slice(0, 8)}-`,
    seed: false,
    quiet: true,
    printMetrics: false,
    startScheduler: false,
    bus: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 40 },
    ...options,
  });
}

let shared: Promise<Platform> | undefined;

/**
 * The worker's one local platform, started by the first file that asks and never stopped by
 * a file (it ends with the worker). Files on it keep to their own units, members and
 * Idempotency-Keys, filter the bus history by them, and wait with `platform.drain()`.
 */
export function sharedPlatform(): Promise<Platform> {
  if (inject('e2ePlatform') !== 'shared') {
    throw new Error('sharedPlatform() is for *.e2e.test.ts files; a *.fresh.e2e.test.ts file starts its own');
  }
  shared ??= testPlatform({});
  return shared;
}

/**
 * A platform of the file's own, for what the shared one cannot give: the demo data as
 * seeded, fault-injecting consumers or handlers, a restart. Only in `*.fresh.e2e.test.ts`:
 * the handlers' composition roots keep the tables of the first platform that called them,
 * so two platforms cannot share a worker. The file stops it in `afterAll`.
 */
export function startTestPlatform(options: PlatformOptions = {}): Promise<Platform> {
  if (inject('e2ePlatform') === 'shared') {
    throw new Error(
      'a file on the shared platform cannot start one of its own: use sharedPlatform(), or rename the file *.fresh.e2e.test.ts',
    );
  }
  return testPlatform(options);
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API returned
  body: any;
}

/** A small client for the gateway, as a web client would call it. */
export function client(platform: Platform, token?: string, defaults: Record<string, string> = {}) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${platform.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...defaults,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed } as ApiResponse;
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    patch: (path: string, body?: unknown, headers?: Record<string, string>) => call('PATCH', path, body, headers),
    put: (path: string, body?: unknown, headers?: Record<string, string>) => call('PUT', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => call('DELETE', path, undefined, headers),
  };
}

export async function tokenFor(platform: Platform, roles: Role[], unitId?: string): Promise<string> {
  return (await platform.issueToken({ roles, unitId })).token;
}

/**
 * Polls until `check` passes or the time is up. For what an event brings about, await
 * `platform.drain()` and check once instead; this is for what only time brings (the change
 * feed's read lag).
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

let seq = 0;
export const uniqueCode = (prefix: string) => `${prefix}-${Date.now().toString(36).toUpperCase()}${++seq}`;

export const agency = (taxId: string) => ({
  name: `Cơ quan ${taxId}`,
  taxId,
  fundingType: 'state-budget-partial' as const,
});
