/**
 * A reconciliation run as a background job (docs/architecture.md, "Background jobs";
 * docs/finance-reconciliation.md, "Stalls"). While its messages are written, the start
 * writing them holds the run's lease, renewed with every batch; once they are all
 * written, the lease runs a lease's time after the run last progressed (a unit
 * settled). The run's item sits on the lease index until the run has settled every
 * unit. Finance's sweeper takes over a run whose lease lapsed (`resume.ts`).
 */
import { FinanceJobStalled, type ReconciliationRunView } from '@congdoan/contracts';
import { event, JOB_LEASE_MS, jobHealth, type WriteContext } from '@congdoan/ddb';
import { type ReconciliationDeps, RunLeaseLostError, type RunRecord } from './ports.ts';

/** The run's kind among background jobs (the lease index, `JobStalled`). */
export const RECONCILIATION_RUN_JOB = 'reconciliation-run';

/** Every unit's message is written and every unit is done or failed. */
export const runSettled = (run: RunRecord) => run.fannedOut && run.unitsDone + run.unitsFailed >= run.unitsQueued;

export function runStatus(run: RunRecord): ReconciliationRunView['status'] {
  if (!run.fannedOut) return 'queueing';
  if (!runSettled(run)) return 'running';
  return run.unitsFailed > 0 ? 'completed-with-failures' : 'completed';
}

/**
 * When the run's lease lapses (epoch ms), null once it has settled: the lease of the
 * start writing its messages, then a lease's time after its last progress (or after
 * its last takeover, whichever is later).
 */
export function runLeaseExpiry(run: RunRecord): number | null {
  if (runSettled(run)) return null;
  if (!run.fannedOut) return run.leaseUntil;
  return Math.max(run.leaseUntil, Date.parse(run.progressAt) + JOB_LEASE_MS);
}

/** When the run last progressed, if it is unfinished and has not progressed for two minutes; null otherwise. */
export function runStalledSince(run: RunRecord, now: Date): string | null {
  const status = runStatus(run);
  return jobHealth({ status: status === 'queueing' ? 'queued' : status, progressAt: run.progressAt }, now).stalledSince;
}

/** The signal that the run stopped progressing, written once per stall with whatever takes it over. */
export const stalled = (run: RunRecord) =>
  event(FinanceJobStalled, {
    jobKind: RECONCILIATION_RUN_JOB,
    jobId: run.id,
    unitId: run.scopeUnitId,
    stalledSince: run.progressAt,
    attempts: run.attempts,
  });

/**
 * Claims the lease of a run whose messages are not all written, to write the rest:
 * nothing (null) while another start holds a live lease (it goes on; if it died, the
 * sweeper takes the run over once the lease lapses). Taking over from a start that
 * died holding the lease signals the stall, once, in the claim's transaction. Returns
 * the new holder's id, or null when another claimed the run first.
 */
export async function claimFanOut(
  deps: ReconciliationDeps,
  run: RunRecord,
  write: WriteContext,
): Promise<string | null> {
  if (run.leaseUntil > write.now().getTime()) return null;
  const holder = write.newId();
  try {
    await deps.store.takeOver(run, holder, run.leaseHolder ? [stalled(run)] : [], write);
    return holder;
  } catch (error) {
    if (error instanceof RunLeaseLostError) return null;
    throw error;
  }
}

/** A run that has settled every unit leaves the lease index: the worker that settled the last unit says so. */
export async function finishIfSettled(deps: ReconciliationDeps, runId: string, write: WriteContext): Promise<boolean> {
  const run = await deps.store.getRun(runId);
  if (!run || !runSettled(run)) return false;
  await deps.store.finishRun(runId, write);
  return true;
}
