import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { everyItem, freshTable } from '../../../../test/support/tables.ts';
import { createFund, listMovements, recordMovement } from '../../src/app/funds.ts';
import { flagOverdueLoans, fundWithLoans, getLoan, lend, repay } from '../../src/app/loans.ts';
import { callerAt, ctxAt, depsOn, MEMBERS, outcome } from './world.ts';

/**
 * The women's savings fund on DynamoDB Local: deposits with each member's total, loans on a
 * schedule (one open per member, never beyond the balance), repayments, the overdue flag.
 */
let db: Db;
const NOW = '2026-01-20T03:00:00.000Z';

beforeAll(async () => {
  db = await freshTable('welfare');
  MEMBERS['mai-a'] = 'cdcs-a';
});

async function savingsFund(deposit: number, on: Db = db) {
  const deps = depsOn(on);
  const fund = await createFund(deps, callerAt(NOW), 'cdcs-a', { kind: 'womens-savings', name: 'Quỹ tiết kiệm nữ' });
  if (deposit > 0)
    await recordMovement(deps, callerAt(NOW), fund.id, {
      type: 'deposit',
      method: 'cash',
      amount: deposit,
      memo: 'Gửi tiết kiệm tháng 1',
      memberId: 'ha-a',
    });
  return fund;
}

async function depositedBy(fundId: string, memberId: string) {
  const out = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': `FUND#${fundId}`, ':sk': `DEPOSIT#${memberId}` },
      ConsistentRead: true,
    }),
  );
  return Number(out.Items?.[0]?.total ?? 0);
}

const loanInput = (amount: number, memberId = 'ha-a') => ({
  memberId,
  amount,
  instalments: 3,
  method: 'cash' as const,
  date: '2026-01-10',
});

describe('deposits', () => {
  it('add to the balance and to the member’s deposited total in the same transaction, posted Nợ 111 Có 3535', async () => {
    const deps = depsOn(db);
    const fund = await savingsFund(500_000);
    await Promise.all(
      Array.from({ length: 5 }, () =>
        recordMovement(depsOn(db), callerAt(NOW), fund.id, {
          type: 'deposit',
          method: 'bank',
          amount: 100_000,
          memo: 'Gửi tiết kiệm',
          memberId: 'ha-a',
        }),
      ),
    );
    expect(await depositedBy(fund.id, 'ha-a')).toBe(1_000_000);
    const read = await fundWithLoans(deps, { unitId: 'upper', now: new Date(NOW) }, fund.id);
    expect(read).toMatchObject({ balance: 1_000_000, deposited: 1_000_000, movementCount: 6 });
    expect(read.loans).toEqual({ open: 0, outstanding: 0, overdue: 0, overdueOutstanding: 0 });
  });

  it('only into a savings fund, by a member of its subtree', async () => {
    const deps = depsOn(db);
    const other = await createFund(deps, callerAt(NOW), 'cdcs-a', { kind: 'visits', name: 'Quỹ thăm hỏi' });
    const dep = { type: 'deposit' as const, method: 'cash' as const, amount: 1_000, memo: 'Gửi' };
    expect(await outcome(recordMovement(deps, callerAt(NOW), other.id, { ...dep, memberId: 'ha-a' }))).toBe(
      'unprocessable:not-a-savings-fund',
    );
    const fund = await savingsFund(0);
    expect(await outcome(recordMovement(deps, callerAt(NOW), fund.id, { ...dep, memberId: 'lan-b' }))).toBe(
      'unprocessable:member-outside-fund',
    );
  });
});

describe('loans', () => {
  it('are paid out on a schedule, posted, and repaid to closing; an overpayment is refused', async () => {
    const deps = depsOn(db);
    const fund = await savingsFund(2_000_000);
    const loan = await lend(deps, callerAt(NOW), fund.id, loanInput(1_000_000));
    expect(loan).toMatchObject({
      status: 'open',
      outstanding: 1_000_000,
      schedule: [
        { number: 1, due: '2026-02-10', amount: 333_333 },
        { number: 2, due: '2026-03-10', amount: 333_333 },
        { number: 3, due: '2026-04-10', amount: 333_334 },
      ],
      nextDue: { number: 1, due: '2026-02-10', remaining: 333_333 },
    });
    const page = await listMovements(deps, callerAt(NOW), fund.id, { limit: 10 });
    // The deposit and the loan share an instant: find the loan's movement by its type.
    expect(page.items.find((m) => m.type === 'loan')).toMatchObject({
      type: 'loan',
      amount: 1_000_000,
      memberId: 'ha-a',
      loanId: loan.id,
    });

    const later = callerAt('2026-02-05T03:00:00.000Z');
    const first = await repay(deps, later, loan.id, { amount: 500_000, method: 'cash' });
    expect(first.movement).toMatchObject({ type: 'repayment', loanId: loan.id, memberId: 'ha-a' });
    expect(first.loan).toMatchObject({ repaid: 500_000, nextDue: { number: 2, remaining: 166_666 } });
    expect(await outcome(repay(deps, later, loan.id, { amount: 500_001, method: 'cash' }))).toBe(
      'unprocessable:loan-overpayment',
    );
    const last = await repay(deps, later, loan.id, { amount: 500_000, method: 'bank' });
    expect(last.loan).toMatchObject({ status: 'closed', outstanding: 0, nextDue: null });
    expect(await outcome(repay(deps, later, loan.id, { amount: 1, method: 'cash' }))).toBe(
      'unprocessable:loan-overpayment',
    );
    expect(await fundWithLoans(deps, { unitId: null, now: new Date(NOW) }, fund.id)).toMatchObject({
      balance: 2_000_000,
      lent: 1_000_000,
      repaid: 1_000_000,
      loans: { open: 0, outstanding: 0 },
    });
    // Closed, the member may borrow again.
    expect(await outcome(lend(deps, later, fund.id, loanInput(100_000)))).toBe('ok');
  });

  it('at most one open loan per member, even for six requests at once', async () => {
    const fund = await savingsFund(5_000_000);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => outcome(lend(depsOn(db), callerAt(NOW), fund.id, loanInput(100_000)))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'conflict:loan-already-open')).toHaveLength(5);
    const read = await fundWithLoans(depsOn(db), { unitId: null, now: new Date(NOW) }, fund.id);
    expect(read).toMatchObject({ balance: 4_900_000, lent: 100_000, loans: { open: 1, outstanding: 100_000 } });
  });

  it('never take the balance below zero under concurrency', async () => {
    const fund = await savingsFund(250_000);
    const borrowers = Array.from({ length: 8 }, (_, i) => `b${i}`);
    for (const b of borrowers) MEMBERS[b] = 'cdcs-a';
    const results = await Promise.all(
      borrowers.map((b) => outcome(lend(depsOn(db), callerAt(NOW), fund.id, loanInput(100_000, b)))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(2);
    expect(results.filter((r) => r === 'conflict:fund-balance-insufficient')).toHaveLength(6);
    const read = await fundWithLoans(depsOn(db), { unitId: null, now: new Date(NOW) }, fund.id);
    expect(read).toMatchObject({ balance: 50_000, loans: { open: 2, outstanding: 200_000 } });
  });

  it('concurrent repayments each count once, and never past the amount', async () => {
    const fund = await savingsFund(1_000_000);
    const loan = await lend(depsOn(db), callerAt(NOW), fund.id, loanInput(300_000));
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        outcome(repay(depsOn(db), callerAt(NOW), loan.id, { amount: 100_000, method: 'cash' })),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r === 'unprocessable:loan-overpayment')).toHaveLength(1);
    expect(await getLoan(depsOn(db), { unitId: null, now: new Date(NOW) }, loan.id)).toMatchObject({
      repaid: 300_000,
      status: 'closed',
    });
  });

  it('is refused to a member outside the fund’s subtree, and unseen outside the caller’s', async () => {
    const fund = await savingsFund(1_000_000);
    expect(await outcome(lend(depsOn(db), callerAt(NOW), fund.id, loanInput(1_000, 'lan-b')))).toBe(
      'unprocessable:member-outside-fund',
    );
    const loan = await lend(depsOn(db), callerAt(NOW), fund.id, loanInput(1_000, 'mai-a'));
    expect(await outcome(getLoan(depsOn(db), { unitId: 'cdcs-b', now: new Date(NOW) }, loan.id))).toBe(
      'not-found:not-found',
    );
  });
});

describe('the daily overdue flag', () => {
  it('flags each instalment past due once, even for racing runs, and the fund counts it overdue', async () => {
    // A table of its own, so every loan past due is this test's.
    const own = await freshTable('welfare');
    const fund = await savingsFund(1_000_000, own);
    const loan = await lend(depsOn(own), callerAt(NOW), fund.id, loanInput(300_000));
    const read = (at: string) => getLoan(depsOn(own), { unitId: null, now: new Date(at) }, loan.id);
    // On the due day nothing is past due.
    expect(await flagOverdueLoans(depsOn(own), ctxAt('2026-02-10T05:00:00.000Z', null))).toEqual({
      flagged: 0,
      skipped: 0,
    });
    const day = '2026-02-11T05:00:00.000Z';
    const runs = await Promise.all(Array.from({ length: 4 }, () => flagOverdueLoans(depsOn(own), ctxAt(day, null))));
    expect(runs.reduce((t, r) => t + r.flagged, 0)).toBe(1);
    expect(await read(day)).toMatchObject({ flaggedThrough: 1, overdue: true, version: 2 });
    // Flagged, it leaves the due index: a later run reads nothing.
    expect(await flagOverdueLoans(depsOn(own), ctxAt(day, null))).toEqual({ flagged: 0, skipped: 0 });
    expect(await fundWithLoans(depsOn(own), { unitId: null, now: new Date(day) }, fund.id)).toMatchObject({
      loans: { open: 1, overdue: 1, overdueOutstanding: 300_000 },
    });

    // Repaid through the first instalment, the loan waits for the second's due date, then is flagged for it once.
    await repay(depsOn(own), callerAt(day), loan.id, { amount: 100_000, method: 'cash' });
    expect(await read(day)).toMatchObject({ overdue: false, nextDue: { number: 2, due: '2026-03-10' } });
    const later = '2026-03-11T05:00:00.000Z';
    const again = await Promise.all(Array.from({ length: 3 }, () => flagOverdueLoans(depsOn(own), ctxAt(later, null))));
    expect(again.reduce((t, r) => t + r.flagged, 0)).toBe(1);
    expect(await read(later)).toMatchObject({ flaggedThrough: 2, overdue: true, version: 4 });

    // One SavingsLoanOverdue per instalment in the outbox, with ids, dates and amounts only.
    const overdue = (await everyItem(own))
      .filter((i) => i.kind === 'outbox' && i.detailType === 'SavingsLoanOverdue')
      .map((i) => (JSON.parse(String(i.detail)) as { data: Record<string, unknown> }).data)
      .sort((a, b) => Number(a.instalment) - Number(b.instalment));
    expect(overdue).toEqual([
      { loanId: loan.id, fundId: fund.id, unitId: 'cdcs-a', instalment: 1, due: '2026-02-10', remaining: 100_000 },
      { loanId: loan.id, fundId: fund.id, unitId: 'cdcs-a', instalment: 2, due: '2026-03-10', remaining: 100_000 },
    ]);
  });
});
