import { JobStalled, MemberAdmitted, MemberImportFinished, type MetricDefinition } from '@congdoan/contracts';
import type { Observed } from '@congdoan/http-kit';

/**
 * Membership's business metrics (Powertools Metrics, EMF, namespace `Congdoan`, dimension
 * `service=membership`), read by the manifest (CDK charts them) and by every handler, which
 * counts each `countsEvent` from the events its commits write.
 */
export const metrics = [
  {
    name: 'MembersAdmitted',
    description: 'Members admitted (kết nạp): one per MemberAdmitted, by hand or by an import.',
    unit: 'Count',
    countsEvent: MemberAdmitted.detailType,
  },
  {
    name: 'ImportsFinished',
    description: 'Member import jobs finished, succeeded or failed, dry runs included.',
    unit: 'Count',
    countsEvent: MemberImportFinished.detailType,
  },
  {
    name: 'JobsStalled',
    description:
      'Background jobs (member imports, dissolutions) that stopped progressing and were queued again by the sweeper.',
    unit: 'Count',
    countsEvent: JobStalled.detailType,
  },
] as const satisfies readonly MetricDefinition[];

/** What every membership function says about itself to `observedHandler`, `queuedHandler` and `createHttpHandler`. */
export const observed = { service: 'membership', metrics } as const satisfies Observed;
