import type { Db } from '@congdoan/ddb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { createFund, recordMovement } from '../../src/app/funds.ts';
import { lend } from '../../src/app/loans.ts';
import { welfareReport, welfareReportExport } from '../../src/app/reports.ts';
import { callerAt, depsOn, outcome } from './world.ts';

/**
 * The welfare report on DynamoDB Local: each fund of the subtree with its balance either side
 * of the period and what moved in it, by the movements' dates, read from the funds' day totals.
 */
let db: Db;
const NOW = '2026-03-20T03:00:00.000Z';
const PERIOD = { from: '2026-02-01', to: '2026-02-28' };

beforeAll(async () => {
  db = await freshTable('welfare');
  const deps = depsOn(db);
  const caller = callerAt(NOW);
  const move = (fundId: string, input: Parameters<typeof recordMovement>[3]) =>
    recordMovement(deps, caller, fundId, input);

  // The upper level's housing fund: 10,000,000 in January, 20,000,000 in February, 3,000,000 out in
  // February and 1,000,000 out in March (after the period).
  const housing = await createFund(deps, caller, 'upper', { kind: 'housing', name: 'Mái ấm Công đoàn 2026' });
  await move(housing.id, { type: 'receipt', method: 'bank', amount: 10_000_000, memo: 'Ủng hộ', date: '2026-01-15' });
  await move(housing.id, { type: 'receipt', method: 'bank', amount: 12_000_000, memo: 'Ủng hộ', date: '2026-02-03' });
  await move(housing.id, { type: 'allocation', amount: 8_000_000, memo: 'Trích kinh phí', date: '2026-02-03' });
  await move(housing.id, {
    type: 'disbursement',
    method: 'cash',
    amount: 3_000_000,
    memo: 'Hỗ trợ sửa nhà',
    date: '2026-02-20',
  });
  await move(housing.id, {
    type: 'disbursement',
    method: 'cash',
    amount: 1_000_000,
    memo: 'Hỗ trợ sửa nhà',
    date: '2026-03-02',
  });

  // A CĐCS's women's savings fund: deposits in February, a loan in February.
  const savings = await createFund(deps, callerAt(NOW), 'cdcs-a', { kind: 'womens-savings', name: 'Tiết kiệm nữ' });
  await move(savings.id, {
    type: 'deposit',
    method: 'cash',
    amount: 2_000_000,
    memo: 'Gửi tháng 2',
    memberId: 'ha-a',
    date: '2026-02-05',
  });
  await lend(deps, callerAt(NOW), savings.id, {
    memberId: 'ha-a',
    amount: 1_500_000,
    instalments: 3,
    method: 'cash',
    date: '2026-02-10',
  });

  // Another CĐCS's Tết fund with nothing in the period.
  const tet = await createFund(deps, callerAt(NOW), 'cdcs-b', { kind: 'tet', name: 'Quỹ Tết' });
  await move(tet.id, { type: 'allocation', amount: 5_000_000, memo: 'Trích', date: '2026-01-05' });
});

describe('the welfare report of a subtree', () => {
  it('gives each fund its opening and closing balance and what moved in the period, by the movements’ dates', async () => {
    const report = await welfareReport(depsOn(db), { unitId: 'upper' }, 'upper', PERIOD, new Date(NOW));
    expect(report).toMatchObject({ unitId: 'upper', unitCode: 'UPPER', from: '2026-02-01', to: '2026-02-28' });
    const byName = Object.fromEntries(report.funds.map((f) => [f.name, f]));
    expect(byName['Mái ấm Công đoàn 2026']).toMatchObject({
      unitId: 'upper',
      kind: 'housing',
      account: '3531',
      opening: 10_000_000,
      received: 12_000_000,
      allocated: 8_000_000,
      disbursed: 3_000_000,
      closing: 27_000_000,
      movements: 3,
    });
    expect(byName['Tiết kiệm nữ']).toMatchObject({
      unitId: 'cdcs-a',
      opening: 0,
      deposited: 2_000_000,
      lent: 1_500_000,
      closing: 500_000,
      movements: 2,
    });
    expect(byName['Quỹ Tết']).toMatchObject({ opening: 5_000_000, closing: 5_000_000, movements: 0 });
    // Each fund adds up: opening + in − out = closing.
    for (const f of report.funds) {
      expect(f.opening + f.received + f.allocated + f.deposited + f.repaid - f.disbursed - f.lent).toBe(f.closing);
    }
    expect(report.total).toMatchObject({ opening: 15_000_000, closing: 32_500_000, movements: 5 });
    expect(report.byKind.map((k) => [k.kind, k.funds, k.closing])).toEqual([
      ['housing', 1, 27_000_000],
      ['womens-savings', 1, 500_000],
      ['tet', 1, 5_000_000],
    ]);
    expect(report.loans).toEqual({
      asOf: '2026-03-20',
      open: 1,
      outstanding: 1_500_000,
      // The first instalment fell due on 10/03 and nothing was repaid.
      overdue: 1,
      overdueOutstanding: 1_500_000,
    });
    expect(Object.keys(report.rules)).toEqual(expect.arrayContaining(['opening', 'closing', 'loans']));
  });

  it('is the subtree asked for: a CĐCS sees its own funds, and a unit outside the caller’s subtree is not found', async () => {
    const mine = await welfareReport(depsOn(db), { unitId: 'cdcs-a' }, 'cdcs-a', PERIOD, new Date(NOW));
    expect(mine.funds.map((f) => f.name)).toEqual(['Tiết kiệm nữ']);
    expect(await outcome(welfareReport(depsOn(db), { unitId: 'cdcs-a' }, 'upper', PERIOD, new Date(NOW)))).toBe(
      'not-found:not-found',
    );
  });

  it('reads a fund’s days, not its movements: twenty receipts of one day are one item', async () => {
    const deps = depsOn(db);
    const fund = await createFund(deps, callerAt(NOW), 'cdcs-b', { kind: 'visits', name: 'Thăm hỏi' });
    await Promise.all(
      Array.from({ length: 20 }, () =>
        recordMovement(deps, callerAt(NOW), fund.id, {
          type: 'receipt',
          method: 'cash',
          amount: 100_000,
          memo: 'Ủng hộ',
          date: '2026-02-14',
        }),
      ),
    );
    const days = await deps.funds.daysFrom(fund.id, '2026-01-01');
    expect(days).toEqual([{ day: '2026-02-14', amounts: { receipt: 2_000_000 }, counts: { receipt: 20 } }]);
  });

  it('exports the same figures as an .xlsx with each figure’s rule', async () => {
    const file = await welfareReportExport(depsOn(db), { unitId: 'upper' }, 'upper', PERIOD, new Date(NOW));
    expect(file.filename).toBe('bao-cao-quy-UPPER-2026-02-01-2026-02-28.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toContainEqual([
      'Mái ấm Công đoàn 2026 (UPPER)',
      10_000_000,
      12_000_000,
      8_000_000,
      0,
      0,
      3_000_000,
      0,
      27_000_000,
      3,
    ]);
    expect(rows).toContainEqual(['Trong đó quá hạn', 1, 1_500_000]);
    expect(wb.getWorksheet('Cách tính')!.rowCount).toBeGreaterThan(5);
  });
});
