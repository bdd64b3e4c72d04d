import { DomainError } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/index.ts';

const invalid = (cursor: string) => {
  try {
    decodeCursor(cursor);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('cursors', () => {
  it('round-trips a DynamoDB key through an opaque URL-safe string', () => {
    const key = { pk: 'UNIT#u-1', sk: 'CHILD#Sở Y tế/Bệnh viện', gsi1pk: 'x' };
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('UNIT');
    expect(decodeCursor(cursor)).toEqual(key);
  });

  it('treats no cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it.each([
    ['not base64url', 'abc$%^'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['JSON without a version', Buffer.from(JSON.stringify({ pk: 'x' })).toString('base64url')],
    ['another version', Buffer.from(JSON.stringify({ v: 99, k: { pk: 'x' } })).toString('base64url')],
    ['a key that is not an object', Buffer.from(JSON.stringify({ v: 1, k: 'x' })).toString('base64url')],
    ['an array key', Buffer.from(JSON.stringify({ v: 1, k: ['x'] })).toString('base64url')],
  ])('refuses %s with 400 invalid-cursor', (_name, cursor) => {
    const error = invalid(cursor);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'validation',
      code: 'invalid-cursor',
      fieldErrors: [{ location: 'query', field: 'cursor', message: 'invalid cursor' }],
    });
  });
});
