import {
  defineManifest,
  defineRoute,
  eventsOf,
  memberIdParams,
  problemSchema,
  serviceTable,
  emulationMemberQuery,
  emulationMemberStandingSchema,
} from '@congdoan/contracts';
import { memberDirectory } from '@congdoan/member-directory/manifest';

const problem = (description: string) => ({ description, schema: problemSchema });

export const memberRoutes = [
  defineRoute({
    operationId: 'getEmulationMemberStanding',
    method: 'GET',
    path: '/v1/emulation/members/{id}',
    summary: 'A member’s standing on a day, as emulation knows it',
    description:
      'From the member directory emulation keeps of membership’s events: whether the member was a member, suspended or neither on the day, in which unit, and for how many whole years since their first admission.',
    roles: ['admin', 'officer', 'emulation-officer'],
    request: { params: memberIdParams, query: emulationMemberQuery },
    responses: {
      200: { description: 'The member’s standing', schema: emulationMemberStandingSchema },
      400: problem('Invalid input: every failing field is listed'),
      401: problem('Missing or invalid token'),
      403: problem('The caller lacks the role'),
      404: problem('No such member in the caller’s subtree'),
    },
  }),
] as const;

export const routes = [...memberRoutes] as const;

/** The single source of truth of the emulation service: CDK, the local platform, OpenAPI and the tests read it. */
export const manifest = defineManifest({
  service: 'emulation',
  table: serviceTable('emulation'),
  http: { file: 'http', export: 'handler' },
  routes,
  subscriptions: [...memberDirectory()],
  schedules: [],
  publishes: eventsOf('emulation').map((e) => e.detailType),
});
