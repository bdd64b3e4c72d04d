import { defineManifest, defineRoute, serviceTable } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { collectHeaders, queryParameters, toHttpResult } from '../src/apigw.ts';
import { RouteTable } from '../src/routes.ts';

const route = (method: 'GET' | 'POST', path: string) =>
  defineRoute({ operationId: `${method}${path}`, method, path, summary: '', roles: ['admin'], responses: {} });

const manifest = defineManifest({
  service: 'membership',
  table: serviceTable('membership'),
  http: { file: 'http', export: 'handler' },
  routes: [
    route('GET', '/v1/membership/units/{id}'),
    route('GET', '/v1/membership/units/roots'),
    route('POST', '/v1/membership/units/{id}/move'),
    route('GET', '/v1/membership/files/{path+}'),
  ],
  subscriptions: [],
  schedules: [],
  publishes: [],
});

describe('route selection', () => {
  const table = new RouteTable([manifest]);

  it('prefers a literal segment over a parameter, as API Gateway does', () => {
    expect(table.match('GET', '/v1/membership/units/roots')).toMatchObject({
      kind: 'found',
      route: { routeKey: 'GET /v1/membership/units/roots' },
      pathParameters: {},
    });
    expect(table.match('GET', '/v1/membership/units/U%2F1')).toMatchObject({
      kind: 'found',
      pathParameters: { id: 'U/1' },
    });
  });

  it('matches whole segments only, and greedy parameters to the end', () => {
    expect(table.match('GET', '/v1/membership/units/').kind).toBe('not-found');
    expect(table.match('GET', '/v1/membership/units/a/b').kind).toBe('not-found');
    expect(table.match('GET', '/v1/membership/files/a/b/c.pdf')).toMatchObject({
      pathParameters: { path: 'a/b/c.pdf' },
    });
    expect(table.match('PUT', '/v1/membership/units/a')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
  });

  it('refuses the same route declared twice', () => {
    expect(() => new RouteTable([manifest, manifest])).toThrow(/declared by both/);
  });
});

describe('payload format 2.0 helpers', () => {
  it('joins duplicate headers with commas and lifts cookies out', () => {
    expect(collectHeaders(['X-A', '1', 'x-a', '2', 'Cookie', 'a=1; b=2', 'cookie', 'c=3'])).toEqual({
      headers: { 'x-a': '1,2' },
      cookies: ['a=1', 'b=2', 'c=3'],
    });
  });

  it('decodes query values and joins duplicates', () => {
    expect(queryParameters('q=Li%C3%AAn+hi%E1%BB%87p&q=2&flag')).toEqual({ q: 'Liên hiệp,2', flag: '' });
    expect(queryParameters('')).toBeUndefined();
  });

  it('turns results into responses as API Gateway does', () => {
    expect(toHttpResult({ hello: 1 })).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
    });
    expect(toHttpResult({ hello: 1 }).body.toString()).toBe('{"hello":1}');
    const binary = toHttpResult({ statusCode: 201, headers: { ETag: 'W/"1"' }, body: 'AAEC', isBase64Encoded: true });
    expect(binary).toMatchObject({ statusCode: 201, headers: { etag: 'W/"1"' } });
    expect([...binary.body]).toEqual([0, 1, 2]);
    expect(toHttpResult({ statusCode: 204, cookies: ['a=1'] }).headers['set-cookie']).toEqual(['a=1']);
  });
});
