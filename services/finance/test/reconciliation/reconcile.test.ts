import { describe, expect, it } from 'vitest';
import { fingerprintOf, reconcile } from '../../src/domain/reconciliation/reconcile.ts';
import { compareReports, contentHash, countByKind, totalsOf } from '../../src/domain/reconciliation/report.ts';
import {
  DEADLINE,
  DUES_CAP,
  DUES_RATE,
  DUES_SPLIT,
  duesFigures,
  duesOf,
  LEVY_DEADLINE,
  LEVY_LIABLE,
  LEVY_RATE,
  LEVY_SPLIT,
  LIABLE,
  ledgerCheck,
  levyFigures,
  NOT_LIABLE,
} from './fixtures.ts';

const U = 'unit-1';
const clean = () => ({ dues: duesFigures(U), levy: levyFigures(U), ledger: ledgerCheck(U) });

describe('reconcile: a month that balances', () => {
  it('finds nothing when every figure matches', () => {
    const { dues, levy, ledger } = clean();
    expect(reconcile(dues, levy, ledger, { levyLiability: LIABLE, levyDeadline: DEADLINE })).toEqual([]);
  });
});

describe('reconcile: dues expected (roster × policy) vs collected', () => {
  it('reports a member who paid short, with the policy formula and rules that give the expected figure', () => {
    const m1 = duesOf(6_000_000);
    const dues = duesFigures(U, { collectedByMember: { m1: m1 - 1_000, m2: duesOf(8_000_000) } });
    const found = reconcile(dues, levyFigures(U), ledgerCheck(U));
    const member = found.find((d) => d.kind === 'dues-member');
    expect(member).toMatchObject({
      subject: 'm1',
      expected: { amount: m1, formula: `0,5% × 6000000 = ${m1} (QĐ 61/QĐ-TLĐ)`, rules: [DUES_RATE, DUES_CAP] },
      actual: m1 - 1_000,
      difference: -1_000,
    });
    // The total is short by the same amount; the remittance follows what was collected, so it matches.
    expect(found.map((d) => d.kind)).toEqual(['dues-member', 'dues-total']);
    expect(found[1]).toMatchObject({
      subject: 'unit',
      expected: { amount: m1 + duesOf(8_000_000), rules: [DUES_RATE, DUES_CAP] },
      difference: -1_000,
    });
  });

  it('reports a member who paid nothing, and one who paid but is not on the roster (expected 0, no rule)', () => {
    const dues = duesFigures(U, { collectedByMember: { m1: duesOf(6_000_000), stranger: 40_000 } });
    const found = reconcile(dues, levyFigures(U), ledgerCheck(U)).filter((d) => d.kind === 'dues-member');
    expect(found.map((d) => [d.subject, d.expected.amount, d.actual, d.difference])).toEqual([
      ['m2', duesOf(8_000_000), 0, -duesOf(8_000_000)],
      ['stranger', 0, 40_000, 40_000],
    ]);
    expect(found[1]!.expected.rules).toEqual([]);
  });

  it('compares a unit batch without a per-member breakdown in total only', () => {
    const expected = duesOf(6_000_000) + duesOf(8_000_000);
    const dues = duesFigures(U, { collectedByMember: {}, collected: expected - 500 });
    const found = reconcile(dues, levyFigures(U), ledgerCheck(U));
    expect(found.map((d) => d.kind)).toEqual(['dues-total']);
    expect(found[0]!.difference).toBe(-500);
  });

  it('counts each member as unpaid when nothing at all was collected', () => {
    const dues = duesFigures(U, { collectedByMember: {}, collected: 0 });
    const kinds = reconcile(dues, levyFigures(U), ledgerCheck(U)).map((d) => `${d.kind}:${d.subject}`);
    expect(kinds).toEqual(['dues-member:m1', 'dues-member:m2', 'dues-total:unit']);
  });
});

describe('reconcile: the upper share of dues collected vs remitted', () => {
  it('reports a remittance short of the split, with the split rule', () => {
    const dues = duesFigures(U);
    const short = { ...dues, remitted: dues.upperShareDue.amount - 2_000 };
    const found = reconcile(short, levyFigures(U), ledgerCheck(U));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'dues-remittance',
      subject: 'unit',
      expected: { amount: dues.upperShareDue.amount, rules: [DUES_SPLIT] },
      difference: -2_000,
    });
  });
});

describe('reconcile: levy declared vs paid', () => {
  it('reports an underpaid levy with the levy rule and the deadline', () => {
    const levy = levyFigures(U, { payroll: 100_000_000, paid: 1_500_000 });
    const found = reconcile(duesFigures(U), levy, ledgerCheck(U), { levyLiability: LIABLE, levyDeadline: DEADLINE });
    const payment = found.find((d) => d.kind === 'levy-payment')!;
    expect(payment).toMatchObject({ expected: { amount: 2_000_000 }, actual: 1_500_000, difference: -500_000 });
    expect(payment.expected.formula).toContain('hạn nộp 2025-09-30');
    expect(payment.expected.rules).toEqual([LEVY_RATE, LEVY_LIABLE, LEVY_DEADLINE]);
  });

  it('reports a missing declaration only for a month the agency owes the levy', () => {
    const levy = levyFigures(U, { payroll: null, paid: 0 });
    const liable = reconcile(duesFigures(U), levy, ledgerCheck(U), { levyLiability: LIABLE });
    expect(liable).toHaveLength(1);
    expect(liable[0]).toMatchObject({
      kind: 'levy-declaration-missing',
      subject: 'unit',
      expected: { amount: 0, rules: [LEVY_RATE, LEVY_LIABLE] },
      actual: 0,
    });
    expect(reconcile(duesFigures(U), levy, ledgerCheck(U), { levyLiability: NOT_LIABLE })).toEqual([]);
    expect(reconcile(duesFigures(U), levy, ledgerCheck(U), { levyLiability: null })).toEqual([]);
  });
});

describe('reconcile: allocations due vs made', () => {
  it('reports an allocation not made back down, with the levy split rule', () => {
    const levy = levyFigures(U, { allocated: 0 });
    const found = reconcile(duesFigures(U), levy, ledgerCheck(U));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'levy-allocation',
      expected: { amount: 1_500_000, rules: [LEVY_SPLIT] },
      actual: 0,
      difference: -1_500_000,
    });
  });
});

describe('reconcile: the books', () => {
  it('reports an account whose balance is not the sum of its postings', () => {
    const ledger = ledgerCheck(U, [
      { account: '112', balance: 5_000_000, sumOfPostings: 4_900_000 },
      { account: '421', balance: -5_000_000 },
    ]);
    const found = reconcile(duesFigures(U), levyFigures(U), ledger);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'ledger-account',
      subject: '112',
      expected: { amount: 4_900_000, rules: [] },
      actual: 5_000_000,
      difference: 100_000,
    });
  });

  it('reports a trial balance whose debits and credits differ', () => {
    const ledger = ledgerCheck(U, [{ account: '112', balance: 5_000_000 }], { debit: 5_000_000, credit: 4_000_000 });
    const found = reconcile(duesFigures(U), levyFigures(U), ledger);
    expect(found.map((d) => [d.kind, d.expected.amount, d.actual, d.difference])).toEqual([
      ['trial-balance', 5_000_000, 4_000_000, -1_000_000],
    ]);
  });
});

describe('fingerprints', () => {
  const planted = () => {
    const dues = duesFigures(U, { collectedByMember: { m1: 0, m2: duesOf(8_000_000) } });
    return reconcile(dues, levyFigures(U, { allocated: 0 }), ledgerCheck(U));
  };

  it('are the same for the same kind, subject and amounts, whatever the formula text', () => {
    const a = planted();
    const b = planted();
    expect(a.map((d) => d.fingerprint)).toEqual(b.map((d) => d.fingerprint));
    const d = a[0]!;
    expect(fingerprintOf({ ...d, expected: { ...d.expected, formula: 'other words' } })).toBe(d.fingerprint);
  });

  it('change when an amount or the subject changes, and differ between discrepancies', () => {
    const [d] = planted();
    expect(fingerprintOf({ ...d!, actual: d!.actual + 1, difference: d!.difference + 1 })).not.toBe(d!.fingerprint);
    expect(fingerprintOf({ ...d!, subject: 'm9' })).not.toBe(d!.fingerprint);
    const all = planted().map((x) => x.fingerprint);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('reports: what changed since the previous one', () => {
  const build = (collectedM1: number) => {
    const dues = duesFigures(U, { collectedByMember: { m1: collectedM1, m2: duesOf(8_000_000) } });
    const levy = levyFigures(U);
    const ledger = ledgerCheck(U);
    const discrepancies = reconcile(dues, levy, ledger);
    const totals = totalsOf(dues, levy, ledger);
    return { discrepancies, contentHash: contentHash(totals, discrepancies), totals };
  };
  const asPrevious = (r: ReturnType<typeof build>, pending: string[] = []) => ({
    contentHash: r.contentHash,
    fingerprints: r.discrepancies.map((d) => d.fingerprint),
    pending,
  });

  it('a first report is a change and announces every discrepancy', () => {
    const next = build(0);
    const change = compareReports(undefined, next);
    expect(change.changed).toBe(true);
    expect(change.toAnnounce).toEqual(next.discrepancies.map((d) => d.fingerprint));
    expect(countByKind(next.discrepancies)).toEqual({ 'dues-member': 1, 'dues-total': 1 });
  });

  it('the same figures again are no change and announce nothing', () => {
    const first = build(0);
    const change = compareReports(asPrevious(first), build(0));
    expect(change).toEqual({ changed: false, added: [], resolved: [], toAnnounce: [] });
  });

  it('a changed amount announces the new discrepancies and resolves the old ones', () => {
    const first = build(0);
    const second = build(10_000);
    const change = compareReports(asPrevious(first), second);
    expect(change.changed).toBe(true);
    expect(change.added.map((d) => d.kind)).toEqual(['dues-member', 'dues-total']);
    expect(change.resolved).toEqual(first.discrepancies.map((d) => d.fingerprint).sort());
  });

  it('a late penalty growing with the day is not a change', () => {
    const first = build(0);
    const later = { ...first.totals, levyPenalty: { amount: 99_000, status: 'late' as const } };
    expect(contentHash(later, first.discrepancies)).toBe(first.contentHash);
  });

  it('carries announcements the previous report still owed, if the discrepancy remains', () => {
    const first = build(0);
    const [a, b] = first.discrepancies.map((d) => d.fingerprint);
    const change = compareReports(asPrevious(first, [b!, 'gone']), build(0));
    expect(change.changed).toBe(false);
    expect(change.toAnnounce).toEqual([b]);
    expect(a).toBeDefined();
  });
});
