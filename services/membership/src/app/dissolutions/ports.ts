import type { DissolutionJob } from '@congdoan/contracts';
import type { WriteContext, WriteItem } from '@congdoan/ddb';

export interface DissolutionStore {
  get(unitId: string): Promise<DissolutionJob | undefined>;
  getById(jobId: string): Promise<DissolutionJob | undefined>;
  /** Writes the job and its UnitDissolutionRequested event; false when the unit already has a job. */
  create(job: DissolutionJob, ctx: WriteContext): Promise<boolean>;
  /**
   * Queues an unfinished job again, with a new event (and a `JobStalled` when `stalled`),
   * only if it is still at the version read (TransactionConflictError otherwise).
   */
  requeue(job: DissolutionJob, ctx: WriteContext, options?: { stalled?: boolean }): Promise<void>;
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
