import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { createFund, recordMovement } from '../../src/app/funds.ts';
import { lend, repay } from '../../src/app/loans.ts';
import { listFundDeposits, listFundLoans } from '../../src/app/savings-lists.ts';
import { callerAt, depsOn, MEMBERS, outcome } from './world.ts';

/** The women's savings fund's lists on DynamoDB Local: its loans by status, its members' deposited totals. */
let db: Db;
const NOW = '2026-03-20T03:00:00.000Z';

beforeAll(async () => {
  db = await freshTable('welfare');
  MEMBERS['thu-a'] = 'cdcs-a';
});

describe('a savings fund’s lists', () => {
  it('gives its loans open, closed or all with overdue as of today, and each member’s deposited total', async () => {
    const deps = depsOn(db);
    const fund = await createFund(deps, callerAt(NOW), 'upper', { kind: 'womens-savings', name: 'Quỹ tiết kiệm nữ' });
    const deposit = (memberId: string, amount: number) =>
      recordMovement(deps, callerAt(NOW), fund.id, { type: 'deposit', method: 'cash', amount, memo: 'Gửi', memberId });
    await deposit('ha-a', 500_000);
    await deposit('ha-a', 300_000);
    await deposit('lan-b', 1_000_000);
    await deposit('thu-a', 200_000);
    // Lent at 01:00, 02:00 and 03:00: the list is oldest first.
    const loan = (memberId: string, amount: number, date: string, hour: string) =>
      lend(deps, callerAt(`2026-03-20T${hour}:00:00.000Z`), fund.id, {
        memberId,
        amount,
        instalments: 2,
        method: 'cash',
        date,
      });
    const closed = await loan('ha-a', 200_000, '2026-03-01', '01');
    await repay(deps, callerAt(NOW), closed.id, { amount: 200_000, method: 'cash' });
    const late = await loan('lan-b', 400_000, '2026-01-10', '02');
    const fresh = await loan('thu-a', 100_000, '2026-03-10', '03');

    const open = await listFundLoans(deps, { unitId: 'upper', now: new Date(NOW) }, fund.id, 'open');
    expect(open.items.map((l) => [l.id, l.overdue])).toEqual([
      [late.id, true],
      [fresh.id, false],
    ]);
    const done = await listFundLoans(deps, { unitId: 'upper', now: new Date(NOW) }, fund.id, 'closed');
    expect(done.items.map((l) => [l.id, l.status])).toEqual([[closed.id, 'closed']]);
    const all = await listFundLoans(deps, { unitId: 'upper', now: new Date(NOW) }, fund.id, 'all');
    expect(all.items).toHaveLength(3);

    const deposits = await listFundDeposits(deps, { unitId: 'upper' }, fund.id);
    expect(deposits.items.map((d) => [d.memberId, d.deposited]).sort()).toEqual([
      ['ha-a', 800_000],
      ['lan-b', 1_000_000],
      ['thu-a', 200_000],
    ]);
    expect(deposits.total).toBe(2_000_000);
    expect(await listFundDeposits(deps, { unitId: 'upper' }, fund.id, 'ha-a')).toEqual({
      items: [{ memberId: 'ha-a', deposited: 800_000 }],
      total: 800_000,
    });
    expect(await listFundDeposits(deps, { unitId: 'upper' }, fund.id, 'nobody')).toEqual({ items: [], total: 0 });
    expect(await outcome(listFundDeposits(deps, { unitId: 'cdcs-a' }, fund.id))).toBe('not-found:not-found');
    expect(await outcome(listFundLoans(deps, { unitId: 'cdcs-b', now: new Date(NOW) }, fund.id, 'open'))).toBe(
      'not-found:not-found',
    );
  });
});
