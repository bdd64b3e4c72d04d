/**
 * Import jobs as the API drives them: create (with the file inline, or for a chunked
 * upload), receive chunks, start (assemble, parse, store the rows, queue), read.
 * The work itself runs in the background (`run.ts`).
 */
import { createHash } from 'node:crypto';
import {
  conflict,
  DomainError,
  IMPORT_CHUNK_BYTES,
  IMPORT_MAX_ROWS,
  type ImportFormat,
  JobStalled,
  MemberImportRequested,
  unprocessable,
} from '@congdoan/contracts';
import { event, type WriteContext } from '@congdoan/ddb';
import { visibleOrNotFound } from '@congdoan/org-directory';
import { assertUnitTakesMembers } from '../members/lifecycle.ts';
import type { PageKey } from '../ports.ts';
import type { Caller } from '../units/deps.ts';
import { readUnitInScope } from '../units/read-unit.ts';
import type { ImportDeps } from './deps.ts';
import {
  emptyCounts,
  type ImportJobState,
  type ImportRow,
  importLeaseLapsed,
  importProgressAt,
  PAGE_MAX_BYTES,
  PAGE_ROWS,
} from './model.ts';
import { importRows, readMemberFile } from './read-file.ts';

const IMPORT = { vi: 'lượt nhập danh sách', en: 'member import' };
const MAX_HEADER_ERRORS = 100;

export interface PrepareOptions {
  /** Rows per page, the job's unit of work and checkpoint (default PAGE_ROWS; tests use fewer). */
  pageRows?: number;
}

export interface CreateImportInput {
  filename: string;
  format: ImportFormat;
  dryRun: boolean;
  /** The whole file, base64 (a small file). */
  content?: string;
  /** Without content: the size of the file to upload in chunks. */
  size?: number;
  sha256?: string;
}

/** Reads a job whose unit lies in the caller's subtree; anything else is a 404. */
export async function readImportInScope(
  deps: ImportDeps,
  caller: { unitId: string | null },
  id: string,
): Promise<ImportJobState> {
  return visibleOrNotFound(deps.units, caller, await deps.imports.get(id), (job) => job.unitId, IMPORT, id);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Creates an import into a unit. With `content`, the file is complete: it is parsed
 * and the job queued in this request. With `size`, the job waits for its chunks.
 */
export async function createImport(
  deps: ImportDeps,
  caller: Caller,
  unitId: string,
  input: CreateImportInput,
  options: PrepareOptions = {},
) {
  const unit = await assertUnitTakesMembers(deps, caller, unitId, true);
  if (unit.status !== 'active') {
    throw conflict('unit-not-active', {
      vi: `Đơn vị "${unit.name}" không còn hoạt động (đã giải thể), không thể nhập đoàn viên.`,
      en: `Unit "${unit.name}" is not active (dissolved); members cannot be imported into it.`,
    });
  }
  const at = caller.write.now().toISOString();
  const bytes = input.content !== undefined ? Buffer.from(input.content, 'base64') : null;
  const size = bytes ? bytes.length : (input.size ?? 0);
  const job: ImportJobState = {
    id: caller.write.newId(),
    unitId,
    filename: input.filename,
    format: input.format,
    dryRun: input.dryRun,
    status: 'uploading',
    size,
    sha256: input.sha256?.toLowerCase() ?? null,
    chunks: Math.max(1, Math.ceil(size / IMPORT_CHUNK_BYTES)),
    sheet: null,
    headerRow: null,
    headerErrors: [],
    letters: {},
    pages: 0,
    nextPage: 0,
    counts: emptyCounts(),
    slice: 0,
    runId: null,
    leaseUntil: 0,
    attempts: 0,
    failure: null,
    createdBy: caller.write.actor.id,
    createdAt: at,
    updatedAt: at,
    progressAt: at,
    startedAt: null,
    finishedAt: null,
    version: 1,
  };
  if (!bytes) {
    await deps.imports.save(job, null, caller.write, { audit: 'create' });
    return job;
  }
  if (job.sha256 && job.sha256 !== sha256(bytes)) throw checksumMismatch();
  return prepare(deps, caller, job, bytes, null, options);
}

/** One piece of a chunked upload; sending a piece again replaces it. */
export async function putImportChunk(
  deps: ImportDeps,
  caller: Caller,
  id: string,
  index: number,
  content: string,
): Promise<{ index: number; bytes: number; chunks: number }> {
  const job = await readImportInScope(deps, caller, id);
  if (job.status !== 'uploading') throw notUploading(job);
  if (index >= job.chunks) {
    throw unprocessable('import-chunk-out-of-range', {
      vi: `Phần ${index} không có: tệp ${job.size} byte gồm ${job.chunks} phần, đánh số từ 0 đến ${job.chunks - 1}.`,
      en: `There is no chunk ${index}: a file of ${job.size} bytes has ${job.chunks} chunks, numbered 0 to ${job.chunks - 1}.`,
    });
  }
  const bytes = Buffer.from(content, 'base64');
  const expected = index < job.chunks - 1 ? IMPORT_CHUNK_BYTES : job.size - IMPORT_CHUNK_BYTES * (job.chunks - 1);
  if (bytes.length !== expected) {
    throw unprocessable('import-chunk-size', {
      vi: `Phần ${index} phải có đúng ${expected} byte, nhận được ${bytes.length}.`,
      en: `Chunk ${index} must hold exactly ${expected} bytes; got ${bytes.length}.`,
    });
  }
  await deps.imports.putChunk(id, index, bytes, caller.write.now());
  return { index, bytes: bytes.length, chunks: job.chunks };
}

/**
 * Assembles the uploaded chunks, parses the file and queues the job. Calling it again
 * is harmless: a queued or running job is returned as it is, unless it has stalled
 * (no progress for longer than a run's lease, e.g. its event was dead-lettered), in
 * which case it is queued again and resumes where it stopped.
 */
export async function startImport(
  deps: ImportDeps,
  caller: Caller,
  id: string,
  options: PrepareOptions = {},
): Promise<ImportJobState> {
  const job = await readImportInScope(deps, caller, id);
  if (job.status === 'queued' || job.status === 'running') {
    return (await resumeImport(deps, job, caller.write)) ?? job;
  }
  if (job.status !== 'uploading') return job;
  const chunks = await deps.imports.readChunks(id);
  const missing: number[] = [];
  for (let i = 0; i < job.chunks; i++) if (!chunks.has(i)) missing.push(i);
  if (missing.length > 0) {
    const list = `${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`;
    throw unprocessable('import-chunks-missing', {
      vi: `Chưa nhận đủ tệp: thiếu ${missing.length}/${job.chunks} phần (${list}).`,
      en: `The upload is incomplete: ${missing.length} of ${job.chunks} chunks are missing (${list}).`,
    });
  }
  const bytes = Buffer.concat(Array.from({ length: job.chunks }, (_, i) => chunks.get(i)!));
  if (bytes.length !== job.size) {
    throw unprocessable('import-size-mismatch', {
      vi: `Tệp nhận được có ${bytes.length} byte, không khớp kích thước đã khai báo ${job.size} byte.`,
      en: `The file received has ${bytes.length} bytes, not the ${job.size} declared.`,
    });
  }
  if (job.sha256 && job.sha256 !== sha256(bytes)) throw checksumMismatch();
  return prepare(deps, caller, job, bytes, job.version, options);
}

/**
 * Queues an unfinished job again when its lease has lapsed (its run died, or its
 * event was lost): a new slice, so deliveries of the old one are told apart, and a
 * `JobStalled` in the same transaction, so the stall is signalled once. Returns the
 * job as queued, or null when it is finished or a run still holds it. The sweeper
 * schedule and `start` both call it.
 */
export async function resumeImport(
  deps: ImportDeps,
  job: ImportJobState,
  write: WriteContext,
): Promise<ImportJobState | null> {
  const now = write.now();
  if (!importLeaseLapsed(job, now)) return null;
  // `attempts` stays: runs that died without progress count towards giving up.
  const next: ImportJobState = {
    ...job,
    slice: job.slice + 1,
    runId: null,
    leaseUntil: 0,
    stallSignalledFor: importProgressAt(job),
    updatedAt: now.toISOString(),
    version: job.version + 1,
  };
  const events = stallSignalled(job) ? [requested(next)] : [requested(next), stalled(job)];
  await deps.imports.save(next, job.version, write, { events, audit: 'resume' });
  return next;
}

/** Whether this stall (since the job last progressed) was signalled already. */
export const stallSignalled = (job: ImportJobState) => job.stallSignalledFor === importProgressAt(job);

/** The signal that a job stopped progressing, written once per stall with whatever takes it over. */
export const stalled = (job: ImportJobState) =>
  event(JobStalled, {
    jobKind: 'member-import',
    jobId: job.id,
    unitId: job.unitId,
    stalledSince: importProgressAt(job),
    attempts: job.attempts,
  });

export const requested = (job: ImportJobState) =>
  event(MemberImportRequested, { importId: job.id, unitId: job.unitId, dryRun: job.dryRun, slice: job.slice });

/**
 * Parses the file, stores its rows in pages and queues the job (the job's state and
 * its `MemberImportRequested` in one transaction). A real run is refused, and the job
 * ends as failed, while the header has errors. A file that cannot be read at all
 * fails the job (when it exists yet) and answers 422.
 */
async function prepare(
  deps: ImportDeps,
  caller: Caller,
  job: ImportJobState,
  bytes: Buffer,
  expectedVersion: number | null,
  options: PrepareOptions,
): Promise<ImportJobState> {
  const now = caller.write.now();
  const at = now.toISOString();
  const fail = async (error: DomainError) => {
    if (expectedVersion === null) return;
    const failed: ImportJobState = {
      ...job,
      status: 'failed',
      failure: { code: error.code, message: error.detail.vi, messageEn: error.detail.en },
      updatedAt: at,
      finishedAt: at,
      version: job.version + 1,
    };
    await deps.imports.save(failed, expectedVersion, caller.write, { audit: 'fail' });
  };

  let read: Awaited<ReturnType<typeof readMemberFile>>;
  try {
    read = await readMemberFile(bytes, job.format);
  } catch (error) {
    if (error instanceof DomainError) await fail(error);
    throw error;
  }
  const { parsed, letters } = read;
  if (parsed.dataRows > IMPORT_MAX_ROWS) {
    const error = unprocessable('import-too-many-rows', {
      vi: `Tệp có ${parsed.dataRows} dòng dữ liệu, nhiều hơn ${IMPORT_MAX_ROWS} dòng cho một lần nhập; hãy chia thành nhiều tệp.`,
      en: `The file has ${parsed.dataRows} data rows, more than the ${IMPORT_MAX_ROWS} one import takes; split it into several files.`,
    });
    await fail(error);
    throw error;
  }

  const rows = importRows(parsed);
  // With a required column missing, rows carry no error of their own and none is accepted.
  const unlisted = parsed.dataRows - rows.length;
  const prepared: ImportJobState = {
    ...job,
    sheet: parsed.sheet,
    headerRow: parsed.headerRow,
    // Bounded, so the job item stays small whatever the header row holds.
    headerErrors: parsed.headerErrors.slice(0, MAX_HEADER_ERRORS).map((e) => ({ ...e, code: 'import-header' })),
    letters,
    counts: { ...emptyCounts(parsed.dataRows), processed: unlisted, failed: unlisted },
    updatedAt: at,
    version: expectedVersion === null ? 1 : job.version + 1,
  };
  if (!job.dryRun && parsed.headerErrors.length > 0) {
    const refused: ImportJobState = {
      ...prepared,
      status: 'failed',
      failure: {
        code: 'import-header-errors',
        message:
          'Dòng tiêu đề của tệp có lỗi (xem headerErrors); hãy sửa theo mẫu rồi nhập lại. Chưa có đoàn viên nào được nhập.',
        messageEn:
          'The header row of the file has errors (see headerErrors); fix it as in the template and import again. No member was imported.',
      },
      finishedAt: at,
    };
    await deps.imports.save(refused, expectedVersion, caller.write, { audit: 'refuse' });
    return refused;
  }

  const pages = paginate(rows, options.pageRows);
  await deps.imports.putRowPages(job.id, pages, now);
  const queued: ImportJobState = { ...prepared, status: 'queued', pages: pages.length, nextPage: 0, progressAt: at };
  await deps.imports.save(queued, expectedVersion, caller.write, { events: [requested(queued)], audit: 'queue' });
  return queued;
}

/** Pages of at most PAGE_ROWS rows and PAGE_MAX_BYTES of JSON, so every page item stays small. */
export function paginate(rows: readonly ImportRow[], pageRows = PAGE_ROWS): ImportRow[][] {
  const pages: ImportRow[][] = [];
  let page: ImportRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row), 'utf8') + 1;
    if (page.length > 0 && (page.length >= pageRows || bytes + size > PAGE_MAX_BYTES)) {
      pages.push(page);
      page = [];
      bytes = 0;
    }
    page.push(row);
    bytes += size;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

export async function listUnitImports(
  deps: ImportDeps,
  caller: { unitId: string | null },
  unitId: string,
  page: { limit: number; startKey?: PageKey },
) {
  await readUnitInScope(deps, caller, unitId);
  return deps.imports.listByUnit(unitId, page);
}

export async function listImportErrors(
  deps: ImportDeps,
  caller: { unitId: string | null },
  id: string,
  page: { limit: number; startKey?: PageKey },
) {
  await readImportInScope(deps, caller, id);
  return deps.imports.listRowErrors(id, page);
}

const checksumMismatch = () =>
  unprocessable('import-checksum-mismatch', {
    vi: 'Mã kiểm tra SHA-256 của tệp nhận được không khớp với mã đã gửi; hãy tải tệp lên lại.',
    en: 'The SHA-256 of the file received does not match the one sent; upload the file again.',
  });

const notUploading = (job: ImportJobState) =>
  conflict('import-not-uploading', {
    vi: `Lượt nhập "${job.filename}" không còn nhận tệp (trạng thái: ${job.status}).`,
    en: `Import "${job.filename}" no longer takes uploads (status: ${job.status}).`,
  });
