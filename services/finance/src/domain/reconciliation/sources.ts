import type { Month } from '@congdoan/contracts';
import type { Explained, LevyDue, LevyPenalty } from '../policy/types.ts';

/**
 * What the monthly reconciliation reads of one unit and month. Each area
 * implements its reader with a constant number of DynamoDB calls per unit
 * (a Query or two, whatever the number of members), so a run's cost grows
 * linearly with the number of units.
 */

export interface MemberDuesExpected extends Explained {
  memberId: string;
  /** The dues salary the amount was computed on. */
  duesSalary: number;
}

export interface DuesMonthFigures {
  unitId: string;
  month: Month;
  /** Roster × policy: one entry per member who owes dues for the month in this unit. */
  expected: { total: number; members: MemberDuesExpected[] };
  /** Collected for the month, in total and per member. */
  collected: number;
  collectedByMember: Record<string, number>;
  /** The upper level's share of what was collected (policy dues split). */
  upperShareDue: Explained;
  /** Remitted to the upper level for the month. */
  remitted: number;
}

export interface LevyMonthFigures {
  unitId: string;
  month: Month;
  /** The agency's payroll declaration for the month, with the levy it makes due; null when none was filed. */
  declared: { payroll: number; due: LevyDue } | null;
  /** Levy paid for the month (to the upper level). */
  paid: number;
  /** The CĐCS's share of the levy paid, which the upper level owes back (policy levy split). */
  allocationDue: Explained;
  /** Allocated back to the CĐCS for the month. */
  allocated: number;
  /** Penalty on late or unpaid levy as of the reconciliation day. */
  penalty: LevyPenalty;
}

export interface LedgerAccountCheck {
  account: string;
  /** The stored running balance (debit minus credit). */
  balance: number;
  /** The same figure recomputed from the unit's postings. */
  sumOfPostings: number;
}

export interface LedgerCheck {
  unitId: string;
  accounts: LedgerAccountCheck[];
  /** Totals over all accounts; equal when the books balance. */
  trialBalance: { debit: number; credit: number };
}
