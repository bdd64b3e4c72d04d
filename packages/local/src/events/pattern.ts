/**
 * EventBridge event-pattern matching, as the local bus applies a rule's pattern.
 *
 * Semantics follow EventBridge (and aws/event-ruler, the library behind it):
 * - every field named in the pattern must match (AND); a field's list of matchers is an OR;
 * - a pattern object descends into the event object; when the event holds an array there,
 *   the sub-pattern must match one element of it;
 * - matchers apply to leaf values (strings, numbers, booleans, null); an array of leaves
 *   matches when any element matches; an object is not a leaf, so only `{exists: false}`
 *   matches it;
 * - a matcher other than `{exists: false}` never matches a missing field, `anything-but`
 *   included (`anything-but` on an explicit `null` does match);
 * - numbers compare numerically (`5` matches `5.0`), strings never match numbers;
 * - `$or: [ {...}, {...} ]` (two or more objects) is an OR of sub-patterns.
 *
 * Not supported (refused by `validatePattern`): `cidr`.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
import type { EventPattern } from '@congdoan/contracts';

export class InvalidEventPatternError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`invalid event pattern at ${path || '(root)'}: ${reason}`);
    this.name = 'InvalidEventPatternError';
  }
}

type Leaf = string | number | boolean | null;
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** Throws `InvalidEventPatternError`, naming the offending path, when the pattern is malformed. */
export function validatePattern(pattern: unknown): asserts pattern is EventPattern {
  if (!isObject(pattern)) throw new InvalidEventPatternError('', 'a pattern must be a JSON object');
  if (Object.keys(pattern).length === 0) {
    throw new InvalidEventPatternError('', 'a pattern must name at least one field');
  }
  validateObject(pattern, '');
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function validateObject(pattern: Json, path: string): void {
  for (const [key, value] of Object.entries(pattern)) {
    const here = join(path, key);
    if (key === '$or' && isOrList(value)) {
      value.forEach((sub, i) => {
        if (Object.keys(sub).length === 0) throw new InvalidEventPatternError(`${here}[${i}]`, 'empty $or branch');
        validateObject(sub, `${here}[${i}]`);
      });
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new InvalidEventPatternError(here, 'a list of matchers must not be empty');
      value.forEach((matcher, i) => {
        validateMatcher(matcher, `${here}[${i}]`);
      });
    } else if (isObject(value)) {
      if (Object.keys(value).length === 0)
        throw new InvalidEventPatternError(here, 'a nested pattern must not be empty');
      validateObject(value, here);
    } else {
      throw new InvalidEventPatternError(
        here,
        `must be a list of matchers or a nested object, got ${JSON.stringify(value)} (write [${JSON.stringify(value)}])`,
      );
    }
  }
}

function isOrList(value: unknown): value is Json[] {
  return Array.isArray(value) && value.length >= 2 && value.every(isObject) && !value.some(isOperatorObject);
}

const OPERATORS = new Set([
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'numeric',
  'equals-ignore-case',
  'wildcard',
  'cidr',
]);

function isOperatorObject(value: Json): boolean {
  return Object.keys(value).some((k) => OPERATORS.has(k));
}

function validateMatcher(matcher: unknown, path: string): void {
  if (matcher === null || typeof matcher === 'string' || typeof matcher === 'boolean') return;
  if (typeof matcher === 'number') {
    if (!Number.isFinite(matcher)) throw new InvalidEventPatternError(path, 'numbers must be finite');
    return;
  }
  if (!isObject(matcher)) {
    throw new InvalidEventPatternError(path, `a matcher must be a string, number, boolean, null or an operator object`);
  }
  const keys = Object.keys(matcher);
  if (keys.length !== 1) {
    throw new InvalidEventPatternError(path, `an operator object holds exactly one operator, got ${keys.length}`);
  }
  const op = keys[0]!;
  const arg = matcher[op];
  const at = `${path}.${op}`;
  switch (op) {
    case 'prefix':
    case 'suffix':
      if (typeof arg === 'string') return;
      if (isObject(arg) && Object.keys(arg).length === 1 && typeof arg['equals-ignore-case'] === 'string') return;
      throw new InvalidEventPatternError(at, `${op} takes a string or { "equals-ignore-case": string }`);
    case 'equals-ignore-case':
      if (typeof arg !== 'string') throw new InvalidEventPatternError(at, 'equals-ignore-case takes a string');
      return;
    case 'wildcard':
      if (typeof arg !== 'string') throw new InvalidEventPatternError(at, 'wildcard takes a string');
      wildcardRegExp(arg, at);
      return;
    case 'exists':
      if (typeof arg !== 'boolean') throw new InvalidEventPatternError(at, 'exists takes true or false');
      return;
    case 'numeric':
      parseNumeric(arg, at);
      return;
    case 'anything-but':
      validateAnythingBut(arg, at);
      return;
    case 'cidr':
      throw new InvalidEventPatternError(at, 'cidr matching is not supported by the local bus');
    default:
      throw new InvalidEventPatternError(at, `unknown operator "${op}"`);
  }
}

function validateAnythingBut(arg: unknown, path: string): void {
  if (typeof arg === 'string') return;
  if (typeof arg === 'number') {
    if (!Number.isFinite(arg)) throw new InvalidEventPatternError(path, 'numbers must be finite');
    return;
  }
  if (Array.isArray(arg)) {
    if (arg.length === 0) throw new InvalidEventPatternError(path, 'anything-but list must not be empty');
    const allStrings = arg.every((v) => typeof v === 'string');
    const allNumbers = arg.every((v) => typeof v === 'number' && Number.isFinite(v));
    if (!allStrings && !allNumbers) {
      throw new InvalidEventPatternError(path, 'anything-but list must hold only strings or only numbers');
    }
    return;
  }
  if (isObject(arg)) {
    const keys = Object.keys(arg);
    const op = keys[0];
    const inner = op === undefined ? undefined : arg[op];
    if (keys.length === 1 && (op === 'prefix' || op === 'suffix') && typeof inner === 'string') return;
    if (keys.length === 1 && (op === 'equals-ignore-case' || op === 'wildcard') && isStringOrStrings(inner)) {
      if (op === 'wildcard') {
        for (const w of [inner].flat()) wildcardRegExp(w, `${path}.wildcard`);
      }
      return;
    }
    throw new InvalidEventPatternError(
      path,
      'anything-but takes a string, a number, a list, or one of { prefix | suffix | equals-ignore-case | wildcard }',
    );
  }
  throw new InvalidEventPatternError(path, `anything-but cannot take ${JSON.stringify(arg)}`);
}

function isStringOrStrings(value: unknown): value is string | string[] {
  return (
    typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
  );
}

interface NumericRange {
  lower?: { value: number; inclusive: boolean };
  upper?: { value: number; inclusive: boolean };
  equals?: number;
}

function parseNumeric(arg: unknown, path: string): NumericRange {
  if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0 || arg.length > 4) {
    throw new InvalidEventPatternError(path, 'numeric takes [op, number] or [op, number, op, number]');
  }
  const range: NumericRange = {};
  for (let i = 0; i < arg.length; i += 2) {
    const op = arg[i];
    const value = arg[i + 1];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidEventPatternError(path, `numeric operand of "${String(op)}" must be a finite number`);
    }
    switch (op) {
      case '=':
        if (arg.length !== 2) throw new InvalidEventPatternError(path, '"=" cannot be combined with a range');
        range.equals = value;
        break;
      case '>':
      case '>=':
        if (range.lower) throw new InvalidEventPatternError(path, 'numeric has two lower bounds');
        range.lower = { value, inclusive: op === '>=' };
        break;
      case '<':
      case '<=':
        if (range.upper) throw new InvalidEventPatternError(path, 'numeric has two upper bounds');
        range.upper = { value, inclusive: op === '<=' };
        break;
      default:
        throw new InvalidEventPatternError(path, `unknown numeric operator ${JSON.stringify(op)}`);
    }
  }
  if (range.lower && range.upper && range.lower.value >= range.upper.value) {
    throw new InvalidEventPatternError(path, 'numeric lower bound must be below the upper bound');
  }
  return range;
}

const wildcardCache = new Map<string, RegExp>();

/** `*` matches any run of characters; `\*` a literal star and `\\` a literal backslash. */
function wildcardRegExp(wildcard: string, path = ''): RegExp {
  const cached = wildcardCache.get(wildcard);
  if (cached) return cached;
  let source = '';
  let lastWasStar = false;
  for (let i = 0; i < wildcard.length; i++) {
    const ch = wildcard[i]!;
    if (ch === '\\') {
      const next = wildcard[i + 1];
      if (next !== '*' && next !== '\\') {
        throw new InvalidEventPatternError(path, 'in a wildcard, a backslash may only escape * or \\');
      }
      source += `\\${next}`;
      i++;
      lastWasStar = false;
    } else if (ch === '*') {
      if (lastWasStar) throw new InvalidEventPatternError(path, 'a wildcard cannot hold consecutive * characters');
      source += '[\\s\\S]*';
      lastWasStar = true;
    } else {
      source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      lastWasStar = false;
    }
  }
  const re = new RegExp(`^${source}$`, 'u');
  wildcardCache.set(wildcard, re);
  return re;
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/** Whether `event` matches `pattern`. The pattern is assumed valid (see `validatePattern`). */
export function matchesPattern(pattern: EventPattern, event: Record<string, unknown>): boolean {
  return matchObject(pattern as Json, event);
}

function matchObject(pattern: Json, value: unknown): boolean {
  const fields = isObject(value) ? value : undefined;
  for (const [key, sub] of Object.entries(pattern)) {
    if (sub === undefined) continue;
    if (key === '$or' && isOrList(sub)) {
      if (!sub.some((branch) => matchObject(branch, value))) return false;
      continue;
    }
    const field = fields?.[key];
    const ok = Array.isArray(sub) ? matchLeaves(sub, leavesOf(field)) : matchNested(sub as Json, field);
    if (!ok) return false;
  }
  return true;
}

/** A nested pattern against an event value; an array there matches when one element matches. */
function matchNested(pattern: Json, value: unknown): boolean {
  if (!Array.isArray(value)) return matchObject(pattern, value);
  const elements = value.flat(Number.POSITIVE_INFINITY);
  if (elements.length === 0) return matchObject(pattern, undefined);
  return elements.some((element) => matchObject(pattern, element));
}

/** The leaf values at a field: none when it is missing or an object, every element of an array. */
function leavesOf(value: unknown): Leaf[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leavesOf);
  if (isObject(value)) return [];
  return [value as Leaf];
}

function matchLeaves(matchers: readonly unknown[], leaves: Leaf[]): boolean {
  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) return matcher.exists === leaves.length > 0;
    return leaves.some((leaf) => matchLeaf(matcher, leaf));
  });
}

function matchLeaf(matcher: unknown, leaf: Leaf): boolean {
  if (!isObject(matcher)) return matcher === leaf; // strings, numbers (5 === 5.0), booleans, null
  const op = Object.keys(matcher)[0];
  const arg = matcher[op as string];
  switch (op) {
    case 'prefix':
      return typeof leaf === 'string' && affix(arg, leaf, (s, p) => s.startsWith(p));
    case 'suffix':
      return typeof leaf === 'string' && affix(arg, leaf, (s, p) => s.endsWith(p));
    case 'equals-ignore-case':
      return typeof leaf === 'string' && sameIgnoringCase(leaf, arg as string);
    case 'wildcard':
      return typeof leaf === 'string' && wildcardRegExp(arg as string).test(leaf);
    case 'numeric':
      return typeof leaf === 'number' && inRange(parseNumeric(arg, ''), leaf);
    case 'anything-but':
      return !excluded(arg, leaf);
    default:
      return false;
  }
}

function affix(arg: unknown, value: string, test: (value: string, part: string) => boolean): boolean {
  if (typeof arg === 'string') return test(value, arg);
  const part = (arg as Json)['equals-ignore-case'] as string;
  return test(fold(value), fold(part));
}

function fold(value: string): string {
  return value.toLowerCase();
}

function sameIgnoringCase(a: string, b: string): boolean {
  return fold(a) === fold(b);
}

function inRange(range: NumericRange, value: number): boolean {
  if (range.equals !== undefined) return value === range.equals;
  if (range.lower && (range.lower.inclusive ? value < range.lower.value : value <= range.lower.value)) return false;
  if (range.upper && (range.upper.inclusive ? value > range.upper.value : value >= range.upper.value)) return false;
  return true;
}

/** Whether `anything-but`'s argument excludes this leaf. */
function excluded(arg: unknown, leaf: Leaf): boolean {
  if (typeof arg === 'string' || typeof arg === 'number') return arg === leaf;
  if (Array.isArray(arg)) return arg.includes(leaf);
  const inner = arg as Json;
  if (typeof leaf !== 'string') return false;
  if (typeof inner.prefix === 'string') return leaf.startsWith(inner.prefix);
  if (typeof inner.suffix === 'string') return leaf.endsWith(inner.suffix);
  const ignoreCase = inner['equals-ignore-case'];
  if (ignoreCase !== undefined) return [ignoreCase as string | string[]].flat().some((v) => sameIgnoringCase(leaf, v));
  const wildcard = inner.wildcard;
  if (wildcard !== undefined) return [wildcard as string | string[]].flat().some((w) => wildcardRegExp(w).test(leaf));
  return false;
}
