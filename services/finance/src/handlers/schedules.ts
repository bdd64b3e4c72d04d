import { type Db, dbFromEnv, sweepJobs as sweep, systemContext, type WriteContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { RECONCILIATION_RUN_JOB } from '../app/reconciliation/jobs.ts';
import type { ReconciliationDeps } from '../app/reconciliation/ports.ts';
import { resumeReconciliation } from '../app/reconciliation/resume.ts';
import { observed } from '../metrics.ts';
import { financeDeps } from './deps.ts';

const logger = createLogger('finance');
const SWEEPER = 'finance-job-sweeper';

/**
 * One sweep of finance's background jobs (docs/architecture.md, "Background jobs"):
 * every reconciliation run whose lease lapsed (its start died while writing its
 * messages, or no unit settled for a lease's time), found by one Query on the lease
 * index, is read again and taken over (`resumeReconciliation`). The index is
 * eventually consistent: a run that progressed since is left alone.
 */
export function sweepFinanceJobs(db: Db, deps: ReconciliationDeps, write: WriteContext) {
  return sweep(db, write.now(), {
    [RECONCILIATION_RUN_JOB]: ({ id }) => resumeReconciliation(deps, id, write),
  });
}

/**
 * EventBridge Scheduler target, every minute: `sweepFinanceJobs`. Each stall it signals
 * commits a `JobStalled`, which the invocation counts as `JobsStalled` (metrics.ts).
 */
export const sweepJobs = observedHandler(observed, async (event: { schedule?: string; scheduledTime?: string }) => {
  const result = await sweepFinanceJobs(dbFromEnv('finance'), financeDeps(), systemContext(SWEEPER));
  logger.info('background jobs swept', {
    scheduledTime: event.scheduledTime,
    resumed: result.resumed.map((j) => `${j.kind}:${j.id}`),
    skipped: result.skipped.length,
  });
  for (const { job, error } of result.failed) {
    logger.warn('a stalled job could not be taken over', {
      job: `${job.kind}:${job.id}`,
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
  return { resumed: result.resumed.length, skipped: result.skipped.length, failed: result.failed.length };
});

/**
 * EventBridge Scheduler target, every 10 minutes: announces the shipped versions of lương cơ sở not
 * announced yet (`PolicyStore.announceDefaults`); a run after the first announces nothing.
 */
export const announcePolicy = observedHandler(observed, async (event: { scheduledTime?: string }) => {
  const announced = await financeDeps().policies.announceDefaults(systemContext('finance-policy-announcer'));
  logger.info('policy defaults announced', { scheduledTime: event.scheduledTime, announced });
  return { announced: announced.length };
});
