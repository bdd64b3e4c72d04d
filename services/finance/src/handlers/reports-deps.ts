import { type Db, dbFromEnv } from '@congdoan/ddb';
import { directoryLookup } from '@congdoan/org-directory';
import { createBudgetStore } from '../adapters/budget-store.ts';
import { createClosingStore } from '../adapters/closing-store.ts';
import { createLedger } from '../adapters/ledger-store.ts';
import { createPolicyStore } from '../adapters/policy-store.ts';
import { createReconciliationStore } from '../adapters/reconciliation-store.ts';
import { createDuesRange, createLevyRange, createLevyUnallocated } from '../adapters/report-sources.ts';
import { createUnitProfileStore } from '../adapters/unit-profile-store.ts';
import type { ClosingDeps } from '../app/closing/ports.ts';
import type { ReportDeps } from '../app/reports/ports.ts';

let deps: (ReportDeps & ClosingDeps) | undefined;

/** The reports' and closing's composition root, built once per Lambda instance on first use. */
export function reportsDeps(): ReportDeps & ClosingDeps {
  deps ??= buildReportsDeps(dbFromEnv('finance'));
  return deps;
}

/** The reports' and closing's ports over one table; tests build them on their own table. */
export function buildReportsDeps(db: Db): ReportDeps & ClosingDeps {
  const policies = createPolicyStore(db);
  const loadPolicy = () => policies.load();
  return {
    profiles: createUnitProfileStore(db),
    directory: directoryLookup(db),
    ledger: createLedger(db),
    budgets: createBudgetStore(db),
    closings: createClosingStore(db),
    duesMonths: createDuesRange(db, loadPolicy),
    levyMonths: createLevyRange(db, loadPolicy),
    levyUnallocated: createLevyUnallocated(db, loadPolicy),
    reconciliation: createReconciliationStore(db),
  };
}
