import { dbFromEnv } from '@congdoan/ddb';
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
  deps ??= build();
  return deps;
}

function build(): ReconciliationDeps {
  const db = dbFromEnv('finance');
  // The policy store caches per Lambda instance; the records of a batch run at once,
  // so they also share one load in flight instead of each reading the table.
  const policies = createPolicyStore(db);
  let loading: Promise<Policy> | undefined;
  const loadPolicy = () => {
    loading ??= policies.load().finally(() => {
      loading = undefined;
    });
    return loading;
  };
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
