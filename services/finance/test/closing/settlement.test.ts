import { DomainError } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { applyLines, planClosing } from '../../src/domain/closing/settlement.ts';
import { CHART } from '../../src/domain/ledger/chart.ts';
import { postingProblems } from '../../src/domain/ledger/posting.ts';
import type { PostingLine } from '../../src/domain/ledger/types.ts';

const nonZero = (b: Record<string, number>) => Object.fromEntries(Object.entries(b).filter(([, v]) => v !== 0));
const sum = (lines: readonly PostingLine[], side: 'debit' | 'credit') => lines.reduce((s, l) => s + l[side], 0);

/** A CĐCS's books: balances as debit − credit, as the ledger stores them. */
const typical = {
  '111': 1_500_000,
  '112': 8_250_000,
  '1361': 250_000, // recorded by hand as owed by the upper level: written off
  '3361': -420_000, // dues share still to remit
  '421': -4_650_000, // surplus of earlier years
  '5111': -3_200_000,
  '5113': -4_130_000,
  '6111': 1_900_000,
  '6112': 500_000,
};

describe('planning the closing of a dissolved CĐCS', () => {
  it('leaves every account of the unit at zero and hands up exactly its cash and bank', () => {
    const plan = planClosing(typical, { levyUnallocated: 600_000 });
    const unitLines = [...plan.close, ...plan.transfer, ...plan.pay];
    expect(nonZero(applyLines(typical, unitLines))).toEqual({});
    expect(plan.amounts).toEqual({
      cash: 1_500_000,
      bank: 8_250_000,
      settled: 9_750_000,
      duesOwed: 420_000,
      allocationReceivable: 250_000,
      levyUnallocated: 600_000,
      fundBalance: 5_000_000 + 3_200_000 + 4_130_000 - 1_900_000 - 500_000 - 350_000,
      closedSurplus: 3_200_000 + 4_130_000 - 1_900_000 - 500_000,
      settlementIncome: 9_750_000 + 600_000 - 420_000,
    });
    // The upper level clears what it owed the unit from 3362 and keeps it.
    const upper = applyLines({}, plan.receive);
    expect(upper).toEqual({ '112': 9_750_000, '3362': 600_000, '5114': -420_000, '5116': -9_930_000 });
    // Without anything owed down, nothing touches 3362.
    expect(applyLines({}, planClosing(typical).receive)).toEqual({
      '112': 9_750_000,
      '5114': -420_000,
      '5116': -9_330_000,
    });
  });

  it('plans postings the ledger accepts: balanced, one positive side per line, vouchers where money moves', () => {
    const plan = planClosing(typical);
    const unitLines = [...plan.close, ...plan.transfer, ...plan.pay];
    const base = {
      id: 'x',
      unitId: 'u',
      date: '2025-07-15',
      memo: 'Khóa sổ',
      source: { service: 'finance' as const, kind: 'books-closing', id: 'u' },
    };
    expect(postingProblems({ ...base, lines: unitLines, voucher: 'payment' }, '2025-07-31')).toEqual([]);
    expect(postingProblems({ ...base, lines: plan.receive, voucher: 'receipt' }, '2025-07-31')).toEqual([]);
    expect(sum(plan.close, 'debit')).toBe(sum(plan.close, 'credit'));
    expect(sum(plan.transfer, 'debit')).toBe(sum(plan.transfer, 'credit'));
    expect(sum(plan.pay, 'debit')).toBe(sum(plan.pay, 'credit'));
    // Step 1 touches only income, spending and 421; step 3 only 3363, 111, 112.
    expect(new Set(plan.close.map((l) => l.account))).toEqual(new Set(['5111', '5113', '6111', '6112', '421']));
    expect(new Set(plan.pay.map((l) => l.account))).toEqual(new Set(['3363', '111', '112']));
  });

  it('lets the upper level absorb a deficit as a debit on 5116', () => {
    // Spent more than it had: the fund balance is negative; the dues share is still owed.
    const books = { '111': 100_000, '3361': -300_000, '421': 0, '6111': 200_000 };
    const plan = planClosing(books);
    expect(nonZero(applyLines(books, plan.close, plan.transfer, plan.pay))).toEqual({});
    expect(plan.amounts.settlementIncome).toBe(-200_000);
    expect(applyLines({}, plan.receive)).toEqual({ '112': 100_000, '5114': -300_000, '5116': 200_000 });
  });

  it('plans nothing for books with nothing left', () => {
    const plan = planClosing({ '111': 0, '5111': 0 });
    expect([...plan.close, ...plan.transfer, ...plan.pay, ...plan.receive]).toEqual([]);
    expect(plan.amounts.settled).toBe(0);
  });

  it('refuses books that do not balance', () => {
    expect(() => planClosing({ '111': 10, '5111': -9 })).toThrow(DomainError);
  });

  it('zeroes any balanced books, whatever the signs (500 random sets of books)', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const codes = CHART.map((a) => a.code);
    for (let run = 0; run < 500; run++) {
      const books: Record<string, number> = {};
      for (const code of codes) if (rand() < 0.5) books[code] = Math.round((rand() - 0.3) * 10_000_000);
      // Balance the books on 421, as the ledger's double entry would.
      const total = Object.values(books).reduce((s, v) => s + v, 0);
      books['421'] = (books['421'] ?? 0) - total;
      const plan = planClosing(books, { levyUnallocated: Math.round(rand() * 1_000_000) });
      const unitLines = [...plan.close, ...plan.transfer, ...plan.pay];
      expect(nonZero(applyLines(books, unitLines))).toEqual({});
      expect(sum(unitLines, 'debit')).toBe(sum(unitLines, 'credit'));
      expect(sum(plan.receive, 'debit')).toBe(sum(plan.receive, 'credit'));
      expect(applyLines({}, plan.receive)['112'] ?? 0).toBe((books['111'] ?? 0) + (books['112'] ?? 0));
      for (const l of [...unitLines, ...plan.receive]) expect(l.debit > 0 !== l.credit > 0).toBe(true);
    }
  });
});
