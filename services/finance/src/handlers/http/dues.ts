import type { Month } from '@congdoan/contracts';
import type { AuthContext, RouteHandlers } from '@congdoan/http-kit';
import { collectDues } from '../../app/dues/collections.ts';
import { listRateResolutions, recordRateResolution } from '../../app/dues/rate-resolutions.ts';
import { getArrears, getMemberDues, getMonthSheet } from '../../app/dues/reads.ts';
import { listRemittances, remitDues } from '../../app/dues/remittances.ts';
import { memberDuesView, monthSheetView } from '../../app/dues/views.ts';
import type { duesRoutes } from '../../dues-routes.ts';
import { financeDeps } from '../deps.ts';

const scope = (auth: AuthContext) => ({ unitId: auth.unitId });

export const duesHandlers: RouteHandlers<typeof duesRoutes> = {
  listDuesRateResolutions: async (req) => ({
    status: 200,
    body: await listRateResolutions(financeDeps(), scope(req.auth), req.params.id),
  }),

  recordDuesRateResolution: async (req) => ({
    status: 201,
    body: await recordRateResolution(
      financeDeps(),
      { unitId: req.auth.unitId, write: req.write },
      req.params.id,
      req.body,
    ),
  }),

  getDuesArrears: async (req) => ({
    status: 200,
    body: await getArrears(
      financeDeps(),
      scope(req.auth),
      req.params.id,
      req.query.from as Month,
      req.query.to as Month,
    ),
  }),

  listDuesRemittances: async (req) => ({
    status: 200,
    body: await listRemittances(financeDeps(), scope(req.auth), req.params.id, req.query.year),
  }),

  remitDues: async (req) => {
    const remittance = await remitDues(financeDeps(), { unitId: req.auth.unitId, write: req.write }, req.params.id, {
      ...req.body,
      month: req.body.month as Month,
    });
    return { status: 201, body: remittance };
  },

  collectDues: async (req) => {
    const collection = await collectDues(
      financeDeps(),
      { unitId: req.auth.unitId, write: req.write },
      req.params.id,
      req.params.month as Month,
      req.body,
    );
    return { status: 201, body: collection };
  },

  getDuesMonth: async (req) => ({
    status: 200,
    body: monthSheetView(
      await getMonthSheet(financeDeps(), scope(req.auth), req.params.id, req.params.month as Month),
      req.auth,
    ),
  }),

  getMemberDues: async (req) => ({
    status: 200,
    body: memberDuesView(
      await getMemberDues(
        financeDeps(),
        scope(req.auth),
        req.params.id,
        req.query.from as Month,
        req.query.to as Month,
      ),
      req.auth,
    ),
  }),
};
