import type { Unit } from '@congdoan/contracts';
import { assertVersion, retryOnConflict } from '@congdoan/ddb';
import { editUnit, type UpdateUnitInput } from '../../domain/unit.ts';
import type { Caller, UnitDeps } from './deps.ts';
import { readUnitInScope } from './read-unit.ts';

export async function updateUnit(
  deps: UnitDeps,
  caller: Caller,
  id: string,
  patch: UpdateUnitInput,
  ifMatch: number | undefined,
): Promise<Unit> {
  return retryOnConflict(async () => {
    const before = await readUnitInScope(deps, caller, id);
    assertVersion(ifMatch, before.version);
    const { unit, changed } = editUnit(before, patch, caller.write.now());
    if (changed.length > 0) await deps.units.update(before, unit, changed, caller.write, ifMatch);
    return unit;
  });
}
