import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, upperWithTwoCdcs } from '../../../test/support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../../../test/support/platform.ts';

/**
 * The women's savings fund through the HTTP API, finance running: a deposit, a loan and its
 * repayments each posted by finance (3535, 1388, 111), the loan closing, and the fund's loans.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let desk: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };
let member: string;

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Tiết kiệm A', 'CĐCS Tiết kiệm B'], '2710');
  member = await activeMember(admin, units.a, 'Nguyễn Thị Hoa');
  desk = client(platform, await tokenFor(platform, ['welfare-officer'], units.upper));
  await platform.drain();
});

/** An account's balance in the CĐCS's ledger (0 when it has none). */
async function balanceOf(code: string) {
  const ledger = await admin.get(`/v1/finance/units/${units.a}/ledger/balances`);
  return (ledger.body.accounts as { code: string; balance: number }[]).find((a) => a.code === code)?.balance ?? 0;
}

describe('the women’s savings fund through the API, posted by finance', () => {
  it('deposits, lends on a schedule, takes repayments to closing, each posted to 3535 and 1388', async () => {
    const opened = await desk.post(`/v1/welfare/units/${units.a}/funds`, {
      kind: 'womens-savings',
      name: 'Quỹ tiết kiệm phụ nữ',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const fund = opened.body.id as string;
    const deposit = await desk.post(`/v1/welfare/funds/${fund}/movements`, {
      type: 'deposit',
      method: 'cash',
      amount: 1_000_000,
      memo: 'Gửi tiết kiệm tháng 1',
      memberId: member,
    });
    expect(deposit.status, JSON.stringify(deposit.body)).toBe(201);
    const lent = await desk.post(`/v1/welfare/funds/${fund}/loans`, {
      memberId: member,
      amount: 600_000,
      instalments: 4,
      method: 'cash',
    });
    expect(lent.status, JSON.stringify(lent.body)).toBe(201);
    expect(lent.headers.get('location')).toBe(`/v1/welfare/loans/${lent.body.id}`);
    expect(lent.body.schedule.map((i: { amount: number }) => i.amount)).toEqual([150_000, 150_000, 150_000, 150_000]);
    const again = await desk.post(`/v1/welfare/funds/${fund}/loans`, {
      memberId: member,
      amount: 1_000,
      instalments: 1,
      method: 'cash',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('loan-already-open');

    const loan = lent.body.id as string;
    await platform.drain();
    // Finance holds the loan as receivable: Nợ 1388.
    expect(await balanceOf('1388')).toBe(600_000);
    const first = await desk.post(`/v1/welfare/loans/${loan}/repayments`, { amount: 200_000, method: 'cash' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.loan).toMatchObject({ repaid: 200_000, nextDue: { number: 2, remaining: 100_000 } });
    const over = await desk.post(`/v1/welfare/loans/${loan}/repayments`, { amount: 400_001, method: 'cash' });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('loan-overpayment');
    const rest = await desk.post(`/v1/welfare/loans/${loan}/repayments`, { amount: 400_000, method: 'cash' });
    expect(rest.body.loan).toMatchObject({ status: 'closed', outstanding: 0 });
    await platform.drain();

    const moves = await desk.get(`/v1/welfare/funds/${fund}/movements`);
    expect(moves.body.items).toHaveLength(4);
    expect(moves.body.items.every((m: { posting: { status: string } }) => m.posting.status === 'posted')).toBe(true);
    const read = await desk.get(`/v1/welfare/funds/${fund}`);
    expect(read.body).toMatchObject({
      account: '3535',
      balance: 1_000_000,
      deposited: 1_000_000,
      lent: 600_000,
      repaid: 600_000,
      loans: { open: 0, outstanding: 0, overdue: 0 },
    });
    expect(await balanceOf('3535')).toBe(-1_000_000);
    expect(await balanceOf('1388')).toBe(0);
    expect(await balanceOf('111')).toBe(1_000_000);
    expect((await desk.get(`/v1/welfare/loans/${loan}`)).body).toMatchObject({ status: 'closed', repaid: 600_000 });
  });
});
