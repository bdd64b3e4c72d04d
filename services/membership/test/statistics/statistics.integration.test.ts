import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '@congdoan/ddb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { createMemberStore } from '../../src/adapters/member-store.ts';
import { createStatsStore } from '../../src/adapters/stats-store.ts';
import { createUnitStore } from '../../src/adapters/unit-store.ts';
import { exitMember, transferMember } from '../../src/app/members/lifecycle.ts';
import { upsertMemberByCccd } from '../../src/app/members/upsert.ts';
import { statisticsWorkbook } from '../../src/app/statistics/export.ts';
import { rebuildStatistics } from '../../src/app/statistics/rebuild.ts';
import { statisticsReport } from '../../src/app/statistics/report.ts';
import { createUnit } from '../../src/app/units/create-unit.ts';
import { person, writeContext } from '../support/members.ts';

let db: Db;
let deps: ReturnType<typeof makeDeps>;
const makeDeps = (d: Db) => ({ units: createUnitStore(d), members: createMemberStore(d), stats: createStatsStore(d) });
const admin = (day = '2026-11-22') => ({ unitId: null, write: writeContext(new Date(`${day}T03:00:00Z`)) });
let ids: { upper: string; lhh: string; other: string };

/** Seed 001: the CĐCS of the Liên hiệp các Hội KH&KT, 7 members. */
const SEED_001 = [
  { fullName: 'Nguyễn Thị Thu Hà', gender: 'female', educationLevel: 'master', employmentCategory: 'public-employee' },
  { fullName: 'Trần Văn Hùng', gender: 'male', educationLevel: 'master', employmentCategory: 'civil-servant' },
  { fullName: 'Lê Thị Mai', gender: 'female', educationLevel: 'bachelor', employmentCategory: 'public-employee' },
  { fullName: 'Phạm Văn Nam', gender: 'male', educationLevel: 'bachelor', employmentCategory: 'public-employee' },
  { fullName: 'Hoàng Thị Lan', gender: 'female', educationLevel: 'bachelor', employmentCategory: 'civil-servant' },
  { fullName: 'Vũ Văn Toàn', gender: 'male', educationLevel: 'college', employmentCategory: 'public-employee' },
  { fullName: 'Đỗ Thị Hằng', gender: 'female', educationLevel: 'vocational', employmentCategory: 'public-employee' },
] as const;

beforeAll(async () => {
  db = await freshTable('membership');
  deps = makeDeps(db);
  const province = await createUnit(deps, admin(), { code: 'BG', name: 'LĐLĐ tỉnh Bắc Giang', level: 'province' });
  const upper = await createUnit(deps, admin(), {
    code: 'CDVC',
    name: 'CĐ Viên chức tỉnh',
    level: 'upper',
    parentId: province.id,
  });
  const agency = (taxId: string) => ({ name: `Cơ quan ${taxId}`, taxId, fundingType: 'state-budget-partial' as const });
  const lhh = await createUnit(deps, admin(), {
    code: 'LHH',
    name: 'CĐCS LHH KH&KT',
    level: 'grassroots',
    parentId: upper.id,
    agency: agency('2400100001'),
  });
  const other = await createUnit(deps, admin(), {
    code: 'SNV',
    name: 'CĐCS Sở Nội vụ',
    level: 'grassroots',
    parentId: upper.id,
    agency: agency('2400100002'),
  });
  ids = { upper: upper.id, lhh: lhh.id, other: other.id };
  for (const [i, m] of SEED_001.entries()) {
    const dateOfBirth = `19${70 + i * 3}-0${i + 1}-15`;
    const p = person({ ...m, dateOfBirth, partyMember: i < 4, partyJoinDate: i < 4 ? '2005-05-19' : null });
    await upsertMemberByCccd(deps, admin('2016-03-01'), lhh.id, { ...p, cccd: p.cccd, joinDate: '2016-03-01' });
  }
});

describe('the statistics report', () => {
  it('shows seed 001’s CĐCS: 7 members, 2 master’s, 3 bachelor’s, 1 college, 1 vocational; 5 viên chức, 2 công chức', async () => {
    const r = await statisticsReport(deps, { unitId: null }, ids.lhh, { asOf: '2026-11-22', today: '2026-11-22' });
    expect(r.totals).toEqual({ members: 7, women: 4, partyMembers: 4, suspended: 0 });
    expect(r.byEducation).toMatchObject({ master: 2, bachelor: 3, college: 1, vocational: 1, doctorate: 0 });
    expect(r.byEmploymentCategory).toMatchObject({ 'public-employee': 5, 'civil-servant': 2, 'contract-worker': 0 });
    expect(Object.values(r.byAgeBand).reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('adds up a subtree, goes back in time, and counts movements in a period', async () => {
    const m = await upsertMemberByCccd(deps, admin('2025-01-10'), ids.other, {
      ...person({ fullName: 'Bùi Văn Khoa', gender: 'male' }),
      joinDate: '2025-01-10',
    });
    await transferMember(deps, admin('2025-06-01'), m.member.id, { toUnitId: ids.lhh, date: '2025-06-01' });
    await exitMember(deps, admin('2025-12-31'), m.member.id, { date: '2025-12-31', reason: 'retired' });
    const subtree = (asOf: string, period?: { from: string; to: string }) =>
      statisticsReport(deps, { unitId: null }, ids.upper, { asOf, today: '2026-11-22', period });
    expect((await subtree('2026-11-22')).totals.members).toBe(7);
    expect((await subtree('2025-07-01')).totals.members).toBe(8);
    expect((await subtree('2015-01-01')).totals.members).toBe(0);
    const year = await subtree('2025-12-31', { from: '2025-01-01', to: '2025-12-31' });
    expect(year.movements).toMatchObject({ admitted: 1, exited: 1, transferredIn: 1, transferredOut: 1 });
    expect(year.movements?.exitedByReason.retired).toBe(1);
    const lhhMid = await statisticsReport(deps, { unitId: null }, ids.lhh, { asOf: '2025-07-01', today: '2026-11-22' });
    expect(lhhMid.totals.members).toBe(8);
  });

  it('exports the report as an .xlsx a union office files', async () => {
    const r = await statisticsReport(deps, { unitId: null }, ids.lhh, { asOf: '2026-11-22', today: '2026-11-22' });
    const file = await statisticsWorkbook(r, 'LHH', new Date('2026-11-22T03:00:00Z'));
    expect(file.filename).toBe('thong-ke-doan-vien-LHH-20261122.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((row) => cells.push(row.values!.toString()));
    const text = cells.join('\n');
    expect(text).toContain('CĐCS LHH KH&KT');
    expect(text).toMatch(/Thạc sĩ,2/);
    expect(text).toMatch(/Đại học,3/);
  });

  it('answers 404 outside the caller’s subtree', async () => {
    await expect(
      statisticsReport(deps, { unitId: ids.other }, ids.lhh, { asOf: '2026-11-22', today: '2026-11-22' }),
    ).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});

describe('rebuilding the counters', () => {
  it('finds drift, repairs it, and past reports are right again', async () => {
    const pastBefore = await statisticsReport(deps, { unitId: null }, ids.lhh, {
      asOf: '2020-01-01',
      today: '2026-11-22',
    });
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { pk: `STATS#${ids.lhh}`, sk: 'CURRENT' },
        UpdateExpression: 'ADD #t :n, #e :n',
        ExpressionAttributeNames: { '#t': 'total', '#e': 'edu:doctorate' },
        ExpressionAttributeValues: { ':n': 3 },
      }),
    );
    const found = await rebuildStatistics(deps, admin(), ids.upper, { repair: false });
    expect(found.drift).toEqual([{ unitId: ids.lhh, unitCode: 'LHH', delta: { total: -3, 'edu:doctorate': -3 } }]);
    await rebuildStatistics(deps, admin(), ids.upper, { repair: true });
    expect((await rebuildStatistics(deps, admin(), ids.upper, { repair: false })).drift).toEqual([]);
    expect(
      (await statisticsReport(deps, { unitId: null }, ids.lhh, { asOf: '2026-11-22', today: '2026-11-22' })).totals
        .members,
    ).toBe(7);
    const pastAfter = await statisticsReport(deps, { unitId: null }, ids.lhh, {
      asOf: '2020-01-01',
      today: '2026-11-22',
    });
    expect(pastAfter.totals).toEqual(pastBefore.totals);
  });
});
