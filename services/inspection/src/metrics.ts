import { CaseOverdue, DisciplineLapsed, type MetricDefinition, RecommendationOverdue } from '@congdoan/contracts';
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
  {
    name: 'CasesOverdue',
    description: 'Case deadlines the daily schedule found past with their step not done: one per CaseOverdue.',
    unit: 'Count',
    countsEvent: CaseOverdue.detailType,
  },
] as const satisfies readonly MetricDefinition[];

/** What every inspection function says about itself to `observedHandler` and `createHttpHandler`. */
export const observed = { service: 'inspection', metrics } as const satisfies Observed;
