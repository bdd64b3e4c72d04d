import type { RouteHandlers } from '@congdoan/http-kit';
import { listReports, readReport, readRun } from '../../app/reconciliation/read.ts';
import { startReconciliation } from '../../app/reconciliation/start.ts';
import { requestRunId } from '../../domain/reconciliation/period.ts';
import type { reconciliationRoutes } from '../../reconciliation-routes.ts';
import { financeDeps } from '../deps.ts';

const location = (runId: string) => `/v1/finance/reconciliations/${encodeURIComponent(runId)}`;

export const reconciliationHandlers: RouteHandlers<typeof reconciliationRoutes> = {
  startReconciliation: async (req) => {
    const runId = requestRunId(req.auth.subject, req.headers['idempotency-key'], req.write.newId);
    const { run, created } = await startReconciliation(
      financeDeps(),
      { unitId: req.auth.unitId, subject: req.auth.subject, write: req.write },
      { month: req.body.month, unitIds: req.body.unitIds, runId, trigger: 'request' },
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
