import { isMonth, QUEUE_MAX_RECEIVE_COUNT, ReconciliationRequested } from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler, queuedHandler } from '@congdoan/http-kit';
import { startScheduledReconciliation } from '../app/reconciliation/start.ts';
import { reconcileUnit } from '../app/reconciliation/worker.ts';
import { observed } from '../metrics.ts';
import { financeDeps } from './deps.ts';

const logger = createLogger('finance');
const SCHEDULE = 'finance-monthly-reconciliation';
const WORKER = 'finance-reconciliation-worker';

type MonthlyScheduleEvent = { schedule?: string; scheduledTime?: string; month?: string };

/**
 * EventBridge Scheduler target: `{ schedule, scheduledTime }`. Reconciles the
 * month before the scheduled time's month in Vietnam for every CĐCS, in a run
 * whose id comes from the scheduled time, so a retried invocation resumes the
 * same run. `month` (`YYYY-MM`) in the input reconciles that month instead,
 * for a run by hand.
 */
export const onMonthlySchedule = observedHandler(observed, async (event: MonthlyScheduleEvent) => {
  const scheduledTime = event.scheduledTime ?? new Date().toISOString();
  if (event.month !== undefined && !isMonth(event.month)) {
    throw new Error(`month must be YYYY-MM, not "${event.month}"`);
  }
  const { run, created } = await startScheduledReconciliation(financeDeps(), systemContext(SCHEDULE), {
    scheduledTime,
    ...(event.month !== undefined ? { month: event.month } : {}),
  });
  logger.info('monthly reconciliation started', {
    scheduledTime,
    runId: run.id,
    month: run.month,
    created,
    units: run.units.total,
  });
  return run;
});

/**
 * The queued subscription: one CĐCS and month per message, in SQS batches. A
 * message that fails comes back alone (partial batch failure); on its last
 * receive (`QUEUE_MAX_RECEIVE_COUNT`) the unit is recorded as failed with the
 * reason instead, so the run completes with failures rather than waiting on a
 * dead letter.
 */
export const onReconciliationRequested = queuedHandler(
  WORKER,
  async (event, { receiveCount }) => {
    const detail = ReconciliationRequested.detail.parse(event.detail);
    const deps = financeDeps();
    const result = await reconcileUnit(
      deps,
      detail.data,
      deps.loadPolicy,
      systemContext(WORKER, detail.metadata.correlationId),
      { attempt: receiveCount, last: receiveCount >= QUEUE_MAX_RECEIVE_COUNT },
    );
    logger.info('unit reconciled', {
      eventId: detail.metadata.eventId,
      runId: detail.data.runId,
      unitId: detail.data.unitId,
      month: detail.data.month,
      ...result,
    });
  },
  observed,
);
