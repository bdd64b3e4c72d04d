import {
  defineManifest,
  defineRoute,
  eventsOf,
  LedgerPosted,
  LedgerPostingRejected,
  MemberDuesStandingChanged,
  memberIdParams,
  problemSchema,
  serviceTable,
  welfareMemberQuery,
  welfareMemberStandingSchema,
} from '@congdoan/contracts';
import { memberDirectory } from '@congdoan/member-directory/manifest';
import { careRoutes } from './care-routes.ts';
import { caseRoutes } from './case-routes.ts';
import { driveRoutes } from './drive-routes.ts';
import { fundRoutes } from './fund-routes.ts';
import { loanRoutes } from './loan-routes.ts';
import { metrics } from './metrics.ts';
import { reportRoutes } from './report-routes.ts';

const problem = (description: string) => ({ description, schema: problemSchema });

export const memberRoutes = [
  defineRoute({
    operationId: 'getWelfareMemberStanding',
    method: 'GET',
    path: '/v1/welfare/members/{id}',
    summary: 'A member’s standing on a day, as welfare knows it',
    description:
      'From the member directory welfare keeps of membership’s events: whether the member was a member, suspended or neither on the day, in which unit, and for how many whole years since their first admission.',
    roles: ['admin', 'officer', 'welfare-officer'],
    request: { params: memberIdParams, query: welfareMemberQuery },
    responses: {
      200: { description: 'The member’s standing', schema: welfareMemberStandingSchema },
      400: problem('Invalid input: every failing field is listed'),
      401: problem('Missing or invalid token'),
      403: problem('The caller lacks the role'),
      404: problem('No such member in the caller’s subtree'),
    },
  }),
] as const;

export const routes = [
  ...memberRoutes,
  ...fundRoutes,
  ...driveRoutes,
  ...loanRoutes,
  ...careRoutes,
  ...caseRoutes,
  ...reportRoutes,
] as const;

/** The single source of truth of the welfare service: CDK, the local platform, OpenAPI and the tests read it. */
export const manifest = defineManifest({
  service: 'welfare',
  table: serviceTable('welfare'),
  http: { file: 'http', export: 'handler' },
  routes,
  subscriptions: [
    ...memberDirectory(),
    {
      name: 'welfare-ledger-answers',
      description:
        'Records finance’s answer to each fund movement’s posting request (LedgerPosted, LedgerPostingRejected) on the movement, once per event; answers to other producers are ignored.',
      pattern: {
        source: ['congdoan.finance'],
        'detail-type': [LedgerPosted.detailType, LedgerPostingRejected.detailType],
      },
      handler: { file: 'events', export: 'onLedgerAnswer' },
    },
    {
      name: 'welfare-dues-standing',
      description:
        'Keeps each member’s dues standing as finance announces it (MemberDuesStandingChanged), the highest version: support cases’ eligibility reads it.',
      pattern: { source: ['congdoan.finance'], 'detail-type': [MemberDuesStandingChanged.detailType] },
      handler: { file: 'events', export: 'onDuesStanding' },
    },
  ],
  schedules: [
    {
      name: 'welfare-savings-loans-overdue',
      description:
        'Daily at 00:20 (Vietnam): each open savings-fund loan whose next instalment fell due before today is flagged past due, once per instalment.',
      cron: 'cron(20 0 * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh',
      handler: { file: 'schedules', export: 'flagOverdueLoansDaily' },
    },
  ],
  publishes: eventsOf('welfare').map((e) => e.detailType),
  metrics,
});
