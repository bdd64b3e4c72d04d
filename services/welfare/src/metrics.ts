import { type MetricDefinition, WelfareLedgerPostingRequested } from '@congdoan/contracts';
import type { Observed } from '@congdoan/http-kit';

/** Welfare's business metrics (EMF, namespace `Congdoan`, dimension `service=welfare`). */
export const metrics = [
  {
    name: 'FundMovements',
    description: 'Money recorded into or out of a welfare fund: one per WelfareLedgerPostingRequested.',
    unit: 'Count',
    countsEvent: WelfareLedgerPostingRequested.detailType,
  },
] as const satisfies readonly MetricDefinition[];

/** What every welfare function says about itself to `observedHandler` and `createHttpHandler`. */
export const observed = { service: 'welfare', metrics } as const satisfies Observed;
