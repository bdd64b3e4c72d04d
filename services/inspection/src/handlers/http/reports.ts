import type { RouteHandlers } from '@congdoan/http-kit';
import { listInspections } from '../../app/inspections.ts';
import { annualReport, annualReportExport, ubktWarnings } from '../../app/reports.ts';
import type { reportRoutes } from '../../report-routes.ts';
import { inspectionDeps } from '../deps.ts';

export const reportHandlers: RouteHandlers<typeof reportRoutes> = {
  listUnitInspections: async (req) => ({
    status: 200,
    body: await listInspections(
      inspectionDeps(),
      req.auth,
      req.params.id,
      { year: req.query.year, stage: req.query.status },
      { limit: req.query.limit, cursor: req.query.cursor },
    ),
  }),
  getInspectionReport: async (req) => ({
    status: 200,
    body: await annualReport(inspectionDeps(), req.auth, req.params.id, req.params.year, req.write.now()),
  }),
  exportInspectionReport: async (req) => ({
    status: 200,
    body: await annualReportExport(inspectionDeps(), req.auth, req.params.id, req.params.year, req.write.now()),
  }),
  listUbktWarnings: async (req) => ({
    status: 200,
    body: await ubktWarnings(inspectionDeps(), req.auth, req.params.id, req.write.now()),
  }),
};
