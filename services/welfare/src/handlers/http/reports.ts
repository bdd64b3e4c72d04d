import { type AuthContext, hasRole, type RouteHandlers } from '@congdoan/http-kit';
import { beneficiaryList, beneficiaryListExport } from '../../app/beneficiaries.ts';
import { welfareReport, welfareReportExport } from '../../app/reports.ts';
import { CASE_PERSONAL_READERS } from '../../case-routes.ts';
import type { reportRoutes } from '../../report-routes.ts';
import { welfareDeps } from '../deps.ts';

/** The list's caller: their scope, and whether their role sees a case's personal data (the one rule of cases). */
const beneficiaryReader = (req: { auth: AuthContext }) => ({
  unitId: req.auth.unitId,
  seesPersonal: hasRole(req.auth, CASE_PERSONAL_READERS),
});

export const reportHandlers: RouteHandlers<typeof reportRoutes> = {
  getWelfareReport: async (req) => ({
    status: 200,
    body: await welfareReport(welfareDeps(), req.auth, req.params.id, req.query, req.write.now()),
  }),
  exportWelfareReport: async (req) => ({
    status: 200,
    body: await welfareReportExport(welfareDeps(), req.auth, req.params.id, req.query, req.write.now()),
  }),
  getWelfareBeneficiaries: async (req) => ({
    status: 200,
    body: await beneficiaryList(welfareDeps(), beneficiaryReader(req), req.params.id, req.query, req.write.now()),
  }),
  exportWelfareBeneficiaries: async (req) => ({
    status: 200,
    body: await beneficiaryListExport(welfareDeps(), beneficiaryReader(req), req.params.id, req.query, req.write.now()),
  }),
};
