import { createHash } from 'node:crypto';
import { dayInVietnam, type FinanceUnitProfile } from '@congdoan/contracts';

/** Keys of the reconciliation's items in the finance table. */

/** A run: its period, trigger and progress counters (ADD). */
export const runKey = (runId: string) => ({ pk: `RECONRUN#${runId}`, sk: 'RUN' });

/**
 * The run's progress counters, in `RUN_COUNTER_SHARDS` items: each unit's
 * transaction ADDs to its own shard, so workers running at once rarely touch
 * the same item (a transaction conflicts with any other in flight on one of its
 * items). Reading the run sums them: one Query.
 */
export const RUN_COUNTER_SHARDS = 10;
export const RUN_COUNTER_PREFIX = 'COUNT#';
export const runCounterKey = (runId: string, unitId: string) => ({
  pk: `RECONRUN#${runId}`,
  sk: `${RUN_COUNTER_PREFIX}${Number.parseInt(createHash('sha256').update(unitId).digest('hex').slice(0, 8), 16) % RUN_COUNTER_SHARDS}`,
});

/**
 * A unit the run could not reconcile, with the reason: written with the unit's
 * failure. `COUNT#` < `FAILED#` < `RUN`, so one Query reads the counters and the failures.
 */
export const RUN_FAILURE_PREFIX = 'FAILED#';
export const runFailureKey = (runId: string, unitId: string) => ({
  pk: `RECONRUN#${runId}`,
  sk: `${RUN_FAILURE_PREFIX}${unitId}`,
});

/** One unit of a run: written with its `ReconciliationRequested` message, marked done by the worker. */
export const runUnitKey = (runId: string, unitId: string) => ({ pk: `RECONRUN#${runId}`, sk: `UNIT#${unitId}` });

/** The report of one unit and month; a unit's reports of a year are one Query on the partition. */
export const reportKey = (unitId: string, month: string) => ({ pk: `RECONREPORT#${unitId}`, sk: `MONTH#${month}` });
export const reportPk = (unitId: string) => `RECONREPORT#${unitId}`;
export const REPORT_SK_PREFIX = 'MONTH#';

/**
 * gsi2 on finance unit profiles, sparse: only CĐCS carry it, so every CĐCS finance
 * knows is one Query, never a Scan. Active ones sort under `active#`; a dissolved
 * one under `dissolved#<day it was dissolved, Vietnam>#`, so a run for a past
 * month still finds the units dissolved since.
 *
 * The unit profile store spreads `cdcsIndex(profile)` into the profile item.
 */
export const CDCS_INDEX_PK = 'FINANCE_CDCS';

export function cdcsIndex(
  profile: Pick<FinanceUnitProfile, 'unitId' | 'level' | 'status' | 'updatedAt'>,
): { gsi2pk: string; gsi2sk: string } | Record<string, never> {
  if (profile.level !== 'grassroots') return {};
  const gsi2sk =
    profile.status === 'active'
      ? `active#${profile.unitId}`
      : `dissolved#${dayInVietnam(new Date(profile.updatedAt))}#${profile.unitId}`;
  return { gsi2pk: CDCS_INDEX_PK, gsi2sk };
}
