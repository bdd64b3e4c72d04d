import { randomUUID } from 'node:crypto';
import type { Role } from '@congdoan/contracts';
import { type Platform, type PlatformOptions, startPlatform } from '@congdoan/local';

/** The whole product on the run's DynamoDB Local, with its own tables, a random port and fast retries. */
export function startTestPlatform(options: PlatformOptions = {}): Promise<Platform> {
  return startPlatform({
    port: 0,
    dataDir: null,
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
    tablePrefix: `e2e-${randomUUID().slice(0, 8)}-`,
    seed: false,
    quiet: true,
    startScheduler: false,
    bus: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 40 },
    ...options,
  });
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

/** Polls until `check` passes or the time is up; the local pipeline delivers within a second. */
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
