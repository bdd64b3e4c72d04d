import type { DissolutionJob } from '@congdoan/contracts';
import type { WriteContext, WriteItem } from '@congdoan/ddb';

export interface DissolutionStore {
  get(unitId: string): Promise<DissolutionJob | undefined>;
  getById(jobId: string): Promise<DissolutionJob | undefined>;
  /** Writes the job and its UnitDissolutionRequested event; false when the unit already has a job. */
  create(job: DissolutionJob, ctx: WriteContext): Promise<boolean>;
  /** Queues an unfinished job again, with a new event. */
  requeue(job: DissolutionJob, ctx: WriteContext): Promise<void>;
  /** A write that counts one member handled, made in that member's own transaction. */
  progress(unitId: string, field: 'membersProcessed' | 'applicationsRejected'): WriteItem;
  /** Sets status fields; a concurrent run makes it throw TransactionConflictError. Returns the job as stored. */
  setStatus(
    before: DissolutionJob,
    patch: Partial<Pick<DissolutionJob, 'status' | 'attempts' | 'error'>>,
    ctx: WriteContext,
  ): Promise<DissolutionJob>;
}
