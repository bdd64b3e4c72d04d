import { randomUUID } from 'node:crypto';
import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, upperWithTwoCdcs } from '../../../test/support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../../../test/support/platform.ts';

/**
 * Visits and gifts, blood-donation drives and the savings fund's lists through the HTTP API on
 * the shared platform, finance running: gifts posted to the upper level's 3533, a batch of Tết
 * gifts with a result per member (sent again, nothing twice), the list's totals by occasion.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let desk: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };
let members: string[];

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Thăm hỏi A', 'CĐCS Thăm hỏi B'], '2731');
  members = [
    await activeMember(admin, units.a, 'Trần Thị Lan'),
    await activeMember(admin, units.a, 'Lê Văn Minh'),
    await activeMember(admin, units.b, 'Phạm Thị Thu'),
  ];
  desk = client(platform, await tokenFor(platform, ['welfare-officer'], units.upper));
  await platform.drain();
});

/** An account's balance in the upper level's ledger (0 when it has none). */
async function balanceOf(code: string) {
  const ledger = await admin.get(`/v1/finance/units/${units.upper}/ledger/balances`);
  return (ledger.body.accounts as { code: string; balance: number }[]).find((a) => a.code === code)?.balance ?? 0;
}

describe('visits and gifts through the API', () => {
  it('pays a gift from the unit’s fund, posted by finance; a batch of Tết gifts answers each member once', async () => {
    const opened = await desk.post(`/v1/welfare/units/${units.upper}/funds`, { kind: 'visits', name: 'Quỹ thăm hỏi' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const fund = opened.body.id as string;
    const funded = await desk.post(`/v1/welfare/funds/${fund}/movements`, {
      type: 'receipt',
      method: 'cash',
      amount: 3_000_000,
      memo: 'Đoàn viên đóng góp quỹ thăm hỏi',
    });
    expect(funded.status, JSON.stringify(funded.body)).toBe(201);

    const sick = await desk.post(`/v1/welfare/units/${units.upper}/visits`, {
      memberId: members[0],
      occasion: 'sickness',
      date: '2026-11-02',
      amount: 500_000,
      fundId: fund,
      method: 'cash',
    });
    expect(sick.status, JSON.stringify(sick.body)).toBe(201);
    const call = await desk.post(`/v1/welfare/units/${units.upper}/visits`, {
      memberId: members[2],
      occasion: 'childbirth',
      date: '2026-11-03',
      amount: 0,
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    const unpaid = await desk.post(`/v1/welfare/units/${units.upper}/visits`, {
      memberId: members[2],
      occasion: 'sickness',
      amount: 100_000,
    });
    expect(unpaid.status).toBe(400);
    expect(unpaid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['fundId', 'method']);

    // Tết 2026: 1,300,000 a person (KH 34/KH-TLĐ); 2,500,000 left pays one, the second row finds 1,200,000.
    const key = randomUUID();
    const tet = {
      occasion: 'tet',
      date: '2026-02-10',
      amount: 1_300_000,
      fundId: fund,
      method: 'cash',
      memberIds: [members[0], members[1]],
    };
    const batch = await desk.post(`/v1/welfare/units/${units.upper}/visits/batch`, tet, { 'idempotency-key': key });
    expect(batch.status, JSON.stringify(batch.body)).toBe(200);
    expect(batch.body).toMatchObject({ created: 1, failed: 1, alreadyRecorded: 0, amount: 1_300_000 });
    expect(batch.body.results[1]).toMatchObject({
      memberId: members[1],
      outcome: 'failed',
      problem: { status: 409, code: 'fund-balance-insufficient' },
    });
    expect(batch.body.results[1].problem.detail).toContain('1,200,000');
    // The same key and body again is the first answer, replayed: nothing is paid twice.
    const replay = await desk.post(`/v1/welfare/units/${units.upper}/visits/batch`, tet, { 'idempotency-key': key });
    expect(replay.body).toEqual(batch.body);

    await platform.drain();
    const moves = await desk.get(`/v1/welfare/funds/${fund}/movements`);
    expect(moves.body.items.map((m: { type: string; amount: number }) => [m.type, m.amount])).toEqual([
      ['disbursement', 1_300_000],
      ['disbursement', 500_000],
      ['receipt', 3_000_000],
    ]);
    expect(moves.body.items.every((m: { posting: { status: string } }) => m.posting.status === 'posted')).toBe(true);
    expect(await balanceOf('3533')).toBe(-1_200_000);
    expect(await balanceOf('111')).toBe(1_200_000);

    const list = await desk.get(`/v1/welfare/units/${units.upper}/visits?from=2026-01-01&to=2026-12-31`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.totals).toEqual({ visits: 3, withMoney: 2, amount: 1_800_000 });
    expect(list.body.byOccasion).toEqual([
      { occasion: 'sickness', visits: 1, withMoney: 1, amount: 500_000 },
      { occasion: 'tet', visits: 1, withMoney: 1, amount: 1_300_000 },
      { occasion: 'childbirth', visits: 1, withMoney: 0, amount: 0 },
    ]);
    const deskOfB = client(platform, await tokenFor(platform, ['welfare-officer'], units.b));
    expect((await deskOfB.get(`/v1/welfare/units/${units.upper}/visits`)).status).toBe(404);
    // A member's sickness is personal data: a unit's officer does not read the visits.
    const officer = client(platform, await tokenFor(platform, ['officer'], units.upper));
    expect((await officer.get(`/v1/welfare/units/${units.upper}/visits`)).status).toBe(403);
  });
});

describe('a blood-donation drive through the API', () => {
  it('records donors once each, with the drive’s donors and units', async () => {
    const held = await desk.post(`/v1/welfare/units/${units.upper}/blood-drives`, {
      name: 'Hiến máu tình nguyện đợt 2',
      date: '2026-11-20',
      place: 'Nhà văn hóa tỉnh',
    });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect(held.headers.get('location')).toBe(`/v1/welfare/blood-drives/${held.body.id}`);
    const give = (memberId: string, units: number) =>
      desk.post(`/v1/welfare/blood-drives/${held.body.id}/donations`, { memberId, units, recognition: 'certificate' });
    expect((await give(members[0]!, 1)).status).toBe(201);
    expect((await give(members[2]!, 2)).status).toBe(201);
    const again = await give(members[0]!, 1);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('donor-already-recorded');
    const read = await desk.get(`/v1/welfare/blood-drives/${held.body.id}`);
    expect(read.body).toMatchObject({ donors: 2, units: 3 });
    expect(read.body.donations).toHaveLength(2);
    const list = await desk.get(`/v1/welfare/units/${units.upper}/blood-drives`);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([held.body.id]);
  });
});

describe('a savings fund’s lists through the API', () => {
  it('lists its open loans and each member’s deposited total', async () => {
    const opened = await desk.post(`/v1/welfare/units/${units.a}/funds`, {
      kind: 'womens-savings',
      name: 'Quỹ tiết kiệm phụ nữ',
    });
    const fund = opened.body.id as string;
    for (const [memberId, amount] of [
      [members[0], 300_000],
      [members[1], 200_000],
      [members[0], 300_000],
    ] as const) {
      const dep = await desk.post(`/v1/welfare/funds/${fund}/movements`, {
        type: 'deposit',
        method: 'cash',
        amount,
        memo: 'Gửi tiết kiệm',
        memberId,
      });
      expect(dep.status, JSON.stringify(dep.body)).toBe(201);
    }
    const lent = await desk.post(`/v1/welfare/funds/${fund}/loans`, {
      memberId: members[1],
      amount: 400_000,
      instalments: 4,
      method: 'cash',
    });
    expect(lent.status, JSON.stringify(lent.body)).toBe(201);
    const loans = await desk.get(`/v1/welfare/funds/${fund}/loans`);
    expect(loans.status, JSON.stringify(loans.body)).toBe(200);
    expect(loans.body.items).toEqual([expect.objectContaining({ id: lent.body.id, outstanding: 400_000 })]);
    expect((await desk.get(`/v1/welfare/funds/${fund}/loans?status=closed`)).body.items).toEqual([]);
    const deposits = await desk.get(`/v1/welfare/funds/${fund}/deposits`);
    expect(deposits.body.total).toBe(800_000);
    const one = await desk.get(`/v1/welfare/funds/${fund}/deposits?memberId=${members[0]}`);
    expect(one.body).toEqual({ items: [{ memberId: members[0], deposited: 600_000 }], total: 600_000 });
  });
});
