import { notFound } from '@congdoan/contracts';
import type { RouteHandlers } from '@congdoan/http-kit';
import { assertInScope } from '@congdoan/org-directory';
import type { unitRoutes } from '../../manifest.ts';
import { financeDeps } from '../deps.ts';

const UNIT = { vi: 'hồ sơ tài chính của đơn vị', en: 'finance profile of unit' };

export const unitHandlers: RouteHandlers<typeof unitRoutes> = {
  getFinanceUnitProfile: async (req) => {
    const { directory, profiles } = financeDeps();
    await assertInScope(directory, req.auth, req.params.id, UNIT);
    const profile = await profiles.get(req.params.id);
    if (!profile) throw notFound(UNIT, req.params.id);
    return { status: 200, body: profile };
  },
};
