import { type Db, dbFromEnv, sweepJobs as sweep, systemContext, type WriteContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { DISSOLUTION_JOB_KIND } from '../adapters/dissolution-store.ts';
import { IMPORT_JOB_KIND } from '../adapters/import-store.ts';
import { type DissolutionDeps, resumeDissolution } from '../app/dissolutions/dissolution.ts';
import type { ImportDeps } from '../app/imports/deps.ts';
import { resumeImport } from '../app/imports/jobs.ts';
import { checkUnitCounters as check } from '../app/units/check-unit-counters.ts';
import { observed } from '../metrics.ts';
import { membershipDeps } from './deps.ts';
import { dissolutionDeps } from './dissolution-deps.ts';
import { importDeps } from './imports.ts';

const logger = createLogger('membership');

/** What EventBridge Scheduler sends this target. */
type ScheduleEvent = { schedule?: string; scheduledTime?: string };

/** EventBridge Scheduler target: `{ schedule, scheduledTime }`. */
export const checkUnitCounters = observedHandler(observed, async (event: ScheduleEvent) => {
  const result = await check(membershipDeps(), systemContext('membership-unit-counters-check'));
  logger.info('unit counters checked', { scheduledTime: event.scheduledTime, ...result });
  if (result.drift.length > 0) logger.warn('unit counter drift repaired', { drift: result.drift });
  return result;
});

/**
 * One sweep of membership's background jobs: every job whose lease lapsed (its run
 * died, or its event was lost), found by one Query on the lease index, is re-read and
 * queued again (docs/architecture.md, "Background jobs"). The index is eventually
 * consistent: a job that progressed since is left alone.
 */
export function sweepMembershipJobs(db: Db, deps: ImportDeps & DissolutionDeps, write: WriteContext) {
  return sweep(db, write.now(), {
    [IMPORT_JOB_KIND]: async ({ id }) => {
      const job = await deps.imports.get(id);
      return job ? (await resumeImport(deps, job, write)) !== null : false;
    },
    [DISSOLUTION_JOB_KIND]: ({ id }) => resumeDissolution(deps, id, write),
  });
}

/**
 * EventBridge Scheduler target, every minute: `sweepMembershipJobs`. Each stall it signals
 * commits a `JobStalled`, which the invocation counts as `JobsStalled` (metrics.ts).
 */
export const sweepJobs = observedHandler(observed, async (event: ScheduleEvent) => {
  const result = await sweepMembershipJobs(
    dbFromEnv('membership'),
    { ...importDeps(), ...dissolutionDeps() },
    systemContext('membership-job-sweeper'),
  );
  logger.info('background jobs swept', {
    scheduledTime: event.scheduledTime,
    resumed: result.resumed.map((j) => `${j.kind}:${j.id}`),
    skipped: result.skipped.length,
  });
  for (const { job, error } of result.failed) {
    logger.warn('a stalled job could not be queued again', {
      job: `${job.kind}:${job.id}`,
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
  return { resumed: result.resumed.length, skipped: result.skipped.length, failed: result.failed.length };
});
