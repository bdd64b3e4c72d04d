import {
  DiscrepancyFound,
  FinanceJobStalled,
  LevyPaymentRecorded,
  MemberDuesStandingChanged,
  type MetricDefinition,
} from '@congdoan/contracts';
import type { Observed } from '@congdoan/http-kit';

/**
 * Finance's business metrics (Powertools Metrics, EMF, namespace `Congdoan`, dimension
 * `service=finance`), read by the manifest (CDK charts them) and by every handler, which
 * counts each `countsEvent` from the events its commits write.
 */
export const metrics = [
  {
    name: 'CollectionsRecorded',
    description:
      'Levy (kinh phí) payments recorded by an upper level, typed in or matched from a bank statement line: one per LevyPaymentRecorded.',
    unit: 'Count',
    countsEvent: LevyPaymentRecorded.detailType,
  },
  {
    name: 'DiscrepanciesFound',
    description: 'Discrepancies a reconciliation found that the previous report of the period did not have.',
    unit: 'Count',
    countsEvent: DiscrepancyFound.detailType,
  },
  {
    name: 'JobsStalled',
    description:
      'Background jobs (reconciliation runs) that stopped progressing and were taken over by the sweeper or a retried start.',
    unit: 'Count',
    countsEvent: FinanceJobStalled.detailType,
  },
  {
    name: 'DuesStandingsChanged',
    description:
      'Members whose dues standing changed (months in arrears, outstanding, removal flag), after a collection or when a month fell due: one per MemberDuesStandingChanged.',
    unit: 'Count',
    countsEvent: MemberDuesStandingChanged.detailType,
  },
] as const satisfies readonly MetricDefinition[];

/** What every finance function says about itself to `observedHandler`, `queuedHandler` and `createHttpHandler`. */
export const observed = { service: 'finance', metrics } as const satisfies Observed;
