import { createHash } from 'node:crypto';
import type { LevyPenalty } from '../policy/types.ts';
import type { Discrepancy, DiscrepancyKind } from './reconcile.ts';
import type { DuesMonthFigures, LedgerCheck, LevyMonthFigures } from './sources.ts';

/** The month's figures side by side, as the report shows them next to its discrepancies. */
export interface ReconciliationTotals {
  duesExpected: number;
  duesCollected: number;
  /** Members who owe dues for the month (the roster the expected figure comes from). */
  membersExpected: number;
  upperShareDue: number;
  remitted: number;
  /** null when no payroll declaration was filed. */
  levyDue: number | null;
  levyPaid: number;
  allocationDue: number;
  allocated: number;
  /** Informative: the late-levy penalty as of the run's day (policy), not itself compared. */
  levyPenalty: { amount: number; status: LevyPenalty['status'] };
  trialBalance: { debit: number; credit: number };
}

export function totalsOf(dues: DuesMonthFigures, levy: LevyMonthFigures, ledger: LedgerCheck): ReconciliationTotals {
  return {
    duesExpected: dues.expected.total,
    duesCollected: dues.collected,
    membersExpected: dues.expected.members.length,
    upperShareDue: dues.upperShareDue.amount,
    remitted: dues.remitted,
    levyDue: levy.declared ? levy.declared.due.amount : null,
    levyPaid: levy.paid,
    allocationDue: levy.allocationDue.amount,
    allocated: levy.allocated,
    levyPenalty: { amount: levy.penalty.amount, status: levy.penalty.status },
    trialBalance: { ...ledger.trialBalance },
  };
}

export type KindCounts = Partial<Record<DiscrepancyKind, number>>;

export function countByKind(discrepancies: readonly Discrepancy[]): KindCounts {
  const counts: KindCounts = {};
  for (const d of discrepancies) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
  return counts;
}

/**
 * What makes two reports of a period the same: their discrepancies (by fingerprint,
 * which holds the amounts) and the compared totals. The penalty is left out: it grows
 * with the day the run reads it on, and re-running an unchanged month must not look
 * like a change.
 */
export function contentHash(totals: ReconciliationTotals, discrepancies: readonly Discrepancy[]): string {
  const { levyPenalty: _penalty, ...compared } = totals;
  const fingerprints = discrepancies.map((d) => d.fingerprint).sort();
  return createHash('sha256').update(JSON.stringify({ compared, fingerprints })).digest('hex').slice(0, 32);
}

/** The previous report of the period, as much as the comparison needs. */
export interface PreviousReport {
  contentHash: string;
  fingerprints: readonly string[];
  /** Fingerprints whose `DiscrepancyFound` is still to be written (see the app's pending events). */
  pending: readonly string[];
}

export interface ReportChange {
  /** The report differs from the previous one (or there was none): `ReconciliationCompleted` is due. */
  changed: boolean;
  /** Discrepancies whose fingerprint the previous report did not hold: one `DiscrepancyFound` each. */
  added: Discrepancy[];
  /** Fingerprints of the previous report that are gone (fixed, or changed amounts). */
  resolved: string[];
  /**
   * Fingerprints to announce, in order: those the previous report still owed an event
   * for and that remain, then the added ones.
   */
  toAnnounce: string[];
}

export function compareReports(
  previous: PreviousReport | undefined,
  next: { contentHash: string; discrepancies: readonly Discrepancy[] },
): ReportChange {
  const before = new Set(previous?.fingerprints ?? []);
  const now = new Set(next.discrepancies.map((d) => d.fingerprint));
  const added = next.discrepancies.filter((d) => !before.has(d.fingerprint));
  const resolved = [...before].filter((f) => !now.has(f)).sort();
  const owed = (previous?.pending ?? []).filter((f) => now.has(f));
  return {
    changed: previous?.contentHash !== next.contentHash,
    added,
    resolved,
    toAnnounce: [...owed, ...added.map((d) => d.fingerprint)],
  };
}
