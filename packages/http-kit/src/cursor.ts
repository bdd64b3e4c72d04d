import { invalidCursor } from './errors.ts';

/** Bumped when the cursor format changes, so old cursors fail cleanly instead of misleading a query. */
const CURSOR_VERSION = 1;

/** An opaque page cursor for a DynamoDB LastEvaluatedKey: base64url JSON with a version marker. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, k: key }), 'utf8').toString('base64url');
}

/**
 * The key a cursor was made from; undefined for no cursor. Anything else (not
 * base64url, not JSON, another version, not an object) is a 400 `invalid-cursor`.
 * The key is the client's input: queries must still bind it to the caller's scope.
 */
export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
