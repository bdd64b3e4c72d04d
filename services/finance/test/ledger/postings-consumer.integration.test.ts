import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { commit, type Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { postingRequestKey } from '../../src/adapters/ledger-keys.ts';
import { createLedger, type LedgerStore as Ledger } from '../../src/adapters/ledger-store.ts';
import { ACCOUNT } from '../../src/domain/ledger/chart.ts';
import { outboxItems } from '../support/dynamo.ts';
import { balanceOf } from '../support/ledger.ts';
import { financeTable } from '../support/tables.ts';
import { ctx, postingRequest, receipt, seedUnit } from './support.ts';

let db: Db;
let ledger: Ledger;
let onPostingRequested: typeof import('../../src/handlers/postings.ts').onPostingRequested;

beforeAll(async () => {
  db = await financeTable();
  ledger = createLedger(db);
  ({ onPostingRequested } = await import('../../src/handlers/postings.ts'));
});

/** The outbox events about one request (a test-only Scan of the test's own table). */
async function answers(requestId: string) {
  return (await outboxItems(db))
    .map((i) => ({
      detailType: i.detailType as string,
      source: i.source as string,
      detail: JSON.parse(i.detail as string),
    }))
    .filter((e) => e.detail.data.requestId === requestId);
}

/** A welfare disbursement paid in cash: Nợ 6112 / Có 111. */
const disbursement = (unitId: string, requestId: string, amount = 2_000_000) => ({
  requestId,
  unitId,
  date: '2025-06-15',
  memo: 'Trợ cấp khó khăn đoàn viên Nguyễn Thị Lan',
  voucher: 'payment',
  lines: [
    { account: ACCOUNT.welfare, debit: amount, credit: 0 },
    { account: ACCOUNT.cash, debit: 0, credit: amount },
  ],
  source: { kind: 'support-case-disbursement', id: `case-${requestId}` },
});

const cashOf = (unitId: string) => balanceOf(ledger, unitId, ACCOUNT.cash);

/** A unit with cash in hand: money is never paid out of an empty 111. */
async function unitWithCash(amount: number): Promise<string> {
  const unitId = await seedUnit(db);
  await ledger.post(receipt(unitId, '2025-06-01', amount), ctx);
  return unitId;
}

describe('LedgerPostingRequested consumer', () => {
  it('posts a request once however often it is delivered, and answers LedgerPosted once', async () => {
    const unitId = await unitWithCash(3_000_000);
    const requestId = randomUUID();
    const event = postingRequest('congdoan.welfare', disbursement(unitId, requestId));

    expect(await onPostingRequested(event)).toBe('posted');
    expect(await onPostingRequested(event)).toBe('duplicate');
    // The same request in a new event (the producer retried): still once.
    expect(await onPostingRequested(postingRequest('congdoan.welfare', disbursement(unitId, requestId)))).toBe(
      'duplicate',
    );

    expect(await cashOf(unitId)).toBe(1_000_000);
    const posting = await ledger.get(unitId, `welfare:${requestId}`);
    expect(posting).toMatchObject({
      voucherNumber: 'PC-2025-000001',
      source: { service: 'welfare', kind: 'support-case-disbursement', id: `case-${requestId}` },
    });
    const events = await answers(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      source: 'congdoan.finance',
      detailType: 'LedgerPosted',
      detail: {
        data: {
          producer: 'welfare',
          requestId,
          unitId,
          postingId: `welfare:${requestId}`,
          amount: 2_000_000,
          voucherNumber: 'PC-2025-000001',
        },
      },
    });
  });

  it('posts once when the same request arrives concurrently', async () => {
    const unitId = await unitWithCash(2_000_000);
    const requestId = randomUUID();
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        onPostingRequested(postingRequest('congdoan.emulation', disbursement(unitId, requestId, 500_000))),
      ),
    );
    expect(outcomes.filter((o) => o === 'posted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(4);
    expect(await cashOf(unitId)).toBe(1_500_000);
    expect((await answers(requestId)).map((e) => e.detailType)).toEqual(['LedgerPosted']);
  });

  it('rejects a request that would take cash below zero, naming the balance, and posts nothing', async () => {
    const unitId = await unitWithCash(1_500_000);
    const requestId = randomUUID();
    expect(await onPostingRequested(postingRequest('congdoan.welfare', disbursement(unitId, requestId)))).toBe(
      'rejected',
    );
    expect(await cashOf(unitId)).toBe(1_500_000);
    const [answer] = await answers(requestId);
    expect(answer).toMatchObject({
      detailType: 'LedgerPostingRejected',
      detail: { data: { reason: { code: 'money-balance-negative' } } },
    });
    expect(answer!.detail.data.reason.en).toContain('1,500,000');
  });

  it('rejects an unbalanced request with LedgerPostingRejected, records it, posts nothing and does not throw again', async () => {
    const unitId = await seedUnit(db);
    const requestId = randomUUID();
    const data = disbursement(unitId, requestId);
    data.lines[1] = { account: ACCOUNT.cash, debit: 0, credit: 1_999_999 };
    const event = postingRequest('congdoan.welfare', data);

    expect(await onPostingRequested(event)).toBe('rejected');
    expect(await onPostingRequested(event)).toBe('duplicate');
    expect(await cashOf(unitId)).toBe(0);
    const events = await answers(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      detailType: 'LedgerPostingRejected',
      detail: { data: { producer: 'welfare', requestId, unitId, reason: { code: 'invalid-posting' } } },
    });
    expect(events[0]!.detail.data.reason.en).toContain(
      'Total debits (2,000,000 đồng) differ from total credits (1,999,999 đồng)',
    );
    expect(events[0]!.detail.data.reason.vi).toContain('Tổng Nợ');
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: postingRequestKey('welfare', requestId), ConsistentRead: true }),
    );
    expect(Item).toMatchObject({ status: 'rejected', reason: { code: 'invalid-posting' } });
  });

  it('rejects a malformed request, an unknown unit and a unit whose books are closed', async () => {
    const unitId = await seedUnit(db);

    const malformed = randomUUID();
    const data = { ...disbursement(unitId, malformed), lines: [{ account: '111', debit: 1.5, credit: 0 }] };
    expect(await onPostingRequested(postingRequest('congdoan.inspection', data))).toBe('rejected');
    expect((await answers(malformed))[0]!.detail.data.reason.code).toBe('invalid-request');

    const unknown = randomUUID();
    expect(await onPostingRequested(postingRequest('congdoan.welfare', disbursement(randomUUID(), unknown)))).toBe(
      'rejected',
    );
    expect((await answers(unknown))[0]!.detail.data.reason.code).toBe('unknown-unit');

    const closed = await seedUnit(db);
    await commit(db, { items: [ledger.closeBooksItem(closed, '2025-07-01T00:00:00.000Z')] }, ctx);
    const late = randomUUID();
    expect(await onPostingRequested(postingRequest('congdoan.welfare', disbursement(closed, late)))).toBe('rejected');
    expect((await answers(late))[0]!.detail.data.reason.code).toBe('books-closed');
  });

  it('posts a welfare fund’s movements to the fund accounts: drive receipts, a budget allocation, savings deposits, a loan and its repayment, a grant', async () => {
    const unitId = await seedUnit(db);
    const line = (account: string, debit: number, credit: number) => ({ account, debit, credit });
    const movement = (kind: string, voucher: 'receipt' | 'payment' | undefined, lines: ReturnType<typeof line>[]) => {
      const requestId = randomUUID();
      return {
        requestId,
        event: postingRequest('congdoan.welfare', {
          requestId,
          unitId,
          date: '2025-06-20',
          memo: `Quỹ: ${kind}`,
          ...(voucher ? { voucher } : {}),
          lines,
          source: { kind, id: requestId },
        }),
      };
    };
    const movements = [
      // A drive's receipt into "Mái ấm Công đoàn" (seed 001's gift), by bank.
      movement('drive-receipt', 'receipt', [line(ACCOUNT.bank, 420_000, 0), line(ACCOUNT.housingFund, 0, 420_000)]),
      // The unit's budget allocates to its hardship fund: spending on welfare, no money moves.
      movement('budget-allocation', undefined, [
        line(ACCOUNT.welfare, 3_000_000, 0),
        line(ACCOUNT.hardshipFund, 0, 3_000_000),
      ]),
      // Two members deposit in the women's savings fund, one lends 1,500,000 and 500,000 comes back.
      movement('savings-deposit', 'receipt', [
        line(ACCOUNT.cash, 2_000_000, 0),
        line(ACCOUNT.savingsFund, 0, 2_000_000),
      ]),
      movement('savings-loan', 'payment', [
        line(ACCOUNT.savingsFundLoans, 1_500_000, 0),
        line(ACCOUNT.cash, 0, 1_500_000),
      ]),
      movement('savings-repayment', 'receipt', [
        line(ACCOUNT.cash, 500_000, 0),
        line(ACCOUNT.savingsFundLoans, 0, 500_000),
      ]),
      // A housing grant paid out of the fund, by bank.
      movement('support-case-disbursement', 'payment', [
        line(ACCOUNT.housingFund, 400_000, 0),
        line(ACCOUNT.bank, 0, 400_000),
      ]),
    ];
    for (const m of movements) expect(await onPostingRequested(m.event)).toBe('posted');

    const balance = (account: string) => balanceOf(ledger, unitId, account);
    expect(await balance(ACCOUNT.housingFund)).toBe(-20_000);
    expect(await balance(ACCOUNT.hardshipFund)).toBe(-3_000_000);
    expect(await balance(ACCOUNT.savingsFund)).toBe(-2_000_000);
    expect(await balance(ACCOUNT.savingsFundLoans)).toBe(1_000_000);
    expect(await balance(ACCOUNT.welfare)).toBe(3_000_000);
    expect(await balance(ACCOUNT.cash)).toBe(1_000_000);
    expect(await balance(ACCOUNT.bank)).toBe(20_000);
    for (const m of movements) {
      expect((await answers(m.requestId)).map((e) => e.detailType)).toEqual(['LedgerPosted']);
    }
  });

  it('throws (to be dead-lettered) only when there is no request id to answer', async () => {
    const unitId = await seedUnit(db);
    const { requestId: _r, ...noId } = disbursement(unitId, 'x');
    await expect(onPostingRequested(postingRequest('congdoan.welfare', noId))).rejects.toThrow(/requestId/);
    await expect(
      onPostingRequested({ ...postingRequest('congdoan.membership', disbursement(unitId, 'y')) }),
    ).rejects.toThrow(/unexpected event/);
  });
});
