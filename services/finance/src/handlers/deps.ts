import { type Db, dbFromEnv } from '@congdoan/ddb';
import { directoryLookup } from '@congdoan/org-directory';
import { createBankStore } from '../adapters/bank-store.ts';
import { createBudgetStore } from '../adapters/budget-store.ts';
import { createClosingStore } from '../adapters/closing-store.ts';
import { createDuesStore } from '../adapters/dues-store.ts';
import { createLedger, type LedgerStore } from '../adapters/ledger-store.ts';
import { createLevyStore } from '../adapters/levy-store.ts';
import { createPolicyStore } from '../adapters/policy-store.ts';
import { createPostingRequestStore } from '../adapters/posting-request-store.ts';
import { createReconciliationStore } from '../adapters/reconciliation-store.ts';
import { createCdcsDirectory } from '../adapters/reconciliation-units.ts';
import {
  createDuesFigures,
  createDuesRange,
  createLevyFigures,
  createLevyRange,
  createLevyUnallocated,
} from '../adapters/report-sources.ts';
import { createRosterStore } from '../adapters/roster-store.ts';
import { createStandingStore } from '../adapters/standing-store.ts';
import { createUnitProfileStore } from '../adapters/unit-profile-store.ts';
import type { BankDeps } from '../app/bank/ports.ts';
import type { ClosingDeps } from '../app/closing/ports.ts';
import type { DuesDeps, StandingDeps } from '../app/dues/ports.ts';
import type { LedgerDeps } from '../app/ledger/ports.ts';
import type { PostingRequestDeps } from '../app/ledger/posting-requests.ts';
import type { AddVersionDeps } from '../app/policy/add-version.ts';
import type { ReconciliationDeps } from '../app/reconciliation/ports.ts';
import type { ReportDeps } from '../app/reports/ports.ts';
import type { Policy } from '../domain/policy/types.ts';

/** Every port a finance use case takes, over one table. */
export type FinanceDeps = DuesDeps &
  BankDeps &
  LedgerDeps &
  PostingRequestDeps &
  ClosingDeps &
  ReportDeps &
  ReconciliationDeps &
  AddVersionDeps &
  StandingDeps;

export interface FinanceDepsOptions {
  /** The policy in force; by default the policy store's (cached per instance, one load in flight shared). */
  loadPolicy?: () => Promise<Policy>;
  /** How long a loaded policy is kept; 0 reads every change at once (tests). */
  policyCacheMs?: number;
}

/**
 * THE composition root of the finance service: the concrete adapters behind
 * every port, over one table. Each adapter is built on first use, once, so a
 * function builds only what its requests reach; tests build the same wiring on
 * their own table.
 */
export function buildFinanceDeps(db: Db, options: FinanceDepsOptions = {}): FinanceDeps {
  let ledger: LedgerStore | undefined;
  const theLedger = () => {
    ledger ??= createLedger(db);
    return ledger;
  };
  const deps: FinanceDeps = lazily<FinanceDeps>({
    directory: () => directoryLookup(db),
    profiles: () => createUnitProfileStore(db),
    policies: () =>
      createPolicyStore(db, options.policyCacheMs === undefined ? {} : { cacheMs: options.policyCacheMs }),
    loadPolicy: () => options.loadPolicy ?? oneLoadInFlight(() => deps.policies.load()),
    ledger: theLedger,
    budgets: () => createBudgetStore(db),
    postingRequests: () => createPostingRequestStore(db),
    roster: () => createRosterStore(db),
    dues: () => createDuesStore(db),
    standings: () => createStandingStore(db),
    levy: () => createLevyStore(db),
    bank: () => createBankStore(db),
    closings: () => createClosingStore(db),
    levyUnallocated: () => createLevyUnallocated(db, deps.loadPolicy),
    duesMonths: () => createDuesRange(db, deps.loadPolicy),
    levyMonths: () => createLevyRange(db, deps.loadPolicy),
    store: () => createReconciliationStore(db),
    reconciliation: () => deps.store,
    cdcs: () => createCdcsDirectory(db),
    sources: () => ({
      dues: createDuesFigures(db, deps.loadPolicy),
      levy: createLevyFigures(db, deps.loadPolicy),
      ledger: (unitId, month) => theLedger().ledgerCheck(unitId, month),
    }),
  });
  return deps;
}

let deps: FinanceDeps | undefined;

/** The service's ports over its own table, wired once per Lambda instance on first use. */
export function financeDeps(): FinanceDeps {
  deps ??= buildFinanceDeps(dbFromEnv('finance'));
  return deps;
}

/** An object whose properties are each built on first read, once. */
function lazily<T extends object>(builders: { [K in keyof T]: () => T[K] }): T {
  const built = {} as T;
  for (const key of Object.keys(builders) as (keyof T)[]) {
    let value: T[keyof T] | undefined;
    let made = false;
    Object.defineProperty(built, key, {
      enumerable: true,
      get() {
        if (!made) {
          value = builders[key]();
          made = true;
        }
        return value;
      },
    });
  }
  return built;
}

/**
 * Callers at once (the records of a reconciliation batch, which run together)
 * share one policy load in flight instead of each reading the table.
 */
function oneLoadInFlight(load: () => Promise<Policy>): () => Promise<Policy> {
  let loading: Promise<Policy> | undefined;
  return () => {
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  };
}
