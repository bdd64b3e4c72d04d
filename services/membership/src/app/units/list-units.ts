import type { Unit } from '@congdoan/contracts';
import type { PageKey } from '../ports.ts';
import type { UnitDeps } from './deps.ts';
import { readUnitInScope } from './read-unit.ts';

export interface UnitPage {
  items: Unit[];
  next: PageKey | undefined;
}

/** The caller's top units: the roots for a whole-tree caller, else the caller's own unit. */
export async function listRootUnits(
  deps: UnitDeps,
  caller: { unitId: string | null },
  page: { limit: number; startKey?: PageKey },
): Promise<UnitPage> {
  if (caller.unitId !== null) {
    const own = await deps.units.get(caller.unitId);
    return { items: own ? [own] : [], next: undefined };
  }
  const result = await deps.units.listChildren(null, page);
  return { items: result.items, next: result.lastKey };
}

export async function listUnitChildren(
  deps: UnitDeps,
  caller: { unitId: string | null },
  id: string,
  page: { limit: number; startKey?: PageKey },
): Promise<UnitPage> {
  await readUnitInScope(deps, caller, id);
  const result = await deps.units.listChildren(id, page);
  return { items: result.items, next: result.lastKey };
}

/** Where a subtree listing stands: the path of parents being walked, each with the last child emitted. */
export interface SubtreeCursor {
  frames: { parentId: string; depth: number; after?: PageKey }[];
}

export interface SubtreePage {
  items: (Unit & { depth: number })[];
  next: SubtreeCursor | undefined;
}

/**
 * Every active unit below `id`, depth first in pre-order (each unit followed by
 * its own subtree), children by code. The cursor holds one frame per level of
 * the current path, so it stays small however wide the tree is; only units
 * with children are descended into, so leaves cost no queries.
 */
export async function listUnitSubtree(
  deps: UnitDeps,
  caller: { unitId: string | null },
  id: string,
  options: { limit: number; maxDepth?: number; cursor?: SubtreeCursor },
): Promise<SubtreePage> {
  await readUnitInScope(deps, caller, id);
  const frames = options.cursor?.frames.map((f) => ({ ...f })) ?? [{ parentId: id, depth: 1 }];
  const items: (Unit & { depth: number })[] = [];
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;

  while (items.length < options.limit && frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const page = await deps.units.listChildren(frame.parentId, {
      limit: options.limit - items.length,
      startKey: frame.after,
    });
    let descended = false;
    let consumed = 0;
    for (const [i, child] of page.items.entries()) {
      items.push({ ...child, depth: frame.depth });
      frame.after = page.keys[i];
      consumed = i + 1;
      if (child.childCount > 0 && frame.depth < maxDepth) {
        frames.push({ parentId: child.id, depth: frame.depth + 1 });
        descended = true;
        break;
      }
      if (items.length >= options.limit) break;
    }
    const exhausted = consumed === page.items.length && page.lastKey === undefined;
    if (!descended && exhausted) frames.pop();
  }
  return { items, next: frames.length > 0 ? { frames } : undefined };
}
