import type { RouteHandlers } from '@congdoan/http-kit';
import { welfareReport, welfareReportExport } from '../../app/reports.ts';
import type { reportRoutes } from '../../report-routes.ts';
import { welfareDeps } from '../deps.ts';

export const reportHandlers: RouteHandlers<typeof reportRoutes> = {
  getWelfareReport: async (req) => ({
    status: 200,
    body: await welfareReport(welfareDeps(), req.auth, req.params.id, req.query, req.write.now()),
  }),
  exportWelfareReport: async (req) => ({
    status: 200,
    body: await welfareReportExport(welfareDeps(), req.auth, req.params.id, req.query, req.write.now()),
  }),
};
