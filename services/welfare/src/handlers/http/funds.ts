import type { RouteHandlers } from '@congdoan/http-kit';
import { createFund, listFunds, listMovements, recordMovement } from '../../app/funds.ts';
import { fundWithLoans } from '../../app/loans.ts';
import type { fundRoutes } from '../../fund-routes.ts';
import { welfareDeps } from '../deps.ts';
import { caller } from './caller.ts';

export const fundHandlers: RouteHandlers<typeof fundRoutes> = {
  createWelfareFund: async (req) => {
    const fund = await createFund(welfareDeps(), caller(req), req.params.id, req.body);
    return { status: 201, body: fund, headers: { location: `/v1/welfare/funds/${encodeURIComponent(fund.id)}` } };
  },
  listWelfareFunds: async (req) => ({ status: 200, body: await listFunds(welfareDeps(), req.auth, req.params.id) }),
  getWelfareFund: async (req) => ({
    status: 200,
    body: await fundWithLoans(welfareDeps(), { unitId: req.auth.unitId, now: req.write.now() }, req.params.id),
  }),
  listWelfareFundMovements: async (req) => ({
    status: 200,
    body: await listMovements(welfareDeps(), req.auth, req.params.id, {
      limit: req.query.limit,
      ...(req.query.cursor ? { cursor: req.query.cursor } : {}),
    }),
  }),
  recordWelfareFundMovement: async (req) => ({
    status: 201,
    body: await recordMovement(welfareDeps(), caller(req), req.params.id, req.body),
  }),
};
