import { z } from 'zod';
import { defineEvent, type ServiceName } from './envelope.ts';

/**
 * The one shape of a stalled background job (docs/architecture.md, "Background jobs"),
 * published by each service that runs jobs under its own source: the job's kind, its
 * id, the unit it works in, when it last progressed and its runs so far. It names the
 * job, never a member.
 */
function jobStalledEvent<K extends readonly [string, ...string[]], U extends z.ZodType>(
  service: ServiceName,
  kinds: K,
  unitId: U,
  jobs: string,
) {
  return defineEvent({
    service,
    detailType: 'JobStalled',
    version: 1,
    description: `A background job (${jobs}) stopped progressing and was queued again by the sweeper.`,
    data: z.object({
      jobKind: z.enum(kinds),
      jobId: z.string().min(1),
      unitId,
      /** When the job last progressed. */
      stalledSince: z.string(),
      /** Runs of the job so far. */
      attempts: z.number().int().nonnegative(),
    }),
  });
}

/**
 * A background job of membership (a member import or a dissolution) stopped
 * progressing: its run's lease lapsed and the sweeper queued it again. Emitted once
 * per stall, in the transaction that re-queues the job; the `JobsStalled` metric
 * counts it.
 */
export const JobStalled = jobStalledEvent(
  'membership',
  ['member-import', 'dissolution'],
  z.string().min(1),
  'member import or dissolution',
);

/**
 * A reconciliation run of finance stopped progressing: its fan-out's lease, or a lease
 * after its last unit settled, lapsed, and the sweeper (or a retried start) took it
 * over. Emitted once per stall, in the transaction that takes the run over; finance's
 * `JobsStalled` metric counts it. `unitId` is the unit whose subtree the run covers,
 * null for a run over the whole tree.
 */
export const FinanceJobStalled = jobStalledEvent(
  'finance',
  ['reconciliation-run'],
  z.string().min(1).nullable(),
  'reconciliation run',
);

export const JOB_EVENTS = [JobStalled, FinanceJobStalled] as const;
