import {
  type DuesRateResolution,
  type DuesRateResolutionInput,
  type DuesRateResolutionList,
  dayInVietnam,
  type Month,
} from '@congdoan/contracts';
import { retryOnConflict } from '@congdoan/ddb';
import { assertRateResolution, rateResolutionList } from '../../domain/dues/rate-resolutions.ts';
import { fundingTypeIn } from '../../domain/unit-profile.ts';
import type { DuesCaller, DuesDeps } from './ports.ts';
import { unitInScope } from './units.ts';

/** Concurrent resolutions of one unit: each loser reads again and is checked against the winner. */
const ATTEMPTS = 8;

/**
 * Records a CĐCS's own dues rate by resolution (or, with `rateBp: null`, the end
 * of the one in force) on the unit's finance profile, after the rules of
 * `assertRateResolution`. ONE transaction: the profile's list of resolutions,
 * appended on the condition that it still has the resolutions checked against
 * (a concurrent one makes this one read and check again), and the audit record
 * (`UnitProfileStore.addRateResolution`).
 * Every dues computation of the unit already reads the profile, so applying the
 * rate costs no extra call.
 */
export async function recordRateResolution(
  deps: Pick<DuesDeps, 'directory' | 'profiles' | 'loadPolicy'>,
  caller: DuesCaller,
  unitId: string,
  input: DuesRateResolutionInput,
): Promise<DuesRateResolution> {
  const today = dayInVietnam(caller.write.now());
  return retryOnConflict(async () => {
    const [profile, policy] = await Promise.all([unitInScope(deps, caller, unitId), deps.loadPolicy()]);
    const existing = profile.duesRateResolutions ?? [];
    assertRateResolution({
      unit: profile,
      existing,
      resolution: input,
      fundingType: fundingTypeIn(profile, input.effectiveFrom as Month),
      today,
      policy,
    });
    const resolution: DuesRateResolution = {
      resolutionNumber: input.resolutionNumber,
      resolutionDate: input.resolutionDate,
      effectiveFrom: input.effectiveFrom,
      rateBp: input.rateBp,
      note: input.note ?? null,
      recordedAt: caller.write.now().toISOString(),
      recordedBy: caller.write.actor.id,
    };
    await deps.profiles.addRateResolution(unitId, existing, resolution, caller.write);
    return resolution;
  }, ATTEMPTS);
}

/** The unit's resolutions, oldest first, with the last month each governs: one Get (the profile). */
export async function listRateResolutions(
  deps: Pick<DuesDeps, 'directory' | 'profiles'>,
  caller: { unitId: string | null },
  unitId: string,
): Promise<DuesRateResolutionList> {
  const profile = await unitInScope(deps, caller, unitId);
  return rateResolutionList(unitId, profile.duesRateResolutions ?? []);
}
