import type { DissolutionJob } from '@congdoan/contracts';
import type { WriteContext, WriteItem } from '@congdoan/ddb';

/**
 * A job as stored: with the stall already signalled (the `progressAt` it began from), which the
 * API never shows. A stall is signalled once however often the job is queued again before it
 * progresses.
 */
export type DissolutionJobState = DissolutionJob & { stallSignalledFor?: string };

export interface DissolutionStore {
  get(unitId: string): Promise<DissolutionJobState | undefined>;
  getById(jobId: string): Promise<DissolutionJobState | undefined>;
  /** Writes the job and its UnitDissolutionRequested event; false when the unit already has a job. */
  create(job: DissolutionJob, ctx: WriteContext): Promise<boolean>;
  /**
   * Queues an unfinished job again, with a new event, only if it is still at the version read
   * (TransactionConflictError otherwise). `stall` marks the stall (since `since`) signalled, with
   * a `JobStalled` when `signal`.
   */
  requeue(
    job: DissolutionJobState,
    ctx: WriteContext,
    options?: { stall?: { since: string; signal: boolean } },
  ): Promise<void>;
  /**
   * A write that counts one member handled, made in that member's own transaction; it
   * also marks the job's progress and renews its lease (docs/architecture.md, "Background jobs").
   */
  progress(unitId: string, field: 'membersProcessed' | 'applicationsRejected', now: Date): WriteItem;
  /** Sets status fields; a concurrent run makes it throw TransactionConflictError. Returns the job as stored. */
  setStatus(
    before: DissolutionJob,
    patch: Partial<Pick<DissolutionJob, 'status' | 'attempts' | 'error'>>,
    ctx: WriteContext,
  ): Promise<DissolutionJob>;
}
