import { describe, expect, it } from 'vitest';
import { parseCli } from '../../scripts/import-members.ts';

const args = ['list.xlsx', '--unit', 'u-1'];

describe('the import CLI finds the API', () => {
  it('on the port `npm start` listens on: PORT, else 3000', () => {
    expect(parseCli(args, {}).url).toBe('http://127.0.0.1:3000');
    expect(parseCli(args, { PORT: '4101' }).url).toBe('http://127.0.0.1:4101');
  });

  it('at CONGDOAN_URL before PORT, and at --url before both', () => {
    const env = { PORT: '4101', CONGDOAN_URL: 'https://api.example.test' };
    expect(parseCli(args, env).url).toBe('https://api.example.test');
    expect(parseCli([...args, '--url', 'http://127.0.0.1:4102'], env).url).toBe('http://127.0.0.1:4102');
  });

  it('refuses a PORT that is not a port, rather than call somewhere else', () => {
    expect(() => parseCli(args, { PORT: 'abc' })).toThrow(/PORT/);
  });
});
