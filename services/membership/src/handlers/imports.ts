import { randomUUID } from 'node:crypto';
import { type BusEvent, MemberImportRequested } from '@congdoan/contracts';
import { dbFromEnv, type WriteContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import type { Context } from 'aws-lambda';
import { createImportStore } from '../adapters/import-store.ts';
import type { ImportDeps } from '../app/imports/deps.ts';
import { type RunOptions, runImport } from '../app/imports/run.ts';
import { observed } from '../metrics.ts';
import { membershipDeps } from './deps.ts';

let deps: ImportDeps | undefined;

/** The member use cases' adapters plus the import jobs' store, built once per Lambda instance. */
export function importDeps(): ImportDeps {
  deps ??= { ...membershipDeps(), imports: createImportStore(dbFromEnv('membership')) };
  return deps;
}

/**
 * The subscription's handler, over any dependencies (tests pass a store that fails
 * half way). The job acts as the person who started it: their id and unit are on the
 * event, and every member it writes is audited under them.
 */
export function createImportJobHandler(
  getDeps: () => ImportDeps,
  options: Omit<RunOptions, 'remainingMs'> = {},
  logger = createLogger('membership'),
) {
  return async (event: BusEvent, context?: Context): Promise<void> => {
    const { metadata, data } = MemberImportRequested.detail.parse(event.detail);
    const write: WriteContext = {
      actor: metadata.actor,
      correlationId: metadata.correlationId,
      now: () => new Date(),
      newId: randomUUID,
    };
    const remainingMs =
      typeof context?.getRemainingTimeInMillis === 'function' ? () => context.getRemainingTimeInMillis() : undefined;
    const result = await runImport(getDeps(), data, write, { ...options, remainingMs });
    logger.info('member import', { importId: data.importId, slice: data.slice, dryRun: data.dryRun, result });
  };
}

export const runMemberImport = observedHandler(observed, createImportJobHandler(importDeps));
