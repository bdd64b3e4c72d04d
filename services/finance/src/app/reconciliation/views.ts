import type {
  ReconciliationReportSummary,
  ReconciliationReportView,
  ReconciliationRunView,
  Role,
} from '@congdoan/contracts';
import { formatDong } from '../../domain/policy/policy.ts';
import { runStalledSince, runStatus } from './jobs.ts';
import { type ReportSummary, type RunRecord, type StoredReport, summaryOf } from './ports.ts';

/** The run as the API shows it, at `now` (for the stall). */
export function runView(run: RunRecord, now = new Date()): ReconciliationRunView {
  const status = runStatus(run);
  return {
    id: run.id,
    month: run.month,
    trigger: run.trigger,
    status,
    scopeUnitId: run.scopeUnitId,
    asOf: run.asOf,
    units: {
      total: run.unitsQueued,
      done: run.unitsDone,
      failed: run.unitsFailed,
      withDiscrepancies: run.unitsWithDiscrepancies,
    },
    discrepancies: run.discrepancies,
    failures: run.failures.map(({ unitId, code, message, attempts, at }) => ({ unitId, code, message, attempts, at })),
    requestedBy: run.requestedBy,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    stalledSince: runStalledSince(run, now),
  };
}

/** Who may see a member's dues salary, which a dues formula shows (as membership masks it). */
const SEES_SALARY: readonly Role[] = ['admin', 'officer', 'accountant', 'integration'];

export const summaryView = (r: ReportSummary): ReconciliationReportSummary => summaryOf(r);

/**
 * The report as the caller may see it: a member's expected dues formula shows
 * their dues salary, so it is withheld (amount and rules kept) from roles that
 * do not see salaries.
 */
export function reportView(report: StoredReport, caller: { roles: readonly Role[] }): ReconciliationReportView {
  const masked = !caller.roles.some((r) => SEES_SALARY.includes(r));
  return {
    ...summaryView(report),
    discrepancies: report.discrepancies.map((d) =>
      masked && d.kind === 'dues-member'
        ? {
            ...d,
            expected: {
              ...d.expected,
              formula: `đoàn phí theo chính sách (ẩn lương đóng đoàn phí) = ${formatDong(d.expected.amount)}`,
            },
          }
        : d,
    ),
    masked,
  };
}
