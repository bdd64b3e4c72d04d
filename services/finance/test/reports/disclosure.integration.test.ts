import type { Db } from '@congdoan/ddb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBudgetStore } from '../../src/adapters/budget-store.ts';
import { createLedger, type LedgerStore as Ledger } from '../../src/adapters/ledger-store.ts';
import { fullAmounts } from '../../src/domain/ledger/budget.ts';
import { type Answer, type Call, claimsFor } from '../support/http.ts';
import { financeTable } from '../support/tables.ts';
import { seedUnit } from '../support/units.ts';
import { ctx, poster, reportsApi } from './support.ts';

let db: Db;
let ledger: Ledger;
let call: (c: Call) => Promise<Answer>;

beforeAll(async () => {
  db = await financeTable();
  ledger = createLedger(db);
  call = await reportsApi(db);
});

/**
 * A CĐCS with postings before, in and after 2025, and a 2025 budget:
 *
 * | date       | posting                                   |
 * | ---------- | ----------------------------------------- |
 * | 2024-11-05 | Dr 111 3 000 000 / Cr 5111                 |
 * | 2024-12-20 | Dr 112 10 000 000 / Cr 5113                |
 * | 2025-01-15 | Dr 111 4 200 000 / Cr 5111 2 940 000, 3361 1 260 000 |
 * | 2025-02-10 | Dr 112 12 000 000 / Cr 5113                |
 * | 2025-03-01 | Dr 6111 3 500 000 / Cr 112                 |
 * | 2025-04-01 | Dr 6112 1 000 000 / Cr 111                 |
 * | 2025-04-02 | its reversal                               |
 * | 2025-06-30 | Dr 6112 900 000 / Cr 111                   |
 * | 2025-08-08 | Dr 6114 333 333 / Cr 111                   |
 * | 2025-12-31 | Dr 3361 1 260 000 / Cr 112                 |
 * | 2026-01-10 | Dr 111 500 000 / Cr 5118                   |
 */
async function scenario() {
  const upper = await seedUnit(db, { level: 'upper', name: 'Công đoàn Viên chức tỉnh Bắc Giang' });
  const cdcs = await seedUnit(db, { parentId: upper.id, name: 'CĐCS Trường THPT Ngô Sĩ Liên' });
  const u = cdcs.id;
  const post = poster(ledger, u);
  await post(
    '2024-11-05',
    [
      ['111', 3_000_000, 0],
      ['5111', 0, 3_000_000],
    ],
    { voucher: 'receipt' },
  );
  await post('2024-12-20', [
    ['112', 10_000_000, 0],
    ['5113', 0, 10_000_000],
  ]);
  await post(
    '2025-01-15',
    [
      ['111', 4_200_000, 0],
      ['5111', 0, 2_940_000],
      ['3361', 0, 1_260_000],
    ],
    { voucher: 'receipt' },
  );
  await post('2025-02-10', [
    ['112', 12_000_000, 0],
    ['5113', 0, 12_000_000],
  ]);
  await post(
    '2025-03-01',
    [
      ['6111', 3_500_000, 0],
      ['112', 0, 3_500_000],
    ],
    { voucher: 'payment' },
  );
  await post(
    '2025-04-01',
    [
      ['6112', 1_000_000, 0],
      ['111', 0, 1_000_000],
    ],
    { voucher: 'payment', id: `wrong-${u}` },
  );
  await ledger.reverse(u, `wrong-${u}`, { date: '2025-04-02' }, ctx);
  await post(
    '2025-06-30',
    [
      ['6112', 900_000, 0],
      ['111', 0, 900_000],
    ],
    { voucher: 'payment' },
  );
  await post(
    '2025-08-08',
    [
      ['6114', 333_333, 0],
      ['111', 0, 333_333],
    ],
    { voucher: 'payment' },
  );
  await post(
    '2025-12-31',
    [
      ['3361', 1_260_000, 0],
      ['112', 0, 1_260_000],
    ],
    { voucher: 'payment' },
  );
  await post(
    '2026-01-10',
    [
      ['111', 500_000, 0],
      ['5118', 0, 500_000],
    ],
    { voucher: 'receipt' },
  );
  await createBudgetStore(db).save(
    undefined,
    {
      unitId: u,
      year: 2025,
      amounts: fullAmounts({
        dues: 3_000_000,
        allocations: 12_000_000,
        activities: 4_000_000,
        welfare: 3_000_000,
        administration: 1_000_000,
      }),
      note: 'Dự toán được BCH thông qua',
      version: 1,
      updatedAt: '2025-01-05T02:00:00.000Z',
      updatedBy: 'accountant',
    },
    ctx,
  );
  return { upper, cdcs };
}

const line = (body: Answer['body'], kind: 'income' | 'spending', category: string) =>
  body[kind].lines.find((l: { category: string }) => l.category === category);

describe('the annual financial disclosure', () => {
  it('shows each category’s actual against the budget, the totals and the money at both ends of the year', async () => {
    const { upper, cdcs } = await scenario();
    const res = await call({
      path: `/v1/finance/units/${cdcs.id}/disclosure/2025`,
      claims: claimsFor(['accountant'], upper.id),
    });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.unit).toMatchObject({ id: cdcs.id, name: 'CĐCS Trường THPT Ngô Sĩ Liên', level: 'grassroots' });
    expect(d.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(d.asOf).toBe('2025-12-31');
    expect(d.budget).toEqual({ version: 1, note: 'Dự toán được BCH thông qua', updatedAt: '2025-01-05T02:00:00.000Z' });

    expect(line(d, 'income', 'dues')).toMatchObject({
      account: '5111',
      budget: 3_000_000,
      actual: 2_940_000,
      variance: -60_000,
      percentBp: 9_800,
    });
    expect(line(d, 'income', 'allocations')).toMatchObject({
      budget: 12_000_000,
      actual: 12_000_000,
      percentBp: 10_000,
    });
    expect(line(d, 'income', 'other-income')).toMatchObject({ budget: 0, actual: 0, variance: 0, percentBp: null });
    expect(line(d, 'spending', 'activities')).toMatchObject({
      actual: 3_500_000,
      variance: -500_000,
      percentBp: 8_750,
    });
    // The reversed payment is out; 900 000 / 3 000 000 = 30%.
    expect(line(d, 'spending', 'welfare')).toMatchObject({ actual: 900_000, percentBp: 3_000 });
    // 333 333 / 1 000 000 = 33.3333% → 3333 bp.
    expect(line(d, 'spending', 'administration')).toMatchObject({
      actual: 333_333,
      variance: -666_667,
      percentBp: 3_333,
    });
    expect(line(d, 'spending', 'administration').rule.vi).toContain('TK 6114');

    expect(d.income.total).toEqual({ budget: 15_000_000, actual: 14_940_000, variance: -60_000, percentBp: 9_960 });
    expect(d.spending.total).toEqual({ budget: 8_000_000, actual: 4_733_333, variance: -3_266_667, percentBp: 5_917 });
    expect(d.surplus).toEqual({ budget: 7_000_000, actual: 14_940_000 - 4_733_333 });
    expect(d.balances.opening).toEqual({ cash: 3_000_000, bank: 10_000_000, total: 13_000_000 });
    expect(d.balances.closing).toEqual({
      cash: 3_000_000 + 4_200_000 - 900_000 - 333_333,
      bank: 10_000_000 + 12_000_000 - 3_500_000 - 1_260_000,
      total: 5_966_667 + 17_240_000,
    });
    expect(d.settlement).toBeNull();
    // What the unit owed up (3361) was paid by the year's end; the money reconciles with the surplus.
    expect(d.position.opening.payables.total).toBe(0);
    expect(d.position.closing.payables.lines.find((l: { account: string }) => l.account === '3361').amount).toBe(0);
    expect(d.moneyReconciliation).toEqual({
      openingMoney: 13_000_000,
      surplus: d.surplus.actual,
      payablesChange: 0,
      receivablesChange: 0,
      fundBalanceChange: 0,
      closingMoney: d.balances.closing.total,
      difference: 0,
    });

    // A year with no budget: all budget figures are null; the opening balance is 2025's closing one.
    const d2026 = (
      await call({ path: `/v1/finance/units/${cdcs.id}/disclosure/2026`, claims: claimsFor(['accountant'], upper.id) })
    ).body;
    expect(d2026.budget).toBeNull();
    expect(d2026.income.total).toEqual({ budget: null, actual: 500_000, variance: null, percentBp: null });
    expect(d2026.balances.opening).toEqual(d.balances.closing);
    expect(d2026.position.opening).toEqual(d.position.closing);
    expect(d2026.moneyReconciliation.difference).toBe(0);
  });

  it('exports the same figures as an .xlsx in the form’s layout', async () => {
    const { upper, cdcs } = await scenario();
    const claims = claimsFor(['officer'], cdcs.id);
    const json = (await call({ path: `/v1/finance/units/${cdcs.id}/disclosure/2025`, claims })).body;
    const res = await call({ path: `/v1/finance/units/${cdcs.id}/disclosure/2025/export`, claims });
    expect(res.status).toBe(200);
    expect(res.body.filename).toBe(`cong-khai-tai-chinh-${cdcs.code}-2025.xlsx`);
    expect(res.body.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = Buffer.from(res.body.base64, 'base64');
    expect(bytes.length).toBe(res.body.size);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const text = (r: number, c: number) => String(ws.getCell(r, c).value ?? '');
    const rows: { r: number; label: string }[] = [];
    ws.eachRow((row, r) => rows.push({ r, label: String(row.getCell(2).value ?? '') }));
    const find = (label: string) => {
      const found = rows.find((x) => x.label === label);
      if (!found) throw new Error(`no row "${label}"`);
      return found.r;
    };

    expect(text(1, 1)).toBe('CÔNG ĐOÀN VIÊN CHỨC TỈNH BẮC GIANG');
    expect(text(1, 4)).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text(4, 1)).toBe('CÔNG KHAI TÀI CHÍNH NĂM 2025');
    expect(text(6, 1)).toBe('Đơn vị: CĐCS Trường THPT Ngô Sĩ Liên');
    expect(text(7, 1)).toBe('Từ ngày 01/01/2025 đến ngày 31/12/2025');
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => text(9, c))).toEqual([
      'STT',
      'Nội dung',
      'Tài khoản',
      'Dự toán năm',
      'Thực hiện',
      'Chênh lệch (TH − DT)',
      'Tỷ lệ TH/DT',
    ]);

    const income = find('Tổng thu');
    expect([4, 5, 6].map((c) => ws.getCell(income, c).value)).toEqual([15_000_000, 14_940_000, -60_000]);
    expect(ws.getCell(income, 7).value).toBeCloseTo(0.996, 10);
    expect(ws.getCell(income, 5).numFmt).toBe('#,##0');
    const spending = find('Tổng chi');
    expect(ws.getCell(spending, 5).value).toBe(json.spending.total.actual);
    const dues = find('Thu đoàn phí');
    expect(ws.getCell(dues, 3).value).toBe('5111');
    expect(ws.getCell(dues, 5).value).toBe(2_940_000);
    expect(ws.getCell(find('Cộng số dư đầu năm'), 5).value).toBe(13_000_000);
    expect(ws.getCell(find('Cộng số dư cuối năm'), 5).value).toBe(json.balances.closing.total);
    expect(ws.getCell(find('CHÊNH LỆCH THU − CHI'), 5).value).toBe(json.surplus.actual);
    expect(rows.some((x) => x.label.startsWith('NỘP QUYẾT TOÁN'))).toBe(false);
    // What is owed and is owed to the unit at the year's end, and the money's reconciliation.
    expect(ws.getCell(find('Phải nộp cấp trên – đoàn phí'), 3).value).toBe('3361');
    expect(ws.getCell(find('Phải nộp cấp trên – đoàn phí'), 5).value).toBe(0);
    expect(ws.getCell(find('Tiền đầu năm'), 5).value).toBe(13_000_000);
    expect(ws.getCell(find('Cộng: chênh lệch thu − chi'), 5).value).toBe(json.surplus.actual);
    expect(ws.getCell(find('Tiền cuối năm (đối chiếu)'), 5).value).toBe(json.balances.closing.total);
    void upper;
  });

  it('is published to the unit’s own members, and to no one else’s', async () => {
    const { upper, cdcs } = await scenario();
    const other = await seedUnit(db, { parentId: upper.id });
    const path = `/v1/finance/units/${cdcs.id}/disclosure/2025`;
    expect((await call({ path, claims: claimsFor(['member'], cdcs.id, 'member-1') })).status).toBe(200);
    expect((await call({ path: `${path}/export`, claims: claimsFor(['member'], cdcs.id, 'member-1') })).status).toBe(
      200,
    );
    // A member of another CĐCS, or a member whose token names the upper level: 404.
    expect((await call({ path, claims: claimsFor(['member'], other.id, 'member-2') })).status).toBe(404);
    expect((await call({ path, claims: claimsFor(['member'], upper.id, 'member-3') })).status).toBe(404);
    // The dashboard is for officers and finance staff, not members.
    const dash = await call({
      path: `/v1/finance/units/${cdcs.id}/dashboard`,
      query: { month: '2025-06' },
      claims: claimsFor(['member'], cdcs.id),
    });
    expect(dash.status).toBe(403);
    // Officers of another unit: 404.
    expect((await call({ path, claims: claimsFor(['accountant'], other.id) })).status).toBe(404);
  });

  it('refuses a malformed year', async () => {
    const res = await call({ path: '/v1/finance/units/x/disclosure/25', claims: claimsFor(['admin']) });
    expect(res.status).toBe(400);
  });
});
