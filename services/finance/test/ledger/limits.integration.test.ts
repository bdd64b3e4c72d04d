import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { postingLineSchema } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { booksKey } from '../../src/adapters/ledger-keys.ts';
import { createLedger, type LedgerStore as Ledger } from '../../src/adapters/ledger-store.ts';
import { ACCOUNT } from '../../src/domain/ledger/chart.ts';
import { MAX_LINE_AMOUNT } from '../../src/domain/ledger/posting.ts';
import type { PostingInput } from '../../src/domain/ledger/types.ts';
import { domainError } from '../support/errors.ts';
import { balanceOf } from '../support/ledger.ts';
import { financeTable } from '../support/tables.ts';
import { ctx, payment, receipt } from './support.ts';

/**
 * What the books may hold (docs/finance-ledger.md, "Limits"): a line is at most
 * 10^13 đồng; no balance, turnover or total leaves JavaScript's safe integers;
 * cash (111) and bank (112) never go below zero, under concurrency too.
 */

let db: Db;
let ledger: Ledger;

beforeAll(async () => {
  db = await financeTable();
  ledger = createLedger(db);
});

/** Nợ 1361 / Có 5118: no money moves, so only the amount limits apply. */
const big = (unitId: string, date: string, amount: number): PostingInput => {
  const id = randomUUID();
  return {
    id,
    unitId,
    date,
    memo: 'Phải thu lớn',
    lines: [
      { account: ACCOUNT.allocationReceivable, debit: amount, credit: 0 },
      { account: ACCOUNT.otherIncome, debit: 0, credit: amount },
    ],
    source: { service: 'finance', kind: 'test', id },
  };
};

describe('amounts beyond 2^53', () => {
  it('states a line’s ceiling of 10^13 đồng in the schema and in the posting rules', async () => {
    expect(MAX_LINE_AMOUNT).toBe(10_000_000_000_000);
    const line = (debit: number) => postingLineSchema.safeParse({ account: '111', debit, credit: 0 }).success;
    expect(line(10_000_000_000_000)).toBe(true);
    expect(line(10_000_000_000_001)).toBe(false);

    const unitId = randomUUID();
    const refused = await domainError(ledger.post(big(unitId, '2025-03-01', 1e15), ctx));
    expect(refused).toMatchObject({ kind: 'unprocessable', code: 'invalid-posting' });
    expect(refused.detail.en).toContain('from 0 to 10,000,000,000,000');
    expect(await ledger.balances(unitId)).toEqual([]);
  });

  it('refuses a posting that would take the books’ turnover past 2^53 − 1, in the transaction, and keeps every đồng', async () => {
    const unitId = randomUUID();
    await ledger.post(big(unitId, '2025-03-01', 1), ctx);
    // A long history: the unit's turnover (every debit it ever posted) 10 đồng short of the ceiling.
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: booksKey(unitId),
        UpdateExpression: 'SET turnover = :t',
        ExpressionAttributeValues: { ':t': Number.MAX_SAFE_INTEGER - 10 },
      }),
    );
    const refused = await domainError(ledger.post(big(unitId, '2025-03-02', 11), ctx));
    expect(refused).toMatchObject({ kind: 'unprocessable', code: 'ledger-amount-out-of-range' });
    expect(refused.detail.en).toContain('9,007,199,254,740,991');
    expect(await balanceOf(ledger, unitId, ACCOUNT.otherIncome)).toBe(-1);

    await ledger.post(big(unitId, '2025-03-03', 10), ctx);
    expect(await balanceOf(ledger, unitId, ACCOUNT.otherIncome)).toBe(-11);
    expect(await domainError(ledger.post(big(unitId, '2025-03-04', 1), ctx))).toMatchObject({
      code: 'ledger-amount-out-of-range',
    });
  });
});

describe('cash and bank never below zero', () => {
  it('refuses a payment or a reversal that would take 111 below zero, naming the balance', async () => {
    const unitId = randomUUID();
    const received = await ledger.post(receipt(unitId, '2025-05-02', 1_000_000), ctx);
    await ledger.post(payment(unitId, '2025-05-03', 300_000), ctx);

    const reversal = await domainError(ledger.reverse(unitId, received.id, { date: '2025-05-04' }, ctx));
    expect(reversal).toMatchObject({ kind: 'unprocessable', code: 'money-balance-negative' });
    expect(reversal.detail.en).toContain('111');
    expect(reversal.detail.en).toContain('700,000');
    expect(reversal.detail.vi).toContain('700.000');
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(700_000);
    expect((await ledger.get(unitId, received.id))?.reversedBy).toBeNull();

    const tooMuch = await domainError(ledger.post(payment(unitId, '2025-05-05', 700_001), ctx));
    expect(tooMuch).toMatchObject({ code: 'money-balance-negative' });
    const fromEmptyBank = await domainError(
      ledger.post(
        {
          ...payment(unitId, '2025-05-05', 1),
          lines: [
            { account: ACCOUNT.activities, debit: 1, credit: 0 },
            { account: ACCOUNT.bank, debit: 0, credit: 1 },
          ],
        },
        ctx,
      ),
    );
    expect(fromEmptyBank).toMatchObject({ code: 'money-balance-negative' });
    expect(fromEmptyBank.detail.en).toContain('112');
    // Paying out to the last đồng is fine.
    await ledger.post(payment(unitId, '2025-05-06', 700_000), ctx);
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(0);
    expect((await ledger.vouchers(unitId, 2025, 'payment')).items.map((v) => v.number)).toEqual([
      'PC-2025-000001',
      'PC-2025-000002',
    ]);
  });

  it('holds under concurrency: of six payments of 300,000 from 1,000,000 exactly three go through', async () => {
    const unitId = randomUUID();
    await ledger.post(receipt(unitId, '2025-05-02', 1_000_000), ctx);
    const ledgers = Array.from({ length: 3 }, () => createLedger(db));
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => ledgers[i % 3]!.post(payment(unitId, '2025-05-10', 300_000), ctx)),
    );
    const paid = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(paid).toHaveLength(3);
    expect(refused.map((r) => r.reason.code)).toEqual([
      'money-balance-negative',
      'money-balance-negative',
      'money-balance-negative',
    ]);
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(100_000);
    expect((await ledger.vouchers(unitId, 2025, 'payment')).items.map((v) => v.number)).toEqual([
      'PC-2025-000001',
      'PC-2025-000002',
      'PC-2025-000003',
    ]);
  }, 60_000);
});
