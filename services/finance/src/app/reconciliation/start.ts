import {
  conflict,
  dayInVietnam,
  firstDayOf,
  type Month,
  notFound,
  type ReconciliationRunView,
  unprocessable,
} from '@congdoan/contracts';
import { JOB_LEASE_MS, type WriteContext } from '@congdoan/ddb';
import { isInScope, memoizedLookup } from '@congdoan/org-directory';
import pMap from 'p-map';
import {
  assertReconcilableMonth,
  monthToReconcile,
  requestRunId,
  scheduledRunId,
} from '../../domain/reconciliation/period.ts';
import { claimFanOut, finishIfSettled } from './jobs.ts';
import { type ReconciliationDeps, RunLeaseLostError, type RunRecord, UnitAlreadyQueuedError } from './ports.ts';
import { runView } from './views.ts';

/**
 * Units per fan-out transaction: a marker and an event each, plus the run's
 * counter and one audit record, within DynamoDB's 100 items.
 */
export const FANOUT_BATCH = 45;
/** Scope and profile reads in flight while checking the units of a run. */
const READ_CONCURRENCY = 16;

export interface RunCaller {
  /** The caller's subtree; null: the whole tree. */
  unitId: string | null;
  subject: string;
  write: WriteContext;
}

export interface StartRequest {
  month: string;
  unitIds?: readonly string[];
  runId: string;
  trigger: RunRecord['trigger'];
}

const UNIT = { vi: 'hồ sơ tài chính của đơn vị', en: 'finance profile of unit' };

/** The named units, each a CĐCS finance knows inside the caller's subtree (404 otherwise, 422 if not a CĐCS). */
async function namedUnits(deps: ReconciliationDeps, caller: RunCaller, unitIds: readonly string[]): Promise<string[]> {
  const lookup = memoizedLookup(deps.directory);
  await pMap(
    unitIds,
    async (unitId) => {
      if (!(await isInScope(lookup, caller.unitId, unitId))) throw notFound(UNIT, unitId);
      const profile = await deps.profiles.get(unitId);
      if (!profile) throw notFound(UNIT, unitId);
      if (profile.level !== 'grassroots') {
        throw unprocessable('not-a-cdcs', {
          vi: `"${profile.name}" không phải công đoàn cơ sở: chỉ đối soát công đoàn cơ sở.`,
          en: `"${profile.name}" is not a grassroots union (CĐCS): only CĐCS are reconciled.`,
        });
      }
    },
    { concurrency: READ_CONCURRENCY },
  );
  return [...unitIds];
}

/** Every CĐCS in the caller's subtree: active, or dissolved during or after the month. */
export async function unitsInScope(
  deps: ReconciliationDeps,
  scopeUnitId: string | null,
  month: Month,
): Promise<string[]> {
  const all = await deps.cdcs.list(firstDayOf(month));
  if (scopeUnitId === null) return all;
  const lookup = memoizedLookup(deps.directory);
  const inScope = await pMap(all, (id) => isInScope(lookup, scopeUnitId, id), { concurrency: READ_CONCURRENCY });
  return all.filter((_, i) => inScope[i]);
}

/**
 * Writes one `ReconciliationRequested` per unit not yet queued in the run, in
 * transactions of `FANOUT_BATCH` (markers, events, the run's counter and its renewed
 * lease together), then marks the run fanned out. Running it again, after a crash
 * anywhere, queues only the units still missing. `holder` must hold the run's lease;
 * false when another took it over meanwhile (that one goes on with the run).
 */
export async function fanOut(
  deps: ReconciliationDeps,
  run: RunRecord,
  unitIds: readonly string[],
  holder: string,
  write: WriteContext,
): Promise<boolean> {
  try {
    for (let i = 0; i < unitIds.length; i += FANOUT_BATCH) {
      const batch = unitIds.slice(i, i + FANOUT_BATCH);
      const queued = await deps.store.queuedUnits(run.id, batch);
      const todo = batch.filter((id) => !queued.has(id));
      while (todo.length > 0) {
        try {
          await deps.store.queueUnits(run, todo, holder, write);
          break;
        } catch (error) {
          // Queued by a concurrent retry of the same trigger since the read: leave that one out.
          if (!(error instanceof UnitAlreadyQueuedError)) throw error;
          todo.splice(todo.indexOf(error.unitId), 1);
        }
      }
    }
    await deps.store.markFannedOut(run.id, holder, write);
  } catch (error) {
    if (error instanceof RunLeaseLostError) return false;
    throw error;
  }
  // The workers may have settled every unit while the messages were written (or there was none).
  await finishIfSettled(deps, run.id, write);
  return true;
}

/**
 * Starts (or resumes) the reconciliation run `request.runId` for a month: writes
 * the run, holding its lease, then fans out one message per CĐCS. The same run id
 * again (a retried request with its Idempotency-Key, a retried schedule invocation)
 * does not start twice: while the first start holds a live lease it answers the run
 * as it is; once that lease lapsed (the start died) it takes the run over, signals
 * the stall and writes the messages still missing.
 */
export async function startReconciliation(
  deps: ReconciliationDeps,
  caller: RunCaller,
  request: StartRequest,
): Promise<{ run: ReconciliationRunView; created: boolean }> {
  const now = caller.write.now();
  const today = dayInVietnam(now);
  const { month } = request;
  assertReconcilableMonth(month, today);
  const units = request.unitIds
    ? await namedUnits(deps, caller, request.unitIds)
    : await unitsInScope(deps, caller.unitId, month);
  const at = now.toISOString();
  const fresh: RunRecord = {
    id: request.runId,
    month,
    trigger: request.trigger,
    scopeUnitId: caller.unitId,
    asOf: today,
    requestedBy: caller.subject,
    createdAt: at,
    updatedAt: at,
    unitsQueued: 0,
    unitsDone: 0,
    unitsFailed: 0,
    failures: [],
    unitsWithDiscrepancies: 0,
    discrepancies: 0,
    fannedOut: false,
    unitIds: request.unitIds ? [...request.unitIds] : null,
    leaseHolder: caller.write.newId(),
    leaseUntil: now.getTime() + JOB_LEASE_MS,
    progressAt: at,
    attempts: 1,
  };
  const created = await deps.store.createRun(fresh, caller.write);
  const run = created ? fresh : await deps.store.getRun(request.runId);
  if (!run) throw new Error(`reconciliation run ${request.runId} vanished`);
  if (run.month !== month) {
    throw conflict('reconciliation-run-exists', {
      vi: `Lượt đối soát "${run.id}" đã có cho tháng ${run.month}, không phải ${month}.`,
      en: `Reconciliation run "${run.id}" exists for ${run.month}, not ${month}.`,
    });
  }
  if (!run.fannedOut) {
    const holder = created ? fresh.leaseHolder : await claimFanOut(deps, run, caller.write);
    if (holder) await fanOut(deps, run, units, holder, caller.write);
  }
  const stored = await deps.store.getRun(run.id);
  return { run: runView(stored ?? run, now), created };
}

/**
 * A run asked for through the API, for the caller's subtree or the units named:
 * with an Idempotency-Key the same caller and key give the same run, so a retried
 * request resumes it; without one, a new run.
 */
export function startRequestedReconciliation(
  deps: ReconciliationDeps,
  caller: RunCaller,
  request: { month: string; unitIds?: readonly string[]; idempotencyKey?: string },
): Promise<{ run: ReconciliationRunView; created: boolean }> {
  return startReconciliation(deps, caller, {
    month: request.month,
    unitIds: request.unitIds,
    runId: requestRunId(caller.subject, request.idempotencyKey, caller.write.newId),
    trigger: 'request',
  });
}

/**
 * The monthly schedule's run over the whole tree: the month before the scheduled
 * time's month in Vietnam (or `month`, for a run by hand), in a run whose id comes
 * from the scheduled time, so a retried invocation resumes the same run.
 */
export function startScheduledReconciliation(
  deps: ReconciliationDeps,
  write: WriteContext,
  trigger: { scheduledTime: string; month?: Month },
): Promise<{ run: ReconciliationRunView; created: boolean }> {
  const month = trigger.month ?? monthToReconcile(trigger.scheduledTime);
  return startReconciliation(
    deps,
    { unitId: null, subject: write.actor.id, write },
    { month, runId: scheduledRunId(month, trigger.scheduledTime), trigger: 'schedule' },
  );
}
