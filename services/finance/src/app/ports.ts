import type { DuesRateResolution, FinanceUnitProfile } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';

/**
 * Every unit's finance profile, kept from membership's unit events: its facts,
 * its agency's funding type by date and the CĐCS's own dues-rate resolutions.
 */
export interface UnitProfileStore {
  /** The profile with its funding history and dues-rate resolutions: one consistent Get. */
  get(unitId: string): Promise<FinanceUnitProfile | undefined>;
  /**
   * Applies a unit event's profile when `profile.sourceVersion` is newer than the
   * stored one (false when stale or a duplicate): the profile's facts, its tax-ID
   * and CĐCS index keys, and the funding history carried forward. Attributes the
   * event does not own (the resolutions) are kept.
   */
  upsertIfNewer(profile: FinanceUnitProfile, ctx: WriteContext): Promise<boolean>;
  /**
   * Appends a dues-rate resolution to the profile, audited, on the condition that
   * the unit still has exactly the resolutions it was checked against (`existing`);
   * when another one got in first, TransactionConflictError: read and check again.
   */
  addRateResolution(
    unitId: string,
    existing: readonly DuesRateResolution[],
    resolution: DuesRateResolution,
    ctx: WriteContext,
  ): Promise<void>;
}

/** What most use cases read of a profile. */
export type ProfileReader = Pick<UnitProfileStore, 'get'>;
