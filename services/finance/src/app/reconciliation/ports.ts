import type { LocalizedText, Month } from '@congdoan/contracts';
import type { PendingEvent, WriteContext } from '@congdoan/ddb';
import type { UnitLookup } from '@congdoan/org-directory';
import type { Policy } from '../../domain/policy/types.ts';
import type { Discrepancy } from '../../domain/reconciliation/reconcile.ts';
import type { KindCounts, ReconciliationTotals } from '../../domain/reconciliation/report.ts';
import type { DuesMonthFigures, LedgerCheck, LevyMonthFigures } from '../../domain/reconciliation/sources.ts';
import type { ProfileReader } from '../ports.ts';

/** The three readers the other finance areas provide: a constant number of DynamoDB calls per unit each. */
export interface FigureSources {
  dues(unitId: string, month: Month): Promise<DuesMonthFigures>;
  levy(unitId: string, month: Month, asOf: string): Promise<LevyMonthFigures>;
  ledger(unitId: string, month: Month): Promise<LedgerCheck>;
}

export interface RunRecord {
  id: string;
  month: Month;
  trigger: 'request' | 'schedule';
  scopeUnitId: string | null;
  asOf: string;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
  /** Counters, each changed with ADD in the transaction that does the work. */
  unitsQueued: number;
  unitsDone: number;
  unitsFailed: number;
  unitsWithDiscrepancies: number;
  discrepancies: number;
  /** Every unit's message is written. */
  fannedOut: boolean;
  /** The units that failed, with why, by unit id. */
  failures: RunFailure[];
}

/** Why a unit of a run could not be reconciled. */
export interface RunFailure {
  unitId: string;
  code: string;
  message: LocalizedText;
  /** Deliveries of the unit's message, the last included. */
  attempts: number;
  at: string;
}

export type RunUnitState = 'queued' | 'done' | 'failed';

export interface ReportSummary {
  unitId: string;
  month: Month;
  runId: string;
  version: number;
  generatedAt: string;
  asOf: string;
  totals: ReconciliationTotals;
  counts: { discrepancies: number; byKind: KindCounts };
}

export const summaryOf = (r: ReportSummary): ReportSummary => ({
  unitId: r.unitId,
  month: r.month,
  runId: r.runId,
  version: r.version,
  generatedAt: r.generatedAt,
  asOf: r.asOf,
  totals: r.totals,
  counts: r.counts,
});

export interface StoredReport extends ReportSummary {
  contentHash: string;
  /** Every discrepancy's fingerprint. */
  fingerprints: string[];
  /** Fingerprints whose `DiscrepancyFound` is not written yet (more than one transaction holds). */
  pending: string[];
  discrepancies: Discrepancy[];
}

/** The outcome of writing a unit's report: `duplicate` when the unit was already done in this run. */
export type SaveOutcome = 'saved' | 'duplicate';

export interface ReconciliationStore {
  /** Writes the run; false when a run with this id exists (a retried trigger). */
  createRun(run: RunRecord, ctx: WriteContext): Promise<boolean>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  /** Which of these units already have their message in the run. */
  queuedUnits(runId: string, unitIds: readonly string[]): Promise<Set<string>>;
  /**
   * One transaction: a marker and a `ReconciliationRequested` per unit, and the run's
   * `unitsQueued` raised by their number. Throws `UnitAlreadyQueuedError` naming a
   * unit already queued (nothing is written).
   */
  queueUnits(run: RunRecord, unitIds: readonly string[], ctx: WriteContext): Promise<void>;
  /** Marks every message written. */
  markFannedOut(runId: string, ctx: WriteContext): Promise<void>;
  unitState(runId: string, unitId: string): Promise<RunUnitState | undefined>;

  getReport(unitId: string, month: Month): Promise<StoredReport | undefined>;
  listReports(unitId: string, year: number): Promise<ReportSummary[]>;
  /**
   * ONE transaction: replaces the report (conditioned on the version read, or on its
   * absence), marks the unit done in the run, raises the run's counters and writes
   * the events. Throws `StaleReportError` when the report changed since it was read.
   */
  saveReport(
    input: {
      runId: string;
      report: StoredReport;
      previousVersion: number | undefined;
      events: readonly PendingEvent[];
      before: ReportSummary | undefined;
    },
    ctx: WriteContext,
  ): Promise<SaveOutcome>;
  /**
   * Writes more of a report's owed `DiscrepancyFound` events, removing them from
   * `pending`, on the report's version. Throws `StaleReportError` when another run
   * replaced the report meanwhile (that run owns what is still owed).
   */
  announce(
    report: StoredReport,
    events: readonly PendingEvent[],
    remaining: readonly string[],
    ctx: WriteContext,
  ): Promise<void>;
  /**
   * The unit could not be reconciled for a reason retrying will not fix: counted as
   * failed in the run, with the reason kept for the run's view. Nothing when the unit
   * is already done or failed.
   */
  recordFailure(
    runId: string,
    unitId: string,
    reason: { code: string; message: LocalizedText; attempts: number },
    ctx: WriteContext,
  ): Promise<void>;
}

/** Every CĐCS finance knows, from the profiles' sparse index. */
export interface CdcsDirectory {
  /** Active CĐCS, and those dissolved on or after `dissolvedSince` (a `YYYY-MM-DD`). */
  list(dissolvedSince: string): Promise<string[]>;
}

export interface ReconciliationDeps {
  store: ReconciliationStore;
  cdcs: CdcsDirectory;
  profiles: ProfileReader;
  directory: UnitLookup;
  sources: FigureSources;
  /** The policy in force; called once per worker invocation (it covers every period). */
  loadPolicy: () => Promise<Policy>;
}

/** The report changed between reading and writing it: read again and recompute. */
export class StaleReportError extends Error {
  constructor(unitId: string, month: string) {
    super(`the reconciliation report of ${unitId} for ${month} changed while it was computed`);
    this.name = 'StaleReportError';
  }
}

/** A unit of the batch already has its message in the run (a concurrent retry of the same trigger queued it). */
export class UnitAlreadyQueuedError extends Error {
  constructor(readonly unitId: string) {
    super(`unit ${unitId} is already queued in the run`);
    this.name = 'UnitAlreadyQueuedError';
  }
}
