import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Db, WriteContext } from '@congdoan/ddb';
import { runInvocation } from '@congdoan/telemetry';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { createDissolutionStore } from '../../src/adapters/dissolution-store.ts';
import { createImportStore } from '../../src/adapters/import-store.ts';
import { createMemberStore } from '../../src/adapters/member-store.ts';
import { createUnitStore } from '../../src/adapters/unit-store.ts';
import type { ImportDeps } from '../../src/app/imports/deps.ts';
import { exportUnitMembers } from '../../src/app/imports/downloads.ts';
import {
  type CreateImportInput,
  createImport,
  listImportErrors,
  putImportChunk,
  startImport,
} from '../../src/app/imports/jobs.ts';
import { type ImportJobState, jobView, MAX_ATTEMPTS } from '../../src/app/imports/model.ts';
import { type RunOptions, runImport } from '../../src/app/imports/run.ts';
import type { MemberStore } from '../../src/app/member-ports.ts';
import { findByCccd } from '../../src/app/members/queries.ts';
import { createUnit } from '../../src/app/units/create-unit.ts';
import { parseMemberFile } from '../../src/files/index.ts';
import { createImportJobHandler } from '../../src/handlers/imports.ts';
import { sweepMembershipJobs } from '../../src/handlers/schedules.ts';
import { observed } from '../../src/metrics.ts';
import { writeContext } from '../support/members.ts';
import { cccdSeries, listRows, requestEvent, xlsx } from './support.ts';

let db: Db;
let deps: ImportDeps;
let seq = 0;
const NOW = new Date('2026-11-22T03:00:00Z');
const officer = (unitId: string | null = null, now = NOW) => ({ unitId, write: writeContext(now) });

async function unit(code: string, parentId: string) {
  return createUnit(deps, officer(), {
    code,
    name: `CĐCS ${code}`,
    level: 'grassroots',
    parentId,
    agency: {
      name: `Cơ quan ${code}`,
      taxId: `24000000${String(++seq).padStart(2, '0')}`,
      fundingType: 'state-budget-partial',
    },
  });
}

let upperId: string;
beforeAll(async () => {
  db = await freshTable('membership');
  deps = { units: createUnitStore(db), members: createMemberStore(db), imports: createImportStore(db) };
  const province = await createUnit(deps, officer(), { code: 'BG', name: 'LĐLĐ Bắc Giang', level: 'province' });
  const upper = await createUnit(deps, officer(), {
    code: 'CDVC',
    name: 'CĐ Viên chức',
    level: 'upper',
    parentId: province.id,
  });
  upperId = upper.id;
});

const file = async (rows: Parameters<typeof xlsx>[0], dryRun = false): Promise<CreateImportInput> => ({
  filename: 'danh-sach.xlsx',
  format: 'xlsx',
  dryRun,
  content: (await xlsx(rows)).toString('base64'),
});

/** Runs every slice of a job as the bus would deliver them, until it ends. */
async function runToEnd(job: ImportJobState, options: RunOptions = {}, write: WriteContext = writeContext(NOW)) {
  for (let guard = 0; guard < 100; guard++) {
    const current = (await deps.imports.get(job.id))!;
    if (current.status === 'succeeded' || current.status === 'failed') return current;
    await runImport(deps, { importId: job.id, slice: current.slice }, write, options);
  }
  throw new Error('the job did not end');
}

async function importFile(unitId: string, input: CreateImportInput, pageRows?: number) {
  const job = await createImport(deps, officer(), unitId, input, { pageRows });
  return runToEnd(job);
}

async function errorsOf(id: string) {
  const page = await listImportErrors(deps, { unitId: null }, id, { limit: 500 });
  return page.items.flatMap((r) => r.errors);
}

/** The details of the events of a detail-type in the outbox. */
async function outboxOf(detailType: string): Promise<{ data: Record<string, unknown> }[]> {
  const details: { data: Record<string, unknown> }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db.client.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: startKey }));
    for (const item of out.Items ?? []) {
      if (item.kind === 'outbox' && item.detailType === detailType) details.push(JSON.parse(String(item.detail)));
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return details;
}

/** What the sweeper works on: every kind of membership's background jobs. */
const sweepDeps = () => ({ ...deps, dissolutions: createDissolutionStore(db) });

async function membersOf(unitId: string) {
  return (await deps.members.listByUnit(unitId, {}, { limit: 1000 })).items;
}

/** Every item that is not an import's own, an outbox event or an audit record: what "writes nothing" is about. */
async function memberData(): Promise<string[]> {
  const keys: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db.client.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: startKey }));
    for (const item of out.Items ?? []) {
      const pk = String(item.pk);
      if (/^(IMPORT#|OUTBOX#|AUDIT#member-import#)/.test(pk)) continue;
      keys.push(`${pk}|${item.sk}|${item.version ?? ''}|${JSON.stringify(item)}`);
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return keys.sort();
}

describe('dry run', () => {
  it('reports every row’s errors by row and column, in Vietnamese and English, and writes nothing', async () => {
    const a = await unit('DRY-A', upperId);
    const b = await unit('DRY-B', upperId);
    const cccds = cccdSeries(12);
    // One CCCD already belongs to a member of unit B.
    await importFile(b.id, await file(listRows([cccds[11]!])));

    const rows = listRows(cccds.slice(0, 11), (i) => {
      if (i === 2) return { 'Ngày sinh': '31/02/1985' }; // the parser refuses the date
      if (i === 4) return { 'Giới tính': 'Nam' }; // the CCCD says a woman
      if (i === 6) return { 'Số CCCD': cccds[11] }; // held in unit B
      if (i === 8) return { 'Số CCCD': '024182001234', 'Ngày sinh': '12/05/1982' }; // the template's example row
      return {};
    });
    const before = await memberData();
    const job = await importFile(a.id, await file(rows, true));

    expect(job).toMatchObject({ status: 'succeeded', dryRun: true });
    expect(job.counts).toEqual({ total: 11, processed: 11, created: 7, updated: 0, unchanged: 0, failed: 4 });
    const errors = await errorsOf(job.id);
    expect(errors.map((e) => [e.row, e.column, e.cell, e.code])).toEqual([
      [4, 'Ngày sinh', 'D4', null],
      [6, 'Số CCCD', 'E6', 'invalid-cccd'],
      [8, 'Số CCCD', 'E8', 'cccd-in-other-unit'],
      [10, 'Số CCCD', 'E10', 'template-example'],
    ]);
    expect(errors[0]!.message).toMatch(/Ngày "31\/02\/1985" không hợp lệ/);
    expect(errors[1]!.message).toMatch(/chỉ giới tính nữ, nhưng giới tính khai báo là nam/);
    expect(errors[1]!.messageEn).toMatch(/meaning female, but the gender given is male/);
    expect(errors[2]!.message).toMatch(/đang thuộc đoàn viên của một đơn vị khác/);

    // Nothing but the job's own items (and its events) was written: no member, lock, card, counter or sequence.
    expect(await memberData()).toEqual(before);
    expect(await membersOf(a.id)).toEqual([]);
    expect((await deps.units.get(a.id))?.memberCount ?? 0).toBe(0);
  });

  it('says what a real run would do with members already in the unit', async () => {
    const a = await unit('DRY-C', upperId);
    const cccds = cccdSeries(4);
    await importFile(a.id, await file(listRows(cccds.slice(0, 3))));
    const changed = listRows(cccds, (i) => (i === 1 ? { 'Lương đóng đoàn phí (đồng)': '6.000.000' } : {}));
    const job = await importFile(a.id, await file(changed, true));
    expect(job.counts).toMatchObject({ created: 1, updated: 1, unchanged: 2, failed: 0 });
  });

  it('reports header errors and refuses a real run while there are any', async () => {
    const a = await unit('HDR-A', upperId);
    const rows = listRows(cccdSeries(2));
    rows[0]!.push('Ghi chú');
    const dry = await importFile(a.id, await file(rows, true));
    expect(dry.status).toBe('succeeded');
    expect(dry.headerErrors).toEqual([
      expect.objectContaining({ row: 1, column: 'Ghi chú', cell: 'R1', code: 'import-header' }),
    ]);
    const real = await createImport(deps, officer(), a.id, await file(rows));
    expect(real).toMatchObject({ status: 'failed', failure: { code: 'import-header-errors' } });
    expect(await membersOf(a.id)).toEqual([]);
  });
});

describe('real run', () => {
  it('creates the members, and importing the same file again changes nothing', async () => {
    const a = await unit('REAL-A', upperId);
    const cccds = cccdSeries(25);
    const input = await file(listRows(cccds));
    const first = await importFile(a.id, input, 10);
    expect(first).toMatchObject({ status: 'succeeded', pages: 3 });
    expect(first.counts).toEqual({ total: 25, processed: 25, created: 25, updated: 0, unchanged: 0, failed: 0 });
    const members = await membersOf(a.id);
    expect(members).toHaveLength(25);
    expect(members.every((m) => m.status === 'active' && m.admission?.decisionNumber === 'nhập từ tệp danh-sach.xlsx'));
    expect(new Set(members.map((m) => m.cardNumber)).size).toBe(25);
    expect((await deps.units.get(a.id))?.memberCount).toBe(25);

    const before = await memberData();
    const again = await importFile(a.id, input, 10);
    expect(again.counts).toEqual({ total: 25, processed: 25, created: 0, updated: 0, unchanged: 25, failed: 0 });
    expect(await memberData()).toEqual(before);

    // One changed cell: one update.
    const edited = await file(listRows(cccds, (i) => (i === 7 ? { 'Chức vụ': 'Phó trưởng phòng' } : {})));
    const third = await importFile(a.id, edited, 10);
    expect(third.counts).toMatchObject({ created: 0, updated: 1, unchanged: 24 });
    expect((await deps.units.get(a.id))?.memberCount).toBe(25);
  });

  it('reports a CCCD of another unit’s member and never duplicates it', async () => {
    const a = await unit('CLASH-A', upperId);
    const b = await unit('CLASH-B', upperId);
    const [held, fresh] = cccdSeries(2) as [string, string];
    await importFile(b.id, await file(listRows([held])));
    const job = await importFile(a.id, await file(listRows([fresh, held])));
    expect(job.counts).toMatchObject({ created: 1, failed: 1 });
    expect(await errorsOf(job.id)).toEqual([
      expect.objectContaining({ row: 3, column: 'Số CCCD', cell: 'E3', code: 'cccd-in-other-unit' }),
    ]);
    const records = await findByCccd(deps, { unitId: null }, held);
    expect(records.map((m) => m.unitId)).toEqual([b.id]);
  });

  it('imports back its own export unchanged', async () => {
    const a = await unit('EXP-A', upperId);
    await importFile(a.id, await file(listRows(cccdSeries(6))));
    const exported = await exportUnitMembers(deps, { unitId: null, roles: ['officer'] }, a.id, { now: NOW });
    expect(exported.filename).toBe('danh-sach-doan-vien-EXP-A-20261122.xlsx');
    const bytes = Buffer.from(exported.base64, 'base64');
    expect((await parseMemberFile(bytes, 'xlsx')).rows).toHaveLength(6);
    const job = await importFile(a.id, {
      filename: exported.filename,
      format: 'xlsx',
      dryRun: false,
      content: exported.base64,
    });
    expect(job.counts).toMatchObject({ total: 6, unchanged: 6, failed: 0 });

    const masked = await exportUnitMembers(deps, { unitId: null, roles: ['inspector'] }, a.id, { now: NOW });
    const parsed = await parseMemberFile(Buffer.from(masked.base64, 'base64'), 'xlsx');
    expect(parsed.rows).toHaveLength(0);
    expect(parsed.errors.some((e) => e.field === 'cccd')).toBe(true);
  });
});

describe('background job', () => {
  /** The member store with a crash after `n` saves: the process dies half way through a page. */
  function crashingAfter(n: number): MemberStore {
    const store = deps.members;
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

  it('resumes after a crash half way, from its last checkpoint, without duplicating anyone', async () => {
    const a = await unit('CRASH-A', upperId);
    const cccds = cccdSeries(24);
    const job = await createImport(deps, officer(), a.id, await file(listRows(cccds)), { pageRows: 6 });
    // Page 0 (rows 1–6) is checkpointed; the process dies during page 1, after 3 of its rows were saved.
    const crashing = createImportJobHandler(() => ({ ...deps, members: crashingAfter(9) }));
    const event = requestEvent(job.id, a.id);
    await expect(crashing(event)).rejects.toThrow('simulated crash');

    const halfway = (await deps.imports.get(job.id))!;
    expect(halfway).toMatchObject({ status: 'running', nextPage: 1, runId: null });
    expect(halfway.counts).toMatchObject({ processed: 6, created: 6 });
    expect(await membersOf(a.id)).toHaveLength(9);

    // The bus delivers the same event again: the job resumes at page 1, whose first rows are now unchanged.
    await createImportJobHandler(() => deps)(event);
    const done = (await deps.imports.get(job.id))!;
    expect(done.status).toBe('succeeded');
    expect(done.counts).toEqual({ total: 24, processed: 24, created: 21, updated: 0, unchanged: 3, failed: 0 });
    const members = await membersOf(a.id);
    expect(members).toHaveLength(24);
    expect(new Set(members.map((m) => m.cccd)).size).toBe(24);
    expect((await deps.units.get(a.id))?.memberCount).toBe(24);
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: { pk: `STATS#${a.id}`, sk: 'CURRENT' } }),
    );
    expect(Item?.total).toBe(24);
  });

  it('leaves a job to the run holding a live lease, and takes it over once the lease lapses', async () => {
    const a = await unit('LEASE-A', upperId);
    const job = await createImport(deps, officer(), a.id, await file(listRows(cccdSeries(3))));
    // A run that died without a word: its lease is still live.
    const leaseUntil = Math.max(Date.now(), NOW.getTime()) + 60_000;
    const held = { ...job, status: 'running' as const, runId: 'ghost', leaseUntil, version: job.version + 1 };
    await deps.imports.save(held, job.version, writeContext(NOW));

    expect(await runImport(deps, { importId: job.id, slice: 0 }, writeContext(NOW))).toBe('busy');
    // The delivery is not retried against the lease (that only fed the dead letters): the lease holder
    // goes on, or once its lease lapses the sweeper queues the job again.
    const handler = createImportJobHandler(() => deps);
    await handler(requestEvent(job.id, a.id));
    expect(await deps.imports.get(job.id)).toMatchObject({ runId: 'ghost', leaseUntil, attempts: 0 });

    const later = writeContext(new Date(leaseUntil + 1_000));
    expect(await runImport(deps, { importId: job.id, slice: 0 }, later)).toBe('finished');
    expect((await deps.imports.get(job.id))?.counts.created).toBe(3);
    // A late duplicate of the delivery changes nothing.
    expect(await runImport(deps, { importId: job.id, slice: 0 }, later)).toBe('done');
  });

  it('keeps its lease through a page slower than the lease, so no other run takes a live job over', async () => {
    const a = await unit('SLOW-A', upperId);
    const job = await createImport(deps, officer(), a.id, await file(listRows(cccdSeries(4))));
    // A clock that runs with real time; the lease is 150 ms and the page takes about 600 ms.
    const started = Date.now();
    const ticking: WriteContext = { ...writeContext(NOW), now: () => new Date(NOW.getTime() + Date.now() - started) };
    const slow = Object.create(deps.members) as MemberStore;
    slow.createMany = async (creations, ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      return deps.members.createMany(creations, ctx);
    };
    const running = runImport({ ...deps, members: slow }, { importId: job.id, slice: 0 }, ticking, { leaseMs: 150 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Two lease-lengths into the page: a second delivery finds the lease renewed, not lapsed.
    expect(await runImport(deps, { importId: job.id, slice: 0 }, ticking, { leaseMs: 150 })).toBe('busy');
    expect(await running).toBe('finished');
    const done = (await deps.imports.get(job.id))!;
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(done.counts.created).toBe(4);
  });

  it('is queued again by the sweeper once a dead run’s lease lapses, shown stalled, and the stall signalled once', async () => {
    const a = await unit('SWEEP-A', upperId);
    const job = await createImport(deps, officer(), a.id, await file(listRows(cccdSeries(12))), { pageRows: 4 });
    // The process was killed (SIGKILL) during a run: nothing released the lease.
    const leaseUntil = Math.max(Date.now(), NOW.getTime()) + 60_000;
    const dead = {
      ...job,
      status: 'running' as const,
      runId: 'killed',
      leaseUntil,
      attempts: 1,
      version: job.version + 1,
    };
    await deps.imports.save(dead, job.version, writeContext(NOW));

    // While the lease is live the sweeper leaves the job alone.
    const early = await sweepMembershipJobs(db, sweepDeps(), writeContext(new Date(leaseUntil - 1_000)));
    expect(early.resumed.map((j) => j.id)).not.toContain(job.id);

    // Two minutes without progress: the API shows the job stalled since it last progressed.
    const view = jobView((await deps.imports.get(job.id))!, 'en', new Date(Date.parse(job.updatedAt) + 121_000));
    expect(view).toMatchObject({ status: 'running', stalledSince: job.progressAt });
    expect(jobView(job, 'en', new Date(Date.parse(job.updatedAt) + 1_000)).stalledSince).toBeNull();

    const lapsed = writeContext(new Date(leaseUntil + 1_000));
    // Run as the deployed sweeper's invocation: the stall it commits counts toward JobsStalled.
    const sweep = runInvocation(observed, () => sweepMembershipJobs(db, sweepDeps(), lapsed));
    const swept = await sweep.result;
    expect(sweep.invocation.counts.get('JobsStalled')).toBe(1);
    expect(swept.resumed).toContainEqual(expect.objectContaining({ kind: 'member-import', id: job.id }));
    const requeued = (await deps.imports.get(job.id))!;
    // The dead run counts towards giving up: it made no progress.
    expect(requeued).toMatchObject({ status: 'running', slice: 1, runId: null, attempts: 1 });
    // Once per stall: the next sweep finds the job's new lease live.
    const again = await sweepMembershipJobs(db, sweepDeps(), lapsed);
    expect(again.resumed.map((j) => j.id)).not.toContain(job.id);
    // Its continuation is not claimed in time (a restarted platform's bus has a backlog): the
    // sweeper queues the job again, but the stall is the same one, signalled already.
    const unclaimed = writeContext(new Date(leaseUntil + 1_000 + 61_000));
    const later = await sweepMembershipJobs(db, sweepDeps(), unclaimed);
    expect(later.resumed.map((j) => j.id)).toContain(job.id);
    expect((await deps.imports.get(job.id))!).toMatchObject({ slice: 2, stallSignalledFor: job.progressAt });
    const stalls = (await outboxOf('JobStalled')).filter((d) => d.data.jobId === job.id);
    expect(stalls).toEqual([
      expect.objectContaining({
        data: { jobKind: 'member-import', jobId: job.id, unitId: a.id, stalledSince: job.progressAt, attempts: 1 },
      }),
    ]);
    const continuation = (await outboxOf('MemberImportRequested')).filter((d) => d.data.importId === job.id);
    expect(continuation.map((d) => d.data.slice).sort()).toEqual([0, 1, 2]);

    // The latest continuation's delivery runs the job to the end; the older slices' are ignored.
    expect(await runImport(deps, { importId: job.id, slice: 0 }, unclaimed)).toBe('stale');
    expect(await runImport(deps, { importId: job.id, slice: 1 }, unclaimed)).toBe('stale');
    expect(await runImport(deps, { importId: job.id, slice: 2 }, unclaimed)).toBe('finished');
    const done = (await deps.imports.get(job.id))!;
    expect(done.counts).toMatchObject({ processed: 12, created: 12 });
    // A finished job leaves the lease index.
    const after = await sweepMembershipJobs(db, sweepDeps(), writeContext(new Date(leaseUntil + 3_600_000)));
    expect(after.resumed.map((j) => j.id)).not.toContain(job.id);
  });

  it('gives up after runs that die without progress, however they are picked up again', async () => {
    const a = await unit('DEAD-A', upperId);
    const job = await createImport(deps, officer(), a.id, await file(listRows(cccdSeries(3))));
    let at = Math.max(Date.now(), NOW.getTime());
    // Each run claims the job and is killed before its first checkpoint; the sweeper queues it again.
    for (let run = 1; run <= MAX_ATTEMPTS; run++) {
      const current = (await deps.imports.get(job.id))!;
      const claimed = {
        ...current,
        status: 'running' as const,
        runId: `killed-${run}`,
        leaseUntil: at + 60_000,
        attempts: current.attempts + 1,
        version: current.version + 1,
      };
      await deps.imports.save(claimed, current.version, writeContext(new Date(at)));
      at += 61_000;
      const swept = await sweepMembershipJobs(db, sweepDeps(), writeContext(new Date(at)));
      expect(swept.resumed.map((j) => j.id)).toContain(job.id);
    }
    const last = (await deps.imports.get(job.id))!;
    expect(last.attempts).toBe(MAX_ATTEMPTS);
    expect(await runImport(deps, { importId: job.id, slice: last.slice }, writeContext(new Date(at)))).toBe('finished');
    const failed = (await deps.imports.get(job.id))!;
    expect(failed).toMatchObject({ status: 'failed', failure: { code: 'import-gave-up' } });
    expect(await membersOf(a.id)).toHaveLength(0);
  });

  it('counts only the runs since the last progress towards giving up', async () => {
    const a = await unit('PROG-A', upperId);
    const job = await createImport(deps, officer(), a.id, await file(listRows(cccdSeries(8))), { pageRows: 2 });
    // Seven runs died before this one; it checkpoints a page, then the process dies.
    const tired = { ...job, status: 'running' as const, attempts: MAX_ATTEMPTS - 1, version: job.version + 1 };
    await deps.imports.save(tired, job.version, writeContext(NOW));
    const crashing = createImportJobHandler(() => ({ ...deps, members: crashingAfter(3) }));
    await expect(crashing(requestEvent(job.id, a.id))).rejects.toThrow('simulated crash');
    expect((await deps.imports.get(job.id))!).toMatchObject({ nextPage: 1, attempts: 1 });
    expect(await runToEnd(job)).toMatchObject({ status: 'succeeded' });
  });

  it('continues in a new slice near the deadline; an old slice’s delivery is ignored', async () => {
    const a = await unit('SLICE-A', upperId);
    const job = await createImport(deps, officer(), a.id, await file(listRows(cccdSeries(15))), { pageRows: 5 });
    // Already short of time: the slice still does one page, then queues the next slice.
    const options = { remainingMs: () => 1_000, reserveMs: 5_000 };
    expect(await runImport(deps, { importId: job.id, slice: 0 }, writeContext(NOW), options)).toBe('continued');
    const paused = (await deps.imports.get(job.id))!;
    expect(paused).toMatchObject({ slice: 1, runId: null, status: 'running' });
    expect(paused.nextPage).toBe(1);
    expect(paused.counts).toMatchObject({ processed: 5, created: 5 });
    expect(await runImport(deps, { importId: job.id, slice: 0 }, writeContext(NOW))).toBe('stale');
    expect(await runImport(deps, { importId: job.id, slice: 1 }, writeContext(NOW))).toBe('finished');
    expect((await deps.imports.get(job.id))?.counts).toMatchObject({ processed: 15, created: 15 });
  });
});

describe('chunked upload', () => {
  it('assembles the chunks, checks them, and queues the job on start', async () => {
    const a = await unit('CHUNK-A', upperId);
    const bytes = await xlsx(listRows(cccdSeries(3)));
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const job = await createImport(deps, officer(), a.id, {
      filename: 'lon.xlsx',
      format: 'xlsx',
      dryRun: false,
      size: bytes.length,
      sha256,
    });
    expect(job).toMatchObject({ status: 'uploading', chunks: 1 });
    await expect(startImport(deps, officer(), job.id)).rejects.toMatchObject({ code: 'import-chunks-missing' });
    await expect(
      putImportChunk(deps, officer(), job.id, 0, bytes.subarray(1).toString('base64')),
    ).rejects.toMatchObject({ code: 'import-chunk-size' });
    await expect(putImportChunk(deps, officer(), job.id, 1, 'AAAA')).rejects.toMatchObject({
      code: 'import-chunk-out-of-range',
    });
    await putImportChunk(deps, officer(), job.id, 0, bytes.toString('base64'));
    const queued = await startImport(deps, officer(), job.id);
    expect(queued.status).toBe('queued');
    // Starting again is harmless.
    expect((await startImport(deps, officer(), job.id)).version).toBe(queued.version);
    expect((await runToEnd(queued)).counts.created).toBe(3);
  });

  it('fails the job on a file that is not an .xlsx', async () => {
    const a = await unit('CHUNK-B', upperId);
    const bytes = Buffer.from('these are not the bytes of a workbook');
    const job = await createImport(deps, officer(), a.id, {
      filename: 'x.xlsx',
      format: 'xlsx',
      dryRun: true,
      size: bytes.length,
    });
    await putImportChunk(deps, officer(), job.id, 0, bytes.toString('base64'));
    await expect(startImport(deps, officer(), job.id)).rejects.toMatchObject({ code: 'import-file-unreadable' });
    expect(await deps.imports.get(job.id)).toMatchObject({
      status: 'failed',
      failure: { code: 'import-file-unreadable' },
    });
  });

  it('keeps a unit’s imports to the officers of its subtree', async () => {
    const a = await unit('SCOPE-A', upperId);
    const b = await unit('SCOPE-B', upperId);
    const job = await createImport(deps, officer(), a.id, await file(listRows(cccdSeries(1)), true));
    await expect(listImportErrors(deps, { unitId: b.id }, job.id, { limit: 10 })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(createImport(deps, officer(b.id), a.id, await file(listRows(cccdSeries(1))))).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});
