import type { UnitLookup } from '@congdoan/org-directory';
import type { BudgetStore } from '../../adapters/budget-store.ts';
import type { Ledger } from '../../adapters/ledger-store.ts';

/** What the ledger and budget use cases need: the ledger, the budgets and the organisation directory for scope checks. */
export interface LedgerDeps {
  ledger: Ledger;
  budgets: BudgetStore;
  directory: UnitLookup;
}

/** The caller as a use case sees it: the root of the subtree they may act in (null: the whole tree). */
export interface Caller {
  unitId: string | null;
}
