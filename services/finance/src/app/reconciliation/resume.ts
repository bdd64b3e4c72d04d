import { ReconciliationRequested } from '@congdoan/contracts';
import { event, type WriteContext } from '@congdoan/ddb';
import { claimFanOut, runLeaseExpiry, runSettled, stalled } from './jobs.ts';
import { type ReconciliationDeps, RunLeaseLostError, type RunRecord } from './ports.ts';
import { FANOUT_BATCH, fanOut, unitsInScope } from './start.ts';

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
 *   A unit reconciled meanwhile finds itself done and changes nothing.
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
  const first = pending.slice(0, FANOUT_BATCH);
  try {
    await deps.store.takeOver(run, null, [stalled(run), ...first.map((unitId) => requested(run, unitId))], write);
  } catch (error) {
    if (error instanceof RunLeaseLostError) return false;
    throw error;
  }
  for (let i = FANOUT_BATCH; i < pending.length; i += FANOUT_BATCH) {
    await deps.store.requeueUnits(run, pending.slice(i, i + FANOUT_BATCH), write);
  }
  return true;
}
