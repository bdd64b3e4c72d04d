import { randomUUID } from 'node:crypto';
import type { Db, WriteContext } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLedger, type LedgerStore as Ledger } from '../../src/adapters/ledger-store.ts';
import { answerPostingRequest } from '../../src/app/ledger/posting-requests.ts';
import { disclosure } from '../../src/app/reports/disclosure.ts';
import { ACCOUNT } from '../../src/domain/ledger/chart.ts';
import { buildFinanceDeps } from '../../src/handlers/deps.ts';
import { outboxItems, partition } from '../support/dynamo.ts';
import { domainError } from '../support/errors.ts';
import { type Answer, type Call, claimsFor } from '../support/http.ts';
import { financeTable } from '../support/tables.ts';
import { seedUnit as seedProfile } from '../support/units.ts';
import { ctx, ledgerApi, payment, receipt, seedUnit } from './support.ts';

/**
 * Accounting periods (docs/finance-ledger.md, "Accounting periods"): no posting
 * after today in Vietnam or before the books' earliest day; a locked month
 * (khóa sổ) refuses every posting, collection and reversal dated in it; an
 * admin reopens it with a reason, audited, with an event; a published year
 * whose months are locked stays as published.
 */

let db: Db;
let ledger: Ledger;
let api: (call: Call) => Promise<Answer>;

beforeAll(async () => {
  db = await financeTable();
  ledger = createLedger(db);
  api = await ledgerApi(db);
});

const at = (iso: string): WriteContext => ({ ...ctx, now: () => new Date(iso) });
const en = { 'accept-language': 'en' };
const admin = claimsFor(['admin']);

const cashReceipt = (date: string, amount: number) => ({
  date,
  memo: 'Thu khác',
  voucher: 'receipt',
  lines: [
    { account: ACCOUNT.cash, debit: amount, credit: 0 },
    { account: ACCOUNT.otherIncome, debit: 0, credit: amount },
  ],
});

describe('posting dates', () => {
  it('refuses a posting dated after today in Vietnam, or before the earliest day the books hold', async () => {
    const unitId = randomUUID();
    // 17:30 UTC on 1 July 2025 is already 00:30 on 2 July in Vietnam.
    const lateEvening = at('2025-07-01T17:30:00.000Z');
    expect((await ledger.post(receipt(unitId, '2025-07-02', 1_000), lateEvening)).period).toBe('2025-07');

    const future = await domainError(ledger.post(receipt(unitId, '2025-07-03', 1_000), lateEvening));
    expect(future).toMatchObject({ kind: 'unprocessable', code: 'invalid-posting' });
    expect(future.detail.en).toContain('after today (2025-07-02, Vietnam)');
    expect(future.detail.vi).toContain('sau hôm nay');

    const early = await domainError(ledger.post(receipt(unitId, '2012-12-31', 1_000), lateEvening));
    expect(early).toMatchObject({ code: 'invalid-posting' });
    expect(early.detail.en).toContain('2013-01-01');

    // Neither opened a voucher series of its year.
    expect((await ledger.vouchers(unitId, 2012, 'receipt')).items).toEqual([]);
    expect((await ledger.vouchers(unitId, 2025, 'receipt')).items).toHaveLength(1);
  });

  it('refuses a reversal dated after today, and a requested posting dated in the future is rejected with the reason', async () => {
    const unitId = await seedUnit(db);
    const today = at('2025-07-10T03:00:00.000Z');
    const original = await ledger.post(receipt(unitId, '2025-07-01', 5_000), today);
    const reversal = await domainError(ledger.reverse(unitId, original.id, { date: '2030-01-01' }, today));
    expect(reversal).toMatchObject({ code: 'invalid-posting' });

    const answer = await answerPostingRequest(
      buildFinanceDeps(db),
      {
        producer: 'welfare',
        data: {
          requestId: `case-${randomUUID()}`,
          unitId,
          date: '2030-01-01',
          memo: 'Trợ cấp',
          voucher: 'payment',
          lines: [
            { account: ACCOUNT.welfare, debit: 1_000, credit: 0 },
            { account: ACCOUNT.cash, debit: 0, credit: 1_000 },
          ],
          source: { kind: 'support-case-disbursement', id: 'case-1' },
        },
      },
      today,
    );
    expect(answer).toEqual({ outcome: 'rejected', code: 'invalid-posting' });
  });
});

describe('locking a month (khóa sổ)', () => {
  it('lets an accountant lock an ended month; postings and reversals dated in it, or before it, are refused naming the period', async () => {
    const unit = await seedUnit(db);
    const base = `/v1/finance/units/${unit}`;
    const june = await api({
      method: 'POST',
      path: `${base}/ledger/postings`,
      body: cashReceipt('2025-06-10', 800_000),
    });
    expect(june.status, JSON.stringify(june.body)).toBe(201);

    const locked = await api({
      method: 'POST',
      path: `${base}/periods/2025-06/lock`,
      body: { note: 'Khóa sổ tháng 6' },
    });
    expect(locked.status, JSON.stringify(locked.body)).toBe(200);
    expect(locked.body).toMatchObject({ unitId: unit, year: 2025, lockedThrough: '2025-06' });
    expect(locked.body.months.find((m: { month: string }) => m.month === '2025-06')).toEqual({
      month: '2025-06',
      state: 'locked',
    });
    expect(locked.body.months.find((m: { month: string }) => m.month === '2025-07').state).toBe('open');

    for (const date of ['2025-06-30', '2025-05-02']) {
      const refused = await api({
        method: 'POST',
        path: `${base}/ledger/postings`,
        body: cashReceipt(date, 1_000),
        headers: en,
      });
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.code).toBe('period-locked');
      expect(refused.body.detail).toContain(date.slice(0, 7));
      expect(refused.body.detail).toContain('locked through 2025-06');
    }
    const reverseInJune = await api({
      method: 'POST',
      path: `${base}/ledger/postings/${june.body.id}/reverse`,
      body: { date: '2025-06-30' },
      headers: en,
    });
    expect(reverseInJune.status).toBe(422);
    expect(reverseInJune.body.code).toBe('period-locked');

    // July is open: a correction of June is a reversal dated in July.
    const reverseInJuly = await api({
      method: 'POST',
      path: `${base}/ledger/postings/${june.body.id}/reverse`,
      body: { date: '2025-07-01' },
    });
    expect(reverseInJuly.status, JSON.stringify(reverseInJuly.body)).toBe(201);
    const balances = await api({ path: `${base}/ledger/balances` });
    expect(balances.body.books).toEqual({ closed: false, closedAt: null, lockedThrough: '2025-06' });

    // Another service's request into the locked month is rejected with the reason, not retried.
    const requested = await answerPostingRequest(
      buildFinanceDeps(db),
      {
        producer: 'emulation',
        data: {
          requestId: `award-${randomUUID()}`,
          unitId: unit,
          date: '2025-06-20',
          memo: 'Chi khen thưởng',
          lines: [
            { account: ACCOUNT.awards, debit: 1_000, credit: 0 },
            { account: ACCOUNT.cash, debit: 0, credit: 1_000 },
          ],
          source: { kind: 'award', id: 'a-1' },
        },
      },
      ctx,
    );
    expect(requested).toEqual({ outcome: 'rejected', code: 'period-locked' });
  });

  it('refuses to lock a month not yet ended, or one already locked; a reader may not lock', async () => {
    const unit = await seedUnit(db);
    const base = `/v1/finance/units/${unit}`;
    const current = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
    const notEnded = await api({ method: 'POST', path: `${base}/periods/${current}/lock`, body: {}, headers: en });
    expect(notEnded.status).toBe(422);
    expect(notEnded.body.code).toBe('period-not-ended');

    expect((await api({ method: 'POST', path: `${base}/periods/2025-03/lock`, body: {} })).status).toBe(200);
    const again = await api({ method: 'POST', path: `${base}/periods/2025-02/lock`, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('period-already-locked');
    const officer = await api({
      method: 'POST',
      path: `${base}/periods/2025-04/lock`,
      body: {},
      claims: claimsFor(['officer']),
    });
    expect(officer.status).toBe(403);
  });

  it('lets only an admin reopen a month, with a reason, audited and announced; postings then go through', async () => {
    const unit = await seedUnit(db);
    const base = `/v1/finance/units/${unit}`;
    expect((await api({ method: 'POST', path: `${base}/periods/2025-08/lock`, body: {} })).status).toBe(200);

    const byAccountant = await api({
      method: 'POST',
      path: `${base}/periods/2025-07/reopen`,
      body: { reason: 'Sửa bút toán thu sai tháng 7' },
    });
    expect(byAccountant.status).toBe(403);
    const noReason = await api({ method: 'POST', path: `${base}/periods/2025-07/reopen`, body: {}, claims: admin });
    expect(noReason.status).toBe(400);

    const reopened = await api({
      method: 'POST',
      path: `${base}/periods/2025-07/reopen`,
      body: { reason: 'Sửa bút toán thu sai tháng 7' },
      claims: admin,
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body.lockedThrough).toBe('2025-06');
    expect(reopened.body.history).toEqual([
      expect.objectContaining({
        month: '2025-08',
        action: 'lock',
        lockedThrough: '2025-08',
        previousLockedThrough: null,
      }),
      expect.objectContaining({
        month: '2025-07',
        action: 'reopen',
        lockedThrough: '2025-06',
        previousLockedThrough: '2025-08',
        reason: 'Sửa bút toán thu sai tháng 7',
      }),
    ]);
    const notLocked = await api({
      method: 'POST',
      path: `${base}/periods/2025-07/reopen`,
      body: { reason: 'Mở lại lần nữa' },
      claims: admin,
    });
    expect(notLocked.status).toBe(409);
    expect(notLocked.body.code).toBe('period-not-locked');

    const july = await api({ method: 'POST', path: `${base}/ledger/postings`, body: cashReceipt('2025-07-15', 2_000) });
    expect(july.status, JSON.stringify(july.body)).toBe(201);
    const june = await api({ method: 'POST', path: `${base}/ledger/postings`, body: cashReceipt('2025-06-15', 2_000) });
    expect(june.status).toBe(422);

    const events = (await outboxItems(db)).filter(
      (e) => e.detailType === 'AccountingPeriodReopened' && String(e.detail).includes(unit),
    );
    expect(events).toHaveLength(1);
    const detail = JSON.parse(String(events[0]!.detail));
    expect(detail.data).toEqual({
      unitId: unit,
      month: '2025-07',
      lockedThrough: '2025-06',
      previousLockedThrough: '2025-08',
    });
    expect(detail.metadata.actor.roles).toEqual(['admin']);
    const audits = (await partition(db, `AUDIT#books#${unit}`)).map((a) => a.action);
    expect(audits).toEqual(expect.arrayContaining(['lock-period', 'reopen-period']));

    const listed = await api({ path: `${base}/periods`, query: { year: '2025' }, claims: claimsFor(['inspector']) });
    expect(listed.status).toBe(200);
    expect(listed.body.months).toHaveLength(12);
    expect(listed.body.months.filter((m: { state: string }) => m.state === 'locked')).toHaveLength(6);
  });
});

describe('a published year whose months are locked', () => {
  it('keeps its disclosure: a backdated posting into it is refused, one in the open year after changes nothing in it', async () => {
    const upper = await seedProfile(db, { level: 'upper' });
    const cdcs = (await seedProfile(db, { parentId: upper.id })).id;
    await ledger.post(receipt(cdcs, '2025-02-10', 3_000_000), ctx);
    await ledger.post(payment(cdcs, '2025-05-20', 1_200_000, ACCOUNT.welfare), ctx);
    await ledger.post(receipt(cdcs, '2025-12-20', 500_000), ctx);
    const whole = { unitId: null, roles: ['accountant' as const] };
    const now = new Date('2026-02-01T03:00:00.000Z');

    const lock = await api({ method: 'POST', path: `/v1/finance/units/${cdcs}/periods/2025-12/lock`, body: {} });
    expect(lock.status, JSON.stringify(lock.body)).toBe(200);
    const published = await disclosure(buildFinanceDeps(db), whole, cdcs, 2025, now);

    const backdated = await domainError(ledger.post(payment(cdcs, '2025-03-01', 100_000, ACCOUNT.awards), ctx));
    expect(backdated).toMatchObject({ kind: 'unprocessable', code: 'period-locked' });
    await ledger.post(payment(cdcs, '2026-01-15', 400_000, ACCOUNT.activities), ctx);
    await ledger.post(receipt(cdcs, '2026-01-20', 50_000), ctx);

    const again = await disclosure(buildFinanceDeps(db), whole, cdcs, 2025, now);
    expect(again).toEqual(published);
    expect(again.balances.closing.cash).toBe(2_300_000);
  });
});
