import {
  DiscrepancyFound,
  DomainError,
  type EventData,
  type LocalizedText,
  type Month,
  ReconciliationCompleted,
  type ReconciliationRequested,
} from '@congdoan/contracts';
import { event, MAX_TRANSACTION_ITEMS, type PendingEvent, retryOnConflict, type WriteContext } from '@congdoan/ddb';
import type { Policy } from '../../domain/policy/types.ts';
import { type Discrepancy, reconcile } from '../../domain/reconciliation/reconcile.ts';
import { compareReports, contentHash, countByKind, totalsOf } from '../../domain/reconciliation/report.ts';
import { fundingTypeIn } from '../../domain/unit-profile.ts';
import { type ReconciliationDeps, StaleReportError, type StoredReport, summaryOf } from './ports.ts';

/**
 * Events per transaction besides the report's own items: the report, the run
 * unit, the run's counters, one audit record and `ReconciliationCompleted` take
 * five of DynamoDB's 100.
 */
export const EVENTS_PER_TRANSACTION = MAX_TRANSACTION_ITEMS - 5;
/** Attempts at a transaction that conflicts with another on the run's counters. */
const CONFLICT_ATTEMPTS = 12;
/** Re-reads when another run replaced the same report meanwhile. */
const STALE_ATTEMPTS = 5;

export type ReconcileMessage = EventData<typeof ReconciliationRequested>;

/** Which delivery of the unit's message this is: the queue gives a failing message up after its last. */
export interface Delivery {
  /** 1 on the first receive. */
  attempt: number;
  /** No delivery comes after this one (SQS moves the message to the dead letters next). */
  last: boolean;
}

/**
 * Why a unit failed on its every delivery, in words a finance officer can act
 * on: the error's class, never its content (which may carry figures of members).
 */
export function unexpectedFailure(error: unknown, attempts: number): { code: string; message: LocalizedText } {
  const name = error instanceof Error ? error.name : typeof error;
  return {
    code: 'unexpected-error',
    message: {
      vi: `Đơn vị lỗi ở cả ${attempts} lần thử (${name}); nhật ký của bộ đối soát ghi chi tiết. Khắc phục rồi đối soát lại tháng này.`,
      en: `The unit failed on each of its ${attempts} attempts (${name}); the worker's logs hold the details. Fix the cause, then reconcile the month again.`,
    },
  };
}

export type UnitOutcome =
  | { outcome: 'saved'; discrepancies: number; changed: boolean; announced: number }
  | { outcome: 'duplicate' }
  | { outcome: 'unknown-run' }
  | { outcome: 'failed'; code: string };

const found = (m: ReconcileMessage, d: Discrepancy): PendingEvent =>
  event(DiscrepancyFound, {
    runId: m.runId,
    unitId: m.unitId,
    month: m.month,
    kind: d.kind,
    subject: d.subject,
    fingerprint: d.fingerprint,
    expected: d.expected.amount,
    actual: d.actual,
    difference: d.difference,
    ruleVersionIds: d.expected.rules.map((r) => r.versionId),
  });

/**
 * Writes a report's owed `DiscrepancyFound` events, `EVENTS_PER_TRANSACTION` per
 * transaction, each conditioned on the report's version: when another run has
 * replaced the report meanwhile, that run owns what is still owed.
 */
async function announcePending(
  deps: ReconciliationDeps,
  message: ReconcileMessage,
  report: StoredReport,
  write: WriteContext,
): Promise<number> {
  let current = report;
  let announced = 0;
  const byFingerprint = new Map(report.discrepancies.map((d) => [d.fingerprint, d]));
  while (current.pending.length > 0) {
    const chunk = current.pending.slice(0, EVENTS_PER_TRANSACTION);
    const rest = current.pending.slice(EVENTS_PER_TRANSACTION);
    const events = chunk.flatMap((f) => {
      const d = byFingerprint.get(f);
      return d ? [found({ ...message, runId: current.runId }, d)] : [];
    });
    try {
      await retryOnConflict(() => deps.store.announce(current, events, rest, write), CONFLICT_ATTEMPTS);
    } catch (error) {
      if (error instanceof StaleReportError) return announced;
      throw error;
    }
    announced += events.length;
    current = { ...current, version: current.version + 1, pending: rest };
  }
  return announced;
}

/**
 * Reconciles one CĐCS for one month within a run: reads the three figures (a
 * constant number of calls), compares them, and in ONE transaction replaces the
 * unit's report for the period, marks the unit done in the run, raises the run's
 * counters and writes the events: `ReconciliationCompleted` only when the report
 * differs from the previous one, and `DiscrepancyFound` for each discrepancy the
 * previous report did not hold. A redelivered message finds the unit done and
 * changes nothing. A `DomainError` (no policy for the period, a unit finance does
 * not know) is recorded as the unit failing, since retrying cannot fix it; any
 * other error is thrown so the message is retried, and on its `last` delivery
 * recorded as the unit failing too, with the reason, so the run completes (with
 * failures) instead of waiting for ever on a message in the dead letters.
 */
export async function reconcileUnit(
  deps: ReconciliationDeps,
  message: ReconcileMessage,
  policy: () => Promise<Policy>,
  write: WriteContext,
  delivery: Delivery = { attempt: 1, last: false },
): Promise<UnitOutcome> {
  const { runId, unitId, asOf } = message;
  const month = message.month as Month;
  const state = await deps.store.unitState(runId, unitId);
  if (state === undefined) return { outcome: 'unknown-run' };
  if (state !== 'queued') {
    // Redelivered: finish announcing what this unit's report may still owe.
    const report = await deps.store.getReport(unitId, month);
    if (report && report.runId === runId && report.pending.length > 0)
      await announcePending(deps, message, report, write);
    return { outcome: 'duplicate' };
  }
  try {
    for (let attempt = 1; ; attempt++) {
      const [previous, profile] = await Promise.all([deps.store.getReport(unitId, month), deps.profiles.get(unitId)]);
      if (!profile) {
        throw new DomainError(
          'not-found',
          'unit-unknown',
          { vi: 'Không tìm thấy', en: 'Not found' },
          {
            vi: `Tài chính chưa có hồ sơ của đơn vị "${unitId}".`,
            en: `Finance has no profile of unit "${unitId}".`,
          },
        );
      }
      const [rules, dues, levy, ledger] = await Promise.all([
        policy(),
        deps.sources.dues(unitId, month),
        deps.sources.levy(unitId, month, asOf),
        deps.sources.ledger(unitId, month),
      ]);
      // The funding type in force for the month, not today's: a later change never rewrites a past month.
      const fundingType = fundingTypeIn(profile, month);
      const levyLiability = fundingType ? rules.levy(month, fundingType, 0) : null;
      const discrepancies = reconcile(dues, levy, ledger, { levyLiability, levyDeadline: rules.levyDeadline(month) });
      const totals = totalsOf(dues, levy, ledger);
      const hash = contentHash(totals, discrepancies);
      const change = compareReports(previous, { contentHash: hash, discrepancies });
      const report: StoredReport = {
        unitId,
        month,
        runId,
        version: (previous?.version ?? 0) + 1,
        generatedAt: write.now().toISOString(),
        asOf,
        totals,
        counts: { discrepancies: discrepancies.length, byKind: countByKind(discrepancies) },
        contentHash: hash,
        fingerprints: discrepancies.map((d) => d.fingerprint),
        pending: change.toAnnounce.slice(EVENTS_PER_TRANSACTION),
        discrepancies,
      };
      const byFingerprint = new Map(discrepancies.map((d) => [d.fingerprint, d]));
      const events: PendingEvent[] = [
        ...(change.changed
          ? [
              event(ReconciliationCompleted, {
                runId,
                unitId,
                month,
                reportVersion: report.version,
                discrepancies: discrepancies.length,
                byKind: report.counts.byKind,
                added: change.added.length,
                resolved: change.resolved.length,
                totals: {
                  duesExpected: totals.duesExpected,
                  duesCollected: totals.duesCollected,
                  remitted: totals.remitted,
                  levyDue: totals.levyDue,
                  levyPaid: totals.levyPaid,
                  allocationDue: totals.allocationDue,
                  allocated: totals.allocated,
                },
              }),
            ]
          : []),
        ...change.toAnnounce.slice(0, EVENTS_PER_TRANSACTION).map((f) => found(message, byFingerprint.get(f)!)),
      ];
      try {
        const saved = await retryOnConflict(
          () =>
            deps.store.saveReport(
              {
                runId,
                report,
                previousVersion: previous?.version,
                events,
                before: previous ? summaryOf(previous) : undefined,
              },
              write,
            ),
          CONFLICT_ATTEMPTS,
        );
        if (saved === 'duplicate') return { outcome: 'duplicate' };
      } catch (error) {
        if (error instanceof StaleReportError && attempt < STALE_ATTEMPTS) continue;
        throw error;
      }
      const announced =
        events.length - (change.changed ? 1 : 0) + (await announcePending(deps, message, report, write));
      return { outcome: 'saved', discrepancies: discrepancies.length, changed: change.changed, announced };
    }
  } catch (error) {
    if (error instanceof DomainError) {
      await deps.store.recordFailure(
        runId,
        unitId,
        { code: error.code, message: error.detail, attempts: delivery.attempt },
        write,
      );
      return { outcome: 'failed', code: error.code };
    }
    if (!delivery.last) throw error;
    const reason = unexpectedFailure(error, delivery.attempt);
    await deps.store.recordFailure(runId, unitId, { ...reason, attempts: delivery.attempt }, write);
    return { outcome: 'failed', code: reason.code };
  }
}
