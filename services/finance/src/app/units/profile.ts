import { type FinanceUnitProfile, type LocalizedText, notFound, type Unit } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import { assertInScope, type UnitLookup } from '@congdoan/org-directory';
import { profileFromUnit } from '../../domain/unit-profile.ts';
import type { ProfileReader, UnitProfileStore } from '../ports.ts';

const UNIT: LocalizedText = { vi: 'hồ sơ tài chính của đơn vị', en: 'finance profile of unit' };

/** A unit's finance profile, for a caller whose subtree holds it (404 otherwise, or when finance has not heard of it). */
export async function getUnitProfile(
  deps: { directory: UnitLookup; profiles: ProfileReader },
  caller: { unitId: string | null },
  unitId: string,
): Promise<FinanceUnitProfile> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  const profile = await deps.profiles.get(unitId);
  if (!profile) throw notFound(UNIT, unitId);
  return profile;
}

/**
 * Keeps the unit's finance profile from one of membership's unit events, which
 * carry the unit's whole state and version: a duplicate or late event changes
 * nothing (false). A change of the agency's funding type enters the profile's
 * funding history from the Vietnam day of the unit's `updatedAt`, so past months
 * keep the type they had; the rest of the profile (its resolutions) is kept.
 */
export function recordUnitChange(
  deps: { profiles: Pick<UnitProfileStore, 'upsertIfNewer'> },
  unit: Unit,
  ctx: WriteContext,
): Promise<boolean> {
  return deps.profiles.upsertIfNewer(profileFromUnit(unit), ctx);
}
