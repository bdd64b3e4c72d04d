import { z } from 'zod';
import { defineEvent } from './envelope.ts';

/**
 * A background job of membership (a member import or a dissolution) stopped
 * progressing: its run's lease lapsed and the sweeper queued it again. Emitted once
 * per stall, in the transaction that re-queues the job; the `JobsStalled` metric
 * counts it. It names the job, never a member.
 */
export const JobStalled = defineEvent({
  service: 'membership',
  detailType: 'JobStalled',
  version: 1,
  description:
    'A background job (member import or dissolution) stopped progressing and was queued again by the sweeper.',
  data: z.object({
    jobKind: z.enum(['member-import', 'dissolution']),
    jobId: z.string().min(1),
    unitId: z.string().min(1),
    /** When the job last progressed. */
    stalledSince: z.string(),
    /** Runs of the job so far. */
    attempts: z.number().int().nonnegative(),
  }),
});

export const JOB_EVENTS = [JobStalled] as const;
