import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS, CORS_METHODS } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { pathMatcher } from '../src/handler.ts';
import { widgetApp } from './app.ts';
import { header, httpEvent, jsonOf, lambdaContext, problemOf } from './support.ts';

const { handler } = widgetApp({ corsOrigins: ['https://app.congdoan.example'] });
const call = (input: Parameters<typeof httpEvent>[0]) => handler(httpEvent(input), lambdaContext());

describe('routing', () => {
  it('dispatches by method and path, with path parameters from the template', async () => {
    const res = await call({ path: '/v1/membership/widgets/w42' });
    expect(res.statusCode).toBe(200);
    expect(jsonOf(res)).toEqual({ id: 'w42', lang: 'vi' });
    expect(header(res, 'content-type')).toBe('application/json; charset=utf-8');
  });

  it('answers an unknown path with a 404 problem', async () => {
    const res = await call({ path: '/v1/membership/nothing-here' });
    expect(res.statusCode).toBe(404);
    const problem = problemOf(res);
    expect(problem).toMatchObject({
      type: 'urn:congdoan:problem:route-not-found',
      status: 404,
      code: 'route-not-found',
      instance: '/v1/membership/nothing-here',
    });
    expect(problem.title).toBe('Không tìm thấy');
  });

  it('answers a known path with a wrong method with a 405 problem naming the allowed methods', async () => {
    const res = await call({ method: 'PUT', path: '/v1/membership/widgets/w1' });
    expect(res.statusCode).toBe(405);
    expect(header(res, 'allow')).toBe('GET, PATCH, DELETE');
    expect(problemOf(res).code).toBe('method-not-allowed');
  });

  it('answers a CORS preflight for a known path with 204 and the CORS headers', async () => {
    const res = await call({
      method: 'OPTIONS',
      path: '/v1/membership/widgets',
      headers: { Origin: 'https://app.congdoan.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBeUndefined();
    expect(header(res, 'access-control-allow-origin')).toBe('https://app.congdoan.example');
    expect(header(res, 'access-control-allow-headers')).toContain('Idempotency-Key');
    expect(header(res, 'access-control-allow-methods')).toContain('PATCH');
  });

  it('takes its CORS rules from the one list in contracts, which CDK reads too', async () => {
    const preflight = await call({
      method: 'OPTIONS',
      path: '/v1/membership/widgets',
      headers: { Origin: 'https://app.congdoan.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(header(preflight, 'access-control-allow-headers')).toBe(CORS_ALLOW_HEADERS.join(', '));
    expect(header(preflight, 'access-control-allow-methods')).toBe(CORS_METHODS.join(', '));
    expect(header(preflight, 'access-control-max-age')).toBe(String(CORS_MAX_AGE_SECONDS));
    const res = await call({ path: '/v1/membership/widgets/w1', headers: { Origin: 'https://app.congdoan.example' } });
    expect(header(res, 'access-control-expose-headers')).toBe(CORS_EXPOSE_HEADERS.join(', '));
    expect(CORS_EXPOSE_HEADERS).toEqual(expect.arrayContaining(['Idempotent-Replayed', 'Content-Language']));
  });

  it('answers 204 without a body or content type, even if the implementation returned one', async () => {
    const res = await call({ method: 'DELETE', path: '/v1/membership/widgets/w1' });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBeUndefined();
    expect(header(res, 'content-type')).toBeUndefined();
  });
});

describe('headers on every response', () => {
  const cases = [
    ['a success', { path: '/v1/membership/widgets/w1' }, 200],
    ['a domain error', { path: '/v1/membership/widgets/missing' }, 404],
    ['an unknown route', { path: '/v2/nowhere' }, 404],
    ['an unexpected error', { method: 'POST', path: '/v1/membership/widgets/w1/fail', body: { mode: 'boom' } }, 500],
    ['a missing token', { path: '/v1/membership/widgets/w1', claims: null }, 401],
  ] as const;

  it.each(cases)('puts CORS, security and id headers on %s', async (_name, input, status) => {
    const res = await call({
      ...input,
      headers: { Origin: 'https://app.congdoan.example', 'X-Correlation-Id': 'corr-123' },
    });
    expect(res.statusCode).toBe(status);
    expect(header(res, 'access-control-allow-origin')).toBe('https://app.congdoan.example');
    expect(header(res, 'access-control-expose-headers')).toMatch(/ETag.*Location.*X-Request-Id.*X-Correlation-Id/);
    expect(header(res, 'strict-transport-security')).toMatch(/max-age=\d+/);
    expect(header(res, 'x-content-type-options')).toBe('nosniff');
    expect(header(res, 'x-frame-options')).toBe('DENY');
    expect(header(res, 'x-request-id')).toMatch(/^req-/);
    expect(header(res, 'x-correlation-id')).toBe('corr-123');
  });

  it('gives no CORS allowance to an origin outside CORS_ORIGINS', async () => {
    const res = await call({ path: '/v1/membership/widgets/w1', headers: { Origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(200);
    expect(header(res, 'access-control-allow-origin')).toBeUndefined();
  });

  it('allows any origin by default', async () => {
    const open = widgetApp();
    const res = await open.handler(
      httpEvent({ path: '/v1/membership/widgets/w1', headers: { Origin: 'https://any.example' } }),
      lambdaContext(),
    );
    expect(header(res, 'access-control-allow-origin')).toBe('*');
  });

  it('reads allowed origins from CORS_ORIGINS', async () => {
    const previous = process.env.CORS_ORIGINS;
    process.env.CORS_ORIGINS = 'https://a.example, https://b.example';
    try {
      const app = widgetApp();
      const allowed = await app.handler(
        httpEvent({ path: '/v1/membership/widgets/w1', headers: { Origin: 'https://b.example' } }),
        lambdaContext(),
      );
      const refused = await app.handler(
        httpEvent({ path: '/v1/membership/widgets/w1', headers: { Origin: 'https://c.example' } }),
        lambdaContext(),
      );
      expect(header(allowed, 'access-control-allow-origin')).toBe('https://b.example');
      expect(header(refused, 'access-control-allow-origin')).toBeUndefined();
    } finally {
      if (previous === undefined) delete process.env.CORS_ORIGINS;
      else process.env.CORS_ORIGINS = previous;
    }
  });

  it('makes a new correlation id when the request has none, and hands it to the implementation', async () => {
    const app = widgetApp();
    const res = await app.handler(httpEvent({ path: '/v1/membership/widgets/w1' }), lambdaContext());
    const correlationId = header(res, 'x-correlation-id');
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.recorder.seen[0]?.correlationId).toBe(correlationId);
    expect(app.recorder.seen[0]?.write.correlationId).toBe(correlationId);
    expect(app.recorder.seen[0]?.requestId).toBe(header(res, 'x-request-id'));
  });

  it('replaces a correlation id that could inject into logs', async () => {
    const res = await call({ path: '/v1/membership/widgets/w1', headers: { 'X-Correlation-Id': 'a b\n{"x":1}' } });
    expect(header(res, 'x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('pathMatcher', () => {
  it('matches concrete paths of a template the way the router does', () => {
    const units = pathMatcher('/v1/membership/units/{id}/children');
    expect(units.test('/v1/membership/units/u-1/children')).toBe(true);
    expect(units.test('/v1/membership/units/u-1/children/')).toBe(true);
    expect(units.test('/v1/membership/units/u-1/x/children')).toBe(false);
    expect(units.test('/v1/membership/units//children')).toBe(false);
    const dotted = pathMatcher('/v1/a.b');
    expect(dotted.test('/v1/aXb')).toBe(false);
    const proxy = pathMatcher('/files/{proxy+}');
    expect(proxy.test('/files/a/b/c')).toBe(true);
  });
});
