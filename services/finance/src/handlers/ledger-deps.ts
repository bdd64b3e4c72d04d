import { dbFromEnv } from '@congdoan/ddb';
import { directoryLookup } from '@congdoan/org-directory';
import { createBudgetStore } from '../adapters/budget-store.ts';
import { createLedger } from '../adapters/ledger-store.ts';
import type { LedgerDeps } from '../app/ledger/ports.ts';

let deps: (LedgerDeps & { db: ReturnType<typeof dbFromEnv> }) | undefined;

/** The ledger area's composition root, built once per Lambda instance on first use. */
export function ledgerDeps() {
  if (!deps) {
    const db = dbFromEnv('finance');
    deps = { db, ledger: createLedger(db), budgets: createBudgetStore(db), directory: directoryLookup(db) };
  }
  return deps;
}
