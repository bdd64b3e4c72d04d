import { invalidCursor, type MemberState } from '@congdoan/contracts';
import { isInScope, type UnitLookup } from '@congdoan/org-directory';

/**
 * The change feed: one entry per committed member save, written in the save's
 * own transaction (adapters/member-store.ts), keyed by the time the writer read
 * its clock, then member id and version (adapters/change-keys.ts).
 *
 * A writer reads its clock before it commits, so an entry can become visible
 * after a later-stamped one. Readers therefore only return entries older than
 * `CHANGE_FEED_LAG_MS`: a writer that takes longer than that between reading
 * its clock and committing could be skipped, so it announces its change again,
 * with a fresh timestamp, right after committing (`LATE_COMMIT_MS`). Consumers
 * apply an entry only when its version is newer than what they hold, which
 * makes such a repeat harmless.
 */
export const CHANGE_FEED_LAG_MS = 2_000;
/** A save whose commit ends this long after its timestamp writes its entry again, newly stamped. */
export const LATE_COMMIT_MS = CHANGE_FEED_LAG_MS / 2;
/** The feed starts here: a reader without a cursor begins at this month (UTC). */
export const FEED_START_MONTH = '2025-01';
/** Query calls one page may make, at most (each month crossed costs one). */
export const MAX_QUERIES_PER_PAGE = 24;

/** One entry as stored. */
export interface StoredChange {
  /** The entry's sort key: `<ISO time>#<memberId>#<version>`; positions a cursor. */
  key: string;
  memberId: string;
  unitId: string;
  /** The unit the member left, when this change moved them. */
  fromUnitId: string | null;
  version: number;
  action: string;
  at: string;
  member: MemberState;
}

/** Where a reader stands: a month (UTC `yyyy-mm`) and the last key it has returned in that month. */
export interface FeedPosition {
  month: string;
  after: string;
}

export interface ChangeFeed {
  /** Entries of one month with `after < key < before`, in key order, at most `limit`, read consistently. */
  readMonth(
    month: string,
    range: { after: string; before: string },
    limit: number,
  ): Promise<{ entries: StoredChange[]; more: boolean }>;
}

export interface FeedDeps {
  feed: ChangeFeed;
  units: UnitLookup;
}

/** An entry as the caller may see it: the member, or null when the change took them out of the caller's subtree. */
export interface VisibleChange extends Omit<StoredChange, 'member' | 'key' | 'fromUnitId'> {
  member: MemberState | null;
}

export const monthOf = (iso: string) => iso.slice(0, 7);

export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const KEY = /^(\d{4}-\d{2})-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[^#]{1,64}#\d{10}$/;

/** A position from a decoded cursor; anything but what `readChanges` hands out is a 400. */
export function toPosition(decoded: Record<string, unknown> | undefined): FeedPosition {
  if (decoded === undefined) return { month: FEED_START_MONTH, after: '' };
  const { m, a } = decoded;
  if (typeof m !== 'string' || typeof a !== 'string' || !MONTH.test(m)) throw invalidCursor();
  if (a !== '' && KEY.exec(a)?.[1] !== m) throw invalidCursor();
  return { month: m < FEED_START_MONTH ? FEED_START_MONTH : m, after: m < FEED_START_MONTH ? '' : a };
}

export const fromPosition = (p: FeedPosition): Record<string, unknown> => ({ m: p.month, a: p.after });

/**
 * A page of changes after `from`, in commit order, each as the caller may see it.
 * Reads month by month up to the month of `now − lag`, and only entries older
 * than that; a page stops when it is full, when the reader has caught up, or
 * after `MAX_QUERIES_PER_PAGE` reads (then `hasMore` says to come back at once).
 * The position returned is always usable, even for an empty page.
 */
export async function readChanges(
  deps: FeedDeps,
  caller: { unitId: string | null },
  from: FeedPosition,
  options: { limit: number; now: Date; lagMs?: number },
): Promise<{ items: VisibleChange[]; next: FeedPosition; hasMore: boolean }> {
  const before = new Date(options.now.getTime() - (options.lagMs ?? CHANGE_FEED_LAG_MS)).toISOString();
  const lastMonth = monthOf(before);
  const visible = scopeFilter(deps.units, caller.unitId);
  const items: VisibleChange[] = [];
  let position = { ...from };
  let caughtUp = position.month > lastMonth;

  for (let queries = 0; !caughtUp && items.length < options.limit && queries < MAX_QUERIES_PER_PAGE; queries++) {
    const { entries, more } = await deps.feed.readMonth(
      position.month,
      { after: position.after, before },
      options.limit - items.length,
    );
    const seen = await Promise.all(entries.map(visible));
    for (const [i, entry] of entries.entries()) {
      position = { month: position.month, after: entry.key };
      const shown = seen[i];
      if (shown) items.push(shown);
    }
    if (more) continue;
    // This month is read up to the cut-off: move on, unless it is the cut-off's own month.
    if (position.month < lastMonth) position = { month: nextMonth(position.month), after: '' };
    else caughtUp = true;
  }
  return { items, next: position, hasMore: !caughtUp };
}

/** Memoises `key → promise` for one page. */
function once<T>(fn: (key: string) => Promise<T>) {
  const cache = new Map<string, Promise<T>>();
  return (key: string) => {
    let known = cache.get(key);
    if (!known) {
      known = fn(key);
      cache.set(key, known);
    }
    return known;
  };
}

/**
 * Whether the caller sees an entry, and how. Within a page each unit is read
 * once and each unit's scope decided once, so a page costs reads in proportion
 * to the units it touches, not to its entries.
 */
function scopeFilter(units: UnitLookup, scopeUnitId: string | null) {
  const nodes: UnitLookup = { getNode: once((id) => units.getNode(id)) };
  const inScope = once((unitId) => isInScope(nodes, scopeUnitId, unitId));
  return async (entry: StoredChange): Promise<VisibleChange | null> => {
    const { key: _key, fromUnitId, ...rest } = entry;
    if (scopeUnitId === null || (await inScope(entry.unitId))) return rest;
    // Moved out of the caller's subtree: say so, without saying where to.
    if (fromUnitId && (await inScope(fromUnitId))) return { ...rest, unitId: fromUnitId, member: null };
    return null;
  };
}
