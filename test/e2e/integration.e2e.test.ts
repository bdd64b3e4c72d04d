import { dayInVietnam } from '@congdoan/contracts';
import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { person } from '../../services/membership/test/support/members.ts';
import { agency, client, eventually, sharedPlatform, tokenFor, uniqueCode } from '../support/platform.ts';
import { sized } from '../support/scale.ts';

/**
 * Rows of the bulk-upsert load: `BULK_UPSERT_ROWS` (TEST_SCALE=ci: 100, deep: 500, the most a
 * request takes). The time budget's cut is tested on its own with a clock
 * (bulk-upsert.integration.test.ts); the bad-input checks below always send 500 rows.
 */
const ROWS = sized('BULK_UPSERT_ROWS', { ci: 100, deep: 500 });

let platform: Platform;
let admin: ReturnType<typeof client>;
let machine: ReturnType<typeof client>;
let units: { upper: string; a: string; otherUpper: string; c: string };

const path = (unitId: string) => `/v1/membership/units/${unitId}/members/bulk-upsert`;

async function createUnit(body: Record<string, unknown>) {
  const res = await admin.post('/v1/membership/units', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Every change the client can read now, following cursors until caught up. */
async function follow(api: ReturnType<typeof client>, cursor?: string) {
  const items: { memberId: string; unitId: string; version: number; action: string; member: unknown }[] = [];
  let next = cursor;
  for (let pages = 0; pages < 100; pages++) {
    const res = await api.get(`/v1/membership/changes?limit=500${next ? `&cursor=${next}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    next = res.body.nextCursor;
    if (!res.body.hasMore) return { items, cursor: next as string };
  }
  throw new Error('the feed does not end');
}

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  machine = client(platform, await tokenFor(platform, ['integration']));
  const province = await createUnit({ code: uniqueCode('BG'), name: 'LĐLĐ tỉnh Bắc Giang', level: 'province' });
  const upper = await createUnit({
    code: uniqueCode('CDVC'),
    name: 'CĐ Viên chức',
    level: 'upper',
    parentId: province,
  });
  const otherUpper = await createUnit({
    code: uniqueCode('CDGD'),
    name: 'CĐ ngành Giáo dục',
    level: 'upper',
    parentId: province,
  });
  const a = await createUnit({
    code: uniqueCode('LHH'),
    name: 'CĐCS Liên hiệp các Hội KH&KT',
    level: 'grassroots',
    parentId: upper,
    agency: agency('2400123456'),
  });
  const c = await createUnit({
    code: uniqueCode('THPT'),
    name: 'CĐCS Trường THPT Ngô Sĩ Liên',
    level: 'grassroots',
    parentId: otherUpper,
    agency: agency('2400654321'),
  });
  units = { upper, a, otherUpper, c };
});

describe('provincial systems, machine to machine', () => {
  it(`bulk-upserts ${ROWS} members with a result per row, and reports the timings`, async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      ...person({ fullName: `Nguyễn Thị Số ${i}`, email: `dv${i}@lienhiephoi.bacgiang.gov.vn` }),
      joinDate: '2018-03-08',
    }));
    const body = { items: rows };
    const bytes = Buffer.byteLength(JSON.stringify(body));
    const timings: string[] = [`body ${(bytes / 1024).toFixed(0)} KiB for ${ROWS} rows`];
    const timed = async (label: string, items: unknown[], headers: Record<string, string> = {}) => {
      const started = performance.now();
      const res = await machine.post(path(units.a), { items }, headers);
      const ms = performance.now() - started;
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
      const failures = new Set(
        res.body.results.map((r: { error?: { code: string } }) => r.error?.code).filter(Boolean),
      );
      timings.push(
        `${label}: ${items.length} rows in ${ms.toFixed(0)} ms → ${JSON.stringify(res.body.counts)} ${[...failures].join(' ')}`,
      );
      return res;
    };

    // First load: creates queue on one lane (card sequence, unit counters); rows past the time budget come back retryable.
    let res = await timed('create', rows, { 'idempotency-key': 'first-load-1' });
    expect(res.body.results.map((r: { index: number }) => r.index)).toEqual(rows.map((_, i) => i));
    let pending = res.body.results.filter((r: { outcome: string }) => r.outcome !== 'created');
    // On a busy machine a row may also meet a concurrent update: every row left over is retryable.
    expect(
      pending.filter((r: { error: { retryable: boolean } }) => !r.error.retryable),
      'rows left over must be retryable',
    ).toEqual([]);
    for (let round = 0; pending.length > 0 && round < 30; round++) {
      res = await timed(
        'create (resent rows)',
        pending.map((r: { index: number }) => rows[r.index]),
      );
      pending = res.body.results
        .filter((r: { outcome: string }) => r.outcome !== 'created')
        .map((r: { index: number }) => ({ index: pending[r.index].index }));
    }
    expect(pending).toEqual([]);

    // The provincial system sends its whole list again: nothing changes.
    // (On a loaded machine the last rows may come back `not-processed`, never anything else.)
    const retryableOnly = (results: { outcome: string; error?: { code: string; retryable?: boolean } }[]) =>
      results.filter((r) => r.outcome === 'failed').every((r) => r.error?.retryable === true);
    res = await timed('unchanged', rows);
    expect(res.body.counts.unchanged + res.body.counts.failed).toBe(ROWS);
    expect(retryableOnly(res.body.results)).toBe(true);
    expect(res.body.results[7]).toMatchObject({ index: 7, cccd: rows[7]!.cccd, outcome: 'unchanged' });

    // A salary revision for everyone.
    res = await timed(
      'update',
      rows.map((r) => ({ ...r, duesSalary: r.duesSalary + 100_000 })),
    );
    expect(res.body.counts.updated + res.body.counts.failed).toBe(ROWS);
    expect(retryableOnly(res.body.results)).toBe(true);

    const unit = await admin.get(`/v1/membership/units/${units.a}`);
    expect(unit.body.memberCount).toBe(ROWS);
    console.log(`\n[bulk-upsert on DynamoDB Local]\n  ${timings.join('\n  ')}\n`);
  }, 180_000);

  it('validates each row on its own; only the envelope can fail the request', async () => {
    const good = person();
    const res = await machine.post(
      path(units.c),
      {
        items: [
          good,
          { ...person(), cccd: '12345', gender: 'unknown', extra: 1 },
          'not an object',
          { ...good, jobTitle: 'Hiệu trưởng' },
        ],
      },
      { 'accept-language': 'en' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [created, invalid, notObject, duplicate] = res.body.results;
    expect(created).toMatchObject({ index: 0, outcome: 'created', cccd: good.cccd, version: 2 });
    expect(invalid).toMatchObject({
      index: 1,
      cccd: '12345',
      outcome: 'failed',
      error: { code: 'validation-failed', retryable: false },
    });
    expect(invalid.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['cccd', 'extra', 'gender']);
    expect(notObject).toMatchObject({ index: 2, cccd: null, outcome: 'failed', error: { code: 'validation-failed' } });
    expect(duplicate).toMatchObject({ index: 3, outcome: 'failed', error: { code: 'duplicate-cccd-in-request' } });
    expect(duplicate.error.detail).toContain('row 0');
    expect(res.body.counts).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 3 });

    // 500 rows as bad as can be still answer every row, small enough for the Idempotency-Key record.
    const junk = Array.from({ length: 500 }, (_, i) => ({
      fullName: i,
      gender: 'x',
      dateOfBirth: 'x',
      cccd: 'x'.repeat(40),
      educationLevel: 'x',
      politicalTheoryLevel: 'x',
      employmentCategory: 'x',
      duesSalary: -1,
      [`unknown-${'z'.repeat(150)}`]: 1,
    }));
    const bad1 = await machine.post(path(units.c), { items: junk }, { 'idempotency-key': 'junk-1' });
    expect(bad1.status).toBe(200);
    expect(bad1.body.counts.failed).toBe(500);
    expect(bad1.body.results[499]).toMatchObject({ cccd: 'x'.repeat(20), error: { code: 'validation-failed' } });
    expect(bad1.body.results[499].error.fields).toHaveLength(3);
    expect(Buffer.byteLength(JSON.stringify(bad1.body))).toBeLessThan(300_000);
    const bad2 = await machine.post(path(units.c), { items: junk }, { 'idempotency-key': 'junk-1' });
    expect(bad2.headers.get('idempotent-replayed')).toBe('true');

    // The body limit (256 KiB) comes before any row: 500 rows with long texts are a 413.
    const long = Array.from({ length: 500 }, () => ({
      ...person(),
      professionalQualification: 'Thạc sĩ Quản lý khoa học và công nghệ, chuyên ngành Chính sách khoa học '.repeat(2),
      jobTitle: 'Phó Trưởng phòng Quản lý khoa học, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bắc Giang',
    }));
    const tooBig = await machine.post(path(units.c), { items: long });
    expect(tooBig.status).toBe(413);

    for (const items of [[], Array.from({ length: 501 }, () => ({})), 'rows']) {
      const bad = await machine.post(path(units.c), { items });
      expect(bad.status, JSON.stringify(items).slice(0, 20)).toBe(400);
      expect(bad.body.code).toBe('validation-failed');
    }
  });

  it('replays an Idempotency-Key; the same key with another body is refused', async () => {
    const items = [person(), person()];
    const first = await machine.post(path(units.c), { items }, { 'idempotency-key': 'sync-2026-11-22' });
    const again = await machine.post(path(units.c), { items }, { 'idempotency-key': 'sync-2026-11-22' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(first.body.counts.created).toBe(2);
    const other = await machine.post(path(units.c), { items: [person()] }, { 'idempotency-key': 'sync-2026-11-22' });
    expect(other.status).toBe(422);
  });

  it('needs the integration role (or admin) and, for a machine client, the membership scope', async () => {
    const items = [person()];
    const officer = client(platform, await tokenFor(platform, ['officer'], units.c));
    expect((await officer.post(path(units.c), { items })).status).toBe(403);
    expect((await officer.get('/v1/membership/changes')).status).toBe(403);

    const financeOnly = client(
      platform,
      (await platform.issueToken({ roles: ['integration'], extraClaims: { scope: 'congdoan-api/finance.read' } }))
        .token,
    );
    const refused = await financeOnly.post(path(units.c), { items });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('insufficient-scope');
    expect((await financeOnly.get('/v1/membership/changes')).body.code).toBe('insufficient-scope');

    const readOnly = client(
      platform,
      (
        await platform.issueToken({
          roles: ['integration'],
          extraClaims: { scope: 'congdoan-api/membership.members.read' },
        })
      ).token,
    );
    expect((await readOnly.post(path(units.c), { items })).body.code).toBe('insufficient-scope');
    expect((await readOnly.get('/v1/membership/changes?limit=1')).status).toBe(200);

    expect((await admin.post(path(units.c), { items })).status).toBe(200);

    // A machine client scoped to another branch cannot reach the unit at all.
    const scoped = client(platform, await tokenFor(platform, ['integration'], units.upper));
    expect((await scoped.post(path(units.c), { items })).status).toBe(404);
  });

  it('streams every change in commit order; a scoped client sees its subtree only, and members leaving it', async () => {
    const whole = await eventually(async () => {
      const feed = await follow(machine);
      const inA = new Set(feed.items.filter((i) => i.unitId === units.a).map((i) => i.memberId));
      expect(inA.size).toBe(ROWS);
      return feed;
    }, 60_000);
    // Versions of one member never go back along the feed (a late commit may repeat one).
    const last = new Map<string, number>();
    for (const item of whole.items) {
      expect(item.version).toBeGreaterThanOrEqual(last.get(item.memberId) ?? 0);
      last.set(item.memberId, item.version);
    }
    expect(whole.items[0]!.member).toMatchObject({ masked: false, cccd: expect.stringMatching(/^\d{12}$/) });

    const branch = client(platform, await tokenFor(platform, ['integration'], units.otherUpper));
    // Members written to C by the tests above: 1 + 2 + 1.
    const mine = await eventually(async () => {
      const feed = await follow(branch);
      // A change whose commit was slow appears twice (docs/integration.md, "Apply by version"): count changes, not entries.
      const created = feed.items.filter((i) => i.action === 'upsert-create').map((i) => `${i.memberId}#${i.version}`);
      expect(new Set(created).size).toBe(4);
      return feed;
    });
    expect(mine.items.every((i) => i.unitId === units.c)).toBe(true);

    // A member of C moves to A: the branch's client is told to drop them, the whole-tree client sees where.
    const moving = mine.items.find((i) => i.action === 'upsert-create')!;
    const moved = await admin.post(`/v1/membership/members/${moving.memberId}/transfer`, {
      toUnitId: units.a,
      date: dayInVietnam(new Date()),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const told = await eventually(async () => {
      const page = await follow(branch, mine.cursor);
      expect(page.items.length).toBeGreaterThan(0);
      expect(new Set(page.items.map((i) => `${i.memberId}#${i.version}`)).size).toBe(1);
      return page.items[0]!;
    });
    expect(told).toMatchObject({ memberId: moving.memberId, unitId: units.c, action: 'transfer', member: null });
    const seen = await eventually(async () => {
      const page = await follow(machine, whole.cursor);
      const last = page.items.filter((i) => i.memberId === moving.memberId).at(-1);
      expect(last?.action).toBe('transfer');
      return last;
    });
    expect(seen).toMatchObject({ unitId: units.a, action: 'transfer', member: { unitId: units.a } });

    // A cursor that was not handed out is a 400.
    expect((await machine.get('/v1/membership/changes?cursor=bm9wZQ')).status).toBe(400);
  }, 60_000);
});
