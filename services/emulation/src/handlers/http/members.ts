import { dayInVietnam } from '@congdoan/contracts';
import type { RouteHandlers } from '@congdoan/http-kit';
import { memberStanding } from '../../app/member-standing.ts';
import type { memberRoutes } from '../../member-routes.ts';
import { emulationDeps } from '../deps.ts';

export const memberHandlers: RouteHandlers<typeof memberRoutes> = {
  getEmulationMemberStanding: async (req) => ({
    status: 200,
    body: await memberStanding(emulationDeps(), req.auth, req.params.id, req.query.on ?? dayInVietnam(req.write.now())),
  }),
};
