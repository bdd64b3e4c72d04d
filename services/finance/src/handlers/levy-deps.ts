import { randomUUID } from 'node:crypto';
import { BankStatementImportRequested, type BusEvent } from '@congdoan/contracts';
import { commit, type Db, dbFromEnv } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { directoryLookup } from '@congdoan/org-directory';
import { createBankStore } from '../adapters/bank-store.ts';
import { createLedger, withLedgerRetry } from '../adapters/ledger-store.ts';
import { createLevyStore } from '../adapters/levy-store.ts';
import { createPolicyStore } from '../adapters/policy-store.ts';
import { createUnitProfileStore } from '../adapters/unit-profile-store.ts';
import { BACKGROUND_BUDGET_MS, continueStatement } from '../app/bank/import.ts';
import type { BankDeps } from '../app/bank/ports.ts';
import { observed } from '../metrics.ts';

/** The levy and bank area's ports over one table; tests build them on their own table. */
export function buildLevyDeps(db: Db, options: { policyCacheMs?: number } = {}): BankDeps {
  const policies = createPolicyStore(db, options.policyCacheMs === undefined ? {} : { cacheMs: options.policyCacheMs });
  return {
    profiles: createUnitProfileStore(db),
    directory: directoryLookup(db),
    loadPolicy: () => policies.load(),
    levy: createLevyStore(db),
    bank: createBankStore(db),
    ledger: createLedger(db),
    retry: withLedgerRetry,
    commit: (change, ctx) => commit(db, change, ctx),
  };
}

let deps: BankDeps | undefined;

/** The levy and bank area's composition root, built once per Lambda instance on first use. */
export function levyDeps(): BankDeps {
  deps ??= buildLevyDeps(dbFromEnv('finance'));
  return deps;
}

const logger = createLogger('finance');

/**
 * The subscription `finance-bank-statement-import`: records the lines a
 * statement import left for the background, for up to 20 s, then queues the
 * next slice. A redelivery, or two deliveries at once, handle no line twice
 * (see `continueStatement`). Its actor is the person who imported the file.
 */
export const onBankStatementImportRequested = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const started = Date.now();
  const detail = BankStatementImportRequested.detail.parse(event.detail);
  const { statementId } = detail.data;
  const outcome = await continueStatement(
    levyDeps(),
    statementId,
    {
      actor: detail.metadata.actor,
      correlationId: detail.metadata.correlationId,
      now: () => new Date(),
      newId: randomUUID,
    },
    started + BACKGROUND_BUDGET_MS,
  );
  logger.info('bank statement import slice', { eventId: detail.metadata.eventId, statementId, outcome });
});
