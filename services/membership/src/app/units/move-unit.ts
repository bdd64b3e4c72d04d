import type { Unit } from '@congdoan/contracts';
import { assertVersion, retryOnConflict } from '@congdoan/ddb';
import { ancestorsOf } from '@congdoan/org-directory';
import { moveUnit as planMove } from '../../domain/unit.ts';
import type { Caller, UnitDeps } from './deps.ts';
import { readUnitInScope } from './read-unit.ts';

/** Moves a unit with its subtree. Both the unit and its new parent must lie in the caller's subtree. */
export async function moveUnit(
  deps: UnitDeps,
  caller: Caller,
  id: string,
  newParentId: string,
  ifMatch: number | undefined,
): Promise<Unit> {
  return retryOnConflict(async () => {
    const before = await readUnitInScope(deps, caller, id);
    assertVersion(ifMatch, before.version);
    const newParent = await readUnitInScope(deps, caller, newParentId);
    const ancestors = await ancestorsOf(deps.units, newParent.id);
    const { unit, moved } = planMove(before, newParent, ancestors, caller.write.now());
    if (moved) await deps.units.move(before, unit, [newParent, ...ancestors], caller.write, ifMatch);
    return unit;
  });
}
