import { type FinanceUnitProfile, type LocalizedText, notFound } from '@congdoan/contracts';
import { assertInScope } from '@congdoan/org-directory';
import type { DuesDeps } from './ports.ts';

export const UNIT_DUES: LocalizedText = { vi: 'đoàn phí của đơn vị', en: 'dues of unit' };

/** The unit, in the caller's subtree and known to finance; 404 otherwise. */
export async function unitInScope(
  deps: Pick<DuesDeps, 'directory' | 'profiles'>,
  caller: { unitId: string | null },
  unitId: string,
): Promise<FinanceUnitProfile> {
  await assertInScope(deps.directory, caller, unitId, UNIT_DUES);
  const profile = await deps.profiles.get(unitId);
  if (!profile) throw notFound(UNIT_DUES, unitId);
  return profile;
}
