/**
 * Imports a member list into a unit through the HTTP API of a running `npm start`
 * (or any deployment), with a progress bar:
 *
 *   npm run import -- danh-sach.xlsx --unit <unitId> [--dry-run] [--url http://127.0.0.1:3000]
 *                     [--token <jwt>] [--lang en] [--errors 20]
 *
 * The API is `--url`, else `CONGDOAN_URL`, else the local platform on `PORT` (as
 * `npm start` reads it; default 3000): `PORT=4101 npm run import -- …`.
 *
 * Without --token (or CONGDOAN_TOKEN), it asks the local platform for an admin token
 * (`POST /_local/token`). A file up to one chunk goes inline; a larger one in chunks.
 * Exit code: 0 all rows fine, 2 some rows have errors, 1 the import failed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { IMPORT_CHUNK_BYTES as CHUNK_BYTES } from '@congdoan/contracts';
import cliProgress from 'cli-progress';

const POLL_MS = 500;
/** No progress for this long while queued or running: ask the API to queue the job again (it resumes). */
const STALL_MS = 90_000;

type Lang = 'vi' | 'en';

interface RowError {
  row: number;
  column: string;
  cell: string | null;
  message: string;
}

interface Counts {
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

interface Job {
  id: string;
  status: 'uploading' | 'queued' | 'running' | 'succeeded' | 'failed';
  dryRun: boolean;
  counts: Counts;
  headerErrors: RowError[];
  failure: { code: string; message: string } | null;
  upload: { chunkBytes: number; chunks: number } | null;
}

export interface ImportOptions {
  file: string;
  unit: string;
  dryRun: boolean;
  url: string;
  token?: string;
  lang: Lang;
  /** How many row errors to print at the end. */
  errors: number;
  /** Show the progress bar (default: when stderr is a terminal). */
  progress?: boolean;
  /** Where lines go (default: stdout). */
  log?: (line: string) => void;
}

const TEXT = {
  vi: {
    usage:
      'Cách dùng: npm run import -- <tệp .xlsx|.csv> --unit <mã đơn vị> [--dry-run] [--url http://127.0.0.1:3000] [--token …] [--lang en] [--errors 20]',
    noFile: (f: string) => `Không tìm thấy tệp ${f}`,
    badFormat: 'Chỉ nhập được tệp .xlsx hoặc .csv',
    token: (url: string) => `Lấy mã truy cập thử nghiệm từ ${url}/_local/token (quyền quản trị)`,
    uploading: (name: string, kib: string, chunks: number) =>
      `Tải lên ${name} (${kib} KiB${chunks > 1 ? `, ${chunks} phần` : ''})`,
    dry: 'Chạy thử: kiểm tra mọi dòng, không ghi đoàn viên nào',
    real: 'Nhập danh sách đoàn viên',
    bar: '{bar} {percentage}% | {value}/{total} dòng | mới {created} · sửa {updated} · giữ nguyên {unchanged} · lỗi {failed} | còn {eta_formatted}',
    resume: 'Việc nhập không tiến triển; yêu cầu chạy tiếp…',
    headerErrors: 'Lỗi ở dòng tiêu đề:',
    failed: (m: string) => `Việc nhập thất bại: ${m}`,
    done: (dry: boolean) => (dry ? 'Kết quả chạy thử (chưa ghi gì):' : 'Kết quả:'),
    counts: (c: Counts, dry: boolean) =>
      `  ${c.total} dòng: ${dry ? 'sẽ thêm mới' : 'thêm mới'} ${c.created}, ${dry ? 'sẽ cập nhật' : 'cập nhật'} ${c.updated}, giữ nguyên ${c.unchanged}, lỗi ${c.failed}`,
    firstErrors: (n: number, all: boolean) =>
      `${all ? 'Các' : `${n}`} dòng có lỗi${all ? '' : ' đầu tiên'} (theo dòng và cột):`,
    more: (url: string) => `  … xem tất cả tại ${url}`,
    line: (e: RowError) => `  Dòng ${e.row}, cột ${e.column || '—'}${e.cell ? ` (${e.cell})` : ''}: ${e.message}`,
    http: (status: number, detail: string) => `Lỗi ${status}: ${detail}`,
    badPort: (port: string) => `PORT phải là số cổng từ 1 đến 65535, không phải "${port}"`,
  },
  en: {
    usage:
      'Usage: npm run import -- <file .xlsx|.csv> --unit <unitId> [--dry-run] [--url http://127.0.0.1:3000] [--token …] [--lang en] [--errors 20]',
    noFile: (f: string) => `No such file: ${f}`,
    badFormat: 'Only .xlsx and .csv files can be imported',
    token: (url: string) => `Getting a local admin token from ${url}/_local/token`,
    uploading: (name: string, kib: string, chunks: number) =>
      `Uploading ${name} (${kib} KiB${chunks > 1 ? `, ${chunks} chunks` : ''})`,
    dry: 'Dry run: every row is checked, no member is written',
    real: 'Importing the member list',
    bar: '{bar} {percentage}% | {value}/{total} rows | new {created} · updated {updated} · unchanged {unchanged} · errors {failed} | ETA {eta_formatted}',
    resume: 'The import is not progressing; asking for it to continue…',
    headerErrors: 'Errors in the header row:',
    failed: (m: string) => `The import failed: ${m}`,
    done: (dry: boolean) => (dry ? 'Dry run result (nothing written):' : 'Result:'),
    counts: (c: Counts, dry: boolean) =>
      `  ${c.total} rows: ${dry ? 'would create' : 'created'} ${c.created}, ${dry ? 'would update' : 'updated'} ${c.updated}, unchanged ${c.unchanged}, with errors ${c.failed}`,
    firstErrors: (n: number, all: boolean) => `${all ? 'The' : `The first ${n}`} rows with errors (by row and column):`,
    more: (url: string) => `  … all of them at ${url}`,
    line: (e: RowError) => `  Row ${e.row}, column ${e.column || '—'}${e.cell ? ` (${e.cell})` : ''}: ${e.message}`,
    http: (status: number, detail: string) => `Error ${status}: ${detail}`,
    badPort: (port: string) => `PORT must be a port number from 1 to 65535, not "${port}"`,
  },
} as const;

class CliError extends Error {}

/** Runs one import to its end; resolves the exit code. */
export async function importMembers(options: ImportOptions): Promise<number> {
  const t = TEXT[options.lang];
  const log = options.log ?? ((line: string) => console.log(line));
  const base = options.url.replace(/\/$/, '');
  const path = options.file;
  if (!existsSync(path)) throw new CliError(t.noFile(path));
  const ext = extname(path).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new CliError(t.badFormat);
  const format = ext.slice(1) as 'xlsx' | 'csv';
  const bytes = readFileSync(path);
  const filename = basename(path);

  let token = options.token;
  if (!token) {
    log(t.token(base));
    token = (await call<{ token: string }>(base, 'POST', '/_local/token', undefined, { roles: ['admin'] }, t)).token;
  }
  const api = <T>(method: string, route: string, body?: unknown, headers?: Record<string, string>) =>
    call<T>(base, method, route, token, body, t, { 'accept-language': options.lang, ...headers });

  const chunks = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
  log(t.uploading(filename, (bytes.length / 1024).toFixed(0), chunks));
  const unitPath = `/v1/membership/units/${encodeURIComponent(options.unit)}/imports`;
  const idempotency = { 'idempotency-key': randomUUID() };
  let job: Job;
  if (chunks === 1) {
    job = await api<Job>(
      'POST',
      unitPath,
      { filename, format, dryRun: options.dryRun, content: bytes.toString('base64') },
      idempotency,
    );
  } else {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    job = await api<Job>(
      'POST',
      unitPath,
      { filename, format, dryRun: options.dryRun, size: bytes.length, sha256 },
      idempotency,
    );
    const jobPath = `/v1/membership/imports/${encodeURIComponent(job.id)}`;
    const upload = bar(options, `{bar} {percentage}% | {value}/{total} ${options.lang === 'vi' ? 'phần' : 'chunks'}`);
    upload?.start(chunks, 0);
    for (let i = 0; i < chunks; i++) {
      const content = bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES).toString('base64');
      await api('PUT', `${jobPath}/chunks/${i}`, { content });
      upload?.update(i + 1);
    }
    upload?.stop();
    job = await api<Job>('POST', `${jobPath}/start`);
  }
  const jobPath = `/v1/membership/imports/${encodeURIComponent(job.id)}`;

  log(options.dryRun ? t.dry : t.real);
  const progress = bar(options, t.bar);
  const payload = (c: Counts) => ({
    created: c.created,
    updated: c.updated,
    unchanged: c.unchanged,
    failed: c.failed,
  });
  progress?.start(Math.max(job.counts.total, 1), job.counts.processed, payload(job.counts));
  let lastProcessed = -1;
  let lastChange = Date.now();
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((r) => setTimeout(r, POLL_MS));
    job = await api<Job>('GET', jobPath);
    progress?.setTotal(Math.max(job.counts.total, 1));
    progress?.update(job.counts.processed, payload(job.counts));
    if (job.counts.processed !== lastProcessed) {
      lastProcessed = job.counts.processed;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > STALL_MS) {
      progress?.stop();
      log(t.resume);
      job = await api<Job>('POST', `${jobPath}/start`);
      lastChange = Date.now();
      progress?.start(Math.max(job.counts.total, 1), job.counts.processed, payload(job.counts));
    }
  }
  progress?.stop();

  if (job.headerErrors.length > 0) {
    log(t.headerErrors);
    for (const e of job.headerErrors) log(t.line(e));
  }
  if (job.status === 'failed') {
    log(t.failed(job.failure?.message ?? ''));
    return 1;
  }
  log(t.done(job.dryRun));
  log(t.counts(job.counts, job.dryRun));
  if (job.counts.failed > 0 && options.errors > 0) {
    const rows = Math.min(options.errors, job.counts.failed, 500);
    const page = await api<{ items: RowError[]; nextCursor: string | null }>('GET', `${jobPath}/errors?limit=${rows}`);
    const shown = new Set(page.items.map((e) => e.row)).size;
    const all = shown >= job.counts.failed;
    log(t.firstErrors(shown, all));
    for (const e of page.items) log(t.line(e));
    if (!all) log(t.more(`${base}${jobPath}/errors`));
  }
  return job.counts.failed > 0 ? 2 : 0;
}

function bar(options: ImportOptions, format: string): cliProgress.SingleBar | undefined {
  const show = options.progress ?? Boolean(process.stderr.isTTY);
  if (!show) return undefined;
  return new cliProgress.SingleBar(
    { format, hideCursor: true, barsize: 30, etaBuffer: 20, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
}

async function call<T>(
  base: string,
  method: string,
  route: string,
  token: string | undefined,
  body: unknown,
  t: (typeof TEXT)[Lang],
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  if (!res.ok) {
    const problem = parsed as { detail?: string; title?: string; errors?: { field?: string; message?: string }[] };
    const fields = (problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new CliError(
      t.http(res.status, [problem?.detail ?? problem?.title ?? text, fields].filter(Boolean).join(' — ')),
    );
  }
  return parsed as T;
}

/** Where `npm start` listens: `PORT`, as the local platform reads it, else 3000. */
function localUrl(env: Record<string, string | undefined>, lang: Lang): string {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new CliError(TEXT[lang].badPort(env.PORT ?? ''));
  return `http://127.0.0.1:${port}`;
}

export function parseCli(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): ImportOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      unit: { type: 'string', short: 'u' },
      'dry-run': { type: 'boolean', default: false },
      url: { type: 'string' },
      token: { type: 'string', default: env.CONGDOAN_TOKEN },
      lang: { type: 'string', default: 'vi' },
      errors: { type: 'string', default: '20' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const lang: Lang = values.lang === 'en' ? 'en' : 'vi';
  if (values.help || positionals.length !== 1 || !values.unit) throw new CliError(TEXT[lang].usage);
  // `npm run` runs in the repository root; a relative path means the caller's folder.
  const cwd = env.INIT_CWD ?? process.cwd();
  const given = positionals[0]!;
  const file = existsSync(resolve(cwd, given)) ? resolve(cwd, given) : resolve(given);
  return {
    file,
    unit: values.unit,
    dryRun: values['dry-run'] ?? false,
    url: values.url ?? env.CONGDOAN_URL ?? localUrl(env, lang),
    token: values.token,
    lang,
    errors: Math.max(0, Number(values.errors) || 0),
  };
}

async function main(): Promise<void> {
  try {
    process.exitCode = await importMembers(parseCli(process.argv.slice(2)));
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
    } else if (error instanceof TypeError && /fetch failed/.test(error.message)) {
      console.error(
        `Không kết nối được tới máy chủ (đã chạy "npm start" chưa?) — cannot reach the API: ${String(error.cause ?? error)}`,
      );
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
