import { DomainError } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { booksRefusal, isLocked, moneyOut, planLock, planReopen } from '../../src/domain/ledger/books.ts';
import { basisPoints, budgetWithActuals } from '../../src/domain/ledger/budget.ts';
import { ACCOUNT, BUDGET_ACCOUNT, BUDGET_CATEGORIES, CHART, findAccount } from '../../src/domain/ledger/chart.ts';
import {
  assertValidPosting,
  movementsByAccount,
  postingProblems,
  reversalId,
  reversalOf,
  voucherNumber,
} from '../../src/domain/ledger/posting.ts';
import type { Posting, PostingInput } from '../../src/domain/ledger/types.ts';

const base: PostingInput = {
  id: 'p-1',
  unitId: 'u-1',
  date: '2025-03-10',
  memo: 'Thu đoàn phí tháng 3',
  lines: [
    { account: ACCOUNT.cash, debit: 100_000, credit: 0 },
    { account: ACCOUNT.duesIncome, debit: 0, credit: 100_000 },
  ],
  source: { service: 'finance', kind: 'test', id: 'p-1' },
};

/** Today in Vietnam, as the ledger passes it. */
const TODAY = '2025-07-31';

const problemsEn = (input: PostingInput) => postingProblems(input, TODAY).map((p) => p.en);

describe('the chart of accounts', () => {
  it('holds the codes other areas post to, with their types and normal sides', () => {
    expect(CHART.map((a) => a.code)).toEqual([
      '111',
      '112',
      '1361',
      '1388',
      '3361',
      '3362',
      '3363',
      '3531',
      '3532',
      '3533',
      '3534',
      '3535',
      '421',
      '5111',
      '5112',
      '5113',
      '5114',
      '5115',
      '5116',
      '5118',
      '6111',
      '6112',
      '6113',
      '6114',
      '6115',
      '6118',
    ]);
    expect(findAccount('111')).toMatchObject({
      nameVi: 'Tiền mặt',
      type: 'asset',
      normal: 'debit',
      budgetCategory: null,
    });
    expect(findAccount('3361')).toMatchObject({ type: 'liability', normal: 'credit' });
    expect(findAccount('421')).toMatchObject({ type: 'equity', normal: 'credit' });
    // The welfare funds are held for their purpose (credit), outside the budget; the savings fund's loans are owed to it.
    for (const fund of ['3531', '3532', '3533', '3534', '3535']) {
      expect(findAccount(fund)).toMatchObject({ type: 'liability', normal: 'credit', budgetCategory: null });
    }
    expect(findAccount('1388')).toMatchObject({ type: 'asset', normal: 'debit', budgetCategory: null });
    expect(findAccount('5112')).toMatchObject({ type: 'revenue', normal: 'credit', budgetCategory: 'levy' });
    expect(findAccount('6112')).toMatchObject({ type: 'expense', normal: 'debit', budgetCategory: 'welfare' });
  });

  it('maps each budget category to exactly one income or spending account, and back', () => {
    for (const category of BUDGET_CATEGORIES) {
      expect(findAccount(BUDGET_ACCOUNT[category])?.budgetCategory).toBe(category);
    }
    expect(new Set(Object.values(BUDGET_ACCOUNT)).size).toBe(BUDGET_CATEGORIES.length);
  });
});

describe('what the books allow', () => {
  const open = { closedAt: null, lockedThrough: null, turnover: 0, money: {} };
  const spend = (amount: number, date = '2025-03-10'): PostingInput => ({
    ...base,
    date,
    lines: [
      { account: ACCOUNT.welfare, debit: amount, credit: 0 },
      { account: ACCOUNT.cash, debit: 0, credit: amount },
    ],
  });

  it('refuses closed books, a locked month and every month before it, naming the period', () => {
    expect(booksRefusal(base, { ...open, closedAt: '2025-06-30T00:00:00Z' })).toMatchObject({ code: 'books-closed' });
    const locked = { ...open, lockedThrough: '2025-03' as const };
    expect(booksRefusal(base, locked)?.detail.en).toContain('The month 2025-03 of unit "u-1" is locked');
    expect(booksRefusal({ ...base, date: '2024-11-30' }, locked)?.detail.vi).toContain('Tháng 11/2024');
    expect(booksRefusal({ ...base, date: '2025-04-01' }, locked)).toBeNull();
    expect(isLocked('2025-03', '2025-03')).toBe(true);
    expect(isLocked('2025-04', '2025-03')).toBe(false);
    expect(isLocked('2025-04', null)).toBe(false);
  });

  it('keeps the turnover within 2^53 − 1 and money at or above zero', () => {
    expect(booksRefusal(base, { ...open, turnover: Number.MAX_SAFE_INTEGER - 100_000 })).toBeNull();
    expect(booksRefusal(base, { ...open, turnover: Number.MAX_SAFE_INTEGER - 99_999 })).toMatchObject({
      kind: 'unprocessable',
      code: 'ledger-amount-out-of-range',
    });
    expect(booksRefusal(spend(5_000), { ...open, money: { '111': 5_000 } })).toBeNull();
    const short = booksRefusal(spend(5_001), { ...open, money: { '111': 5_000 } });
    expect(short).toMatchObject({ code: 'money-balance-negative' });
    expect(short?.detail.en).toBe(
      'The balance of account 111 is 5,000 đồng; taking 5,001 đồng out would leave it at -1 đồng. Cash and bank may not go below zero.',
    );
    expect(moneyOut([...spend(7).lines, { account: ACCOUNT.cash, debit: 2, credit: 0 }])).toEqual([
      { account: '111', amount: 5 },
    ]);
  });

  it('locks months in order and reopens them in order', () => {
    const books = { closedAt: null, lockedThrough: null };
    expect(planLock('u', books, '2025-06', '2025-07-01')).toEqual({
      previousLockedThrough: null,
      lockedThrough: '2025-06',
    });
    expect(() => planLock('u', books, '2025-07', '2025-07-31')).toThrow(/has not ended/);
    const locked = { closedAt: null, lockedThrough: '2025-06' as const };
    expect(() => planLock('u', locked, '2025-05', '2025-07-01')).toThrow(/already locked/);
    expect(planReopen('u', locked, '2025-04')).toEqual({ previousLockedThrough: '2025-06', lockedThrough: '2025-03' });
    expect(() => planReopen('u', locked, '2025-07')).toThrow(/not locked/);
    expect(planReopen('u', { closedAt: null, lockedThrough: '2013-05' }, '2013-01')).toEqual({
      previousLockedThrough: '2013-05',
      lockedThrough: null,
    });
  });
});

describe('posting rules', () => {
  it('accepts a balanced posting in whole đồng on known accounts', () => {
    expect(postingProblems(base, TODAY)).toEqual([]);
    expect(() => assertValidPosting(base, TODAY)).not.toThrow();
  });

  it('refuses unbalanced lines, listing the totals in both languages', () => {
    const input = { ...base, lines: [base.lines[0]!, { account: ACCOUNT.duesIncome, debit: 0, credit: 99_999 }] };
    expect(problemsEn(input)).toEqual(['Total debits (100,000 đồng) differ from total credits (99,999 đồng).']);
    try {
      assertValidPosting(input, TODAY);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe('unprocessable');
      expect((error as DomainError).code).toBe('invalid-posting');
      expect((error as DomainError).detail.vi).toContain('Tổng Nợ (100,000 đ) khác tổng Có (99,999 đ)');
    }
  });

  it('refuses a line with both sides, neither side, a fraction, a negative amount or an unknown account', () => {
    const input: PostingInput = {
      ...base,
      lines: [
        { account: ACCOUNT.cash, debit: 10, credit: 10 },
        { account: ACCOUNT.cash, debit: 0, credit: 0 },
        { account: ACCOUNT.cash, debit: 10.5, credit: 0 },
        { account: ACCOUNT.cash, debit: -10, credit: 0 },
        { account: '999', debit: 0, credit: 10 },
      ],
    };
    const en = problemsEn(input);
    expect(en).toContain('Line 1: exactly one of debit and credit must be positive.');
    expect(en).toContain('Line 2: exactly one of debit and credit must be positive.');
    expect(en.some((p) => p.startsWith('Line 3: debit and credit must be whole đồng'))).toBe(true);
    expect(en.some((p) => p.startsWith('Line 4: debit and credit must be whole đồng'))).toBe(true);
    expect(en).toContain('Line 5: account "999" is not in the chart of accounts.');
  });

  it('needs two lines, a real day and a memo', () => {
    const en = problemsEn({ ...base, lines: [base.lines[0]!], date: '2025-02-30', memo: ' ' });
    expect(en).toContain('A posting needs at least two lines (a debit and a credit).');
    expect(en).toContain('The accounting date "2025-02-30" is not a valid day (YYYY-MM-DD).');
    expect(en).toContain('The memo must have 1 to 500 characters.');
  });

  it('takes no date after today in Vietnam, nor before the earliest day, and no line over 10^13 đồng', () => {
    expect(problemsEn({ ...base, date: TODAY })).toEqual([]);
    expect(problemsEn({ ...base, date: '2025-08-01' })).toEqual([
      'The accounting date 2025-08-01 is after today (2025-07-31, Vietnam).',
    ]);
    expect(problemsEn({ ...base, date: '2012-12-31' })).toEqual([
      'The accounting date 2012-12-31 is before the earliest day the books take (2013-01-01).',
    ]);
    const huge = (amount: number): PostingInput => ({
      ...base,
      lines: [
        { account: ACCOUNT.cash, debit: amount, credit: 0 },
        { account: ACCOUNT.duesIncome, debit: 0, credit: amount },
      ],
    });
    expect(problemsEn(huge(10_000_000_000_000))).toEqual([]);
    expect(problemsEn(huge(10_000_000_000_001))).toHaveLength(2);
  });

  it('has a receipt bring money in and a payment take it out', () => {
    expect(problemsEn({ ...base, voucher: 'receipt' })).toEqual([]);
    expect(problemsEn({ ...base, voucher: 'payment' })).toEqual([
      'A payment voucher must credit cash (111) or the bank (112).',
    ]);
    const spending: PostingInput = {
      ...base,
      voucher: 'receipt',
      lines: [
        { account: ACCOUNT.welfare, debit: 5, credit: 0 },
        { account: ACCOUNT.bank, debit: 0, credit: 5 },
      ],
    };
    expect(problemsEn(spending)).toEqual(['A receipt voucher must debit cash (111) or the bank (112).']);
    expect(problemsEn({ ...spending, voucher: 'payment' })).toEqual([]);
  });

  it('sums lines per account, so each account gets one balance update', () => {
    const lines = [
      { account: ACCOUNT.cash, debit: 70, credit: 0 },
      { account: ACCOUNT.cash, debit: 30, credit: 0 },
      { account: ACCOUNT.duesIncome, debit: 0, credit: 70 },
      { account: ACCOUNT.duesPayableUp, debit: 0, credit: 30 },
    ];
    expect(movementsByAccount(lines)).toEqual([
      { account: '111', debit: 100, credit: 0 },
      { account: '5111', debit: 0, credit: 70 },
      { account: '3361', debit: 0, credit: 30 },
    ]);
  });
});

describe('reversals and vouchers', () => {
  const posted: Posting = {
    ...base,
    voucher: 'receipt',
    period: '2025-03',
    voucherNumber: 'PT-2025-000001',
    createdAt: 'x',
    createdBy: 'y',
  };

  it('swaps every line’s sides under an id derived from the original', () => {
    const reversal = reversalOf(posted, { date: '2025-04-01' });
    expect(reversal.id).toBe(reversalId('p-1'));
    expect(reversal.reverses).toBe('p-1');
    expect(reversal.voucher).toBeUndefined();
    expect(reversal.lines).toEqual([
      { account: ACCOUNT.cash, debit: 0, credit: 100_000 },
      { account: ACCOUNT.duesIncome, debit: 100_000, credit: 0 },
    ]);
    expect(postingProblems(reversal, TODAY)).toEqual([]);
  });

  it('refuses to reverse a reversal, or to date a reversal before its original', () => {
    const reversal = { ...posted, ...reversalOf(posted, { date: '2025-04-01' }) };
    expect(() => reversalOf(reversal, { date: '2025-04-02' })).toThrow(/itself a reversal/);
    expect(() => reversalOf(posted, { date: '2025-03-09' })).toThrow(/before the original/);
  });

  it('numbers vouchers PT/PC-year-six digits', () => {
    expect(voucherNumber('receipt', 2025, 1)).toBe('PT-2025-000001');
    expect(voucherNumber('payment', 2026, 123_456)).toBe('PC-2026-123456');
  });
});

describe('budget arithmetic', () => {
  it('rounds basis points to the nearest, half up, on integers', () => {
    expect(basisPoints(1, 3)).toBe(3333); // 3333.33…
    expect(basisPoints(2, 3)).toBe(6667); // 6666.66…
    expect(basisPoints(1, 20_000)).toBe(1); // exactly 0.5 → up
    expect(basisPoints(-1, 20_000)).toBe(0); // exactly −0.5 → up, towards +∞
    expect(basisPoints(5, 0)).toBeNull();
  });

  it('counts income as credits minus debits and spending as debits minus credits', () => {
    const view = budgetWithActuals(
      'u-1',
      2025,
      {
        unitId: 'u-1',
        year: 2025,
        amounts: { ...Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, 0])), dues: 1_000, activities: 400 } as never,
        note: null,
        version: 3,
        updatedAt: 'x',
        updatedBy: 'y',
      },
      [
        { account: ACCOUNT.duesIncome, debit: 100, credit: 1_300 },
        { account: ACCOUNT.activities, debit: 500, credit: 200 },
      ],
    );
    expect(view.lines.find((l) => l.category === 'dues')).toEqual({
      category: 'dues',
      direction: 'income',
      account: '5111',
      planned: 1_000,
      actual: 1_200,
      variance: 200,
      usedBasisPoints: 12_000,
    });
    expect(view.lines.find((l) => l.category === 'activities')).toEqual({
      category: 'activities',
      direction: 'spending',
      account: '6111',
      planned: 400,
      actual: 300,
      variance: -100,
      usedBasisPoints: 7_500,
    });
    expect(view.totals).toEqual({
      income: { planned: 1_000, actual: 1_200, variance: 200 },
      spending: { planned: 400, actual: 300, variance: -100 },
    });
  });
});
