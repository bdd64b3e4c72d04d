import type { EventPattern } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, matchesPattern, validatePattern } from '../../src/events/pattern.ts';

const event = {
  version: '0',
  id: 'e-1',
  'detail-type': 'MemberAdmitted',
  source: 'congdoan.membership',
  account: '000000000000',
  time: '2026-11-22T08:00:00Z',
  region: 'local',
  resources: ['arn:one', 'arn:two'],
  detail: {
    metadata: {
      eventId: 'ev-1',
      eventVersion: 1,
      actor: { id: 'user-7', roles: ['UNION_OFFICER', 'MEMBER'], unitId: null },
    },
    data: {
      state: 'running',
      name: 'Nguyễn Văn A',
      file: 'photo.PNG',
      path: '/usr/lib/thing.jar',
      count: 5,
      price: 100.0,
      empty: '',
      nothing: null,
      flag: false,
      tags: ['a', 'b'],
      emptyList: [],
      numbers: [1, 20],
      nested: { inner: 'x' },
      items: [
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 3 },
      ],
    },
  },
};

/** Validates, then matches: every pattern here must be valid. */
function matches(pattern: EventPattern | Record<string, unknown>, e: Record<string, unknown> = event): boolean {
  validatePattern(pattern);
  return matchesPattern(pattern, e);
}

const data = (fields: Record<string, unknown>) => ({ detail: { data: fields } }) as unknown as EventPattern;

describe('matchesPattern: structure', () => {
  it('requires every field (AND) and any matcher of a field (OR)', () => {
    expect(matches({ source: ['congdoan.membership'], 'detail-type': ['MemberAdmitted'] })).toBe(true);
    expect(matches({ source: ['congdoan.membership'], 'detail-type': ['MemberLeft'] })).toBe(false);
    expect(matches({ 'detail-type': ['MemberLeft', 'MemberAdmitted'] })).toBe(true);
    expect(matches({ 'detail-type': ['MemberLeft', 'MemberSuspended'] })).toBe(false);
  });

  it('descends into nested objects', () => {
    expect(matches({ detail: { metadata: { actor: { id: ['user-7'] } } } })).toBe(true);
    expect(matches({ detail: { metadata: { actor: { id: ['user-8'] } } } })).toBe(false);
  });

  it('does not match when a named field is missing, nested or not', () => {
    expect(matches({ detail: { metadata: { actor: { email: ['x'] } } } })).toBe(false);
    expect(matches({ missing: { deeper: ['x'] } })).toBe(false);
    expect(matches({ 'missing-top': ['x'] })).toBe(false);
  });

  it('matches an event array when any element matches', () => {
    expect(matches({ resources: ['arn:two'] })).toBe(true);
    expect(matches({ resources: ['arn:three'] })).toBe(false);
    expect(matches({ detail: { metadata: { actor: { roles: ['MEMBER'] } } } })).toBe(true);
    expect(matches(data({ numbers: [{ numeric: ['>', 10] }] }))).toBe(true);
    expect(matches(data({ numbers: [{ numeric: ['>', 50] }] }))).toBe(false);
  });

  it('matches a nested pattern against one element of an array of objects', () => {
    expect(matches(data({ items: { sku: ['B'] } }))).toBe(true);
    expect(matches(data({ items: { sku: ['B'], qty: [3] } }))).toBe(true);
    // sku A and qty 3 exist, but never in the same element
    expect(matches(data({ items: { sku: ['A'], qty: [3] } }))).toBe(false);
  });

  it('treats a matcher list against an object as no value', () => {
    expect(matches(data({ nested: ['x'] }))).toBe(false);
    expect(matches(data({ nested: [{ exists: true }] }))).toBe(false);
    expect(matches(data({ nested: [{ exists: false }] }))).toBe(true);
  });

  it('supports $or between sub-patterns', () => {
    const pattern = { source: ['congdoan.membership'], $or: [{ 'detail-type': ['Nope'] }, { region: ['local'] }] };
    expect(matches(pattern)).toBe(true);
    const none = { $or: [{ 'detail-type': ['Nope'] }, { region: ['elsewhere'] }] };
    expect(matches(none)).toBe(false);
  });
});

describe('matchesPattern: exact values', () => {
  it('matches strings exactly and case-sensitively, including the empty string', () => {
    expect(matches(data({ state: ['running'] }))).toBe(true);
    expect(matches(data({ state: ['Running'] }))).toBe(false);
    expect(matches(data({ empty: [''] }))).toBe(true);
    expect(matches(data({ nothing: [''] }))).toBe(false);
  });

  it('matches numbers numerically, never against strings', () => {
    expect(matches(data({ count: [5] }))).toBe(true);
    expect(matches(data({ count: [5.0] }))).toBe(true);
    expect(matches(data({ price: [100] }))).toBe(true);
    expect(matches(data({ count: ['5'] }))).toBe(false);
    expect(matches({ detail: { data: { count: [5] } } }, { detail: { data: { count: '5' } } })).toBe(false);
  });

  it('matches booleans and null exactly', () => {
    expect(matches(data({ flag: [false] }))).toBe(true);
    expect(matches(data({ flag: [true] }))).toBe(false);
    expect(matches(data({ nothing: [null] }))).toBe(true);
    expect(matches(data({ empty: [null] }))).toBe(false);
    expect(matches(data({ absent: [null] }))).toBe(false);
  });
});

describe('matchesPattern: operators', () => {
  it('prefix and suffix, also ignoring case', () => {
    expect(matches({ source: [{ prefix: 'congdoan.' }] })).toBe(true);
    expect(matches({ source: [{ prefix: 'aws.' }] })).toBe(false);
    expect(matches({ source: [{ prefix: { 'equals-ignore-case': 'CONGDOAN.' } }] })).toBe(true);
    expect(matches(data({ file: [{ suffix: '.png' }] }))).toBe(false);
    expect(matches(data({ file: [{ suffix: '.PNG' }] }))).toBe(true);
    expect(matches(data({ file: [{ suffix: { 'equals-ignore-case': '.png' } }] }))).toBe(true);
    expect(matches(data({ count: [{ prefix: '5' }] }))).toBe(false);
  });

  it('equals-ignore-case, with Vietnamese letters', () => {
    expect(matches(data({ state: [{ 'equals-ignore-case': 'RUNNING' }] }))).toBe(true);
    expect(matches(data({ name: [{ 'equals-ignore-case': 'NGUYỄN VĂN A' }] }))).toBe(true);
    expect(matches(data({ name: [{ 'equals-ignore-case': 'NGUYEN VAN A' }] }))).toBe(false);
  });

  it('wildcard, with escapes', () => {
    expect(matches(data({ path: [{ wildcard: '*/lib/*.jar' }] }))).toBe(true);
    expect(matches(data({ path: [{ wildcard: '*/bin/*' }] }))).toBe(false);
    expect(matches(data({ path: [{ wildcard: '/usr/lib/thing.jar' }] }))).toBe(true);
    expect(matches(data({ path: [{ wildcard: '/usr/lib/thing?jar' }] }))).toBe(false);
    expect(matches({ detail: { data: { s: [{ wildcard: 'a\\*b' }] } } }, { detail: { data: { s: 'a*b' } } })).toBe(
      true,
    );
    expect(matches({ detail: { data: { s: [{ wildcard: 'a\\*b' }] } } }, { detail: { data: { s: 'axb' } } })).toBe(
      false,
    );
  });

  it('anything-but with a value, a list, and nested operators', () => {
    expect(matches(data({ state: [{ 'anything-but': 'stopped' }] }))).toBe(true);
    expect(matches(data({ state: [{ 'anything-but': 'running' }] }))).toBe(false);
    expect(matches(data({ state: [{ 'anything-but': ['stopped', 'running'] }] }))).toBe(false);
    expect(matches(data({ count: [{ 'anything-but': [1, 2, 3] }] }))).toBe(true);
    expect(matches(data({ count: [{ 'anything-but': 5 }] }))).toBe(false);
    expect(matches(data({ state: [{ 'anything-but': { prefix: 'run' } }] }))).toBe(false);
    expect(matches(data({ state: [{ 'anything-but': { prefix: 'stop' } }] }))).toBe(true);
    expect(matches(data({ file: [{ 'anything-but': { suffix: '.PNG' } }] }))).toBe(false);
    expect(matches(data({ state: [{ 'anything-but': { 'equals-ignore-case': ['RUNNING'] } }] }))).toBe(false);
    expect(matches(data({ path: [{ 'anything-but': { wildcard: '*/lib/*' } }] }))).toBe(false);
  });

  it('anything-but never matches a missing field, but matches an explicit null', () => {
    expect(matches(data({ absent: [{ 'anything-but': 'x' }] }))).toBe(false);
    expect(matches(data({ nothing: [{ 'anything-but': 'x' }] }))).toBe(true);
    // the documented way to also accept a missing field
    expect(matches(data({ absent: [{ 'anything-but': 'x' }, { exists: false }] }))).toBe(true);
  });

  it('anything-but on an array matches when some element is not excluded', () => {
    expect(matches(data({ tags: [{ 'anything-but': 'a' }] }))).toBe(true);
    expect(matches(data({ tags: [{ 'anything-but': ['a', 'b'] }] }))).toBe(false);
  });

  it('exists true and false', () => {
    expect(matches(data({ state: [{ exists: true }] }))).toBe(true);
    expect(matches(data({ state: [{ exists: false }] }))).toBe(false);
    expect(matches(data({ absent: [{ exists: false }] }))).toBe(true);
    expect(matches(data({ absent: [{ exists: true }] }))).toBe(false);
    expect(matches(data({ nothing: [{ exists: true }] }))).toBe(true);
    expect(matches(data({ emptyList: [{ exists: false }] }))).toBe(true);
    // a missing intermediate object makes the leaf missing too
    expect(matches({ detail: { gone: { leaf: [{ exists: false }] } } })).toBe(true);
    expect(matches({ detail: { gone: { leaf: [{ exists: true }] } } })).toBe(false);
  });

  it('numeric ranges and equality', () => {
    expect(matches(data({ count: [{ numeric: ['>', 0, '<=', 5] }] }))).toBe(true);
    expect(matches(data({ count: [{ numeric: ['>', 0, '<', 5] }] }))).toBe(false);
    expect(matches(data({ count: [{ numeric: ['>=', 5] }] }))).toBe(true);
    expect(matches(data({ count: [{ numeric: ['>', 5] }] }))).toBe(false);
    expect(matches(data({ count: [{ numeric: ['=', 5.0] }] }))).toBe(true);
    expect(matches(data({ price: [{ numeric: ['=', 1e2] }] }))).toBe(true);
    expect(matches(data({ state: [{ numeric: ['>', 0] }] }))).toBe(false);
    expect(matches(data({ absent: [{ numeric: ['>', 0] }] }))).toBe(false);
  });

  it('a mix of exact values and operators in one list is an OR', () => {
    expect(matches(data({ state: ['stopped', { prefix: 'run' }] }))).toBe(true);
    expect(matches(data({ state: ['stopped', { prefix: 'halt' }] }))).toBe(false);
  });
});

describe('validatePattern', () => {
  const bad = (pattern: unknown) => () => validatePattern(pattern);

  it('accepts the patterns the services write', () => {
    expect(bad({ source: ['congdoan.membership'], 'detail-type': ['MemberAdmitted', 'MemberLeft'] })).not.toThrow();
  });

  it('refuses malformed patterns with the path named', () => {
    expect(bad(null)).toThrow(InvalidEventPatternError);
    expect(bad([])).toThrow(/must be a JSON object/);
    expect(bad({})).toThrow(/at least one field/);
    expect(bad({ source: 'congdoan.membership' })).toThrow(/at source: must be a list of matchers/);
    expect(bad({ source: [] })).toThrow(/at source: .*must not be empty/);
    expect(bad({ detail: {} })).toThrow(/at detail: a nested pattern must not be empty/);
    expect(bad({ detail: { x: [{ prefx: 'a' }] } })).toThrow(/at detail\.x\[0\]\.prefx: unknown operator/);
    expect(bad({ x: [{ prefix: 'a', suffix: 'b' }] })).toThrow(/exactly one operator/);
    expect(bad({ x: [{ prefix: 1 }] })).toThrow(/prefix takes a string/);
    expect(bad({ x: [{ exists: 'yes' }] })).toThrow(/exists takes true or false/);
    expect(bad({ x: [{ numeric: ['>', '1'] }] })).toThrow(/finite number/);
    expect(bad({ x: [{ numeric: ['>', 5, '<', 1] }] })).toThrow(/lower bound must be below/);
    expect(bad({ x: [{ numeric: ['>', 1, '>', 2] }] })).toThrow(/two lower bounds/);
    expect(bad({ x: [{ numeric: ['=', 1, '<', 2] }] })).toThrow(/cannot be combined/);
    expect(bad({ x: [{ numeric: ['~', 1] }] })).toThrow(/unknown numeric operator/);
    expect(bad({ x: [{ numeric: ['>'] }] })).toThrow(/numeric takes/);
    expect(bad({ x: [{ 'anything-but': ['a', 1] }] })).toThrow(/only strings or only numbers/);
    expect(bad({ x: [{ 'anything-but': [] }] })).toThrow(/must not be empty/);
    expect(bad({ x: [{ 'anything-but': { numeric: ['>', 1] } }] })).toThrow(/anything-but takes/);
    expect(bad({ x: [{ 'anything-but': null }] })).toThrow(/anything-but cannot take null/);
    expect(bad({ x: [{ wildcard: 'a**b' }] })).toThrow(/consecutive/);
    expect(bad({ x: [{ wildcard: 'a\\b' }] })).toThrow(/backslash/);
    expect(bad({ x: [{ cidr: '10.0.0.0/8' }] })).toThrow(/cidr matching is not supported/);
    expect(bad({ x: [['nested']] })).toThrow(/a matcher must be/);
    expect(bad({ x: [Number.NaN] })).toThrow(/finite/);
  });
});
