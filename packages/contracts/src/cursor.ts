import { invalidCursor } from './errors.ts';

/**
 * Page cursors, the one way every list hands out its position and takes it back.
 * To a client a cursor is opaque (base64url JSON with a version); inside, it is the
 * key the next page starts after. The key is the client's input, so a list binds it
 * to its own query (`boundStartKey`) wherever a forged one could read elsewhere.
 * Every refusal is the one 400 `invalid-cursor` (`./errors.ts`).
 */

/** Bumped when the cursor format changes, so old cursors fail cleanly instead of misleading a query. */
const CURSOR_VERSION = 1;

export type CursorKey = Record<string, unknown>;

/** An opaque cursor for a page's last key (a DynamoDB LastEvaluatedKey, or a list's own position). */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, k: key }), 'utf8').toString('base64url');
}

/**
 * The key a cursor was made from; undefined for no cursor. Anything else (not
 * base64url, not JSON, another version, not an object) is a 400 `invalid-cursor`.
 */
export function decodeCursor(cursor: string | undefined): CursorKey | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!isPlainObject(decoded) || decoded.v !== CURSOR_VERSION || !isPlainObject(decoded.k)) throw invalidCursor();
  return decoded.k;
}

/** What a start key must hold to continue a query: an attribute's exact value, or the prefix it starts with. */
export type CursorBinding = Record<string, string | { prefix: string }>;

/**
 * A start key from a client's cursor, only if it continues this very query: every
 * attribute of `bound` matches, and the key holds exactly `attributes` (the query's
 * key attributes), each a string. Undefined stays undefined (the first page);
 * anything else is a 400 `invalid-cursor`, before the store is asked.
 */
export function boundStartKey(
  key: CursorKey | undefined,
  bound: CursorBinding,
  attributes: readonly string[],
): Record<string, string> | undefined {
  if (key === undefined) return undefined;
  const kept: Record<string, string> = {};
  for (const attribute of attributes) {
    const value = key[attribute];
    if (typeof value !== 'string') throw invalidCursor();
    kept[attribute] = value;
  }
  for (const [attribute, expected] of Object.entries(bound)) {
    const value = kept[attribute];
    const ok = typeof expected === 'string' ? value === expected : value?.startsWith(expected.prefix) === true;
    if (!ok) throw invalidCursor();
  }
  return kept;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
