/**
 * The background import job: the membership service's subscription to its own
 * `MemberImportRequested`. It works through the job's row pages in order, each page
 * with bounded concurrency, and checkpoints after every page (counts, errors, the next
 * page, a renewed lease). Redelivered after a crash, it resumes at the checkpoint;
 * the rows of the interrupted page run again and, the upsert being by CCCD, those
 * already applied come out `unchanged`. Near the function's deadline it stops between
 * pages and queues a continuation (the next slice) in the checkpoint's transaction,
 * so a list of any length fits functions with a short timeout.
 */
import { MemberImportFinished } from '@congdoan/contracts';
import { event, keepLease, type WriteContext } from '@congdoan/ddb';
import type { ImportDeps } from './deps.ts';
import { requested, stalled, stallSignalled } from './jobs.ts';
import { type ImportJobState, importProgressAt, LEASE_MS, MAX_ATTEMPTS, type StoredRowError } from './model.ts';
import { ImportJobChangedError } from './ports.ts';
import { gatedMembers, processRow, processRows, type RowOutcome, WriteGate } from './rows.ts';

export interface RunOptions {
  /** Milliseconds left before the function must have returned (Lambda's `getRemainingTimeInMillis`). */
  remainingMs?: () => number;
  /** Stop starting pages when less than this is left, and continue in a new slice. Default: a quarter of the time at start, at least 5 s. */
  reserveMs?: number;
  /** Rows applied at once; writes of one unit still go one at a time (see WriteGate). Default 8, or 16 for a dry run. */
  concurrency?: number;
  leaseMs?: number;
  /** Called after each checkpoint (progress in tests and the bench). */
  onCheckpoint?: (job: ImportJobState) => void;
}

/**
 * `finished`: the job ended now. `continued`: a next slice is queued. `done`: it had
 * ended before. `stale`: an older slice's delivery. `busy`: another run holds a live
 * lease (nothing to do: if that run dies, the sweeper queues the job again once its
 * lease lapses). `lost`: another run took over. `missing`:
 * no such job.
 */
export type RunResult = 'finished' | 'continued' | 'done' | 'stale' | 'busy' | 'lost' | 'missing';

export async function runImport(
  deps: ImportDeps,
  request: { importId: string; slice: number },
  write: WriteContext,
  options: RunOptions = {},
): Promise<RunResult> {
  const remaining = options.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  const reserve = options.reserveMs ?? Math.max(5_000, remaining() / 4);
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const runId = write.newId();
  const nowMs = () => write.now().getTime();
  const iso = () => write.now().toISOString();

  // Claim the job: the slice must match and no live lease may be held by another run.
  let job: ImportJobState;
  for (;;) {
    const found = await deps.imports.get(request.importId);
    if (!found) return 'missing';
    if (found.status !== 'queued' && found.status !== 'running') return 'done';
    if (found.slice !== request.slice) return 'stale';
    if (found.runId && found.leaseUntil > nowMs()) return 'busy';
    if (found.attempts >= MAX_ATTEMPTS) {
      try {
        await finish(deps, found, write, {
          code: 'import-gave-up',
          message: `Việc nhập đã dừng sau ${found.attempts} lần chạy liên tiếp không tiến triển; các dòng đã nhập được giữ nguyên. Hãy nhập lại tệp để tiếp tục: các dòng đã nhập sẽ không thay đổi.`,
          messageEn: `The import stopped after ${found.attempts} runs in a row made no progress; rows already imported are kept. Import the file again to continue: rows already imported come out unchanged.`,
        });
        return 'finished';
      } catch (error) {
        if (error instanceof ImportJobChangedError) continue;
        throw error;
      }
    }
    const claimed: ImportJobState = {
      ...found,
      status: 'running',
      runId,
      leaseUntil: nowMs() + leaseMs,
      attempts: found.attempts + 1,
      startedAt: found.startedAt ?? iso(),
      updatedAt: iso(),
      version: found.version + 1,
    };
    // Taking over from a run that died holding the lease: the stall is signalled here, once.
    const signal = found.runId !== null && !stallSignalled(found);
    const events = signal ? [stalled(found)] : [];
    if (signal) claimed.stallSignalledFor = importProgressAt(found);
    try {
      await deps.imports.save(claimed, found.version, write, { events });
      job = claimed;
      break;
    } catch (error) {
      if (!(error instanceof ImportJobChangedError)) throw error;
    }
  }

  const save = async (next: ImportJobState, options?: Parameters<ImportDeps['imports']['save']>[3]) => {
    await deps.imports.save(next, job.version, write, options);
    job = next;
  };

  try {
    const gate = new WriteGate();
    const concurrency = options.concurrency ?? (job.dryRun ? 16 : 8);
    const caller = { unitId: write.actor.unitId, write };
    const source = `nhập từ tệp ${job.filename}`.slice(0, 100);

    // Every slice does at least one page, so a short deadline still makes progress.
    for (let pagesDone = 0; job.nextPage < job.pages; pagesDone++) {
      if (pagesDone > 0 && remaining() < reserve) {
        const next: ImportJobState = {
          ...job,
          slice: job.slice + 1,
          runId: null,
          leaseUntil: 0,
          attempts: 0,
          updatedAt: iso(),
          version: job.version + 1,
        };
        await save(next, { events: [requested(next)] });
        return 'continued';
      }

      const rows = await deps.imports.readRowPage(job.id, job.nextPage);
      const rowContext = { deps, caller, unitId: job.unitId, letters: job.letters, dryRun: job.dryRun, source };
      // A page slower than the lease (a busy table) keeps its lease rather than lose it to the sweeper.
      const lease = keepLease(
        () => save({ ...job, leaseUntil: nowMs() + leaseMs, updatedAt: iso(), version: job.version + 1 }),
        leaseMs / 3,
      );
      let outcomes: RowOutcome[];
      try {
        // A real run creates new members in batches (processRows); a dry run checks row by row.
        outcomes = job.dryRun
          ? await mapConcurrent(rows, concurrency, async (row): Promise<RowOutcome> => {
              const { members, done } = gatedMembers(deps.members, gate);
              try {
                return await processRow({ ...rowContext, deps: { ...deps, members } }, row);
              } finally {
                done();
              }
            })
          : await processRows(rowContext, rows, concurrency);
      } catch (error) {
        await lease.stop().catch(() => {});
        throw error;
      }
      // A renewal that found the job taken over ends this run as `lost`.
      await lease.stop();

      const counts = { ...job.counts, processed: job.counts.processed + rows.length };
      const failed: { row: number; errors: StoredRowError[] }[] = [];
      outcomes.forEach((o, i) => {
        if (o.outcome === 'failed') failed.push({ row: rows[i]!.row, errors: o.errors });
        counts[o.outcome]++;
      });
      // Errors first: a crash between the two writes them again with the same keys.
      if (failed.length > 0) await deps.imports.putRowErrors(job.id, failed, write.now());
      await save({
        ...job,
        counts,
        nextPage: job.nextPage + 1,
        leaseUntil: nowMs() + leaseMs,
        // Progress: only this run counts towards giving up now.
        attempts: 1,
        updatedAt: iso(),
        progressAt: iso(),
        version: job.version + 1,
      });
      options.onCheckpoint?.(job);
    }

    await finish(deps, job, write, null);
    return 'finished';
  } catch (error) {
    if (error instanceof ImportJobChangedError) return 'lost';
    // Let the redelivery resume at once rather than wait for the lease to lapse.
    await save({ ...job, runId: null, leaseUntil: 0, updatedAt: iso(), version: job.version + 1 }).catch(() => {});
    throw error;
  }
}

async function finish(
  deps: ImportDeps,
  job: ImportJobState,
  write: WriteContext,
  failure: ImportJobState['failure'],
): Promise<void> {
  const at = write.now().toISOString();
  const status = failure ? 'failed' : 'succeeded';
  const done: ImportJobState = {
    ...job,
    status,
    failure,
    runId: null,
    leaseUntil: 0,
    updatedAt: at,
    finishedAt: at,
    version: job.version + 1,
  };
  await deps.imports.save(done, job.version, write, {
    events: [
      event(MemberImportFinished, {
        importId: job.id,
        unitId: job.unitId,
        dryRun: job.dryRun,
        status,
        counts: job.counts,
      }),
    ],
    audit: status === 'succeeded' ? 'finish' : 'fail',
  });
}

/**
 * `fn` over `items` with at most `limit` at once; results in input order. After a
 * failure no new item starts, and the ones under way finish before it is rethrown, so
 * nothing of this run is still writing when the job is released.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!, i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results;
}
