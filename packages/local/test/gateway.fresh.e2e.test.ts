import { CORS_ALLOW_HEADERS, CORS_MAX_AGE_SECONDS, CORS_METHODS, type Role } from '@congdoan/contracts';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';
import { type StubCalls, stubHandlers, stubManifest, uniquePrefix } from './stub-service.ts';

type V2Event = APIGatewayProxyEventV2WithJWTAuthorizer;

let platform: Platform;
let calls: StubCalls;

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
  });
});

afterAll(async () => {
  await platform?.stop();
});

const bearer = async (roles: readonly Role[] = ['admin'], unitId?: string) =>
  `Bearer ${(await platform.issueToken({ roles, unitId, subject: 'user-1' })).token}`;

describe('the API Gateway v2 event', () => {
  it('carries the route, path, query, headers, cookies and body as API Gateway sends them', async () => {
    const res = await fetch(`${platform.url}/v1/membership/echo/unit%201?b=2&a=1&a=3&empty=`, {
      method: 'POST',
      headers: {
        authorization: await bearer(['admin', 'officer'], 'U-42'),
        'content-type': 'application/json',
        cookie: 'session=abc; theme=dark',
        'x-custom': 'One',
        'idempotency-key': 'k-1',
        'user-agent': 'vitest-agent',
      },
      body: JSON.stringify({ hello: 'xin chào' }),
    });
    expect(res.status).toBe(200);
    const { event, remaining } = (await res.json()) as { event: V2Event; remaining: number };

    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('POST /v1/membership/echo/{id}');
    expect(event.rawPath).toBe('/v1/membership/echo/unit%201');
    expect(event.rawQueryString).toBe('b=2&a=1&a=3&empty=');
    expect(event.queryStringParameters).toEqual({ a: '1,3', b: '2', empty: '' });
    expect(event.pathParameters).toEqual({ id: 'unit 1' });
    expect(event.cookies).toEqual(['session=abc', 'theme=dark']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-custom']).toBe('One');
    expect(event.headers['idempotency-key']).toBe('k-1');
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(Object.keys(event.headers).every((h) => h === h.toLowerCase())).toBe(true);
    expect(event.body).toBe(JSON.stringify({ hello: 'xin chào' }));
    expect(event.isBase64Encoded).toBe(false);

    const ctx = event.requestContext;
    expect(ctx.accountId).toMatch(/^\d{12}$/);
    expect(ctx.apiId).toBeTruthy();
    expect(ctx.domainName).toBe(`127.0.0.1:${platform.port}`);
    expect(ctx.routeKey).toBe('POST /v1/membership/echo/{id}');
    expect(ctx.stage).toBe('$default');
    expect(ctx.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ctx.http).toEqual({
      method: 'POST',
      path: '/v1/membership/echo/unit%201',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'vitest-agent',
    });
    expect(ctx.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(ctx.timeEpoch - Date.now())).toBeLessThan(10_000);

    // Claims arrive as API Gateway passes them: strings, arrays as "[a b]".
    const claims = ctx.authorizer.jwt.claims;
    expect(claims.sub).toBe('user-1');
    expect(claims['cognito:groups']).toBe('[admin officer]');
    expect(claims.unit_id).toBe('U-42');
    expect(claims.token_use).toBe('access');
    expect(claims.client_id).toBe('congdoan-api');
    expect(typeof claims.exp).toBe('string');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(claims.iss).toBe(`${platform.url}/_local`);
    // A person's token carries the scopes of the routes their roles may call (the stub's: membership.read/write).
    expect(ctx.authorizer.jwt.scopes).toEqual([
      'aws.cognito.signin.user.admin',
      'congdoan-api/membership.read',
      'congdoan-api/membership.write',
    ]);

    // The Lambda context and the structured result.
    expect(remaining).toBeGreaterThan(20_000);
    expect(calls.http.at(-1)?.context.functionName).toBe('membership-http');
    expect(res.headers.get('apigw-requestid')).toBe(ctx.requestId);
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('omits what the request does not have, and base64-encodes a binary body', async () => {
    const get = await fetch(`${platform.url}/v1/membership/echo/x`, { headers: { authorization: await bearer() } });
    const { event } = (await get.json()) as { event: V2Event };
    expect(event.rawQueryString).toBe('');
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.cookies).toBeUndefined();
    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);

    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const post = await fetch(`${platform.url}/v1/membership/echo/x`, {
      method: 'POST',
      headers: { authorization: await bearer(), 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    const posted = (await post.json()) as { event: V2Event };
    expect(posted.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(posted.event.body ?? '', 'base64')).toEqual(bytes);
  });

  it('gives a machine client (integration role) resource-server scopes and no groups', async () => {
    const { claims } = await platform.issueToken({ roles: ['integration'] });
    expect(claims['cognito:groups']).toBeUndefined();
    expect(claims.username).toBeUndefined();
    expect(claims.scope).toBe('congdoan-api/membership.read congdoan-api/membership.write');
    // integration is a machine's role, never a person's.
    await expect(platform.issueToken({ roles: ['integration', 'admin'] })).rejects.toThrow(/machine client/);
  });

  it('answers 500 with API Gateway’s body when the handler throws, leaking nothing', async () => {
    const res = await fetch(`${platform.url}/v1/membership/crash`, { headers: { authorization: await bearer() } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ message: 'Internal Server Error' });
    expect(text).not.toContain('boom');
  });

  it('answers 404 problem+json for an unknown path, and for a known path under another method', async () => {
    const unknown = await fetch(`${platform.url}/v1/membership/nothing-here`, {
      headers: { authorization: await bearer() },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const body = (await unknown.json()) as { code: string; status: number; title: string };
    expect(body).toMatchObject({ code: 'route-not-found', status: 404, title: 'Không tìm thấy' });

    const wrongMethod = await fetch(`${platform.url}/v1/membership/things/1`, {
      method: 'DELETE',
      headers: { 'accept-language': 'en' },
    });
    expect(wrongMethod.status).toBe(404);
    expect(((await wrongMethod.json()) as { detail: string }).detail).toContain('accepts only: GET');
  });

  it('answers 413 for a body over API Gateway’s 10 MB', async () => {
    const res = await fetch(`${platform.url}/v1/membership/echo/x`, {
      method: 'POST',
      headers: { authorization: await bearer(), 'content-type': 'application/json', 'accept-language': 'en' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('payload-too-large');
    // A body right at the limit passes.
    const ok = await fetch(`${platform.url}/v1/membership/echo/x`, {
      method: 'POST',
      headers: { authorization: await bearer(), 'content-type': 'application/json' },
      body: `{}${' '.repeat(10 * 1024 * 1024 - 2)}`,
    });
    expect(ok.status).toBe(200);
  });
});

describe('the JWT authorizer', () => {
  const call = (authorization?: string, lang?: string) =>
    fetch(`${platform.url}/v1/membership/echo/x`, {
      headers: {
        ...(authorization ? { authorization } : {}),
        ...(lang ? { 'accept-language': lang } : {}),
      },
    });
  const expectProblem = async (res: Response, code: string) => {
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = (await res.json()) as { code: string; status: number; title: string; detail: string; type: string };
    expect(body.code).toBe(code);
    expect(body.status).toBe(401);
    expect(body.type).toContain(code);
    return body;
  };

  it('refuses a request without a token, in Vietnamese by default', async () => {
    const body = await expectProblem(await call(), 'missing-token');
    expect(body.title).toBe('Thiếu mã truy cập');
    expect(calls.http.every((c) => c.event.headers.authorization)).toBe(true);
  });

  it('answers in English when Accept-Language asks for it', async () => {
    const body = await expectProblem(await call(undefined, 'en-GB,en;q=0.9'), 'missing-token');
    expect(body.title).toBe('Missing token');
  });

  it('refuses an expired token', async () => {
    const { token } = await platform.issueToken({ roles: ['admin'], expiresIn: -60 });
    const body = await expectProblem(await call(`Bearer ${token}`, 'en'), 'token-expired');
    expect(body.detail).toContain('expired');
  });

  it('refuses a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const claims = platform.tokens.claimsFor({ roles: ['admin'] });
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: platform.tokens.keyId })
      .sign(privateKey);
    await expectProblem(await call(`Bearer ${forged}`), 'invalid-token');
  });

  it('refuses a tampered token and garbage', async () => {
    const { token } = await platform.issueToken({ roles: ['member'] });
    const [header, payload, signature] = token.split('.');
    const elevated = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), 'cognito:groups': ['admin'] }),
    ).toString('base64url');
    await expectProblem(await call(`Bearer ${header}.${elevated}.${signature}`), 'invalid-token');
    await expectProblem(await call('Bearer not-a-jwt'), 'invalid-token');
  });

  it('refuses a token from another issuer', async () => {
    const { token } = await platform.issueToken({
      roles: ['admin'],
      extraClaims: { iss: 'https://cognito-idp.example/other' },
    });
    await expectProblem(await call(`Bearer ${token}`), 'invalid-token');
  });

  it('refuses a token for another audience', async () => {
    const { token } = await platform.issueToken({ roles: ['admin'], extraClaims: { client_id: 'another-app' } });
    const body = await expectProblem(await call(`Bearer ${token}`, 'en'), 'wrong-audience');
    expect(body.detail).toContain('another application');
  });

  it('accepts a token whose aud names the API even when client_id does not', async () => {
    const { token } = await platform.issueToken({
      roles: ['admin'],
      extraClaims: { client_id: 'web-app', aud: 'congdoan-api' },
    });
    expect((await call(`Bearer ${token}`)).status).toBe(200);
  });

  it('refuses a signed token without exp, as Cognito never issues one', async () => {
    const { token, claims } = await platform.issueToken({ roles: ['admin'], extraClaims: { exp: undefined } });
    expect(claims.exp).toBeUndefined();
    await expectProblem(await call(`Bearer ${token}`), 'invalid-token');
  });

  it('refuses a token issued in the future, beyond a small clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const ahead = await platform.issueToken({ roles: ['admin'], extraClaims: { iat: now + 3600 } });
    await expectProblem(await call(`Bearer ${ahead.token}`), 'invalid-token');
    const skewed = await platform.issueToken({ roles: ['admin'], extraClaims: { iat: now + 5 } });
    expect((await call(`Bearer ${skewed.token}`)).status).toBe(200);
  });

  it('refuses an ID token: only access tokens call the API', async () => {
    const { token } = await platform.issueToken({ roles: ['admin'], extraClaims: { token_use: 'id' } });
    await expectProblem(await call(`Bearer ${token}`), 'invalid-token');
  });
});

describe('CORS preflight', () => {
  it('answers as the HTTP API’s CORS configuration does, from the contracts list', async () => {
    const res = await fetch(`${platform.url}/v1/membership/echo/x`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(res.headers.get('access-control-allow-headers')).toBe(CORS_ALLOW_HEADERS.join(', ').toLowerCase());
    expect(res.headers.get('access-control-allow-methods')).toBe(CORS_METHODS.join(', '));
    expect(res.headers.get('access-control-max-age')).toBe(String(CORS_MAX_AGE_SECONDS));
  });
});

describe('the route scopes (authorizationScopes)', () => {
  const send = (method: string, authorization: string) =>
    fetch(`${platform.url}/v1/membership/echo/x`, {
      method,
      headers: { authorization, 'content-type': 'application/json', 'accept-language': 'en' },
      body: method === 'POST' ? '{}' : undefined,
    });

  it('refuses a token holding none of the route’s scopes with 403 insufficient-scope, before the function', async () => {
    const before = calls.http.length;
    const { token } = await platform.issueToken({ client: 'reader', scopes: ['membership.read'] });
    const res = await send('POST', `Bearer ${token}`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer error="insufficient_scope", scope="congdoan-api/membership.write"',
    );
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe('insufficient-scope');
    expect(body.detail).toContain('congdoan-api/membership.write');
    expect(calls.http.length).toBe(before);

    expect((await send('GET', `Bearer ${token}`)).status).toBe(200);
  });

  it('refuses a person’s token that lacks the scopes of their roles', async () => {
    const { token } = await platform.issueToken({
      roles: ['admin'],
      extraClaims: { scope: 'aws.cognito.signin.user.admin' },
    });
    expect((await send('GET', `Bearer ${token}`)).status).toBe(403);
  });
});
