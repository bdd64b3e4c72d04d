import { DisciplineLapsed, type MetricDefinition, RecommendationOverdue } from '@congdoan/contracts';
import type { Observed } from '@congdoan/http-kit';

/** Inspection's business metrics (EMF, namespace `Congdoan`, dimension `service=inspection`). */
export const metrics = [
  {
    name: 'RecommendationsOverdue',
    description:
      'Recommendations the daily schedule found past their deadline not done: one per RecommendationOverdue.',
    unit: 'Count',
    countsEvent: RecommendationOverdue.detailType,
  },
  {
    name: 'DisciplineLapsed',
    description: 'Discipline decisions the daily schedule found lapsed without reoffending: one per DisciplineLapsed.',
    unit: 'Count',
    countsEvent: DisciplineLapsed.detailType,
  },
] as const satisfies readonly MetricDefinition[];

/** What every inspection function says about itself to `observedHandler` and `createHttpHandler`. */
export const observed = { service: 'inspection', metrics } as const satisfies Observed;
