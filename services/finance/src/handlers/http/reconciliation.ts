import type { RouteHandlers } from '@congdoan/http-kit';
import { listReports, readReport, readRun } from '../../app/reconciliation/read.ts';
import { startRequestedReconciliation } from '../../app/reconciliation/start.ts';
import type { reconciliationRoutes } from '../../reconciliation-routes.ts';
import { financeDeps } from '../deps.ts';

const location = (runId: string) => `/v1/finance/reconciliations/${encodeURIComponent(runId)}`;

export const reconciliationHandlers: RouteHandlers<typeof reconciliationRoutes> = {
  startReconciliation: async (req) => {
    const { run, created } = await startRequestedReconciliation(
      financeDeps(),
      { unitId: req.auth.unitId, subject: req.auth.subject, write: req.write },
      { month: req.body.month, unitIds: req.body.unitIds, idempotencyKey: req.headers['idempotency-key'] },
    );
    return { status: created ? 202 : 200, body: run, headers: { location: location(run.id) } };
  },

  getReconciliationRun: async (req) => ({
    status: 200,
    body: await readRun(financeDeps(), req.auth, req.params.runId),
  }),

  getUnitReconciliation: async (req) => ({
    status: 200,
    body: await readReport(financeDeps(), req.auth, req.params.id, req.params.month),
  }),

  listUnitReconciliations: async (req) => ({
    status: 200,
    body: { items: await listReports(financeDeps(), req.auth, req.params.id, req.query.year) },
  }),
};
