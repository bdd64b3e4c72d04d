import { type LocalizedText, notFound } from '@congdoan/contracts';

/** The least a scope check needs to know about a unit. */
export interface UnitNode {
  id: string;
  parentId: string | null;
}

export interface UnitLookup {
  getNode(id: string): Promise<UnitNode | undefined>;
}

/** Deeper than any real tree (national → province → upper → CĐCS → section → group); guards against a corrupt cycle. */
const MAX_DEPTH = 32;

/**
 * Whether `unitId` lies in the subtree of `scopeUnitId` (itself included).
 * Walks up the parent chain: at most depth reads, always consistent with the
 * latest move, and no rewriting of descendants when a subtree moves.
 * A null scope is the whole tree.
 */
export async function isInScope(lookup: UnitLookup, scopeUnitId: string | null, unitId: string): Promise<boolean> {
  const target = await lookup.getNode(unitId);
  if (!target) return false;
  if (scopeUnitId === null) return true;
  let node: UnitNode | undefined = target;
  for (let depth = 0; node && depth < MAX_DEPTH; depth++) {
    if (node.id === scopeUnitId) return true;
    if (node.parentId === null) return false;
    node = await lookup.getNode(node.parentId);
  }
  return false;
}

const UNIT: LocalizedText = { vi: 'đơn vị', en: 'unit' };

/**
 * A unit the caller named (by the id they sent) outside their subtree answers the
 * 404 of a unit that does not exist, so its existence does not leak. For a resource
 * found by its own id, use `visibleOrNotFound`: this 404 names `unitId`.
 */
export async function assertInScope(
  lookup: UnitLookup,
  caller: { unitId: string | null },
  unitId: string,
  what: LocalizedText = UNIT,
): Promise<void> {
  if (!(await isInScope(lookup, caller.unitId, unitId))) throw notFound(what, unitId);
}

/**
 * A resource found by its own id (a member, an import, a job) as the caller may see
 * it. Missing, or in a unit outside the caller's subtree, it answers one and the
 * same 404, naming what was asked for and the id the caller sent: never the unit it
 * lies in, nor anything else that tells a real resource from a missing one.
 */
export async function visibleOrNotFound<T>(
  lookup: UnitLookup,
  caller: { unitId: string | null },
  found: T | undefined | null,
  unitOf: (resource: T) => string,
  what: LocalizedText,
  id: string,
): Promise<T> {
  if (found === undefined || found === null || !(await isInScope(lookup, caller.unitId, unitOf(found)))) {
    throw notFound(what, id);
  }
  return found;
}

/** Ancestors of a unit, nearest first, ending at the root. */
export async function ancestorsOf<N extends UnitNode>(
  lookup: { getNode(id: string): Promise<N | undefined> },
  unitId: string,
): Promise<N[]> {
  const chain: N[] = [];
  let node = await lookup.getNode(unitId);
  while (node?.parentId && chain.length < MAX_DEPTH) {
    node = await lookup.getNode(node.parentId);
    if (node) chain.push(node);
  }
  return chain;
}

/** A lookup that reads each unit once: the units of a subtree share their ancestors. For one request or run, not longer (moves happen). */
export function memoizedLookup<L extends UnitLookup>(lookup: L): UnitLookup {
  const cache = new Map<string, Promise<UnitNode | undefined>>();
  return {
    getNode(id) {
      let node = cache.get(id);
      if (!node) {
        node = lookup.getNode(id);
        cache.set(id, node);
      }
      return node;
    },
  };
}
