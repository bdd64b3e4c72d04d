import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BusEvent, IMPORT_CHUNK_BYTES } from '@congdoan/contracts';
import { importHandler, type Platform } from '@congdoan/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMembers } from '../../scripts/import-members.ts';
import type { MemberStore } from '../../services/membership/src/app/member-ports.ts';
import { parseMemberFile } from '../../services/membership/src/files/index.ts';
import { createImportJobHandler, importDeps } from '../../services/membership/src/handlers/imports.ts';
import { cccdSeries, listRows, xlsx } from '../../services/membership/test/imports/support.ts';
import { agency, client, startTestPlatform, tokenFor, uniqueCode } from '../support/platform.ts';

type Api = ReturnType<typeof client>;

/** Units whose next import's first delivery dies half way (after this many member saves). */
const crashOnce = new Map<string, number>();

let platform: Platform;
let admin: Api;
let upperId: string;

beforeAll(async () => {
  platform = await startTestPlatform({
    // The import job's first delivery of a marked import crashes half way; the bus delivers it again.
    resolveHandler: async (manifest, ref) => {
      if (manifest.service !== 'membership' || ref.export !== 'runMemberImport') return importHandler(manifest, ref);
      const normal = createImportJobHandler(importDeps);
      return async (event: BusEvent, context) => {
        const { unitId } = event.detail.data as { unitId: string };
        const after = crashOnce.get(unitId);
        if (after === undefined) return normal(event, context);
        crashOnce.delete(unitId);
        return createImportJobHandler(() => ({ ...importDeps(), members: crashingAfter(after) }))(event, context);
      };
    },
  });
  admin = client(platform, await tokenFor(platform, ['admin']));
  const province = await admin.post('/v1/membership/units', { code: uniqueCode('P'), name: 'LĐLĐ', level: 'province' });
  const upper = await admin.post('/v1/membership/units', {
    code: uniqueCode('U'),
    name: 'CĐ Viên chức',
    level: 'upper',
    parentId: province.body.id,
  });
  upperId = upper.body.id;
});
afterAll(async () => {
  await platform?.stop();
});

function crashingAfter(n: number): MemberStore {
  const store = importDeps().members;
  let saves = 0;
  const crashing = Object.create(store) as MemberStore;
  crashing.save = async (...args) => {
    if (++saves > n) throw new Error('simulated crash');
    return store.save(...args);
  };
  // New members are created in batches: a batch dies whole if it would pass the n-th write.
  crashing.createMany = async (creations, ctx) => {
    if (saves + creations.length > n) throw new Error('simulated crash');
    saves += creations.length;
    return store.createMany(creations, ctx);
  };
  return crashing;
}

let taxIds = 0;
async function cdcs(name: string): Promise<string> {
  const res = await admin.post('/v1/membership/units', {
    code: uniqueCode('CS'),
    name,
    level: 'grassroots',
    parentId: upperId,
    agency: agency(`24100000${String(++taxIds).padStart(2, '0')}`),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Sends a file as the API wants it: inline when it fits one request, else in chunks; returns the job. */
async function upload(api: Api, unitId: string, bytes: Buffer, options: { dryRun?: boolean; format?: 'xlsx' | 'csv' }) {
  const format = options.format ?? 'xlsx';
  const base = { filename: `danh-sach.${format}`, format, dryRun: options.dryRun ?? false };
  if (bytes.length <= IMPORT_CHUNK_BYTES) {
    return api.post(`/v1/membership/units/${unitId}/imports`, { ...base, content: bytes.toString('base64') });
  }
  const created = await api.post(`/v1/membership/units/${unitId}/imports`, { ...base, size: bytes.length });
  expect(created.status).toBe(201);
  const { chunks, chunkBytes } = created.body.upload;
  for (let i = 0; i < chunks; i++) {
    const res = await put(`/v1/membership/imports/${created.body.id}/chunks/${i}`, {
      content: bytes.subarray(i * chunkBytes, (i + 1) * chunkBytes).toString('base64'),
    });
    expect(res.status).toBe(200);
  }
  return api.post(`/v1/membership/imports/${created.body.id}/start`);
}

/** The test client has no PUT. */
async function put(path: string, body: unknown) {
  const token = await tokenFor(platform, ['admin']);
  const res = await fetch(`${platform.url}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** The job once the bus has delivered its event (again, after a crash) to the end. */
async function finished(api: Api, jobId: string) {
  await platform.drain();
  const res = await api.get(`/v1/membership/imports/${jobId}`);
  expect(res.status).toBe(200);
  expect(['succeeded', 'failed']).toContain(res.body.status);
  return res.body;
}

async function importFile(unitId: string, bytes: Buffer, options: { dryRun?: boolean; format?: 'xlsx' | 'csv' } = {}) {
  const res = await upload(admin, unitId, bytes, options);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.headers.get('location')).toBe(`/v1/membership/imports/${res.body.id}`);
  return finished(admin, res.body.id);
}

const members = async (unitId: string) => (await admin.get(`/v1/membership/units/${unitId}/members?limit=200`)).body;

describe('the import template', () => {
  it('downloads as an .xlsx whose example rows a dry run refuses', async () => {
    const res = await admin.get('/v1/membership/members/import-template');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      filename: 'mau-danh-sach-doan-vien.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const bytes = Buffer.from(res.body.base64, 'base64');
    expect(bytes.length).toBe(res.body.size);
    expect((await parseMemberFile(bytes, 'xlsx')).rows).toHaveLength(2);

    const unitId = await cdcs('CĐCS Mẫu');
    const job = await importFile(unitId, bytes, { dryRun: true });
    expect(job.counts).toMatchObject({ total: 2, failed: 2 });
    const errors = await admin.get(`/v1/membership/imports/${job.id}/errors`);
    expect(errors.body.items.map((e: { code: string }) => e.code)).toEqual(['template-example', 'template-example']);
  });
});

describe('import through the API', () => {
  it('a dry run reports every row’s errors by row and column, in Vietnamese or English, and writes nothing', async () => {
    const unitId = await cdcs('CĐCS Chạy thử');
    const cccds = cccdSeries(8);
    const rows = listRows(cccds, (i) =>
      i === 1 ? { 'Giới tính': 'Nam' } : i === 3 ? { 'Lương đóng đoàn phí (đồng)': '-5' } : {},
    );
    const job = await importFile(unitId, await xlsx(rows), { dryRun: true });
    expect(job).toMatchObject({ status: 'succeeded', dryRun: true });
    expect(job.counts).toEqual({ total: 8, processed: 8, created: 6, updated: 0, unchanged: 0, failed: 2 });

    const vi = await admin.get(`/v1/membership/imports/${job.id}/errors`);
    expect(vi.body.items).toEqual([
      expect.objectContaining({ row: 3, column: 'Số CCCD', cell: 'E3', code: 'invalid-cccd' }),
      expect.objectContaining({ row: 5, column: 'Lương đóng đoàn phí (đồng)', cell: 'P5', code: null }),
    ]);
    expect(vi.body.items[0].message).toMatch(/^Số CCCD "\d{12}" không hợp lệ/);
    const en = await admin.get(`/v1/membership/imports/${job.id}/errors`, { 'accept-language': 'en' });
    expect(en.body.items[0].message).toMatch(/^CCCD "\d{12}" is not valid/);

    expect((await members(unitId)).items).toEqual([]);
    expect((await admin.get(`/v1/membership/units/${unitId}`)).body.memberCount ?? 0).toBe(0);
    const listed = await admin.get(`/v1/membership/units/${unitId}/imports`);
    expect(listed.body.items.map((j: { id: string }) => j.id)).toEqual([job.id]);
  });

  it('a real run creates the members; importing the same file again changes nothing', async () => {
    const unitId = await cdcs('CĐCS Nhập thật');
    const bytes = await xlsx(listRows(cccdSeries(12)));
    const first = await importFile(unitId, bytes);
    expect(first.counts).toMatchObject({ total: 12, created: 12, failed: 0 });
    const before = await members(unitId);
    expect(before.items).toHaveLength(12);

    const again = await importFile(unitId, bytes);
    expect(again.counts).toEqual({ total: 12, processed: 12, created: 0, updated: 0, unchanged: 12, failed: 0 });
    expect(await members(unitId)).toEqual(before);
    await platform.drain();
    const admitted = platform.bus
      .history()
      .filter(
        (r) =>
          r.event['detail-type'] === 'MemberAdmitted' &&
          (r.event.detail.data as { member: { unitId: string } }).member.unitId === unitId,
      );
    expect(admitted).toHaveLength(12);
  });

  it('reports a row whose CCCD belongs to another unit’s member, and never duplicates them', async () => {
    const a = await cdcs('CĐCS A');
    const b = await cdcs('CĐCS B');
    const [held, fresh] = cccdSeries(2) as [string, string];
    await importFile(b, await xlsx(listRows([held])));
    const job = await importFile(a, await xlsx(listRows([fresh, held])));
    expect(job.counts).toMatchObject({ created: 1, failed: 1 });
    const errors = await admin.get(`/v1/membership/imports/${job.id}/errors`);
    expect(errors.body.items).toEqual([
      expect.objectContaining({ row: 3, column: 'Số CCCD', cell: 'E3', code: 'cccd-in-other-unit' }),
    ]);
    const records = await admin.get(`/v1/membership/members/by-cccd/${held}`);
    expect(records.body.items.map((m: { unitId: string }) => m.unitId)).toEqual([b]);
  });

  it('refuses a row whose CCCD exited less than 3 months ago, in a dry run and a real one, pointing to re-admission', async () => {
    const a = await cdcs('CĐCS Rời');
    const b = await cdcs('CĐCS Đến');
    const [left] = cccdSeries(1) as [string];
    await importFile(a, await xlsx(listRows([left])));
    const [record] = (await admin.get(`/v1/membership/members/by-cccd/${left}`)).body.items;
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const exited = await admin.post(`/v1/membership/members/${record.id}/exit`, { date: today, reason: 'resigned' });
    expect(exited.status, JSON.stringify(exited.body)).toBe(200);
    for (const dryRun of [true, false]) {
      const job = await importFile(b, await xlsx(listRows([left])), { dryRun });
      expect(job.counts).toMatchObject({ created: 0, failed: 1 });
      const errors = await admin.get(`/v1/membership/imports/${job.id}/errors`);
      expect(errors.body.items).toEqual([
        expect.objectContaining({ row: 2, column: 'Số CCCD', cell: 'E2', code: 'readmission-required' }),
      ]);
      expect(errors.body.items[0].message).toMatch(/kết nạp lại/);
    }
    expect((await admin.get(`/v1/membership/members/by-cccd/${left}`)).body.items).toHaveLength(1);
  });

  it('reads the template saved by openpyxl or LibreOffice', async () => {
    const unitId = await cdcs('CĐCS Công cụ khác');
    for (const name of ['members-written-by-openpyxl.xlsx', 'members-resaved-by-libreoffice.xlsx']) {
      const bytes = readFileSync(new URL(`../../services/membership/test/files/fixtures/${name}`, import.meta.url));
      const job = await importFile(unitId, bytes, { dryRun: true });
      expect({ name, status: job.status, counts: job.counts }).toMatchObject({
        name,
        status: 'succeeded',
        counts: { total: 2, created: 2, failed: 0 },
      });
    }
    const refused = await upload(admin, unitId, Buffer.from('%PDF-1.7'), {});
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'import-file-unreadable', detail: expect.stringMatching(/PDF/) });
  });

  it('resumes after its run crashes half way, when the bus delivers the event again', async () => {
    const unitId = await cdcs('CĐCS Sự cố');
    crashOnce.set(unitId, 5);
    const job = await importFile(unitId, await xlsx(listRows(cccdSeries(12))));
    expect(crashOnce.has(unitId)).toBe(false);
    expect(job.status).toBe('succeeded');
    // The 5 rows saved before the crash come out unchanged on the redelivery; nobody is created twice.
    expect(job.counts).toEqual({ total: 12, processed: 12, created: 7, updated: 0, unchanged: 5, failed: 0 });
    expect((await admin.get(`/v1/membership/units/${unitId}`)).body.memberCount).toBe(12);
    await platform.drain();
    const attempts = platform.bus
      .history()
      .filter(
        (r) =>
          r.event['detail-type'] === 'MemberImportRequested' &&
          (r.event.detail.data as { importId: string }).importId === job.id,
      );
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.outcomes[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('uploads a larger file in chunks', async () => {
    const unitId = await cdcs('CĐCS Tệp lớn');
    const long = 'Quản lý nhà nước về khoa học, công nghệ và đổi mới sáng tạo; '.repeat(3).trim();
    const rows = listRows(cccdSeries(500), () => ({ 'Chuyên môn': long }));
    const csv = rows.map((r) => r.map((c) => (c === null ? '' : `"${String(c).replaceAll('"', '""')}"`)).join(';'));
    const bytes = Buffer.from(`\uFEFF${csv.join('\r\n')}`, 'utf8');
    expect(bytes.length).toBeGreaterThan(IMPORT_CHUNK_BYTES);
    const job = await importFile(unitId, bytes, { dryRun: true, format: 'csv' });
    expect(job.counts).toMatchObject({ total: 500, created: 500, failed: 0 });
  });

  it('refuses a real run while the header row has errors', async () => {
    const unitId = await cdcs('CĐCS Tiêu đề');
    const rows = listRows(cccdSeries(2));
    rows[0]![1] = 'Tên';
    const res = await upload(admin, unitId, await xlsx(rows), {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'failed', failure: { code: 'import-header-errors' } });
    expect(res.body.headerErrors.map((e: { column: string }) => e.column)).toEqual(
      expect.arrayContaining(['Họ và tên']),
    );
  });

  it('keeps an import to the officers of its unit’s subtree', async () => {
    const a = await cdcs('CĐCS Riêng A');
    const b = await cdcs('CĐCS Riêng B');
    const job = await importFile(a, await xlsx(listRows(cccdSeries(1))), { dryRun: true });
    const officerOfB = client(platform, await tokenFor(platform, ['officer'], b));
    expect((await officerOfB.get(`/v1/membership/imports/${job.id}`)).status).toBe(404);
    expect((await officerOfB.get(`/v1/membership/imports/${job.id}/errors`)).status).toBe(404);
    const officerOfA = client(platform, await tokenFor(platform, ['officer'], a));
    expect((await officerOfA.get(`/v1/membership/imports/${job.id}`)).status).toBe(200);
  });
});

describe('export', () => {
  it('exports a unit’s list as .xlsx that imports back unchanged, masked for roles that may not see CCCDs', async () => {
    const unitId = await cdcs('CĐCS Xuất');
    await importFile(unitId, await xlsx(listRows(cccdSeries(5))));
    const res = await admin.get(`/v1/membership/units/${unitId}/members/export`);
    expect(res.status).toBe(200);
    expect(res.body.filename).toMatch(/^danh-sach-doan-vien-CS-.+\.xlsx$/);
    const bytes = Buffer.from(res.body.base64, 'base64');
    const again = await importFile(unitId, bytes);
    expect(again.counts).toMatchObject({ total: 5, unchanged: 5, failed: 0 });

    const inspector = client(platform, await tokenFor(platform, ['inspector']));
    const masked = await inspector.get(`/v1/membership/units/${unitId}/members/export`);
    const parsed = await parseMemberFile(Buffer.from(masked.body.base64, 'base64'), 'xlsx');
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors.filter((e) => e.field === 'cccd')).toHaveLength(5);
  });
});

describe('the import command', () => {
  it('uploads, follows the job to its end and prints the counts and the first errors', async () => {
    const unitId = await cdcs('CĐCS Dòng lệnh');
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    const file = join(dir, 'danh-sach.xlsx');
    writeFileSync(file, await xlsx(listRows(cccdSeries(4), (i) => (i === 2 ? { 'Ngày sinh': '31/02/1985' } : {}))));
    const lines: string[] = [];
    const code = await importMembers({
      file,
      unit: unitId,
      dryRun: false,
      url: platform.url,
      lang: 'vi',
      errors: 20,
      progress: false,
      log: (line) => lines.push(line),
    });
    expect(code).toBe(2);
    expect(lines).toContain('  4 dòng: thêm mới 3, cập nhật 0, giữ nguyên 0, lỗi 1');
    expect(lines.some((l) => l.startsWith('  Dòng 4, cột Ngày sinh (D4): Ngày "31/02/1985" không hợp lệ'))).toBe(true);
    expect((await members(unitId)).items).toHaveLength(3);
  });
});
