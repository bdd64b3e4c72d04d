import {
  type Month,
  notFound,
  type ReconciliationReportSummary,
  type ReconciliationReportView,
  type ReconciliationRunView,
  type Role,
} from '@congdoan/contracts';
import { assertInScope, isInScope } from '@congdoan/org-directory';
import type { ReconciliationDeps } from './ports.ts';
import { reportView, runView, summaryView } from './views.ts';

export interface ReadCaller {
  unitId: string | null;
  roles: readonly Role[];
}

const RUN = { vi: 'lượt đối soát', en: 'reconciliation run' };
const REPORT = { vi: 'báo cáo đối soát', en: 'reconciliation report' };
const UNIT = { vi: 'đơn vị', en: 'unit' };

/**
 * A run, seen by callers whose subtree holds the run's: a run over the whole tree
 * (the schedule's) only by whole-tree callers. Anything else answers 404. `now`
 * decides whether it shows as stalled.
 */
export async function readRun(
  deps: ReconciliationDeps,
  caller: ReadCaller,
  runId: string,
  now = new Date(),
): Promise<ReconciliationRunView> {
  const run = await deps.store.getRun(runId);
  if (!run) throw notFound(RUN, runId);
  const visible =
    caller.unitId === null ||
    (run.scopeUnitId !== null && (await isInScope(deps.directory, caller.unitId, run.scopeUnitId)));
  if (!visible) throw notFound(RUN, runId);
  return runView(run, now);
}

/** A unit's report for a month, with each discrepancy's amounts and the rules behind the expected figure. */
export async function readReport(
  deps: ReconciliationDeps,
  caller: ReadCaller,
  unitId: string,
  month: string,
): Promise<ReconciliationReportView> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  const report = await deps.store.getReport(unitId, month as Month);
  if (!report) throw notFound(REPORT, `${unitId}/${month}`);
  return reportView(report, caller);
}

/** A unit's reports of a year, by month, without their discrepancies. */
export async function listReports(
  deps: ReconciliationDeps,
  caller: ReadCaller,
  unitId: string,
  year: number,
): Promise<ReconciliationReportSummary[]> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  return (await deps.store.listReports(unitId, year)).map(summaryView);
}
