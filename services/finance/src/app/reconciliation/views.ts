import type {
  ReconciliationReportSummary,
  ReconciliationReportView,
  ReconciliationRunView,
  Role,
} from '@congdoan/contracts';
import { formatDong } from '../../domain/policy/policy.ts';
import { type ReportSummary, type RunRecord, type StoredReport, summaryOf } from './ports.ts';

export function runView(run: RunRecord): ReconciliationRunView {
  const settled = run.unitsDone + run.unitsFailed;
  const status = !run.fannedOut
    ? 'queueing'
    : settled < run.unitsQueued
      ? 'running'
      : run.unitsFailed > 0
        ? 'completed-with-failures'
        : 'completed';
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
