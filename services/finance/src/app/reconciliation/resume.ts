import { ReconciliationRequested } from '@congdoan/contracts';
import { event, type WriteContext } from '@congdoan/ddb';
import { claimFanOut, finishIfSettled, runLeaseExpiry, runSettled, stalled } from './jobs.ts';
import { type ReconciliationDeps, RunLeaseLostError, type RunRecord } from './ports.ts';
import { FANOUT_BATCH, fanOut, unitsInScope } from './start.ts';

/**
 * Runs of a job (its start, then each takeover) after which a run whose units still
 * make no progress gives them up: they are failed with the reason, and the run ends
 * `completed-with-failures` instead of being taken over every minute for ever.
 */
export const MAX_RUN_ATTEMPTS = 5;

const requested = (run: RunRecord, unitId: string) =>
  event(ReconciliationRequested, { runId: run.id, unitId, month: run.month, asOf: run.asOf });

/**
 * The sweeper's resumer of a reconciliation run found on the lease index
 * (docs/finance-reconciliation.md, "Stalls"). The index is eventually consistent and
 * a running run's entry is only moved on lazily, so the run is read again first:
 *
 * - settled: it leaves the index (its last worker died before saying so);
 * - its lease still live (it progressed since its entry was set): the entry moves on;
 * - messages still to write, the start that held the lease dead: the sweeper takes
 *   the lease over, with a `JobStalled`, and writes the rest (the named units, or the
 *   CĐCS of the run's scope as they are now);
 * - every message written and no unit settled for a lease's time (messages lost or
 *   dead-lettered, workers that died): the messages of the units still pending are
 *   written again, the first batch in the takeover's transaction with its `JobStalled`.
 *   A unit reconciled meanwhile finds itself done and changes nothing. From the
 *   `MAX_RUN_ATTEMPTS`th run on, the pending units are failed instead, with the reason.
 *
 * Returns whether the run was taken over.
 */
export async function resumeReconciliation(
  deps: ReconciliationDeps,
  runId: string,
  write: WriteContext,
): Promise<boolean> {
  const run = await deps.store.getRun(runId);
  if (!run) return false;
  if (runSettled(run)) {
    await deps.store.finishRun(run.id, write);
    return false;
  }
  const expiry = runLeaseExpiry(run)!;
  if (expiry > write.now().getTime()) {
    await deps.store.extendLease(run.id, expiry, write);
    return false;
  }
  if (!run.fannedOut) {
    const holder = await claimFanOut(deps, run, write);
    if (!holder) return false;
    const units = run.unitIds ?? (await unitsInScope(deps, run.scopeUnitId, run.month));
    await fanOut(deps, run, units, holder, write);
    return true;
  }
  const pending = await deps.store.pendingUnits(run.id);
  const givingUp = run.attempts >= MAX_RUN_ATTEMPTS;
  const first = givingUp ? [] : pending.slice(0, FANOUT_BATCH);
  try {
    await deps.store.takeOver(run, null, [stalled(run), ...first.map((unitId) => requested(run, unitId))], write);
  } catch (error) {
    if (error instanceof RunLeaseLostError) return false;
    throw error;
  }
  if (givingUp) {
    // Their messages were written again at every stall and still nothing settled them.
    const reason = gaveUp(run.attempts);
    for (const unitId of pending) await deps.store.recordFailure(run.id, unitId, reason, write);
    await finishIfSettled(deps, run.id, write);
    return true;
  }
  for (let i = FANOUT_BATCH; i < pending.length; i += FANOUT_BATCH) {
    await deps.store.requeueUnits(run, pending.slice(i, i + FANOUT_BATCH), write);
  }
  return true;
}

/** Why the units still pending after the last run of the job are failed. */
const gaveUp = (attempts: number) => ({
  code: 'reconciliation-stalled',
  message: {
    vi: `Đơn vị chưa được đối soát sau ${attempts} lần chạy lượt đối soát (không có tiến triển); xem nhật ký của bộ đối soát, khắc phục rồi đối soát lại tháng này.`,
    en: `The unit was not reconciled after ${attempts} runs of the reconciliation (no progress); see the worker's logs, fix the cause, then reconcile the month again.`,
  },
  attempts,
});
