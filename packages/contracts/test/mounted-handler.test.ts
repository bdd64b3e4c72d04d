import { afterEach, describe, expect, it } from 'vitest';
import { isMountedHandler, mountedHandler, type ServiceName } from '../src/index.ts';

const saved = process.env.POWERTOOLS_SERVICE_NAME;
afterEach(() => {
  if (saved === undefined) delete process.env.POWERTOOLS_SERVICE_NAME;
  else process.env.POWERTOOLS_SERVICE_NAME = saved;
});

/** A handler that says which service it was made for. */
const made: ServiceName[] = [];
const echo = () =>
  mountedHandler((service: ServiceName) => {
    made.push(service);
    return async (event: string) => `${service}:${event}`;
  });

describe('a mounted handler', () => {
  it('is made once for the service named in POWERTOOLS_SERVICE_NAME, on its first event', async () => {
    made.length = 0;
    const handler = echo();
    expect(made).toEqual([]);
    process.env.POWERTOOLS_SERVICE_NAME = 'welfare';
    expect(await handler('a')).toBe('welfare:a');
    process.env.POWERTOOLS_SERVICE_NAME = 'finance';
    expect(await handler('b')).toBe('welfare:b');
    expect(made).toEqual(['welfare']);
  });

  it('gives each mounting service its own, whatever the environment says', async () => {
    const handler = echo();
    expect(isMountedHandler(handler)).toBe(true);
    expect(isMountedHandler(async () => {})).toBe(false);
    expect(await handler.forService('inspection')('c')).toBe('inspection:c');
  });

  it('refuses to guess its service', () => {
    delete process.env.POWERTOOLS_SERVICE_NAME;
    expect(() => echo()('a')).toThrow(/POWERTOOLS_SERVICE_NAME is not set/);
    process.env.POWERTOOLS_SERVICE_NAME = 'payroll';
    expect(() => echo()('a')).toThrow(/POWERTOOLS_SERVICE_NAME is "payroll"/);
  });
});
