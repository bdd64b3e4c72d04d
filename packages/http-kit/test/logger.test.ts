import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, redactPersonalData } from '../src/index.ts';
import { widgetApp } from './app.ts';
import { captureLogs } from './logs.ts';
import { httpEvent, lambdaContext } from './support.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createLogger', () => {
  it('masks personal data at any depth, whatever the key’s case or separators', () => {
    const logs = captureLogs();
    const logger = createLogger('membership', { logLevel: 'INFO' });
    logger.info('member admitted', {
      member: {
        id: 'm-1',
        fullName: 'Nguyễn Thị Lan',
        cccd: '001203004567',
        id_number: '001203004567',
        contact: { phone: '0912345678', Email: 'lan@example.vn', homeAddress: 'Hà Nội' },
        dateOfBirth: '1990-01-01',
        salary: 12_000_000,
        grades: [{ salary: 1 }],
      },
      headers: { Authorization: 'Bearer eyJ...', 'x-request-id': 'r1' },
      complaint: { denouncer: { name: 'A' }, subject: 'late dues' },
      accessToken: 'abc',
      password: 'p',
    });
    logs.restore();

    const text = logs.text();
    for (const secret of ['Nguyễn Thị Lan', '001203004567', '0912345678', 'lan@example.vn', 'Hà Nội', '1990-01-01']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('12000000');
    expect(text).not.toContain('eyJ');
    const line = logs.lines[0] as Record<string, Record<string, unknown>>;
    expect(line.member).toMatchObject({
      id: 'm-1',
      fullName: '***',
      cccd: '***',
      id_number: '***',
      contact: { phone: '***', Email: '***', homeAddress: '***' },
      grades: [{ salary: '***' }],
    });
    expect(line.headers).toEqual({ Authorization: '***', 'x-request-id': 'r1' });
    expect(line.complaint).toEqual({ denouncer: '***', subject: 'late dues' });
  });

  it('leaves ordinary keys and Powertools’ own keys alone', () => {
    expect(redactPersonalData('unitId', 'u-1')).toBe('u-1');
    expect(redactPersonalData('function_request_id', 'x')).toBe('x');
    expect(redactPersonalData('correlationId', 'c')).toBe('c');
    expect(redactPersonalData('phoneNumber', '0912')).toBe('***');
  });

  it('masks a welfare case’s health details and circumstances wherever they sit', () => {
    expect(redactPersonalData('health', 'Ung thư')).toBe('***');
    expect(redactPersonalData('circumstances', 'Nuôi hai con nhỏ')).toBe('***');
    expect(redactPersonalData('summary', 'Nằm viện')).toBe('Nằm viện');
  });
});

describe('request logging', () => {
  it('logs one line per request with method, route, status and latency, never the body', async () => {
    const logs = captureLogs();
    const app = widgetApp({ logger: createLogger('membership', { logLevel: 'INFO' }) });
    const res = await app.handler(
      httpEvent({
        method: 'POST',
        path: '/v1/membership/widgets',
        body: { name: 'Bí mật', level: 'province' },
        headers: { 'X-Correlation-Id': 'corr-log-1' },
      }),
      lambdaContext(),
    );
    await app.handler(httpEvent({ path: '/v1/membership/widgets/w1', claims: null }), lambdaContext());
    logs.restore();

    expect(res.statusCode).toBe(201);
    const requests = logs.lines.filter((l) => l.message === 'request');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      level: 'INFO',
      service: 'membership',
      method: 'POST',
      route: '/v1/membership/widgets',
      operationId: 'createWidget',
      status: 201,
      correlationId: 'corr-log-1',
      function_name: 'membership-http',
    });
    expect(typeof requests[0]?.latencyMs).toBe('number');
    expect(requests[1]).toMatchObject({ method: 'GET', route: '/v1/membership/widgets/{id}', status: 401 });
    expect(requests[1]?.problem).toBe('unauthorized');
    // The second request has its own correlation id: keys do not leak across invocations.
    expect(requests[1]?.correlationId).not.toBe('corr-log-1');
    expect(logs.text()).not.toContain('Bí mật');
  });
});

describe('event logging', () => {
  it('never logs the raw event, even when POWERTOOLS_LOGGER_LOG_EVENT asks for it', async () => {
    process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
    const logs = captureLogs();
    try {
      const app = widgetApp({ logger: createLogger('membership', { logLevel: 'INFO' }) });
      await app.handler(
        httpEvent({
          method: 'POST',
          path: '/v1/membership/widgets',
          body: { name: 'Trần Văn Bình', level: 'province' },
        }),
        lambdaContext(),
      );
    } finally {
      logs.restore();
      delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
    }
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.text()).not.toContain('Trần Văn Bình');
  });
});
