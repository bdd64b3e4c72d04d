import type { PendingEvent, WriteContext } from '@congdoan/ddb';
import type { Page, PageKey } from '../ports.ts';
import type { ImportJobState, ImportRow, StoredRowError } from './model.ts';

/** Another writer changed the job since it was read (a newer run took the lease, or a start raced). */
export class ImportJobChangedError extends Error {
  constructor(readonly jobId: string) {
    super(`import job ${jobId} changed since it was read`);
    this.name = 'ImportJobChangedError';
  }
}

/** Import jobs and their items: uploaded chunks, parsed row pages, row errors. */
export interface ImportStore {
  get(id: string): Promise<ImportJobState | undefined>;
  /** A unit's imports, newest first. */
  listByUnit(unitId: string, page: { limit: number; startKey?: PageKey }): Promise<Page<ImportJobState>>;
  /**
   * Writes the job: created when `expectedVersion` is null, else only if the stored
   * version is still `expectedVersion` (ImportJobChangedError otherwise). Events go to
   * the outbox in the same transaction; `audit` records the change.
   */
  save(
    job: ImportJobState,
    expectedVersion: number | null,
    ctx: WriteContext,
    options?: { events?: readonly PendingEvent[]; audit?: string },
  ): Promise<void>;
  putChunk(id: string, index: number, bytes: Uint8Array, now: Date): Promise<void>;
  /** Every chunk received, by index. */
  readChunks(id: string): Promise<Map<number, Uint8Array>>;
  putRowPages(id: string, pages: readonly ImportRow[][], now: Date): Promise<void>;
  readRowPage(id: string, page: number): Promise<ImportRow[]>;
  /** One item per failed row (written again on a replay: the same key). */
  putRowErrors(id: string, rows: readonly { row: number; errors: StoredRowError[] }[], now: Date): Promise<void>;
  listRowErrors(
    id: string,
    page: { limit: number; startKey?: PageKey },
  ): Promise<Page<{ row: number; errors: StoredRowError[] }>>;
}
