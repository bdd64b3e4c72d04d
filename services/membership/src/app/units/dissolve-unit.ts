import type { Unit } from '@congdoan/contracts';
import { assertVersion, retryOnConflict } from '@congdoan/ddb';
import { type DissolveUnitInput, dissolveUnit as dissolve } from '../../domain/unit.ts';
import type { Caller, UnitDeps } from './deps.ts';
import { readUnitInScope } from './read-unit.ts';

export async function dissolveUnit(
  deps: UnitDeps,
  caller: Caller,
  id: string,
  input: DissolveUnitInput,
  ifMatch: number | undefined,
): Promise<Unit> {
  return retryOnConflict(async () => {
    const before = await readUnitInScope(deps, caller, id);
    assertVersion(ifMatch, before.version);
    const after = dissolve(before, input, caller.write.now());
    await deps.units.dissolve(before, after, caller.write, ifMatch);
    return after;
  });
}
