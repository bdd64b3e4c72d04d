import type { Month } from '@congdoan/contracts';
import type { Explained, LevyDeadline, LevyDue, RuleRef } from '../../src/domain/policy/types.ts';
import type { DuesMonthFigures, LedgerCheck, LevyMonthFigures } from '../../src/domain/reconciliation/sources.ts';

export const MONTH = '2025-08' as Month;

export const rule = (parameter: string, effectiveFrom: string, source: string): RuleRef => ({
  parameter,
  versionId: `${parameter}@${effectiveFrom}#all`,
  effectiveFrom,
  source,
  certainty: 'sure',
});

export const DUES_RATE = rule('dues-rate', '2025-07-01', 'QĐ 61/QĐ-TLĐ');
export const DUES_CAP = rule('dues-cap', '2016-01-01', 'QĐ 1908/QĐ-TLĐ');
export const DUES_SPLIT = rule('dues-split', '2023-01-01', 'QĐ 8108/QĐ-TLĐ');
export const LEVY_RATE = rule('levy-rate', '2013-01-01', 'Luật Công đoàn 2012 Art. 26');
export const LEVY_LIABLE = rule('levy-liable', '2025-07-01', 'Luật 97/2025/QH15');
export const LEVY_SPLIT = rule('levy-split', '2013-01-01', 'QĐ 4290/QĐ-TLĐ');
export const LEVY_DEADLINE = rule('levy-deadline', '2013-01-01', 'NĐ 191/2013');

export const explained = (amount: number, formula: string, rules: RuleRef[]): Explained => ({ amount, formula, rules });

/** 0.5% of the salary, as the policy computes it (half up). */
export const duesOf = (salary: number) => Math.floor((salary * 50 + 5000) / 10000);

export interface DuesOptions {
  salaries?: Record<string, number>;
  collectedByMember?: Record<string, number>;
  /** Defaults to the sum of `collectedByMember`. */
  collected?: number;
  /** Defaults to the upper share due (30% of collected). */
  remitted?: number;
}

export function duesFigures(unitId: string, o: DuesOptions = {}, month: Month = MONTH): DuesMonthFigures {
  const salaries = o.salaries ?? { m1: 6_000_000, m2: 8_000_000 };
  const members = Object.entries(salaries).map(([memberId, salary]) => ({
    memberId,
    duesSalary: salary,
    amount: duesOf(salary),
    formula: `0,5% × ${salary} = ${duesOf(salary)} (QĐ 61/QĐ-TLĐ)`,
    rules: [DUES_RATE, DUES_CAP],
  }));
  const total = members.reduce((t, m) => t + m.amount, 0);
  const collectedByMember = o.collectedByMember ?? Object.fromEntries(members.map((m) => [m.memberId, m.amount]));
  const collected = o.collected ?? Object.values(collectedByMember).reduce((t, n) => t + n, 0);
  const upper = Math.floor((collected * 3000 + 5000) / 10000);
  return {
    unitId,
    month,
    expected: { total, members },
    collected,
    collectedByMember,
    upperShareDue: explained(upper, `30% × ${collected} = ${upper} (QĐ 8108/QĐ-TLĐ)`, [DUES_SPLIT]),
    remitted: o.remitted ?? upper,
  };
}

export interface LevyOptions {
  /** null: no declaration. */
  payroll?: number | null;
  paid?: number;
  allocated?: number;
}

export const levyDue = (payroll: number): LevyDue => ({
  liable: true,
  amount: Math.floor((payroll * 200 + 5000) / 10000),
  formula: `2% × ${payroll} = ${Math.floor((payroll * 200 + 5000) / 10000)} (Luật Công đoàn)`,
  rules: [LEVY_RATE, LEVY_LIABLE],
});

export const LIABLE: LevyDue = {
  liable: true,
  amount: 0,
  formula: '2% × 0 = 0',
  rules: [LEVY_RATE, LEVY_LIABLE],
};
export const NOT_LIABLE: LevyDue = {
  liable: false,
  amount: 0,
  formula: 'không thuộc diện đóng kinh phí công đoàn = 0',
  rules: [LEVY_LIABLE],
};
export const DEADLINE: LevyDeadline = { deadline: '2025-09-30', unpaidFrom: '2025-11-29', rules: [LEVY_DEADLINE] };

export function levyFigures(unitId: string, o: LevyOptions = {}, month: Month = MONTH): LevyMonthFigures {
  const payroll = o.payroll === undefined ? 100_000_000 : o.payroll;
  const declared = payroll === null ? null : { payroll, due: levyDue(payroll) };
  const paid = o.paid ?? declared?.due.amount ?? 0;
  const share = Math.floor((paid * 7500 + 5000) / 10000);
  return {
    unitId,
    month,
    declared,
    paid,
    allocationDue: explained(share, `75% × ${paid} = ${share}`, [LEVY_SPLIT]),
    allocated: o.allocated ?? share,
    penalty: { amount: 0, formula: 'không chậm nộp = 0', rules: [], status: 'on-time' },
  };
}

export function ledgerCheck(
  unitId: string,
  accounts: { account: string; balance: number; sumOfPostings?: number }[] = [
    { account: '112', balance: 5_000_000 },
    { account: '421', balance: -5_000_000 },
  ],
  trialBalance?: { debit: number; credit: number },
): LedgerCheck {
  const full = accounts.map((a) => ({
    account: a.account,
    balance: a.balance,
    sumOfPostings: a.sumOfPostings ?? a.balance,
  }));
  const debit = full.filter((a) => a.balance > 0).reduce((t, a) => t + a.balance, 0);
  const credit = full.filter((a) => a.balance < 0).reduce((t, a) => t - a.balance, 0);
  return { unitId, accounts: full, trialBalance: trialBalance ?? { debit, credit } };
}
