import type { BusEvent } from '@congdoan/contracts';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryOutcome } from '../src/events/index.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { type StubCalls, stubHandlers, stubManifest, uniquePrefix } from './stub-service.ts';

let platform: Platform;
let calls: StubCalls;
const extraSeen: BusEvent[] = [];

beforeAll(async () => {
  const stub = stubHandlers();
  calls = stub.calls;
  platform = await startPlatform({
    port: 0,
    dataDir: null,
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
    tablePrefix: uniquePrefix(),
    manifests: [stubManifest],
    resolveHandler: stub.resolveHandler,
    quiet: true,
    startScheduler: false,
    bus: { maxAttempts: 2, baseDelayMs: 1 },
    extraRules: [
      {
        ruleName: 'test-recorder',
        service: 'test',
        pattern: { 'detail-type': ['ThingCreated'] },
        async invoke(event) {
          extraSeen.push(event);
        },
      },
      {
        ruleName: 'test-always-fails',
        service: 'test',
        pattern: { 'detail-type': ['ThingCreated'] },
        async invoke() {
          throw new Error('consumer down');
        },
      },
    ],
  });
});

afterAll(async () => {
  await platform?.stop();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${platform.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /_local/token', () => {
  it('issues a token shaped like a Cognito access token that the gateway accepts', async () => {
    const res = await post('/_local/token', { roles: ['officer', 'accountant'], unitId: 'U-7', subject: 'chu-tich' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; expiresAt: string; claims: Record<string, unknown> };
    const claims = decodeJwt(body.token);
    expect(claims).toMatchObject({
      sub: 'chu-tich',
      'cognito:groups': ['officer', 'accountant'],
      unit_id: 'U-7',
      token_use: 'access',
      client_id: 'congdoan-api',
      iss: `${platform.url}/_local`,
    });
    expect(body.claims).toEqual(claims);
    expect(Date.parse(body.expiresAt)).toBe(Number(claims.exp) * 1000);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);

    const call = await fetch(`${platform.url}/v1/membership/echo/1`, {
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(call.status).toBe(200);
  });

  it('covers the whole tree without unitId, and honours expiresIn', async () => {
    const res = await post('/_local/token', { roles: ['admin'], expiresIn: 120 });
    const { token } = (await res.json()) as { token: string };
    const claims = decodeJwt(token);
    expect(claims.unit_id).toBe('*');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(120);
  });

  it('gives the integration role OAuth scopes instead of groups', async () => {
    const res = await post('/_local/token', { roles: ['integration'] });
    const claims = decodeJwt(((await res.json()) as { token: string }).token);
    expect(claims['cognito:groups']).toBeUndefined();
    expect(claims.username).toBeUndefined();
    // Every scope of the resource server: here, the stub service's routes.
    expect(String(claims.scope).split(' ')).toEqual(['congdoan-api/membership.read', 'congdoan-api/membership.write']);
  });

  it('gives a machine client the scopes it asks for', async () => {
    const res = await post('/_local/token', { client: 'hr-sync', scopes: ['membership.read'], unitId: 'U-7' });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ scope: 'congdoan-api/membership.read', unit_id: 'U-7', token_use: 'access' });
    expect(claims['cognito:groups']).toBeUndefined();
    expect(claims.username).toBeUndefined();
    const read = await fetch(`${platform.url}/v1/membership/echo/1`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    const write = await post('/v1/membership/things', { name: 'x' }, { authorization: `Bearer ${token}` });
    expect(write.status).toBe(403);
  });

  it('gives a person the scopes of the routes their roles may call, as the pre-token trigger does', async () => {
    const scopesOf = async (roles: string[]) => {
      const { token } = (await (await post('/_local/token', { roles })).json()) as { token: string };
      return String(decodeJwt(token).scope).split(' ');
    };
    // The stub's officer may call only GET echo; its admin every route.
    expect(await scopesOf(['officer'])).toEqual(['aws.cognito.signin.user.admin', 'congdoan-api/membership.read']);
    expect(await scopesOf(['admin'])).toEqual([
      'aws.cognito.signin.user.admin',
      'congdoan-api/membership.read',
      'congdoan-api/membership.write',
    ]);
    expect(await scopesOf(['member'])).toEqual(['aws.cognito.signin.user.admin']);
  });

  it('gives the same roles and unit the same subject on every request, so Idempotency-Keys stay the caller’s', async () => {
    const subjectOf = async (request: object) =>
      decodeJwt(((await (await post('/_local/token', request)).json()) as { token: string }).token).sub;
    const first = await subjectOf({ roles: ['officer', 'accountant'], unitId: 'U-7' });
    expect(first).toMatch(/^local-[0-9a-f]{32}$/);
    expect(await subjectOf({ roles: ['accountant', 'officer'], unitId: 'U-7' })).toBe(first);
    expect(await subjectOf({ roles: ['officer', 'accountant', 'officer'], unitId: 'U-7', expiresIn: 60 })).toBe(first);
    expect(await subjectOf({ roles: ['officer', 'accountant'], unitId: 'U-8' })).not.toBe(first);
    expect(await subjectOf({ roles: ['officer'], unitId: 'U-7' })).not.toBe(first);
    expect(await subjectOf({ roles: ['admin'] })).toBe(await subjectOf({ roles: ['admin'], unitId: null }));
    // A machine client's subject follows its name and unit, not the scopes it asks for.
    const client = await subjectOf({ client: 'hr-sync', scopes: ['membership.read'] });
    expect(await subjectOf({ client: 'hr-sync' })).toBe(client);
    expect(await subjectOf({ client: 'other' })).not.toBe(client);
    expect(await subjectOf({ roles: ['integration'] })).toBe(await subjectOf({ client: 'integration' }));
    expect(await subjectOf({ roles: ['admin'], subject: 'chosen' })).toBe('chosen');
  });

  it('refuses a token request no Cognito token could answer, naming the field', async () => {
    const fields = async (request: object) => {
      const res = await post('/_local/token', request, { 'accept-language': 'en' });
      expect(res.status).toBe(400);
      return ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
    };
    expect(await fields({ client: 'x', scopes: ['membership.admin'] })).toEqual(['scopes[0]']);
    expect(await fields({ roles: ['admin'], scopes: ['membership.read'] })).toEqual(['scopes']);
    expect(await fields({ roles: ['integration', 'admin'] })).toEqual(['roles']);
    expect(await fields({ roles: ['admin'], client: 'x' })).toEqual(['client']);
    expect(await fields({ client: 'Not A Name' })).toEqual(['client']);
    expect(await fields({ unitId: 'U-1' })).toEqual(['roles']);
  });

  it('refuses unknown roles with a 400 problem listing the field', async () => {
    const res = await post('/_local/token', { roles: ['admin', 'superuser'] }, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { code: string; errors: { location: string; field: string }[] };
    expect(body.code).toBe('validation-failed');
    expect(body.errors).toEqual([expect.objectContaining({ location: 'body', field: 'roles[1]' })]);
  });

  it('refuses a missing or empty role list, unknown fields and malformed JSON', async () => {
    const empty = (await (await post('/_local/token', { roles: [] })).json()) as { errors: { field: string }[] };
    expect(empty.errors.map((e) => e.field)).toEqual(['roles']);
    const missing = await post('/_local/token', {});
    expect(missing.status).toBe(400);
    const unknown = (await (await post('/_local/token', { roles: ['admin'], unit: 'x' })).json()) as {
      errors: { field: string }[];
    };
    expect(unknown.errors.map((e) => e.field)).toEqual(['unit']);
    const malformed = await post('/_local/token', '{"roles": [');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('malformed-json');
  });

  it('publishes the public key at /_local/.well-known/jwks.json', async () => {
    const res = await fetch(`${platform.url}/_local/.well-known/jwks.json`);
    const jwks = (await res.json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      use: 'sig',
      kid: platform.tokens.keyId,
    });
    expect(jwks.keys[0]!.d).toBeUndefined();
  });
});

describe('health, OpenAPI and docs', () => {
  it('GET /health reports DynamoDB, the pollers and the scheduler', async () => {
    const res = await fetch(`${platform.url}/health`);
    expect(res.status).toBe(200);
    const health = (await res.json()) as {
      status: string;
      dynamodb: unknown;
      pollers: unknown[];
      scheduler: { schedules: { name: string }[] };
      bus: { rules: { ruleName: string }[] };
    };
    expect(health.status).toBe('ok');
    expect(health.dynamodb).toMatchObject({ status: 'up', tables: { membership: platform.tables.membership } });
    expect(health.pollers).toEqual([expect.objectContaining({ service: 'membership', running: true })]);
    expect(health.scheduler.schedules.map((s) => s.name)).toEqual(['stub-nightly', 'stub-failing']);
    expect(health.bus.rules.map((r) => r.ruleName)).toContain('membership-thing-recorder');
  });

  it('GET /openapi.json lists every route of the manifests', async () => {
    const res = await fetch(`${platform.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const keys = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(keys.sort()).toEqual(stubManifest.routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('GET /docs renders the API reference from self-hosted assets', async () => {
    const res = await fetch(`${platform.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('/openapi.json');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
    for (const asset of html.matchAll(/(?:src|href)="(\/docs\/assets\/[^"]+)"/g)) {
      const file = await fetch(`${platform.url}${asset[1]}`);
      expect(file.status, asset[1]).toBe(200);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect((await fetch(`${platform.url}/docs/assets/../../package.json`)).status).toBe(404);
  });
});

describe('events and dead letters', () => {
  it('lists delivered events newest first with each consumer’s outcome, and the dead letters', async () => {
    const token = (await platform.issueToken({ roles: ['admin'] })).token;
    for (const name of ['first', 'second']) {
      const res = await post('/v1/membership/things', { name }, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(201);
    }
    await platform.drain();
    expect(calls.events.map((e) => (e.detail.data as { name: string }).name)).toEqual(['first', 'second']);
    expect(extraSeen).toHaveLength(2);

    const res = await fetch(`${platform.url}/_local/events?limit=1`);
    const events = (await res.json()) as { count: number; items: { event: BusEvent; outcomes: DeliveryOutcome[] }[] };
    expect(events.count).toBe(2);
    expect(events.items).toHaveLength(1);
    expect((events.items[0]!.event.detail.data as { name: string }).name).toBe('second');
    const outcomes = Object.fromEntries(events.items[0]!.outcomes.map((o) => [o.rule, o]));
    expect(outcomes['membership-thing-recorder']).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(outcomes['test-always-fails']).toMatchObject({ status: 'dead-lettered', attempts: 2 });
    expect(outcomes['test-always-fails']?.lastError).toContain('consumer down');

    const dead = (await (await fetch(`${platform.url}/_local/dead-letters`)).json()) as {
      items: { rule: string; event: BusEvent }[];
    };
    expect(dead.items.map((d) => d.rule)).toEqual(['test-always-fails', 'test-always-fails']);
    expect((dead.items[0]!.event.detail.data as { name: string }).name).toBe('second');

    const bad = await fetch(`${platform.url}/_local/events?limit=0`);
    expect(bad.status).toBe(400);
  });
});

describe('POST /_local/schedules/{name}/run', () => {
  it('runs the schedule’s handler now with the schedule input and answers with its timing', async () => {
    const res = await fetch(`${platform.url}/_local/schedules/stub-nightly/run`, { method: 'POST' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { name: string; status: string; durationMs: number; startedAt: string };
    expect(body).toMatchObject({ name: 'stub-nightly', status: 'succeeded' });
    expect(body.durationMs).toBeGreaterThanOrEqual(0);
    const run = calls.schedules.at(-1)!;
    expect(run.event).toMatchObject({ schedule: 'stub-nightly', mode: 'full' });
    expect(Date.parse(String(run.event.scheduledTime))).toBeGreaterThanOrEqual(Date.parse(body.startedAt) - 1000);
    expect(run.context.functionName).toBe('membership-stub-nightly');
  });

  it('answers 404 problem+json for an unknown schedule, naming the known ones', async () => {
    const res = await fetch(`${platform.url}/_local/schedules/nope/run`, {
      method: 'POST',
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe('schedule-not-found');
    expect(body.detail).toContain('stub-nightly');
  });

  it('answers 500 problem+json with the reason when the schedule fails', async () => {
    const res = await fetch(`${platform.url}/_local/schedules/stub-failing/run`, {
      method: 'POST',
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { code: string; detail: string; status: number };
    expect(body).toMatchObject({ code: 'schedule-failed', status: 500 });
    expect(body.detail).toContain('broken counter');
  });
});
