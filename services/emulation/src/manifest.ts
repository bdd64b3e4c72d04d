import {
  BaseSalaryVersionRecorded,
  DisciplineDecided,
  DisciplineLapsed,
  DisciplineRevoked,
  defineManifest,
  eventsOf,
  LedgerPosted,
  LedgerPostingRejected,
  ProceedingClosed,
  ProceedingOpened,
  serviceTable,
  UnitMerged,
} from '@congdoan/contracts';
import { memberDirectory } from '@congdoan/member-directory/manifest';
import { blocRoutes } from './bloc-routes.ts';
import { catalogueRoutes } from './catalogue-routes.ts';
import { honourRoutes } from './honour-routes.ts';
import { initiativeRoutes } from './initiative-routes.ts';
import { memberRoutes } from './member-routes.ts';
import { metrics } from './metrics.ts';
import { movementRoutes } from './movement-routes.ts';
import { nominationRoutes } from './nomination-routes.ts';
import { policyRoutes } from './policy-routes.ts';
import { ratingRoutes } from './rating-routes.ts';

export const routes = [
  ...memberRoutes,
  ...catalogueRoutes,
  ...movementRoutes,
  ...nominationRoutes,
  ...initiativeRoutes,
  ...ratingRoutes,
  ...honourRoutes,
  ...policyRoutes,
  ...blocRoutes,
] as const;

/** The single source of truth of the emulation service: CDK, the local platform, OpenAPI and the tests read it. */
export const manifest = defineManifest({
  service: 'emulation',
  table: serviceTable('emulation'),
  http: { file: 'http', export: 'handler' },
  routes,
  subscriptions: [
    ...memberDirectory(),
    {
      name: 'emulation-inspection-facts',
      description:
        'Keeps each member’s and unit’s discipline decisions and pending proceedings from inspection’s events, for award eligibility (no award while disciplined or under proceedings).',
      pattern: {
        source: ['congdoan.inspection'],
        'detail-type': [DisciplineDecided, DisciplineLapsed, DisciplineRevoked, ProceedingOpened, ProceedingClosed].map(
          (e) => e.detailType,
        ),
      },
      handler: { file: 'events', export: 'onInspectionFact' },
    },
    {
      name: 'emulation-base-salary',
      description:
        'Keeps lương cơ sở as finance announces it (its policy `base-salary`, one source of truth), each day’s highest version, for the prize of each award decision.',
      pattern: { source: ['congdoan.finance'], 'detail-type': [BaseSalaryVersionRecorded.detailType] },
      handler: { file: 'events', export: 'onBaseSalaryVersion' },
    },
    {
      name: 'emulation-prize-postings',
      description:
        'Records on each award decision finance’s answer to its prize’s posting request (LedgerPosted or LedgerPostingRejected), once.',
      pattern: {
        source: ['congdoan.finance'],
        'detail-type': [LedgerPosted.detailType, LedgerPostingRejected.detailType],
      },
      handler: { file: 'events', export: 'onPrizePosting' },
    },
    {
      name: 'emulation-unit-mergers',
      description:
        'Keeps every merger into each unit from membership’s UnitMerged (not only the last), so a collective’s consecutive-title chains continue through the units merged into it.',
      pattern: { source: ['congdoan.membership'], 'detail-type': [UnitMerged.detailType] },
      handler: { file: 'events', export: 'onUnitMerged' },
    },
  ],
  schedules: [],
  publishes: eventsOf('emulation').map((e) => e.detailType),
  metrics,
});
