import { type Db, dbFromEnv } from '@congdoan/ddb';
import { directoryLookup } from '@congdoan/org-directory';
import { createLedger } from '../adapters/ledger-store.ts';
import { createPolicyStore } from '../adapters/policy-store.ts';
import { createReconciliationStore } from '../adapters/reconciliation-store.ts';
import { createCdcsDirectory } from '../adapters/reconciliation-units.ts';
import { createUnitProfileStore } from '../adapters/unit-profile-store.ts';
import { createDuesFigures } from '../app/dues/figures.ts';
import { createLevyFigures } from '../app/levy/figures.ts';
import type { ReconciliationDeps } from '../app/reconciliation/ports.ts';
import type { Policy } from '../domain/policy/types.ts';

let deps: ReconciliationDeps | undefined;

/** The reconciliation's composition root, built once per Lambda instance on first use. */
export function reconciliationDeps(): ReconciliationDeps {
  deps ??= buildReconciliationDeps(dbFromEnv('finance'));
  return deps;
}

/**
 * The reconciliation's ports over one table; tests build them on their own table,
 * with their own policy. By default the policy store caches per Lambda instance,
 * and the records of a batch, which run at once, also share one load in flight
 * instead of each reading the table.
 */
export function buildReconciliationDeps(
  db: Db,
  loadPolicy: () => Promise<Policy> = sharedPolicyLoad(db),
): ReconciliationDeps {
  const ledger = createLedger(db);
  return {
    store: createReconciliationStore(db),
    cdcs: createCdcsDirectory(db),
    profiles: createUnitProfileStore(db),
    directory: directoryLookup(db),
    sources: {
      dues: createDuesFigures(db, loadPolicy),
      levy: createLevyFigures(db, loadPolicy),
      ledger: (unitId, month) => ledger.ledgerCheck(unitId, month),
    },
    loadPolicy,
  };
}

function sharedPolicyLoad(db: Db): () => Promise<Policy> {
  const policies = createPolicyStore(db);
  let loading: Promise<Policy> | undefined;
  return () => {
    loading ??= policies.load().finally(() => {
      loading = undefined;
    });
    return loading;
  };
}
