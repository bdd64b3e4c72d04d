import type {
  ImportCounts,
  ImportFormat,
  ImportJob,
  ImportRowError,
  ImportStatus,
  MemberInput,
} from '@congdoan/contracts';
import { IMPORT_CHUNK_BYTES } from '@congdoan/contracts';
import { JOB_LEASE_MS, jobHealth } from '@congdoan/ddb';

/** A problem with a cell, a row or the header, kept in both languages. */
export interface StoredRowError {
  row: number;
  column: string;
  cell: string | null;
  field: string;
  code: string | null;
  message: string;
  messageEn: string;
}

/** A data row of the file as parsed: a member's input, or the errors that keep it out. */
export type ImportRow =
  | { row: number; input: MemberInput; applicationDate: string | null; errors?: undefined }
  | { row: number; errors: StoredRowError[]; input?: undefined };

/** A job as stored: the public view plus the machinery of uploads, pages, slices and the lease. */
export interface ImportJobState {
  id: string;
  unitId: string;
  filename: string;
  format: ImportFormat;
  dryRun: boolean;
  status: ImportStatus;
  size: number;
  sha256: string | null;
  /** Chunks expected while uploading. */
  chunks: number;
  sheet: string | null;
  headerRow: number | null;
  headerErrors: StoredRowError[];
  /** The file's column letter of each member field, to name the cell of a domain error. */
  letters: Record<string, string>;
  /** Row pages written at start; the job works and checkpoints one page at a time. */
  pages: number;
  /** The next page to process: everything before it is applied and counted. */
  nextPage: number;
  counts: ImportCounts;
  /** Which `MemberImportRequested` delivery may run the job now (0, then +1 per continuation). */
  slice: number;
  /** The run holding the lease, and until when (epoch ms); a crashed run's lease lapses. */
  runId: string | null;
  leaseUntil: number;
  /**
   * Runs since the job last progressed (a checkpoint sets it to 1, the run that made it;
   * each claim adds one, a sweep keeps it): at MAX_ATTEMPTS runs without progress, whether
   * they failed or died, the job ends as failed rather than change hands for ever.
   */
  attempts: number;
  failure: { code: string; message: string; messageEn: string } | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** When the job was queued or last checkpointed a page (the stall clock). */
  progressAt: string | null;
  /**
   * The stall already signalled: the `progressAt` it began from. A stall is signalled once,
   * however often the job is queued again or taken over before it progresses.
   */
  stallSignalledFor?: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Optimistic locking: every write of the job is conditional on the version read. */
  version: number;
}

/** Rows per page, and a bound on a page's UTF-8 size so it stays well below DynamoDB's 400 KB item limit. */
export const PAGE_ROWS = 100;
export const PAGE_MAX_BYTES = 200_000;
/** A run's lease; every checkpoint (one page) renews it. */
export const LEASE_MS = JOB_LEASE_MS;
/** Claims of one slice before the job is given up as failed. */
export const MAX_ATTEMPTS = 8;

export const emptyCounts = (total = 0): ImportCounts => ({
  total,
  processed: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
});

export const importUrl = (id: string) => `/v1/membership/imports/${encodeURIComponent(id)}`;

export function localizeError(e: StoredRowError, lang: 'vi' | 'en'): ImportRowError {
  return {
    row: e.row,
    column: e.column,
    cell: e.cell,
    field: e.field,
    code: e.code,
    message: lang === 'en' ? e.messageEn : e.message,
  };
}

/**
 * When the job's lease lapses, while it is queued or running: its run's lease, or for
 * a job no run holds, a lease's time after it was queued. The sweeper queues it again
 * after that (docs/architecture.md, "Background jobs").
 */
export function importLeaseExpiry(job: ImportJobState): number | null {
  if (job.status !== 'queued' && job.status !== 'running') return null;
  if (job.runId) return job.leaseUntil;
  return Date.parse(job.updatedAt) + LEASE_MS;
}

/** When the job last progressed (items written before the field existed: their last change). */
export const importProgressAt = (job: ImportJobState) => job.progressAt ?? job.updatedAt;

/** Whether a run may take the job over now: it is unfinished and its lease lapsed. */
export const importLeaseLapsed = (job: ImportJobState, now: Date) => {
  const expiry = importLeaseExpiry(job);
  return expiry !== null && expiry <= now.getTime();
};

/** The job as the API shows it, in the caller's language, at `now` (for the stall). */
export function jobView(job: ImportJobState, lang: 'vi' | 'en', now = new Date()): ImportJob {
  const url = importUrl(job.id);
  return {
    id: job.id,
    unitId: job.unitId,
    filename: job.filename,
    format: job.format,
    dryRun: job.dryRun,
    status: job.status,
    size: job.size,
    upload:
      job.status === 'uploading'
        ? {
            chunkBytes: IMPORT_CHUNK_BYTES,
            chunks: job.chunks,
            chunkUrl: `${url}/chunks/{index}`,
            startUrl: `${url}/start`,
          }
        : null,
    counts: job.counts,
    sheet: job.sheet,
    headerRow: job.headerRow,
    headerErrors: job.headerErrors.map((e) => localizeError(e, lang)),
    failure: job.failure
      ? { code: job.failure.code, message: lang === 'en' ? job.failure.messageEn : job.failure.message }
      : null,
    errorsUrl: `${url}/errors`,
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    stalledSince: jobHealth({ status: job.status, progressAt: importProgressAt(job) }, now).stalledSince,
  };
}
