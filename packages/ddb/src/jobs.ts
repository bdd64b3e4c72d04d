/**
 * Background jobs, one mechanism for every service (docs/architecture.md, "Background
 * jobs"). A job item carries its `status`, the run holding its lease (`runId`) and
 * until when (`leaseUntil`, epoch ms), the time it last made progress and its
 * `attempts`. Claiming, renewing and releasing the lease are conditional writes of the
 * job item (on its `version`), made by the service's store.
 *
 * While a job is queued or running its item also carries a **lease index** entry on
 * `gsi2` (`JOBLEASE`, sorted by when the lease lapses): a queued job's lease is the
 * time its run should have claimed it by, a running job's the lease of its run. A
 * sweeper schedule Queries the entries whose time has passed (`dueJobs`), never Scans,
 * and queues each job's continuation again, so a job whose run died is picked up
 * without anyone acting. A finished job leaves the index.
 *
 * A job that has not progressed for `stallAfterMs` is `stalled` (`jobHealth`), a
 * derived state the API view shows with the time progress stopped.
 */
import type { Db } from './client.ts';
import { queryAll } from './query.ts';

/** A run's lease; every checkpoint renews it. */
export const JOB_LEASE_MS = 60_000;
/** No progress for this long and a job is shown as stalled. */
export const JOB_STALL_MS = 2 * JOB_LEASE_MS;

const LEASE_PARTITION = 'JOBLEASE';

/** The lease index entry of a job that is queued or running; `{}` once it has ended. */
export function jobLeaseIndex(
  kind: string,
  id: string,
  expiresAt: number | null,
): { gsi2pk: string; gsi2sk: string } | Record<string, never> {
  if (expiresAt === null) return {};
  return { gsi2pk: LEASE_PARTITION, gsi2sk: `${new Date(expiresAt).toISOString()}#${kind}#${id}` };
}

export interface DueJob {
  kind: string;
  id: string;
  /** When its lease lapsed (epoch ms). */
  expiredAt: number;
}

/**
 * Jobs whose lease lapsed before `now`, oldest first: one Query on the lease index.
 * The index is eventually consistent, so the caller re-reads each job before acting.
 */
export async function dueJobs(db: Db, now: Date, limit = 100): Promise<DueJob[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :now',
    ExpressionAttributeValues: { ':pk': LEASE_PARTITION, ':now': now.toISOString() },
    ProjectionExpression: 'gsi2sk',
    Limit: limit,
  });
  return items.slice(0, limit).map((item) => {
    const [at, kind, ...id] = String(item.gsi2sk).split('#');
    return { kind: kind!, id: id.join('#'), expiredAt: Date.parse(at!) };
  });
}

/** Whether a job is still meant to be worked on. */
export const isActiveJob = (status: string) => status === 'queued' || status === 'running';

/**
 * A job's health as the API shows it: `stalledSince` is when it last progressed, if
 * it is queued or running and has not progressed for `stallAfterMs`; null otherwise.
 */
export function jobHealth(
  job: { status: string; progressAt: string },
  now: Date,
  stallAfterMs = JOB_STALL_MS,
): { stalled: boolean; stalledSince: string | null } {
  const stalled = isActiveJob(job.status) && now.getTime() - Date.parse(job.progressAt) > stallAfterMs;
  return { stalled, stalledSince: stalled ? job.progressAt : null };
}

/**
 * One sweep: every due job is handed to the resumer of its kind, one at a time; a
 * resumer that fails is logged by the caller and the sweep goes on. Returns what was
 * resumed, what was skipped (no resumer for the kind) and what failed.
 */
export async function sweepJobs(
  db: Db,
  now: Date,
  resumers: Readonly<Record<string, (job: DueJob) => Promise<boolean>>>,
  limit = 100,
): Promise<{ resumed: DueJob[]; skipped: DueJob[]; failed: { job: DueJob; error: unknown }[] }> {
  const resumed: DueJob[] = [];
  const skipped: DueJob[] = [];
  const failed: { job: DueJob; error: unknown }[] = [];
  for (const job of await dueJobs(db, now, limit)) {
    const resume = resumers[job.kind];
    if (!resume) {
      skipped.push(job);
      continue;
    }
    try {
      if (await resume(job)) resumed.push(job);
      else skipped.push(job);
    } catch (error) {
      failed.push({ job, error });
    }
  }
  return { resumed, skipped, failed };
}
