import { describe, expect, it } from 'vitest';
import { postingRequestOf } from '../../src/domain/fund.ts';
import { addMonths, applyRepayment, isOverdue, nextDueOf, scheduleOf } from '../../src/domain/loan.ts';

describe('a savings-fund loan’s schedule', () => {
  it('splits the amount in whole đồng, the remainder on the last, monthly from the loan’s date', () => {
    const s = scheduleOf(1_000_000, 3, '2026-01-31');
    expect(s).toEqual([
      { number: 1, due: '2026-02-28', amount: 333_333 },
      { number: 2, due: '2026-03-31', amount: 333_333 },
      { number: 3, due: '2026-04-30', amount: 333_334 },
    ]);
    expect(s.reduce((t, i) => t + i.amount, 0)).toBe(1_000_000);
  });

  it('adds months across a year and a leap February', () => {
    expect(addMonths('2027-12-15', 1)).toBe('2028-01-15');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-05-31', 13)).toBe('2027-06-30');
  });

  it('applies repayments to the instalments in order and closes when repaid', () => {
    const schedule = scheduleOf(1_000, 3, '2026-01-10');
    expect(nextDueOf(schedule, 0)).toEqual({ number: 1, due: '2026-02-10', remaining: 333 });
    expect(nextDueOf(schedule, 500)).toEqual({ number: 2, due: '2026-03-10', remaining: 166 });
    expect(nextDueOf(schedule, 1_000)).toBeNull();
    expect(isOverdue({ nextDue: nextDueOf(schedule, 500) }, '2026-03-10')).toBe(false);
    expect(isOverdue({ nextDue: nextDueOf(schedule, 500) }, '2026-03-11')).toBe(true);
  });

  it('closes the loan on the last đồng', () => {
    const loan = {
      id: 'l',
      fundId: 'f',
      unitId: 'u',
      memberId: 'm',
      amount: 1_000,
      schedule: scheduleOf(1_000, 2, '2026-01-10'),
      repaid: 600,
      outstanding: 400,
      status: 'open' as const,
      nextDue: nextDueOf(scheduleOf(1_000, 2, '2026-01-10'), 600),
      overdue: false,
      flaggedThrough: 0,
      date: '2026-01-10',
      movementId: 'mv',
      createdAt: '2026-01-10T01:00:00.000Z',
      closedAt: null,
      version: 2,
    };
    expect(applyRepayment(loan, 400, '2026-03-01T00:00:00.000Z')).toMatchObject({
      repaid: 1_000,
      outstanding: 0,
      status: 'closed',
      nextDue: null,
      closedAt: '2026-03-01T00:00:00.000Z',
      version: 3,
    });
  });
});

describe('a savings fund’s postings', () => {
  const fund = { kind: 'womens-savings' as const, name: 'Quỹ tiết kiệm' };
  const movement = (type: 'deposit' | 'loan' | 'repayment', method: 'cash' | 'bank') => ({
    id: 'm',
    fundId: 'f',
    unitId: 'u',
    type,
    method,
    amount: 500_000,
    date: '2026-01-10',
    memo: 'x',
    caseType: null,
    beneficiaryId: null,
    memberId: 'ha',
    loanId: type === 'deposit' ? null : 'l',
    posting: { status: 'pending' as const, requestId: 'r', postingId: null, voucherNumber: null, reason: null },
    at: '2026-01-10T01:00:00.000Z',
  });
  const lines = (type: 'deposit' | 'loan' | 'repayment', method: 'cash' | 'bank') => {
    const r = postingRequestOf(fund, movement(type, method));
    return { voucher: r.voucher, lines: r.lines.map((l) => `${l.debit ? 'Nợ' : 'Có'} ${l.account}`) };
  };

  it('a deposit Nợ 111/112 Có 3535, a loan Nợ 1388 Có 111/112, a repayment Nợ 111/112 Có 1388', () => {
    expect(lines('deposit', 'bank')).toEqual({ voucher: 'receipt', lines: ['Nợ 112', 'Có 3535'] });
    expect(lines('loan', 'cash')).toEqual({ voucher: 'payment', lines: ['Nợ 1388', 'Có 111'] });
    expect(lines('repayment', 'cash')).toEqual({ voucher: 'receipt', lines: ['Nợ 111', 'Có 1388'] });
  });
});
