import { createHash } from 'node:crypto';
import { type AgeBand, invalidCursor, type MemberState, type Unit } from '@congdoan/contracts';
import type { MemberFilter } from '../member-ports.ts';
import type { PageKey } from '../ports.ts';
import { readUnitInScope } from '../units/read-unit.ts';
import type { MemberDeps } from './deps.ts';
import { birthRange } from './queries.ts';

/**
 * Where a subtree member listing stands. The walk is the pre-order of
 * `listUnitSubtree` (dissolved units included), and within a unit the unit's
 * own member order; so the cursor is the path being walked and one position in
 * one unit's members:
 *
 * - `r`: the unit the listing started from; the cursor is only good for it.
 * - `h`: a fingerprint of the filters; the cursor is only good with them.
 * - `f`: one frame per level of the current path, as in `listUnitSubtree`:
 *   the parent whose children are being walked (`p`) and the key of the last
 *   child taken (`k`). `f[0].p` is `r`, and each next frame's parent is a child
 *   of the one before.
 * - `u`: the unit whose members are being read (`id`), with the key of the
 *   last member read (`k`): the root before any frame exists, else the child
 *   last taken by the top frame. Once its members are done it becomes a frame.
 *
 * Its size grows with the depth of the tree, never with its width.
 */
export interface SubtreeMembersCursor {
  r: string;
  h: string;
  f: { p: string; k?: PageKey }[];
  u?: { id: string; k?: PageKey };
}

export interface SubtreeMembersPage {
  items: MemberState[];
  next: SubtreeMembersCursor | undefined;
}

export type SubtreeMemberFilter = MemberFilter & { ageBand?: AgeBand; on: string };

/** DynamoDB calls one request may make before it returns what it has, with a cursor. */
export const MAX_CALLS_PER_PAGE = 50;
/** Children read per query; only the position of the last one used goes into the cursor. */
const CHILDREN_PER_QUERY = 25;
/** With filters evaluated after the read, read at least this many members per query. */
const MIN_FILTERED_READ = 100;
/** Deeper than any real tree; guards against a corrupt or forged cursor. */
const MAX_DEPTH = 32;

/** Whether a decoded cursor is a subtree cursor at all (and not, say, a single unit's member key). */
export function isSubtreeMembersCursor(value: unknown): value is SubtreeMembersCursor {
  if (!isObject(value) || typeof value.r !== 'string' || typeof value.h !== 'string') return false;
  if (!Array.isArray(value.f) || value.f.length > MAX_DEPTH) return false;
  const frameOk = (f: unknown, idField: 'p' | 'id') =>
    isObject(f) && typeof f[idField] === 'string' && (f.k === undefined || isKey(f.k));
  if (!value.f.every((f) => frameOk(f, 'p'))) return false;
  return value.u === undefined || frameOk(value.u, 'id');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A key is a few string attributes; anything else did not come from us. */
function isKey(value: unknown): value is PageKey {
  if (!isObject(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.length <= 6 && entries.every(([, v]) => typeof v === 'string');
}

function fingerprint(filter: SubtreeMemberFilter): string {
  const { on: _on, ...rest } = filter;
  const canonical = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 8);
}

/**
 * The cursor must describe a path inside `rootId`'s subtree as it is now: each
 * unit on it a child of the one before. Costs one read per level; a unit moved
 * out (or a forged id) makes the cursor invalid instead of leaking its members.
 */
async function assertPathInSubtree(deps: MemberDeps, rootId: string, cursor: SubtreeMembersCursor) {
  const path = [...cursor.f.map((f) => f.p), ...(cursor.u ? [cursor.u.id] : [])];
  if (path.length === 0 || path[0] !== rootId) throw invalidCursor();
  for (let i = 1; i < path.length; i++) {
    const node = await deps.units.getNode(path[i]!);
    if (!node || node.parentId !== path[i - 1]) throw invalidCursor();
  }
}

interface Frame {
  p: string;
  k?: PageKey;
  /** Children already read past `k`, with their keys; never part of the cursor. */
  buffer?: { items: Unit[]; keys: PageKey[]; lastKey: PageKey | undefined };
}

/**
 * The members of a unit and of every unit below it, dissolved units included
 * (their former members are history people look for), with the same filters
 * as a single unit's listing. Units come in the depth-first pre-order of
 * `listUnitSubtree` (the unit itself first; children active first, then
 * dissolved, each by code), members within a unit in its own listing order.
 *
 * A page may span several units. Filters are applied after the read, so a
 * query can come back short or empty while more remains: the walk goes on until
 * `limit` members or the end, but after `maxCalls` DynamoDB calls it returns
 * what it has (possibly nothing) with a cursor to continue.
 */
export async function listSubtreeMembers(
  deps: MemberDeps,
  caller: { unitId: string | null },
  rootId: string,
  filter: SubtreeMemberFilter,
  page: { limit: number; cursor?: SubtreeMembersCursor; maxCalls?: number },
): Promise<SubtreeMembersPage> {
  await readUnitInScope(deps, caller, rootId);
  const h = fingerprint(filter);
  if (page.cursor) {
    if (page.cursor.r !== rootId || page.cursor.h !== h) throw invalidCursor();
    await assertPathInSubtree(deps, rootId, page.cursor);
  }

  const { ageBand, on, ...rest } = filter;
  const storeFilter: MemberFilter = { ...rest, ...(ageBand ? birthRange(ageBand, on) : {}) };
  // Only the status is part of the key condition; every other filter is applied after the read.
  const filteredAfterRead = Object.entries(storeFilter).some(([k, v]) => k !== 'status' && v !== undefined);

  const frames: Frame[] = page.cursor ? page.cursor.f.map((f) => ({ ...f })) : [];
  let unit: { id: string; k?: PageKey } | undefined = page.cursor
    ? page.cursor.u && { ...page.cursor.u }
    : { id: rootId };
  // Keys from the client's cursor: DynamoDB refuses one that does not fit the query (another unit's, another status).
  const fromClient = new Set<PageKey>([...frames.flatMap((f) => (f.k ? [f.k] : [])), ...(unit?.k ? [unit.k] : [])]);
  const guarded = async <T>(startKey: PageKey | undefined, read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      const refused = (error as { name?: string }).name === 'ValidationException';
      if (refused && startKey && fromClient.has(startKey)) throw invalidCursor();
      throw error;
    }
  };
  const items: MemberState[] = [];
  const maxCalls = page.maxCalls ?? MAX_CALLS_PER_PAGE;
  let calls = 0;

  while (items.length < page.limit && calls < maxCalls && (unit || frames.length > 0)) {
    if (unit) {
      const wanted = page.limit - items.length;
      const { id, k } = unit;
      const read = await guarded(k, () =>
        deps.members.listByUnit(id, storeFilter, {
          limit: filteredAfterRead ? Math.max(wanted, MIN_FILTERED_READ) : wanted,
          startKey: k,
        }),
      );
      calls++;
      if (read.items.length > wanted) {
        items.push(...read.items.slice(0, wanted));
        unit.k = read.keys[wanted - 1];
        continue;
      }
      items.push(...read.items);
      if (read.lastKey) {
        unit.k = read.lastKey;
        continue;
      }
      // This unit's members are done; its children come next.
      if (frames.length >= MAX_DEPTH) throw invalidCursor();
      frames.push({ p: unit.id });
      unit = undefined;
      continue;
    }

    const frame = frames[frames.length - 1]!;
    if (!frame.buffer || frame.buffer.items.length === 0) {
      if (frame.buffer && frame.buffer.lastKey === undefined) {
        frames.pop();
        continue;
      }
      const startKey = frame.buffer?.lastKey ?? frame.k;
      const children = await guarded(startKey, () =>
        deps.units.listChildren(frame.p, { limit: CHILDREN_PER_QUERY, startKey }, { includeDissolved: true }),
      );
      calls++;
      frame.buffer = { items: [...children.items], keys: [...children.keys], lastKey: children.lastKey };
      continue;
    }
    // Take the next child: its members first, then its own children.
    const child = frame.buffer.items.shift()!;
    frame.k = frame.buffer.keys.shift();
    unit = { id: child.id };
  }

  const done = !unit && frames.length === 0;
  return {
    items,
    next: done
      ? undefined
      : {
          r: rootId,
          h,
          f: frames.map(({ p, k }) => (k ? { p, k } : { p })),
          ...(unit ? { u: unit.k ? { id: unit.id, k: unit.k } : { id: unit.id } } : {}),
        },
  };
}
