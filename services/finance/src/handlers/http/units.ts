import type { RouteHandlers } from '@congdoan/http-kit';
import { getUnitProfile } from '../../app/units/profile.ts';
import type { unitRoutes } from '../../manifest.ts';
import { financeDeps } from '../deps.ts';

export const unitHandlers: RouteHandlers<typeof unitRoutes> = {
  getFinanceUnitProfile: async (req) => ({
    status: 200,
    body: await getUnitProfile(financeDeps(), req.auth, req.params.id),
  }),
};
