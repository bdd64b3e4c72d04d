import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { commit, type Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { sized } from '../../../../test/support/scale.ts';
import { balanceKey, ledgerPk } from '../../src/adapters/ledger-keys.ts';
import {
  createLedger,
  isDuplicatePosting,
  type LedgerStore as Ledger,
  withLedgerRetry,
} from '../../src/adapters/ledger-store.ts';
import { ACCOUNT } from '../../src/domain/ledger/chart.ts';
import { reversalId } from '../../src/domain/ledger/posting.ts';
import { partition } from '../support/dynamo.ts';
import { domainError } from '../support/errors.ts';
import { heldAt } from '../support/held.ts';
import { balanceOf } from '../support/ledger.ts';
import { financeTable } from '../support/tables.ts';
import { ctx, payment, receipt } from './support.ts';

let db: Db;
let ledger: Ledger;

beforeAll(async () => {
  db = await financeTable();
  ledger = createLedger(db);
});

const ledgerItems = (unitId: string) => partition(db, ledgerPk(unitId));

/** The table, with every read of the item sorted `sk` held until `release()`; `atRead` settles when one is. */
const heldAtRead = (sk: string) =>
  heldAt(db, (command) => command instanceof GetCommand && command.input.Key?.sk === sk);

describe('posting', () => {
  it('records the posting, its voucher, balances and the period’s movements', async () => {
    const unitId = randomUUID();
    const posting = await ledger.post(receipt(unitId, '2025-03-10', 250_000), ctx);
    expect(posting).toMatchObject({ period: '2025-03', voucherNumber: 'PT-2025-000001', createdBy: ctx.actor.id });
    expect(await ledger.get(unitId, posting.id)).toEqual({ ...posting, reversedBy: null });
    expect(await ledger.balances(unitId)).toEqual(
      expect.arrayContaining([
        { account: '111', debit: 250_000, credit: 0, balance: 250_000 },
        { account: '5111', debit: 0, credit: 250_000, balance: -250_000 },
      ]),
    );
    expect(await ledger.movements(unitId, '2025-03')).toHaveLength(2);
    expect(await ledger.movements(unitId, '2025-04')).toHaveLength(0);
    const vouchers = await ledger.vouchers(unitId, 2025, 'receipt');
    expect(vouchers.items).toEqual([
      expect.objectContaining({ number: 'PT-2025-000001', kind: 'receipt', postingId: posting.id, amount: 250_000 }),
    ]);
  });

  it('refuses an unbalanced or invalid posting and writes nothing', async () => {
    const unitId = randomUUID();
    const bad = receipt(unitId, '2025-03-10', 1_000);
    bad.lines = [bad.lines[0]!, { account: ACCOUNT.duesIncome, debit: 0, credit: 999 }];
    const unbalanced = await domainError(ledger.post(bad, ctx));
    expect(unbalanced).toMatchObject({ kind: 'unprocessable', code: 'invalid-posting' });
    expect(unbalanced.detail.en).toContain('Total debits (1,000 đồng) differ from total credits (999 đồng)');

    const unknown = receipt(unitId, '2025-03-10', 1_000);
    unknown.lines = [unknown.lines[0]!, { account: '5119', debit: 0, credit: 1_000 }];
    expect(await domainError(ledger.post(unknown, ctx))).toMatchObject({ code: 'invalid-posting' });
    expect(await ledgerItems(unitId)).toEqual([]);
  });

  it('refuses a second posting with the same id, leaving balances and voucher numbers alone', async () => {
    const unitId = randomUUID();
    const first = await ledger.post(receipt(unitId, '2025-03-10', 1_000, 'dues-1'), ctx);
    const again = await domainError(ledger.post(receipt(unitId, '2025-03-11', 1_000, 'dues-1'), ctx));
    expect(again).toMatchObject({ kind: 'conflict', code: 'duplicate-posting' });
    expect(isDuplicatePosting(again)).toBe(true);
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(1_000);
    const next = await ledger.post(receipt(unitId, '2025-03-12', 1_000), ctx);
    expect([first.voucherNumber, next.voucherNumber]).toEqual(['PT-2025-000001', 'PT-2025-000002']);
  });

  it('restarts voucher numbers each year and keeps receipts and payments apart', async () => {
    const unitId = randomUUID();
    const numbers = [];
    for (const input of [
      receipt(unitId, '2025-12-30', 10_000),
      receipt(unitId, '2025-12-31', 10_000),
      payment(unitId, '2025-12-31', 5_000),
      receipt(unitId, '2026-01-02', 10_000),
      payment(unitId, '2026-01-02', 5_000),
      receipt(unitId, '2025-12-31', 1),
    ]) {
      numbers.push((await ledger.post(input, ctx)).voucherNumber);
    }
    expect(numbers).toEqual([
      'PT-2025-000001',
      'PT-2025-000002',
      'PC-2025-000001',
      'PT-2026-000001',
      'PC-2026-000001',
      'PT-2025-000003',
    ]);
    expect((await ledger.vouchers(unitId, 2026, 'payment')).items.map((v) => v.number)).toEqual(['PC-2026-000001']);
  });
});

describe('reversal', () => {
  it('posts the swapped lines once; a second reversal is 409, reversing a reversal 422', async () => {
    const unitId = randomUUID();
    await ledger.post(receipt(unitId, '2025-05-01', 300_000), ctx);
    const original = await ledger.post(payment(unitId, '2025-05-05', 300_000, ACCOUNT.welfare), ctx);
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(0);
    const reversal = await ledger.reverse(unitId, original.id, { date: '2025-05-20' }, ctx);
    expect(reversal).toMatchObject({ id: reversalId(original.id), reverses: original.id, voucherNumber: null });
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(300_000);
    expect(await balanceOf(ledger, unitId, ACCOUNT.welfare)).toBe(0);
    expect((await ledger.get(unitId, original.id))?.reversedBy).toBe(reversal.id);
    expect((await ledger.vouchers(unitId, 2025, 'payment')).items[0]).toMatchObject({
      number: 'PC-2025-000001',
      reversedBy: reversal.id,
    });

    const second = await domainError(ledger.reverse(unitId, original.id, { date: '2025-05-21' }, ctx));
    expect(second).toMatchObject({ kind: 'conflict', code: 'already-reversed' });
    const ofReversal = await domainError(ledger.reverse(unitId, reversal.id, { date: '2025-05-21' }, ctx));
    expect(ofReversal).toMatchObject({ kind: 'unprocessable', code: 'reversal-of-reversal' });
    expect(await domainError(ledger.reverse(unitId, 'nope', { date: '2025-05-21' }, ctx))).toMatchObject({
      kind: 'not-found',
    });
    expect(await balanceOf(ledger, unitId, ACCOUNT.welfare)).toBe(0);
  });

  it('lets only one of two concurrent reversals through', async () => {
    const unitId = randomUUID();
    const original = await ledger.post(receipt(unitId, '2025-05-05', 7_000), ctx);
    const results = await Promise.allSettled([
      ledger.reverse(unitId, original.id, { date: '2025-05-06' }, ctx),
      ledger.reverse(unitId, original.id, { date: '2025-05-07' }, ctx),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'already-reversed' });
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(0);
  });

  it('answers duplicate-posting when the same posting lands between its reads, not that the cash is gone', async () => {
    const unitId = randomUUID();
    await ledger.post(receipt(unitId, '2025-05-05', 7_000), ctx);
    const pay = payment(unitId, '2025-05-06', 7_000);
    const { held, atRead, release } = heldAtRead(balanceKey(unitId, ACCOUNT.cash).sk);
    const second = domainError(createLedger(held).post(pay, ctx));
    await atRead;
    await ledger.post(pay, ctx);
    release();
    expect(await second).toMatchObject({ kind: 'conflict', code: 'duplicate-posting' });
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(0);
  });

  it('answers already-reversed when the other reversal lands between its reads, not that the cash is gone', async () => {
    const unitId = randomUUID();
    const original = await ledger.post(receipt(unitId, '2025-05-05', 7_000), ctx);
    // The second request has read the posting (not yet reversed) and waits at its read of the cash balance
    // while the first reversal commits: the cash it would take back is gone, because the posting is reversed.
    const { held, atRead, release } = heldAtRead(balanceKey(unitId, ACCOUNT.cash).sk);
    const second = domainError(createLedger(held).reverse(unitId, original.id, { date: '2025-05-07' }, ctx));
    await atRead;
    await ledger.reverse(unitId, original.id, { date: '2025-05-06' }, ctx);
    release();
    expect(await second).toMatchObject({ kind: 'conflict', code: 'already-reversed' });
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(0);
  });
});

/**
 * Receipts in the race for one unit's voucher counter: `VOUCHER_RACE_RECEIPTS` (TEST_SCALE=ci:
 * 20, deep: 50). At either size every writer of the ten-process race takes at least two
 * numbers, so each one loses the counter to another process and retries (docs/testing.md).
 */
const RECEIPTS = sized('VOUCHER_RACE_RECEIPTS', { ci: 20, deep: 50 });

describe('vouchers under concurrency', () => {
  async function concurrentReceipts(instances: number) {
    const unitId = randomUUID();
    const ledgers = Array.from({ length: instances }, () => createLedger(db));
    const started = Date.now();
    const postings = await Promise.all(
      Array.from({ length: RECEIPTS }, (_, i) =>
        ledgers[i % instances]!.post(receipt(unitId, '2025-03-10', 12_345), ctx),
      ),
    );
    const elapsed = Date.now() - started;
    const numbers = postings.map((p) => p.voucherNumber).sort();
    expect(numbers).toEqual(Array.from({ length: RECEIPTS }, (_, i) => `PT-2025-${String(i + 1).padStart(6, '0')}`));
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(RECEIPTS * 12_345);
    const page = await ledger.vouchers(unitId, 2025, 'receipt', { limit: 100 });
    expect(page.items.map((v) => v.number)).toEqual(numbers);
    expect(page.items.map((v) => v.postingId).sort()).toEqual(postings.map((p) => p.id).sort());
    console.info(`${RECEIPTS} concurrent receipts on one unit through ${instances} ledger instance(s): ${elapsed} ms`);
  }

  it(`gives ${RECEIPTS} concurrent receipts on one unit PT-YYYY-000001..${String(RECEIPTS).padStart(6, '0')}, no gap, no duplicate`, async () => {
    await concurrentReceipts(1);
  }, 120_000);

  it('does so too when they come from 10 processes at once, ordered only by the counter’s condition', async () => {
    // Each ledger instance stands for a Lambda instance: its in-process queue does not reach the others.
    await concurrentReceipts(10);
  }, 240_000);
});

describe('prepare inside another use case’s transaction', () => {
  it('commits the posting with the caller’s own items, or neither', async () => {
    const unitId = randomUUID();
    const collectionKey = { pk: `TEST#${unitId}`, sk: 'COLLECTION' };
    const posting = await withLedgerRetry(async () => {
      const prepared = await ledger.prepare(receipt(unitId, '2025-06-01', 40_000), ctx);
      await commit(
        db,
        {
          items: [
            {
              Put: {
                Item: { ...collectionKey, kind: 'test', amount: 40_000 },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...prepared.items,
          ],
        },
        ctx,
      );
      return prepared.posting;
    });
    expect(posting.voucherNumber).toBe('PT-2025-000001');

    // The caller's own condition fails: the posting, its balance and its voucher number are not taken.
    const refused = ledger.prepare(receipt(unitId, '2025-06-02', 40_000), ctx).then((prepared) =>
      commit(
        db,
        {
          items: [
            { Put: { Item: { ...collectionKey, kind: 'test' }, ConditionExpression: 'attribute_not_exists(pk)' } },
            ...prepared.items,
          ],
        },
        ctx,
      ),
    );
    await expect(refused).rejects.toThrow(/condition/);
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(40_000);
    expect((await ledger.post(receipt(unitId, '2025-06-03', 1), ctx)).voucherNumber).toBe('PT-2025-000002');
  });
});

describe('closed books', () => {
  it('refuses every posting and reversal once closed; the closing posting goes through', async () => {
    const unitId = randomUUID();
    const kept = await ledger.post(receipt(unitId, '2025-06-01', 90_000), ctx);
    expect(await ledger.booksState(unitId)).toEqual({ closed: false, closedAt: null, lockedThrough: null });

    // The settlement posting itself closes the books.
    const closedAt = '2025-06-30T10:00:00.000Z';
    await withLedgerRetry(async () => {
      const { items } = await ledger.prepare(
        {
          id: 'settle',
          unitId,
          date: '2025-06-30',
          memo: 'Quyết toán khi giải thể',
          lines: [
            { account: ACCOUNT.duesIncome, debit: 90_000, credit: 0 },
            { account: ACCOUNT.cash, debit: 0, credit: 90_000 },
          ],
          source: { service: 'finance', kind: 'test', id: 'settle' },
        },
        ctx,
        { closeBooksAt: closedAt },
      );
      await commit(db, { items }, ctx);
    });
    expect(await ledger.booksState(unitId)).toEqual({ closed: true, closedAt, lockedThrough: null });

    expect(await domainError(ledger.post(receipt(unitId, '2025-07-01', 1), ctx))).toMatchObject({
      kind: 'conflict',
      code: 'books-closed',
    });
    expect(await domainError(ledger.reverse(unitId, kept.id, { date: '2025-07-01' }, ctx))).toMatchObject({
      code: 'books-closed',
    });
    await expect(commit(db, { items: [ledger.closeBooksItem(unitId, closedAt)] }, ctx)).rejects.toThrow(/condition/);
    expect(await balanceOf(ledger, unitId, ACCOUNT.cash)).toBe(0);
  });
});

describe('ledger check for the monthly reconciliation', () => {
  it('finds the books consistent, then finds a balance that drifted from its postings', async () => {
    const unitId = randomUUID();
    await ledger.post(receipt(unitId, '2025-02-10', 100_000), ctx);
    await ledger.post(receipt(unitId, '2025-03-10', 50_000), ctx);
    const spent = await ledger.post(payment(unitId, '2025-03-15', 30_000), ctx);
    await ledger.reverse(unitId, spent.id, { date: '2025-04-01' }, ctx);

    const check = await ledger.ledgerCheck(unitId, '2025-03');
    expect(check.consistent).toBe(true);
    expect(check.postings).toBe(2);
    expect(check.trialBalance).toEqual({ debit: 150_000, credit: 150_000 });
    expect(check.accounts.find((a) => a.account === ACCOUNT.cash)).toMatchObject({
      balance: 150_000,
      sumOfPostings: 150_000,
      monthMovement: 20_000,
      monthPostings: 20_000,
    });

    // Tamper with the stored balance behind the ledger's back.
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: balanceKey(unitId, ACCOUNT.cash),
        UpdateExpression: 'ADD balance :x',
        ExpressionAttributeValues: { ':x': 1 },
      }),
    );
    const drifted = await ledger.ledgerCheck(unitId, '2025-03');
    expect(drifted.consistent).toBe(false);
    expect(drifted.accounts.find((a) => a.account === ACCOUNT.cash)).toMatchObject({
      balance: 150_001,
      sumOfPostings: 150_000,
    });
    expect(drifted.trialBalance).toEqual({ debit: 150_001, credit: 150_000 });
  });
});
