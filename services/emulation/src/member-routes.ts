import { defineRoute, emulationMemberQuery, emulationMemberStandingSchema, memberIdParams } from '@congdoan/contracts';
import { common, EMULATION_STAFF, problem } from './route-parts.ts';

/** Who a member is, as emulation's member directory keeps them. */
export const memberRoutes = [
  defineRoute({
    operationId: 'getEmulationMemberStanding',
    method: 'GET',
    path: '/v1/emulation/members/{id}',
    summary: 'A member’s standing on a day, as emulation knows it',
    description:
      'From the member directory emulation keeps of membership’s events: whether the member was a member, suspended or neither on the day, in which unit, and for how many whole years since their first admission (what the eligibility engine’s active-member and membership-years rules read).',
    roles: EMULATION_STAFF,
    request: { params: memberIdParams, query: emulationMemberQuery },
    responses: {
      200: { description: 'The member’s standing', schema: emulationMemberStandingSchema },
      ...common,
      404: problem('No such member in the caller’s subtree'),
    },
  }),
] as const;
