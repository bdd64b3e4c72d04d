import { dayInVietnam } from '@congdoan/contracts';
import type { RouteHandlers } from '@congdoan/http-kit';
import { memberStanding } from '../../app/member-standing.ts';
import type { memberRoutes } from '../../manifest.ts';
import { welfareDeps } from '../deps.ts';

export const memberHandlers: RouteHandlers<typeof memberRoutes> = {
  getWelfareMemberStanding: async (req) => ({
    status: 200,
    body: await memberStanding(welfareDeps(), req.auth, req.params.id, req.query.on ?? dayInVietnam(req.write.now())),
  }),
};
