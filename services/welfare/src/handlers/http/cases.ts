import type { WriteContext } from '@congdoan/ddb';
import { type AuthContext, hasRole, type RouteHandlers } from '@congdoan/http-kit';
import {
  approveCase,
  closeCase,
  disburseCase,
  getCase,
  listCases,
  openCase,
  rejectCase,
  returnCase,
  submitCase,
  verifyCase,
  withdrawCase,
} from '../../app/cases.ts';
import { CASE_PERSONAL_READERS, type caseRoutes } from '../../case-routes.ts';
import { welfareDeps } from '../deps.ts';

/** The caller of a case route: their scope, and whether their role sees health details and circumstances. */
const reader = (req: { auth: AuthContext }) => ({
  unitId: req.auth.unitId,
  seesPersonal: hasRole(req.auth, CASE_PERSONAL_READERS),
});
const writer = (req: { auth: AuthContext; write: WriteContext }) => ({ ...reader(req), write: req.write });

export const caseHandlers: RouteHandlers<typeof caseRoutes> = {
  openWelfareCase: async (req) => {
    const c = await openCase(welfareDeps(), writer(req), req.body);
    return { status: 201, body: c, headers: { location: `/v1/welfare/cases/${encodeURIComponent(c.id)}` } };
  },
  getWelfareCase: async (req) => ({ status: 200, body: await getCase(welfareDeps(), reader(req), req.params.id) }),
  listWelfareUnitCases: async (req) => ({
    status: 200,
    body: await listCases(welfareDeps(), reader(req), req.params.id, {
      limit: req.query.limit,
      ...(req.query.status ? { status: req.query.status } : {}),
      ...(req.query.cursor ? { cursor: req.query.cursor } : {}),
    }),
  }),
  submitWelfareCase: async (req) => ({
    status: 200,
    body: await submitCase(welfareDeps(), writer(req), req.params.id, req.body),
  }),
  returnWelfareCase: async (req) => ({
    status: 200,
    body: await returnCase(welfareDeps(), writer(req), req.params.id, req.body),
  }),
  verifyWelfareCase: async (req) => ({
    status: 200,
    body: await verifyCase(welfareDeps(), writer(req), req.params.id, req.body),
  }),
  approveWelfareCase: async (req) => ({
    status: 200,
    body: await approveCase(welfareDeps(), writer(req), req.params.id, req.body),
  }),
  rejectWelfareCase: async (req) => ({
    status: 200,
    body: await rejectCase(welfareDeps(), writer(req), req.params.id, req.body),
  }),
  withdrawWelfareCase: async (req) => ({
    status: 200,
    body: await withdrawCase(welfareDeps(), writer(req), req.params.id, req.body),
  }),
  disburseWelfareCase: async (req) => ({
    status: 200,
    body: await disburseCase(welfareDeps(), writer(req), req.params.id, req.body),
  }),
  closeWelfareCase: async (req) => ({
    status: 200,
    body: await closeCase(welfareDeps(), writer(req), req.params.id, req.body),
  }),
};
