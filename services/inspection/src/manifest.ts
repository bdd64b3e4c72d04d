import {
  COMMITTEE_EVENTS,
  DiscrepancyFound,
  defineManifest,
  eventsOf,
  ReconciliationCompleted,
  serviceTable,
} from '@congdoan/contracts';
import { memberDirectory } from '@congdoan/member-directory/manifest';
import { calendarRoutes } from './calendar-routes.ts';
import { caseRoutes } from './case-routes.ts';
import { disciplineRoutes } from './discipline-routes.ts';
import { inspectionRoutes } from './inspection-routes.ts';
import { metrics } from './metrics.ts';
import { planRoutes } from './plan-routes.ts';
import { reportRoutes } from './report-routes.ts';

export const routes = [
  ...planRoutes,
  ...inspectionRoutes,
  ...disciplineRoutes,
  ...reportRoutes,
  ...caseRoutes,
  ...calendarRoutes,
] as const;

const appointmentEvents = COMMITTEE_EVENTS.filter((e) => e.detailType.startsWith('Officer'));

/** The single source of truth of the inspection service: CDK, the local platform, OpenAPI and the tests read it. */
export const manifest = defineManifest({
  service: 'inspection',
  table: serviceTable('inspection'),
  http: { file: 'http', export: 'handler' },
  routes,
  subscriptions: [
    ...memberDirectory(),
    {
      name: 'inspection-ubkt-seats',
      description:
        'Keeps who sits on an inspection committee (UBKT) and who holds any office, and when, from membership’s officer events: for the team rule and for a case whose subject is an officer.',
      pattern: { source: ['congdoan.membership'], 'detail-type': appointmentEvents.map((e) => e.detailType) },
      handler: { file: 'events', export: 'onAppointment' },
    },
    {
      name: 'inspection-finance-facts',
      description:
        'Keeps each unit’s reconciliation summaries and discrepancies from finance’s events, for a finance inspection’s opening picture.',
      pattern: {
        source: ['congdoan.finance'],
        'detail-type': [ReconciliationCompleted.detailType, DiscrepancyFound.detailType],
      },
      handler: { file: 'events', export: 'onReconciliation' },
    },
  ],
  schedules: [
    {
      name: 'inspection-recommendations-overdue',
      description:
        'Daily at 00:10 (Vietnam): every open or in-progress recommendation past its deadline becomes overdue, with one RecommendationOverdue each.',
      cron: 'cron(10 0 * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh',
      handler: { file: 'schedules', export: 'markOverdue' },
    },
    {
      name: 'inspection-discipline-lapse',
      description:
        'Daily at 00:05 (Vietnam): every discipline decision in force past its lapse date without reoffending lapses, with one DisciplineLapsed each; a reoffence within the period defers it.',
      cron: 'cron(5 0 * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh',
      handler: { file: 'schedules', export: 'lapseDisciplineDaily' },
    },
    {
      name: 'inspection-case-deadlines',
      description:
        'Daily at 00:15 (Vietnam): each open case deadline due within 5 working days is announced once as CaseDeadlineApproaching, and once past as CaseOverdue.',
      cron: 'cron(15 0 * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh',
      handler: { file: 'schedules', export: 'announceCaseDeadlinesDaily' },
    },
  ],
  publishes: eventsOf('inspection').map((e) => e.detailType),
  metrics,
  keys: [
    {
      name: 'identity',
      description:
        'Seals the identity of a complaint’s or denunciation’s person (name, CCCD, contacts, address) apart from the case; only the HTTP function seals and reveals.',
      usedBy: ['http'],
    },
  ],
});
