import { DomainError, type FundingType, type Month } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { ACCOUNT } from '../../src/domain/ledger/chart.ts';
import { allocatable, levyMonthView, outstandingOf } from '../../src/domain/levy/month.ts';
import { paymentProblems, planLevyPayment } from '../../src/domain/levy/payment.ts';
import { emptyLevyMonth, type LevyMonthState, type LevyPaymentEntry } from '../../src/domain/levy/types.ts';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import { createPolicy } from '../../src/domain/policy/policy.ts';

const policy = createPolicy(DEFAULT_POLICY_VERSIONS);

function month(
  m: Month,
  payroll: number | null,
  payments: Omit<LevyPaymentEntry, 'paymentId' | 'source' | 'late'>[] = [],
  fundingType: FundingType = 'self-funded',
): LevyMonthState {
  const { deadline } = policy.levyDeadline(m);
  const entries = payments.map((p, i) => ({
    ...p,
    paymentId: `p${i}`,
    source: 'manual' as const,
    late: p.date > deadline,
  }));
  return {
    ...emptyLevyMonth('cdcs', m),
    declaration:
      payroll === null
        ? null
        : {
            payroll,
            headcount: 10,
            note: null,
            fundingType,
            declaredAt: '2026-01-01T00:00:00.000Z',
            declaredBy: 'tester',
            version: 1,
          },
    payments: entries,
    paid: entries.reduce((s, p) => s + p.amount, 0),
  };
}

describe('levy due', () => {
  it('is 2% of the payroll, rounded half up, with the rule named', () => {
    const view = levyMonthView(month('2026-05', 123_456_789), policy, '2026-06-01', 'self-funded');
    expect(view.due).toMatchObject({ liable: true, amount: 2_469_136 });
    expect(view.due!.formula).toContain('2%');
    expect(view.due!.rules.map((r) => r.parameter)).toEqual(['levy-rate', 'levy-liable']);
    expect(view.status).toBe('due');
  });

  it('stops for units paid 100% from the state budget from 1/7/2025', () => {
    const june = levyMonthView(month('2025-06', 100_000_000, [], 'state-budget-full'), policy, '2025-09-01', null);
    const july = levyMonthView(month('2025-07', 100_000_000, [], 'state-budget-full'), policy, '2025-09-01', null);
    expect(june.due).toMatchObject({ liable: true, amount: 2_000_000 });
    expect(june.status).toBe('unpaid');
    expect(july.due).toMatchObject({ liable: false, amount: 0 });
    expect(july.status).toBe('not-liable');
    expect(july.penalty.amount).toBe(0);
    expect(july.due!.rules[0]).toMatchObject({ parameter: 'levy-liable', effectiveFrom: '2025-07-01' });
    // Without a declaration, the agency's funding type says it owes nothing.
    expect(levyMonthView(emptyLevyMonth('cdcs', '2025-08'), policy, '2025-09-01', 'state-budget-full').status).toBe(
      'not-liable',
    );
    expect(levyMonthView(emptyLevyMonth('cdcs', '2025-08'), policy, '2025-09-01', 'self-funded').status).toBe(
      'not-declared',
    );
  });

  it('keeps owing for other funding types after 1/7/2025', () => {
    const view = levyMonthView(month('2025-07', 50_000_000, [], 'state-budget-partial'), policy, '2025-08-01', null);
    expect(view.due).toMatchObject({ liable: true, amount: 1_000_000 });
  });
});

describe('deadlines and penalties (NĐ 105/2026: the last day of the next month, unpaid after 60 days)', () => {
  // May 2026: deadline 30/6/2026, unpaid from 30/8/2026 (60 days after the deadline).
  const m = '2026-05' as Month;

  it('has the deadline and unpaid threshold of the policy', () => {
    const view = levyMonthView(month(m, 100_000_000), policy, '2026-06-30', null);
    expect(view.deadline).toMatchObject({ deadline: '2026-06-30', unpaidFrom: '2026-08-30' });
  });

  it.each([
    ['2026-06-30', 'due', 0, 'on-time'],
    ['2026-07-01', 'late', 240_000, 'late'],
    ['2026-08-29', 'late', 240_000, 'late'],
    ['2026-08-30', 'unpaid', 240_000, 'unpaid'],
  ])('unpaid, as of %s: %s, penalty %d', (asOf, status, penalty, penaltyStatus) => {
    const view = levyMonthView(month(m, 100_000_000), policy, asOf, null);
    expect(view.status).toBe(status);
    expect(view.outstanding).toBe(2_000_000);
    expect(view.penalty).toMatchObject({ amount: penalty, status: penaltyStatus });
  });

  it('charges 12% on what was paid late and what is still owed, counting only payments made by the day', () => {
    const state = month(m, 100_000_000, [
      { date: '2026-06-30', amount: 1_500_000 },
      { date: '2026-07-10', amount: 400_000 },
    ]);
    const before = levyMonthView(state, policy, '2026-07-05', null);
    expect(before.paid).toMatchObject({ total: 1_500_000, onTime: 1_500_000, late: 0 });
    expect(before.outstanding).toBe(500_000);
    expect(before.penalty).toMatchObject({ amount: 60_000, status: 'late' });
    expect(before.penalty.formula).toContain('12%');
    const after = levyMonthView(state, policy, '2026-07-15', null);
    expect(after.paid).toMatchObject({ total: 1_900_000, onTime: 1_500_000, late: 400_000 });
    expect(after.outstanding).toBe(100_000);
    // 12% × (400.000 + 100.000)
    expect(after.penalty.amount).toBe(60_000);
    expect(levyMonthView(state, policy, '2026-08-30', null).status).toBe('unpaid');
  });

  it('is paid-late once settled after the deadline, still with its penalty; paid when settled in time', () => {
    const late = month(m, 100_000_000, [{ date: '2026-07-01', amount: 2_000_000 }]);
    expect(levyMonthView(late, policy, '2026-09-30', null)).toMatchObject({
      status: 'paid-late',
      outstanding: 0,
      penalty: { amount: 240_000 },
    });
    const onTime = month(m, 100_000_000, [{ date: '2026-06-30', amount: 2_000_000 }]);
    expect(levyMonthView(onTime, policy, '2026-09-30', null)).toMatchObject({
      status: 'paid',
      penalty: { amount: 0, status: 'on-time' },
    });
  });

  it('counts a month as unpaid from the day after the deadline before the 60-day rule (unsure default)', () => {
    const view = levyMonthView(month('2025-03', 100_000_000), policy, '2025-05-01', null);
    expect(view.deadline).toMatchObject({ deadline: '2025-04-30', unpaidFrom: '2025-05-01' });
    expect(view.status).toBe('unpaid');
  });
});

describe('a month late before the first penalty rule', () => {
  it('shows no penalty, saying why, rather than failing the year', () => {
    const view = levyMonthView(month('2019-03', 10_000_000), policy, '2019-06-01', null);
    expect(view.status).toBe('unpaid');
    expect(view.penalty).toMatchObject({ amount: 0, status: 'unpaid' });
    expect(view.penalty.formula).toContain('no late-levy penalty rule covers 2019-03');
  });
});

describe('a payment split by month', () => {
  it('splits each month 75/25, marks the late months and builds a balanced receipt', () => {
    const plan = planLevyPayment(
      {
        date: '2025-03-15',
        amount: 2_120_001,
        months: [
          { month: '2025-02', amount: 1_000_001 },
          { month: '2025-01', amount: 1_000_000 },
        ],
        penalties: [{ month: '2025-01', amount: 120_000 }],
      },
      policy,
      '2025-03-20',
    );
    expect(plan.months.map((m) => [m.month, m.late, m.upper.amount, m.grassroots.amount])).toEqual([
      ['2025-01', true, 250_000, 750_000],
      ['2025-02', false, 250_000, 750_001],
    ]);
    expect(plan.totals).toEqual({ levy: 2_000_001, grassroots: 1_500_001, upper: 500_000, penalties: 120_000 });
    expect(plan.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      [ACCOUNT.bank, 2_120_001, 0],
      [ACCOUNT.levyIncome, 0, 500_000],
      [ACCOUNT.allocationPayableDown, 0, 1_500_001],
      [ACCOUNT.penaltyIncome, 0, 120_000],
    ]);
  });

  it('lists every problem', () => {
    const problems = paymentProblems(
      {
        date: '2025-04-02',
        amount: 100,
        months: [
          { month: '2025-03', amount: 50 },
          { month: '2025-03', amount: 60 },
          { month: '2025-05', amount: 1 },
        ],
      },
      '2025-04-01',
    );
    expect(problems.map((p) => p.en)).toEqual([
      'The payment date 2025-04-02 is after today (2025-04-01).',
      'The month 2025-03 appears twice.',
      'Cannot pay for month 2025-05, after the month of the payment date 2025-04-02.',
      'The months add up to 111 đồng, not the amount paid (100 đồng).',
    ]);
    expect(() => planLevyPayment({ date: '2025-04-02', amount: 1, months: [] }, policy, '2025-04-02')).toThrowError(
      DomainError,
    );
  });
});

describe('allocation limit', () => {
  it('is the CĐCS share of what was paid minus what was allocated', () => {
    const state = { ...month('2025-02', 100_000_000, [{ date: '2025-03-01', amount: 1_000_001 }]), allocated: 500_000 };
    const { share, remaining } = allocatable(state, policy);
    expect(share.amount).toBe(750_001);
    expect(remaining).toBe(250_001);
    expect(outstandingOf(state, policy)).toBe(999_999);
    expect(outstandingOf(emptyLevyMonth('cdcs', '2025-02'), policy)).toBeNull();
  });
});
