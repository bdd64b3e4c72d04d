import { staleVersion } from '@congdoan/contracts';
import { ConditionFailedError } from './transact.ts';

/**
 * Optimistic locking on a `version` attribute: an update succeeds only if the
 * item still has the version it was read at, and bumps it by one.
 */
export function versionGuard(expected: number) {
  return {
    condition: '#version = :expectedVersion',
    names: { '#version': 'version' },
    values: { ':expectedVersion': expected },
  };
}

/** Parses an `If-Match` header carrying an ETag made by `etag()`. Returns undefined when absent. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?v?(\d+)"?\s*$/.exec(header);
  return m ? Number(m[1]) : Number.NaN;
}

export const etag = (version: number) => `W/"${version}"`;

/** Checks a client's expected version against what was read; a mismatch is a 412. */
export function assertVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) throw staleVersion(expected, actual);
}

/** Maps a failed version condition on item `index` to 412, leaving other failures alone. */
export function staleOnConditionFailure(error: unknown, index: number, expected: number): unknown {
  if (error instanceof ConditionFailedError && error.index === index) {
    const actual = Number(error.item?.version ?? Number.NaN);
    return staleVersion(expected, actual);
  }
  return error;
}
