import type { Fund, LedgerPostingRequestData } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { everyItem, freshTable } from '../../../../test/support/tables.ts';
import { createFund, getFund, listMovements, recordMovement } from '../../src/app/funds.ts';
import { listVisits, recordVisit, recordVisitBatch } from '../../src/app/visits.ts';
import { callerAt, depsOn, MEMBERS, outcome } from './world.ts';

/**
 * Visits and gifts (thăm hỏi) on DynamoDB Local: a gift is the fund's disbursement in the
 * visit's transaction (balance, posting request, the occasion's caps), a visit without money
 * touches no fund, the batch's rows stand or fail alone and are never recorded twice, the
 * list's totals by occasion, and scope.
 */
let db: Db;
const NOW = '2026-02-10T03:00:00.000Z';

beforeAll(async () => {
  db = await freshTable('welfare');
  for (const m of ['tet-1', 'tet-2', 'tet-3', 'tet-4']) MEMBERS[m] = 'cdcs-a';
});

async function fundWith(amount: number, kind: Fund['kind'] = 'visits', unitId = 'upper') {
  const deps = depsOn(db);
  const fund = await createFund(deps, callerAt(NOW), unitId, { kind, name: 'Quỹ thăm hỏi' });
  if (amount > 0)
    await recordMovement(deps, callerAt(NOW), fund.id, { type: 'allocation', amount, memo: 'Trích kinh phí' });
  return fund;
}

/** The posting requests in the outbox for one fund (the test's own small table may be scanned). */
async function requestsOf(fundId: string) {
  return (await everyItem(db))
    .filter((i) => i.kind === 'outbox' && i.detailType === 'LedgerPostingRequested')
    .map((i) => (JSON.parse(String(i.detail)) as { data: LedgerPostingRequestData }).data)
    .filter((d) => d.requestId.startsWith(`${fundId}_`) && d.source.kind === 'fund-disbursement');
}

describe('a visit or gift', () => {
  it('with money is a disbursement of the unit’s fund in the same transaction, posted Nợ 3533 Có 111, naming no one', async () => {
    const deps = depsOn(db);
    const fund = await fundWith(1_000_000);
    const visit = await recordVisit(deps, callerAt(NOW), 'upper', {
      memberId: 'ha-a',
      occasion: 'sickness',
      date: '2026-02-09',
      amount: 500_000,
      fundId: fund.id,
      method: 'cash',
      memo: 'Thăm đoàn viên nằm viện',
    });
    expect(visit).toMatchObject({ unitId: 'upper', memberId: 'ha-a', amount: 500_000, fundId: fund.id });
    const moves = await listMovements(deps, { unitId: 'upper' }, fund.id, { limit: 10 });
    const paid = moves.items.find((m) => m.id === visit.movementId);
    expect(paid).toMatchObject({
      type: 'disbursement',
      amount: 500_000,
      date: '2026-02-09',
      caseType: 'illness',
      beneficiaryId: 'ha-a',
      posting: { status: 'pending' },
    });
    expect(await getFund(deps, { unitId: null }, fund.id)).toMatchObject({ balance: 500_000, disbursed: 500_000 });
    const [request] = await requestsOf(fund.id);
    expect(request?.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['3533', 500_000, 0],
      ['111', 0, 500_000],
    ]);
    // The event carries the occasion, never the visit's memo or the member.
    expect(request?.memo).toBe('Quỹ thăm hỏi: Chi thăm hỏi đoàn viên (ốm đau)');
    expect(JSON.stringify(request)).not.toContain('ha-a');
    expect(JSON.stringify(request)).not.toContain('nằm viện');
  });

  it('without money touches no fund', async () => {
    const deps = depsOn(db);
    const fund = await fundWith(100_000);
    const visit = await recordVisit(deps, callerAt(NOW), 'upper', {
      memberId: 'lan-b',
      occasion: 'childbirth',
      amount: 0,
    });
    expect(visit).toMatchObject({ amount: 0, fundId: null, movementId: null, date: '2026-02-10' });
    expect(await getFund(deps, { unitId: null }, fund.id)).toMatchObject({ balance: 100_000, movementCount: 1 });
  });

  it('is refused beyond the balance (409 naming it), from another unit’s or a savings fund, and outside the unit', async () => {
    const deps = depsOn(db);
    const fund = await fundWith(300_000);
    const gift = { memberId: 'ha-a', occasion: 'bereavement' as const, method: 'cash' as const };
    const refused = recordVisit(deps, callerAt(NOW), 'upper', { ...gift, amount: 300_001, fundId: fund.id });
    await expect(refused).rejects.toMatchObject({ code: 'fund-balance-insufficient' });
    await expect(refused).rejects.toThrow(/300,000/);
    const theirs = await fundWith(1_000_000, 'visits', 'cdcs-a');
    expect(await outcome(recordVisit(deps, callerAt(NOW), 'upper', { ...gift, amount: 1, fundId: theirs.id }))).toBe(
      'unprocessable:fund-of-another-unit',
    );
    const savings = await fundWith(0, 'womens-savings');
    expect(await outcome(recordVisit(deps, callerAt(NOW), 'upper', { ...gift, amount: 1, fundId: savings.id }))).toBe(
      'unprocessable:savings-fund-not-for-gifts',
    );
    expect(await outcome(recordVisit(deps, callerAt(NOW), 'cdcs-a', { ...gift, memberId: 'lan-b', amount: 0 }))).toBe(
      'unprocessable:member-outside-unit',
    );
    // A caller of cdcs-a neither records for the upper level nor reaches another CĐCS's member.
    expect(await outcome(recordVisit(deps, callerAt(NOW, 'cdcs-a'), 'upper', { ...gift, amount: 0 }))).toBe(
      'not-found:not-found',
    );
    expect(
      await outcome(recordVisit(deps, callerAt(NOW, 'cdcs-a'), 'cdcs-a', { ...gift, memberId: 'lan-b', amount: 0 })),
    ).toBe('not-found:not-found');
    expect((await getFund(deps, { unitId: null }, fund.id)).balance).toBe(300_000);
  });

  it('for Tết keeps Tết 2026’s caps: 1,300,000 per occasion, and per member per year under concurrency', async () => {
    const deps = depsOn(db);
    const fund = await fundWith(10_000_000, 'tet');
    const tet = { memberId: 'tet-1', occasion: 'tet' as const, method: 'cash' as const, fundId: fund.id };
    expect(await outcome(recordVisit(deps, callerAt(NOW), 'upper', { ...tet, amount: 1_300_001 }))).toBe(
      'unprocessable:over-cap-per-occasion',
    );
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        outcome(recordVisit(depsOn(db), callerAt(NOW), 'upper', { ...tet, amount: 650_000 })),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(2);
    expect(results.filter((r) => r === 'conflict:member-year-cap-reached')).toHaveLength(4);
    expect((await getFund(deps, { unitId: null }, fund.id)).balance).toBe(10_000_000 - 1_300_000);
    const visits = await listVisits(deps, { unitId: 'upper', now: new Date(NOW) }, 'upper', {});
    expect(visits.items.filter((v) => v.memberId === 'tet-1')).toHaveLength(2);
  });
});

describe('a batch of gifts', () => {
  it('gives each member their own gift and movement; a row over the cap or the balance fails alone', async () => {
    const deps = depsOn(db);
    // Enough for three gifts of 1,300,000; tet-2 had one already this year.
    const fund = await fundWith(3_900_000, 'tet');
    const batch = {
      occasion: 'tet' as const,
      date: '2026-02-10',
      amount: 1_300_000,
      fundId: fund.id,
      method: 'cash' as const,
    };
    await recordVisit(deps, callerAt(NOW), 'upper', { ...batch, memberId: 'tet-2' });
    const rows = await recordVisitBatch(
      deps,
      callerAt(NOW),
      'upper',
      { ...batch, memberIds: ['tet-2', 'tet-3', 'tet-4', 'ha-a', 'lan-b'] },
      null,
    );
    expect(rows.map((r) => [r.memberId, r.outcome === 'failed' ? r.error.code : r.outcome])).toEqual([
      ['tet-2', 'member-year-cap-reached'],
      ['tet-3', 'created'],
      ['tet-4', 'created'],
      ['ha-a', 'fund-balance-insufficient'],
      ['lan-b', 'fund-balance-insufficient'],
    ]);
    expect(await getFund(deps, { unitId: null }, fund.id)).toMatchObject({ balance: 0, disbursed: 3_900_000 });
    expect(await requestsOf(fund.id)).toHaveLength(3);
  });

  it('sent again with the same Idempotency-Key records no gift twice', async () => {
    const deps = depsOn(db);
    const fund = await fundWith(5_000_000, 'visits');
    const batch = {
      occasion: 'other' as const,
      date: '2026-02-10',
      amount: 200_000,
      fundId: fund.id,
      method: 'bank' as const,
      memberIds: ['ha-a', 'lan-b'],
    };
    const first = await recordVisitBatch(deps, callerAt(NOW), 'upper', batch, 'key-1');
    expect(first.map((r) => r.outcome)).toEqual(['created', 'created']);
    const again = await recordVisitBatch(depsOn(db), callerAt(NOW), 'upper', batch, 'key-1');
    expect(again.map((r) => r.outcome)).toEqual(['already-recorded', 'already-recorded']);
    expect(again.map((r) => (r.outcome === 'failed' ? null : r.visit.id))).toEqual(
      first.map((r) => (r.outcome === 'failed' ? null : r.visit.id)),
    );
    // Two racing sends of one key: still each member once.
    const raced = await Promise.all([
      recordVisitBatch(depsOn(db), callerAt(NOW), 'upper', batch, 'key-2'),
      recordVisitBatch(depsOn(db), callerAt(NOW), 'upper', batch, 'key-2'),
    ]);
    expect(raced.flat().filter((r) => r.outcome === 'created')).toHaveLength(2);
    expect(await getFund(deps, { unitId: null }, fund.id)).toMatchObject({ disbursed: 800_000, movementCount: 5 });
  });

  it('sent again for Tết, whose yearly totals the first send filled, answers already recorded', async () => {
    const deps = depsOn(db);
    // Enough for four gifts: what stops the second send is each member's yearly total, not the balance.
    const fund = await fundWith(5_200_000, 'tet');
    const batch = {
      occasion: 'tet' as const,
      date: '2026-02-09',
      amount: 1_300_000,
      fundId: fund.id,
      method: 'cash' as const,
      memberIds: ['ha-a', 'lan-b'],
    };
    const first = await recordVisitBatch(deps, callerAt(NOW), 'upper', batch, 'tet-key');
    expect(first.map((r) => r.outcome)).toEqual(['created', 'created']);
    const again = await recordVisitBatch(depsOn(db), callerAt(NOW), 'upper', batch, 'tet-key');
    expect(again.map((r) => r.outcome)).toEqual(['already-recorded', 'already-recorded']);
    // Without the key it is a new batch: the yearly cap refuses it.
    const fresh = await recordVisitBatch(depsOn(db), callerAt(NOW), 'upper', batch, null);
    expect(fresh.map((r) => (r.outcome === 'failed' ? r.error.code : r.outcome))).toEqual([
      'member-year-cap-reached',
      'member-year-cap-reached',
    ]);
    expect(await getFund(deps, { unitId: null }, fund.id)).toMatchObject({ balance: 2_600_000 });
  });
});

describe('the list of a unit’s visits', () => {
  it('gives a period’s visits by day with totals and each occasion’s', async () => {
    const deps = depsOn(db);
    const own = await fundWith(2_000_000, 'visits', 'cdcs-b');
    const gift = (date: string, occasion: 'sickness' | 'bereavement', amount: number) =>
      recordVisit(deps, callerAt(NOW), 'cdcs-b', {
        memberId: 'lan-b',
        occasion,
        date,
        amount,
        fundId: own.id,
        method: 'cash',
      });
    await gift('2025-12-31', 'sickness', 100_000);
    await gift('2026-01-05', 'sickness', 300_000);
    await gift('2026-01-31', 'bereavement', 1_000_000);
    await recordVisit(deps, callerAt('2026-02-10T04:00:00.000Z'), 'cdcs-b', {
      memberId: 'lan-b',
      occasion: 'childbirth',
      date: '2026-01-31',
      amount: 0,
    });
    await gift('2026-02-01', 'sickness', 200_000);
    const january = await listVisits(deps, { unitId: 'cdcs-b', now: new Date(NOW) }, 'cdcs-b', {
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(january.items.map((v) => [v.date, v.occasion, v.amount])).toEqual([
      ['2026-01-05', 'sickness', 300_000],
      ['2026-01-31', 'bereavement', 1_000_000],
      ['2026-01-31', 'childbirth', 0],
    ]);
    expect(january.totals).toEqual({ visits: 3, withMoney: 2, amount: 1_300_000 });
    expect(january.byOccasion).toEqual([
      { occasion: 'sickness', visits: 1, withMoney: 1, amount: 300_000 },
      { occasion: 'bereavement', visits: 1, withMoney: 1, amount: 1_000_000 },
      { occasion: 'childbirth', visits: 1, withMoney: 0, amount: 0 },
    ]);
    // By default, this year to today.
    const year = await listVisits(deps, { unitId: 'upper', now: new Date(NOW) }, 'cdcs-b', {});
    expect([year.from, year.to, year.totals.amount]).toEqual(['2026-01-01', '2026-02-10', 1_500_000]);
    expect(await outcome(listVisits(deps, { unitId: 'cdcs-a', now: new Date(NOW) }, 'cdcs-b', {}))).toBe(
      'not-found:not-found',
    );
  });
});
