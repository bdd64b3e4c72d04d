import type { DomainError, Fund, LedgerPostingRequestData } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { everyItem, freshTable } from '../../../../test/support/tables.ts';
import {
  createFund,
  getFund,
  listFunds,
  listMovements,
  recordMovement,
  recordPostingAnswer,
} from '../../src/app/funds.ts';
import { callerAt, ctxAt, depsOn, outcome } from './world.ts';

/**
 * Funds on DynamoDB Local: the balance under concurrent disbursements, each movement's
 * posting request in the outbox, finance's answers recorded once, caps, paging and scope.
 */
let db: Db;
const NOW = '2026-01-20T03:00:00.000Z';

const everything = () => everyItem(db);

/** The posting requests in the outbox for one fund. */
async function requestsOf(fundId: string) {
  return (await everything())
    .filter((i) => i.kind === 'outbox' && i.detailType === 'LedgerPostingRequested')
    .map((i) => (JSON.parse(String(i.detail)) as { data: LedgerPostingRequestData }).data)
    .filter((d) => d.requestId.startsWith(`${fundId}_`));
}

async function fundWith(amount: number, kind: Fund['kind'] = 'housing', unitId = 'cdcs-a') {
  const deps = depsOn(db);
  const fund = await createFund(deps, callerAt(NOW), unitId, { kind, name: 'Quỹ Mái ấm Công đoàn' });
  if (amount > 0) {
    await recordMovement(deps, callerAt(NOW), fund.id, {
      type: 'receipt',
      method: 'cash',
      amount,
      memo: 'Đóng góp của đoàn viên',
    });
  }
  return fund;
}

beforeAll(async () => {
  db = await freshTable('welfare');
});

describe('a fund’s balance', () => {
  it('comes from its movements, each asking finance for its posting in the same transaction', async () => {
    const deps = depsOn(db);
    const fund = await fundWith(0);
    expect(fund).toMatchObject({ account: '3531', balance: 0, version: 1 });
    await recordMovement(deps, callerAt(NOW), fund.id, {
      type: 'receipt',
      method: 'bank',
      amount: 420_000,
      memo: 'CĐCS ủng hộ',
    });
    await recordMovement(deps, callerAt(NOW), fund.id, {
      type: 'allocation',
      amount: 1_000_000,
      memo: 'Trích ngân sách',
    });
    const paid = await recordMovement(deps, callerAt(NOW), fund.id, {
      type: 'disbursement',
      method: 'cash',
      amount: 300_000,
      memo: 'Hỗ trợ xây nhà',
    });
    expect(paid).toMatchObject({ date: '2026-01-20', posting: { status: 'pending', postingId: null } });
    expect(await getFund(deps, { unitId: 'cdcs-a' }, fund.id)).toMatchObject({
      balance: 1_120_000,
      received: 420_000,
      allocated: 1_000_000,
      disbursed: 300_000,
      movementCount: 3,
      version: 4,
    });
    const requests = await requestsOf(fund.id);
    expect(requests.map((r) => [r.voucher ?? null, r.lines.map((l) => [l.account, l.debit, l.credit])])).toEqual(
      expect.arrayContaining([
        [
          'receipt',
          [
            ['112', 420_000, 0],
            ['3531', 0, 420_000],
          ],
        ],
        [
          null,
          [
            ['6112', 1_000_000, 0],
            ['3531', 0, 1_000_000],
          ],
        ],
        [
          'payment',
          [
            ['3531', 300_000, 0],
            ['111', 0, 300_000],
          ],
        ],
      ]),
    );
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.unitId === 'cdcs-a' && r.date === '2026-01-20')).toBe(true);
  });

  it('never goes below zero: of 20 parallel disbursements from separate writers, exactly those that fit succeed', async () => {
    const fund = await fundWith(1_000_000);
    // 20 × 70,000 = 1,400,000 against 1,000,000: 14 fit (980,000), 6 cannot.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        outcome(
          // Each with its own store, as separate Lambda instances: the condition decides, not a queue.
          recordMovement(depsOn(db), callerAt(NOW), fund.id, {
            type: 'disbursement',
            method: 'cash',
            amount: 70_000,
            memo: `Chi lần ${i + 1}`,
          }),
        ),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(14);
    expect(results.filter((r) => r === 'conflict:fund-balance-insufficient')).toHaveLength(6);
    const after = await getFund(depsOn(db), { unitId: null }, fund.id);
    expect(after).toMatchObject({ balance: 20_000, disbursed: 980_000, movementCount: 15 });
    // Nothing half-written: one movement, one posting request and one audit record per success.
    const movements = await listMovements(depsOn(db), { unitId: null }, fund.id, { limit: 100 });
    expect(movements.items.filter((m) => m.type === 'disbursement')).toHaveLength(14);
    expect((await requestsOf(fund.id)).filter((r) => r.voucher === 'payment')).toHaveLength(14);
    const ids = new Set(movements.items.map((m) => m.id));
    const audits = (await everything()).filter((i) => i.entityType === 'fund-movement' && ids.has(String(i.entityId)));
    expect(audits).toHaveLength(15);
  });

  it('refuses a disbursement the balance cannot cover, naming the balance', async () => {
    const fund = await fundWith(50_000);
    const err = await recordMovement(depsOn(db), callerAt(NOW), fund.id, {
      type: 'disbursement',
      method: 'cash',
      amount: 50_001,
      memo: 'Quá số dư',
    }).catch((e: DomainError) => e);
    expect(err).toMatchObject({ kind: 'conflict', code: 'fund-balance-insufficient' });
    expect((err as DomainError).detail.vi).toContain('50,000');
    expect((err as DomainError).detail.en).toContain('holds 50,000 đồng');
    expect(await getFund(depsOn(db), { unitId: null }, fund.id)).toMatchObject({ balance: 50_000, movementCount: 1 });
  });
});

describe('caps per occasion', () => {
  it('holds a Tết 2026 gift to 1,300,000 (KH 34/KH-TLĐ), and a fund may set its own', async () => {
    const tet = await fundWith(5_000_000, 'tet');
    const gift = (amount: number, fundId = tet.id, at = NOW) =>
      outcome(
        recordMovement(depsOn(db), callerAt(at), fundId, {
          type: 'disbursement',
          method: 'cash',
          amount,
          memo: 'Quà Tết',
          caseType: 'tet',
          beneficiaryId: 'ha-a',
        }),
      );
    expect(await gift(1_300_001)).toBe('unprocessable:over-cap-per-occasion');
    expect(await gift(1_300_000)).toBe('ok');
    // After the plan's span no cap is known: the fund's parameter decides, none by default.
    expect(await gift(1_500_000, tet.id, '2026-06-01T03:00:00.000Z')).toBe('ok');
    const own = await createFund(depsOn(db), callerAt(NOW), 'cdcs-a', {
      kind: 'tet',
      name: 'Quỹ Tết riêng',
      caps: { tet: { perOccasion: 500_000 } },
    });
    await recordMovement(depsOn(db), callerAt(NOW), own.id, { type: 'allocation', amount: 2_000_000, memo: 'Trích' });
    expect(await gift(500_001, own.id)).toBe('unprocessable:over-cap-per-occasion');
    expect(await gift(500_000, own.id)).toBe('ok');
  });
});

describe('the cap per member per year', () => {
  it('lets exactly the gifts within it through, of ten in parallel for one member from separate writers', async () => {
    const tet = await fundWith(20_000_000, 'tet');
    const gift = (memberId: string | undefined, amount = 650_000) =>
      outcome(
        recordMovement(depsOn(db), callerAt(NOW), tet.id, {
          type: 'disbursement',
          method: 'cash',
          amount,
          memo: 'Quà Tết 2026',
          caseType: 'tet',
          ...(memberId ? { beneficiaryId: memberId } : {}),
        }),
      );
    // KH 34/KH-TLĐ: 1,300,000 a person for Tết 2026, so two gifts of 650,000 and no more.
    const results = await Promise.all(Array.from({ length: 10 }, () => gift('ha-a')));
    expect(results.filter((r) => r === 'ok')).toHaveLength(2);
    expect(results.filter((r) => r === 'conflict:member-year-cap-reached')).toHaveLength(8);
    expect(await getFund(depsOn(db), { unitId: null }, tet.id)).toMatchObject({ disbursed: 1_300_000 });
    // Another member has their own total; a gift of a capped type names its member.
    expect(await gift('lan-b')).toBe('ok');
    expect(await gift(undefined)).toBe('unprocessable:beneficiary-required');
    expect(await gift('nobody')).toBe('not-found:not-found');
    const refused = await recordMovement(depsOn(db), callerAt(NOW), tet.id, {
      type: 'disbursement',
      method: 'cash',
      amount: 1,
      memo: 'Quà Tết',
      caseType: 'tet',
      beneficiaryId: 'ha-a',
    }).catch((e: DomainError) => e);
    expect((refused as DomainError).detail.en).toContain('has had 1,300,000 đồng');
  });
});

describe('finance’s answers', () => {
  it('mark a movement posted or visibly unposted, once per event', async () => {
    const fund = await fundWith(100_000);
    const deps = depsOn(db);
    const [receipt] = (await listMovements(deps, { unitId: null }, fund.id, { limit: 10 })).items;
    const requestId = receipt!.posting.requestId;
    const posted = { status: 'posted', postingId: `welfare:${requestId}`, voucherNumber: 'PT-2026-0001' } as const;
    expect(await recordPostingAnswer(deps, requestId, posted, 'evt-1', ctxAt(NOW))).toBe('applied');
    expect(await recordPostingAnswer(deps, requestId, posted, 'evt-1', ctxAt(NOW))).toBe('duplicate');
    const reason = { code: 'books-closed', vi: 'Sổ đã khóa', en: 'Books closed' };
    expect(await recordPostingAnswer(deps, requestId, { status: 'unposted', reason }, 'evt-2', ctxAt(NOW))).toBe(
      'duplicate',
    );
    expect((await listMovements(deps, { unitId: null }, fund.id, { limit: 10 })).items[0]!.posting).toEqual({
      status: 'posted',
      requestId,
      postingId: `welfare:${requestId}`,
      voucherNumber: 'PT-2026-0001',
      reason: null,
    });

    const paid = await recordMovement(deps, callerAt(NOW), fund.id, {
      type: 'disbursement',
      method: 'bank',
      amount: 10_000,
      memo: 'Chi qua ngân hàng',
    });
    const money = { code: 'money-balance-negative', vi: 'Tiền gửi âm', en: 'Bank below zero' };
    expect(
      await recordPostingAnswer(
        deps,
        paid.posting.requestId,
        { status: 'unposted', reason: money },
        'evt-3',
        ctxAt(NOW),
      ),
    ).toBe('applied');
    const unposted = (await listMovements(deps, { unitId: null }, fund.id, { limit: 10 })).items.find(
      (m) => m.id === paid.id,
    );
    expect(unposted?.posting).toMatchObject({ status: 'unposted', postingId: null, reason: money });

    expect(await recordPostingAnswer(deps, 'no-such-request', posted, 'evt-4', ctxAt(NOW))).toBe('unknown');
    expect(await recordPostingAnswer(deps, `${fund.id}_${NOW}_nope`, posted, 'evt-5', ctxAt(NOW))).toBe('unknown');
  });
});

describe('lists and scope', () => {
  it('pages a fund’s movements newest first, with a cursor bound to the fund', async () => {
    const fund = await fundWith(0);
    const other = await fundWith(1);
    for (let i = 1; i <= 5; i++) {
      await recordMovement(depsOn(db), callerAt(`2026-01-2${i}T03:00:00.000Z`), fund.id, {
        type: 'receipt',
        method: 'cash',
        amount: i * 1000,
        memo: `Thu ${i}`,
      });
    }
    const first = await listMovements(depsOn(db), { unitId: null }, fund.id, { limit: 3 });
    expect(first.items.map((m) => m.amount)).toEqual([5000, 4000, 3000]);
    const rest = await listMovements(depsOn(db), { unitId: null }, fund.id, {
      limit: 3,
      cursor: first.nextCursor!,
    });
    expect(rest.items.map((m) => m.amount)).toEqual([2000, 1000]);
    expect(rest.nextCursor).toBeNull();
    expect(
      await outcome(listMovements(depsOn(db), { unitId: null }, other.id, { limit: 3, cursor: first.nextCursor! })),
    ).toBe('validation:invalid-cursor');
  });

  it('answers a fund outside the caller’s subtree like a missing one', async () => {
    const fund = await fundWith(10_000, 'hardship', 'cdcs-a');
    const fromB = { unitId: 'cdcs-b' };
    expect(await outcome(getFund(depsOn(db), fromB, fund.id))).toBe('not-found:not-found');
    expect(await outcome(getFund(depsOn(db), fromB, 'no-such-fund'))).toBe('not-found:not-found');
    expect(
      await outcome(
        recordMovement(depsOn(db), callerAt(NOW, 'cdcs-b'), fund.id, {
          type: 'disbursement',
          method: 'cash',
          amount: 1,
          memo: 'x',
        }),
      ),
    ).toBe('not-found:not-found');
    expect(await outcome(listFunds(depsOn(db), fromB, 'cdcs-a'))).toBe('not-found:not-found');
    expect((await listFunds(depsOn(db), { unitId: 'upper' }, 'cdcs-a')).items.map((f) => f.id)).toContain(fund.id);
  });
});
