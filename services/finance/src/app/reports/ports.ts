import type { Month, Role } from '@congdoan/contracts';
import type { UnitLookup } from '@congdoan/org-directory';
import type { DuesMonthFigures, LevyMonthFigures } from '../../domain/reconciliation/sources.ts';
import type { ClosingStore } from '../closing/ports.ts';
import type { BudgetStore, Ledger } from '../ledger/ports.ts';
import type { ProfileReader } from '../ports.ts';
import type { ReconciliationStore } from '../reconciliation/ports.ts';

/** What the finance reports read: every source is a constant number of DynamoDB calls per unit and month. */
export interface ReportDeps {
  profiles: ProfileReader;
  directory: UnitLookup;
  ledger: Pick<Ledger, 'balances' | 'movements' | 'booksState'>;
  budgets: Pick<BudgetStore, 'get'>;
  closings: Pick<ClosingStore, 'get'>;
  /** A unit's dues month by month, `from`…`to`: roster × policy, collected, upper share, remitted. */
  duesMonths: (unitId: string, from: Month, to: Month) => Promise<DuesMonthFigures[]>;
  /** A CĐCS's levy month by month, `from`…`to`, as of a day: declared, paid, penalty. */
  levyMonths: (unitId: string, from: Month, to: Month, asOf: string) => Promise<LevyMonthFigures[]>;
  reconciliation: Pick<ReconciliationStore, 'listReports'>;
}

export interface ReportCaller {
  unitId: string | null;
  roles: readonly Role[];
}
