import { z } from 'zod';
import { textSchema } from '../text.ts';
import { MEMBER_STATUSES } from './members.ts';

/**
 * Member import jobs and file downloads (membership). The upload design is in
 * docs/member-import.md: a small file travels inline, base64 in the JSON body; a
 * larger one in numbered chunks, each its own JSON request under the 256 KiB body
 * limit; then `start` parses it and queues the job.
 */

export const IMPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_STATUSES = ['uploading', 'queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Raw bytes per chunk: base64 makes 4/3 of it, which with the JSON around it stays under the 256 KiB body limit. */
export const IMPORT_CHUNK_BYTES = 160 * 1024;
/** The largest member list file accepted (a 10,000-row .xlsx is about 0.7–2 MB). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** The most data rows one import takes; a larger list is split, or sent by a provincial system through the bulk API. */
export const IMPORT_MAX_ROWS = 20_000;

const base64 = z.base64();

export const importIdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const importChunkParams = z.strictObject({
  id: z.string().min(1).max(64),
  index: z.coerce
    .number()
    .int()
    .min(0)
    .max(Math.ceil(IMPORT_MAX_BYTES / IMPORT_CHUNK_BYTES) - 1),
});

export const createImportBody = z
  .strictObject({
    /** The file's name as the user chose it; shown in the job and recorded as the source of created members. */
    filename: textSchema({ min: 1, max: 200 }),
    format: z.enum(IMPORT_FORMATS),
    /** true: check every row and report, writing no member. */
    dryRun: z.boolean().default(false),
    /** The whole file, base64, when it fits in one request (at most IMPORT_CHUNK_BYTES). */
    content: base64.max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4).optional(),
    /** Without `content`: the file's size in bytes; it is then uploaded in chunks of IMPORT_CHUNK_BYTES. */
    size: z.number().int().min(1).max(IMPORT_MAX_BYTES).optional(),
    /** Optional SHA-256 of the whole file (hex), checked when the upload is assembled. */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/i)
      .optional(),
  })
  .refine((b) => (b.content === undefined) !== (b.size === undefined), {
    message: 'Gửi nội dung tệp (content) hoặc kích thước tệp (size) để tải lên từng phần, không gửi cả hai',
    path: ['content'],
  });

export const importChunkBody = z.strictObject({
  /** Bytes [index × IMPORT_CHUNK_BYTES, …) of the file, base64. */
  content: base64.min(1).max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4),
});

export const importChunkReceiptSchema = z.object({
  index: z.number().int(),
  bytes: z.number().int(),
  /** Chunks the file has in all. */
  chunks: z.number().int(),
});

export const importErrorsQuery = z.strictObject({
  /** Rows per page (a row may carry several errors). */
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(2000).optional(),
});

export const importListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

/** One problem with one cell (or a whole row, or the header), in the caller's language. */
export const importRowErrorSchema = z.object({
  /** The row as Excel shows it (for CSV, the record number). */
  row: z.number().int(),
  /** The column's header, as the template writes it (or as the file does, for a column not in the template). */
  column: z.string(),
  /** The cell, e.g. "E7"; null when the error concerns no one cell. */
  cell: z.string().nullable(),
  /** The member field, or '' when none. */
  field: z.string(),
  /** Machine-readable for domain rules (`cccd-in-other-unit`, `invalid-cccd`, …); null for a cell the parser refused. */
  code: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importCountsSchema = z.object({
  /** Non-empty rows under the header. */
  total: z.number().int(),
  /** Rows checked (dry run) or applied so far. */
  processed: z.number().int(),
  /** In a dry run: rows that would be created, updated or left unchanged. */
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows with at least one error; they are not imported. */
  failed: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importJobSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  filename: z.string(),
  format: z.enum(IMPORT_FORMATS),
  dryRun: z.boolean(),
  status: z.enum(IMPORT_STATUSES),
  /** Bytes of the file. */
  size: z.number().int(),
  /** While uploading: how to send the chunks. */
  upload: z
    .object({
      chunkBytes: z.number().int(),
      chunks: z.number().int(),
      /** `PUT` each chunk here, `{index}` from 0. */
      chunkUrl: z.string(),
      /** `POST` here once every chunk is in. */
      startUrl: z.string(),
    })
    .nullable(),
  counts: importCountsSchema,
  /** The worksheet and header row read. */
  sheet: z.string().nullable(),
  headerRow: z.number().int().nullable(),
  /** Problems with the header row; a real run is refused while there are any. */
  headerErrors: z.array(importRowErrorSchema),
  /** Why the job as a whole failed (not a row). */
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Every row's errors, paged. */
  errorsUrl: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /**
   * Set while a queued or running job has made no progress for two minutes (its run
   * died, or its event was lost): when it last progressed. The sweeper queues such a
   * job again within minutes; nobody needs to act.
   */
  stalledSince: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importJobPage = z.object({ items: z.array(importJobSchema), nextCursor: z.string().nullable() });
export const importErrorPage = z.object({ items: z.array(importRowErrorSchema), nextCursor: z.string().nullable() });

/**
 * A file as JSON: http-kit answers JSON only, so a download carries its bytes base64
 * (decode `base64` and save it as `filename`).
 */
export const fileDownloadSchema = z.object({
  filename: z.string(),
  contentType: z.string(),
  /** Bytes of the decoded file. */
  size: z.number().int(),
  base64: z.string(),
});
export type FileDownload = z.infer<typeof fileDownloadSchema>;

export const memberExportQuery = z.strictObject({
  /** One status only; by default the current members: applicants, active and suspended. */
  status: z.enum(MEMBER_STATUSES).optional(),
});

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
