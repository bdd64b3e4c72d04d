import { notFound, type Unit } from '@congdoan/contracts';
import { assertInScope } from '@congdoan/org-directory';
import type { UnitDeps } from './deps.ts';

const UNIT = { vi: 'đơn vị', en: 'unit' };

/** Reads a unit the caller may see; anything else is a 404, so existence does not leak. */
export async function readUnitInScope(deps: UnitDeps, caller: { unitId: string | null }, id: string): Promise<Unit> {
  await assertInScope(deps.units, caller, id, UNIT);
  const unit = await deps.units.get(id);
  if (!unit) throw notFound(UNIT, id);
  return unit;
}

export const getUnit = readUnitInScope;
