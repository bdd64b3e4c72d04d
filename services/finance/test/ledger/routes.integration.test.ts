import { randomUUID } from 'node:crypto';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT } from '../../src/domain/ledger/chart.ts';
import { type Answer, type Call, claimsFor } from '../support/http.ts';
import { financeTable } from '../support/tables.ts';
import { ledgerApi, seedUnit } from './support.ts';

let db: Db;
let api: (call: Call) => Promise<Answer>;
let upper: string;
let unit: string;
let other: string;

beforeAll(async () => {
  db = await financeTable();
  api = await ledgerApi(db);
  upper = await seedUnit(db);
  unit = await seedUnit(db, randomUUID(), upper);
  other = await seedUnit(db);
});

const base = () => `/v1/finance/units/${unit}`;
const en = { 'accept-language': 'en' };

const spending = (amount: number, account: string = ACCOUNT.activities) => ({
  date: '2025-04-10',
  memo: 'Chi tổ chức hội thao 30/4',
  voucher: 'payment',
  lines: [
    { account, debit: amount, credit: 0 },
    { account: ACCOUNT.cash, debit: 0, credit: amount },
  ],
});

const dues = (amount: number, date = '2025-04-05') => ({
  date,
  memo: 'Thu đoàn phí tháng 4',
  voucher: 'receipt',
  lines: [
    { account: ACCOUNT.cash, debit: amount, credit: 0 },
    { account: ACCOUNT.duesIncome, debit: 0, credit: amount },
  ],
});

describe('ledger routes', () => {
  it('serves the chart of accounts to any finance reader', async () => {
    const res = await api({ path: '/v1/finance/accounts', claims: claimsFor(['inspector']) });
    expect(res.status).toBe(200);
    expect(res.body.accounts).toHaveLength(26);
    expect(res.body.accounts[0]).toEqual({
      code: '111',
      nameVi: 'Tiền mặt',
      nameEn: 'Cash on hand',
      type: 'asset',
      normal: 'debit',
      budgetCategory: null,
    });
    expect(res.body.budgetCategories).toContainEqual({ category: 'welfare', direction: 'spending', account: '6112' });
  });

  it('records a manual posting with a voucher, once per Idempotency-Key, and reads it back', async () => {
    const key = randomUUID();
    const record = () =>
      api({
        method: 'POST',
        path: `${base()}/ledger/postings`,
        body: dues(1_500_000),
        headers: { 'idempotency-key': key },
      });
    const first = await record();
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      voucherNumber: 'PT-2025-000001',
      source: { service: 'finance', kind: 'manual' },
    });
    expect(first.headers.location).toBe(`${base()}/ledger/postings/${first.body.id}`);

    const replay = await record();
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);

    const read = await api({ path: first.headers.location! });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...first.body, reversedBy: null });
  });

  it('refuses an unbalanced posting with 422 listing the problem, and bad input with 400', async () => {
    const body = dues(1_000);
    body.lines[1]!.credit = 900;
    const res = await api({ method: 'POST', path: `${base()}/ledger/postings`, body, headers: en });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('invalid-posting');
    expect(res.body.detail).toContain('Total debits (1,000 đồng) differ from total credits (900 đồng)');
    const vi = await api({ method: 'POST', path: `${base()}/ledger/postings`, body });
    expect(vi.body.detail).toContain('Tổng Nợ (1,000 đ) khác tổng Có (900 đ)');

    const fraction = dues(1_000);
    fraction.lines[0]!.debit = 10.5;
    const bad = await api({ method: 'POST', path: `${base()}/ledger/postings`, body: fraction });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('lines[0].debit');
  });

  it('reverses a posting once; a second reversal is 409, reversing the reversal 422', async () => {
    const posted = await api({ method: 'POST', path: `${base()}/ledger/postings`, body: spending(200_000) });
    expect(posted.status).toBe(201);
    const path = `${base()}/ledger/postings/${posted.body.id}/reverse`;
    const reversal = await api({ method: 'POST', path, body: { date: '2025-04-11', memo: 'Chi nhầm' } });
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({ reverses: posted.body.id, voucherNumber: null, memo: 'Chi nhầm' });
    expect((await api({ method: 'POST', path, body: { date: '2025-04-12' } })).status).toBe(409);
    const again = await api({
      method: 'POST',
      path: `${base()}/ledger/postings/${encodeURIComponent(reversal.body.id)}/reverse`,
      body: { date: '2025-04-12' },
    });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('reversal-of-reversal');
    const original = await api({ path: `${base()}/ledger/postings/${posted.body.id}` });
    expect(original.body.reversedBy).toBe(reversal.body.id);
  });

  it('answers balances with a trial balance, postings by period with cursors, and vouchers by year', async () => {
    const unitId = await seedUnit(db, randomUUID(), upper);
    const at = `/v1/finance/units/${unitId}`;
    for (const body of [
      dues(300_000, '2025-03-02'),
      dues(400_000, '2025-04-02'),
      dues(500_000, '2025-04-03'),
      spending(100_000),
    ]) {
      expect((await api({ method: 'POST', path: `${at}/ledger/postings`, body })).status).toBe(201);
    }
    const balances = await api({ path: `${at}/ledger/balances` });
    expect(balances.status).toBe(200);
    expect(balances.body.accounts).toHaveLength(26);
    expect(balances.body.accounts.find((a: { code: string }) => a.code === '111')).toMatchObject({
      balance: 1_100_000,
    });
    expect(balances.body.trialBalance).toEqual({
      debit: 1_200_000,
      credit: 1_200_000,
      turnoverDebit: 1_300_000,
      turnoverCredit: 1_300_000,
      balanced: true,
    });
    expect(balances.body.books).toEqual({ closed: false, closedAt: null, lockedThrough: null });

    const april: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api({
        path: `${at}/ledger/postings`,
        query: { period: '2025-04', limit: '1', ...(cursor ? { cursor } : {}) },
      });
      expect(page.status).toBe(200);
      april.push(...page.body.items.map((p: { date: string }) => p.date));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(april).toEqual(['2025-04-10', '2025-04-03', '2025-04-02']);

    const range = await api({
      path: `${at}/ledger/postings`,
      query: { from: '2025-03-01', to: '2025-04-02', order: 'asc' },
    });
    expect(range.body.items.map((p: { date: string }) => p.date)).toEqual(['2025-03-02', '2025-04-02']);

    // A cursor from another unit's list is refused, not followed.
    const foreign = await api({ path: `${base()}/ledger/postings`, query: { limit: '1' } });
    const misuse = await api({ path: `${at}/ledger/postings`, query: { cursor: foreign.body.nextCursor } });
    expect(misuse.status).toBe(400);

    const vouchers = await api({ path: `${at}/vouchers`, query: { year: '2025', kind: 'receipt' } });
    expect(vouchers.body.items.map((v: { number: string }) => v.number)).toEqual([
      'PT-2025-000001',
      'PT-2025-000002',
      'PT-2025-000003',
    ]);
    expect((await api({ path: `${at}/vouchers`, query: { year: '2025', kind: 'cheque' } })).status).toBe(400);
  });

  it('keeps each caller inside their subtree and each role to its work', async () => {
    const scoped = claimsFor(['accountant'], upper);
    expect((await api({ path: `${base()}/ledger/balances`, claims: scoped })).status).toBe(200);
    expect((await api({ path: `/v1/finance/units/${other}/ledger/balances`, claims: scoped })).status).toBe(404);
    expect(
      (await api({ method: 'POST', path: `/v1/finance/units/${other}/ledger/postings`, body: dues(1), claims: scoped }))
        .status,
    ).toBe(404);
    expect((await api({ path: `/v1/finance/units/${randomUUID()}/ledger/balances` })).status).toBe(404);
    expect(
      (await api({ method: 'POST', path: `${base()}/ledger/postings`, body: dues(1), claims: claimsFor(['officer']) }))
        .status,
    ).toBe(403);
    expect((await api({ path: `${base()}/ledger/postings/nope` })).status).toBe(404);
  });

  it('sets a whole budget under If-Match and compares it with the year’s actuals', async () => {
    const unitId = await seedUnit(db, randomUUID(), upper);
    const at = `/v1/finance/units/${unitId}`;
    await api({ method: 'POST', path: `${at}/ledger/postings`, body: dues(3_000_000, '2025-02-01') });
    await api({ method: 'POST', path: `${at}/ledger/postings`, body: dues(9_999, '2024-12-31') });
    await api({ method: 'POST', path: `${at}/ledger/postings`, body: spending(1_000_000, ACCOUNT.welfare) });

    const empty = await api({ path: `${at}/budgets/2025` });
    expect(empty.status).toBe(200);
    expect(empty.headers.etag).toBe('W/"0"');
    expect(empty.body.version).toBe(0);

    const amounts = { dues: 4_000_000, welfare: 3_000_000, activities: 500_000 };
    const set = await api({
      method: 'PUT',
      path: `${at}/budgets/2025`,
      body: { amounts, note: 'Dự toán 2025' },
      headers: { 'if-match': 'W/"0"' },
    });
    expect(set.status).toBe(200);
    expect(set.headers.etag).toBe('W/"1"');
    expect(set.body.lines.find((l: { category: string }) => l.category === 'dues')).toEqual({
      category: 'dues',
      direction: 'income',
      account: '5111',
      planned: 4_000_000,
      actual: 3_000_000,
      variance: -1_000_000,
      usedBasisPoints: 7_500,
    });
    expect(set.body.lines.find((l: { category: string }) => l.category === 'welfare')).toMatchObject({
      actual: 1_000_000,
      usedBasisPoints: 3_333,
    });
    expect(set.body.lines.find((l: { category: string }) => l.category === 'awards')).toMatchObject({
      planned: 0,
      actual: 0,
      usedBasisPoints: null,
    });
    expect(set.body.totals).toEqual({
      income: { planned: 4_000_000, actual: 3_000_000, variance: -1_000_000 },
      spending: { planned: 3_500_000, actual: 1_000_000, variance: -2_500_000 },
    });

    const stale = await api({
      method: 'PUT',
      path: `${at}/budgets/2025`,
      body: { amounts },
      headers: { 'if-match': 'W/"0"' },
    });
    expect(stale.status).toBe(412);
    const replaced = await api({
      method: 'PUT',
      path: `${at}/budgets/2025`,
      body: { amounts: { dues: 1 } },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ version: 2, note: null });
    expect(replaced.body.totals.spending.planned).toBe(0);

    const unknownCategory = await api({ method: 'PUT', path: `${at}/budgets/2025`, body: { amounts: { parties: 1 } } });
    expect(unknownCategory.status).toBe(400);
    const read = await api({ path: `${at}/budgets/2025`, claims: claimsFor(['officer']) });
    expect(read.body.version).toBe(2);
    expect(
      (await api({ method: 'PUT', path: `${at}/budgets/2025`, body: { amounts }, claims: claimsFor(['officer']) }))
        .status,
    ).toBe(403);
  });
});
