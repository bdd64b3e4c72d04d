import type { RouteHandlers } from '@congdoan/http-kit';
import { getLoan, lend, repay } from '../../app/loans.ts';
import type { loanRoutes } from '../../loan-routes.ts';
import { welfareDeps } from '../deps.ts';
import { caller } from './caller.ts';

export const loanHandlers: RouteHandlers<typeof loanRoutes> = {
  lendFromWelfareFund: async (req) => {
    const loan = await lend(welfareDeps(), caller(req), req.params.id, req.body);
    return { status: 201, body: loan, headers: { location: `/v1/welfare/loans/${encodeURIComponent(loan.id)}` } };
  },
  repayWelfareLoan: async (req) => ({
    status: 201,
    body: await repay(welfareDeps(), caller(req), req.params.id, req.body),
  }),
  getWelfareLoan: async (req) => ({
    status: 200,
    body: await getLoan(welfareDeps(), { unitId: req.auth.unitId, now: req.write.now() }, req.params.id),
  }),
};
