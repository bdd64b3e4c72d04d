import type { Unit } from '@congdoan/contracts';
import { assertVersion, retryOnConflict } from '@congdoan/ddb';
import { type DissolveUnitInput, dissolveUnit as dissolve, recordMerger } from '../../domain/unit.ts';
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

/**
 * The last step of a merger (sáp nhập): the absorbed unit, emptied, dissolves and the absorbing
 * unit records the merger (the day and the absorbed unit), both in one transaction that
 * publishes `UnitDissolved` and `UnitMerged`. The system's caller: no scope, no If-Match.
 */
export async function dissolveByMerger(
  deps: UnitDeps,
  caller: Caller,
  id: string,
  intoId: string,
  input: DissolveUnitInput & { effectiveDate: string },
): Promise<Unit> {
  return retryOnConflict(async () => {
    const before = await readUnitInScope(deps, caller, id);
    const target = await readUnitInScope(deps, caller, intoId);
    const now = caller.write.now();
    const after = dissolve(before, input, now);
    const merger = { absorbedUnitId: id, date: input.effectiveDate, decisionNumber: input.decisionNumber ?? null };
    await deps.units.dissolve(before, after, caller.write, undefined, {
      before: target,
      after: recordMerger(target, merger, now),
    });
    return after;
  });
}
