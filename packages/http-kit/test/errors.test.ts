import { DomainError, type ErrorKind } from '@congdoan/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, preferredLanguage, renderProblem } from '../src/index.ts';
import { widgetApp } from './app.ts';
import { captureLogs } from './logs.ts';
import { header, httpEvent, lambdaContext, problemOf } from './support.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const fail = (mode: string, headers: Record<string, string> = {}, app = widgetApp()) =>
  app.handler(
    httpEvent({ method: 'POST', path: '/v1/membership/widgets/w1/fail', body: { mode }, headers }),
    lambdaContext(),
  );

describe('domain errors', () => {
  it('renders a DomainError as problem+json in Vietnamese by default', async () => {
    const res = await fail('conflict');
    expect(res.statusCode).toBe(409);
    expect(header(res, 'content-type')).toBe('application/problem+json; charset=utf-8');
    expect(header(res, 'content-language')).toBe('vi');
    expect(problemOf(res)).toEqual({
      type: 'urn:congdoan:problem:widget-taken',
      title: 'Xung đột dữ liệu',
      status: 409,
      detail: 'Tên đã có',
      code: 'widget-taken',
      instance: '/v1/membership/widgets/w1/fail',
      requestId: header(res, 'x-request-id'),
    });
  });

  it('renders it in English when Accept-Language prefers English', async () => {
    const res = await fail('conflict', { 'Accept-Language': 'fr-FR, en;q=0.8, vi;q=0.2' });
    expect(header(res, 'content-language')).toBe('en');
    expect(problemOf(res)).toMatchObject({ title: 'Conflict', detail: 'The name is taken' });
  });

  it('maps not-found, precondition-required and a transaction conflict', async () => {
    expect((await fail('not-found')).statusCode).toBe(404);
    expect((await fail('precondition-required')).statusCode).toBe(428);
    const conflict = await fail('transaction-conflict');
    expect(conflict.statusCode).toBe(409);
    expect(problemOf(conflict).code).toBe('concurrent-update');
  });
});

describe('unexpected errors', () => {
  it('answers 500 that leaks no message, name or stack, and logs the error with its stack', async () => {
    const logs = captureLogs();
    const app = widgetApp({ logger: createLogger('membership', { logLevel: 'INFO' }) });
    const res = await fail('boom', {}, app);
    logs.restore();

    expect(res.statusCode).toBe(500);
    const problem = problemOf(res);
    expect(problem).toMatchObject({ code: 'internal', status: 500, requestId: header(res, 'x-request-id') });
    expect(res.body).not.toMatch(/cccd|SELECT|SecretDatabaseError|at .*\.ts/);
    expect(Object.keys(problem).sort()).toEqual(['code', 'detail', 'instance', 'requestId', 'status', 'title', 'type']);

    const errorLine = logs.lines.find((l) => l.message === 'unhandled error');
    expect(errorLine).toBeDefined();
    expect(JSON.stringify(errorLine)).toContain('SecretDatabaseError');
    expect((errorLine?.error as { stack?: string } | undefined)?.stack).toMatch(/app\.ts/);
    // The CCCD number in the error message is masked even in the log.
    expect(logs.text()).not.toContain('001203004567');
    expect((errorLine?.error as { message?: string } | undefined)?.message).toBe(
      'cccd *** leaked from SELECT * FROM members',
    );
    expect(errorLine?.correlationId).toBe(header(res, 'x-correlation-id'));
  });
});

describe('renderProblem', () => {
  it('renders a DomainError the way the stack does, for the local gateway', () => {
    const error = new DomainError(
      'unauthorized',
      'unauthorized',
      { vi: 'Chưa xác thực', en: 'Unauthorized' },
      { vi: 'Thiếu token', en: 'No token' },
    );
    const res = renderProblem(error, 'en', '/v1/membership/units', 'req-1');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['content-language']).toBe('en');
    expect(JSON.parse(res.body ?? '')).toEqual({
      type: 'urn:congdoan:problem:unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: 'No token',
      code: 'unauthorized',
      instance: '/v1/membership/units',
      requestId: 'req-1',
    });
  });

  it.each([
    ['validation', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['precondition-failed', 412],
    ['payload-too-large', 413],
    ['unsupported-media-type', 415],
    ['unprocessable', 422],
    ['precondition-required', 428],
  ] as const)('maps kind %s to %i', (kind: ErrorKind, status) => {
    const error = new DomainError(kind, 'x', { vi: 'a', en: 'a' }, { vi: 'b', en: 'b' });
    expect(renderProblem(error, 'vi').statusCode).toBe(status);
  });

  it('includes field errors', () => {
    const error = new DomainError(
      'validation',
      'x',
      { vi: 'a', en: 'a' },
      { vi: 'b', en: 'b' },
      { fieldErrors: [{ location: 'body', field: 'name', message: 'bắt buộc' }] },
    );
    expect(JSON.parse(renderProblem(error, 'vi').body ?? '').errors).toEqual([
      { location: 'body', field: 'name', message: 'bắt buộc' },
    ]);
  });
});

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['en;q=0.5, vi', 'vi'],
    ['fr, en;q=0.3', 'en'],
    ['fr, de', 'vi'],
    ['en;q=0, vi;q=0.1', 'vi'],
    ['*', 'vi'],
    ['EN-gb', 'en'],
    ['en;q=garbage, vi;q=0.5', 'vi'],
  ] as const)('%s → %s', (input, expected) => {
    expect(preferredLanguage(input)).toBe(expected);
  });
});
