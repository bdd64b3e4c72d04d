import { type Month, monthsBetween } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { arrears } from '../../src/domain/dues/arrears.ts';
import {
  DUES_STANDING_MONTHS,
  GOOD_STANDING,
  sameFigures,
  standingFrom,
  standingMonth,
  standingWindow,
  unitStandings,
} from '../../src/domain/dues/standing.ts';
import { emptyMonthState } from '../../src/domain/dues/types.ts';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import { createPolicy } from '../../src/domain/policy/policy.ts';
import { entry } from './support.ts';

const policy = createPolicy(DEFAULT_POLICY_VERSIONS);
const terms = () => ({ fundingType: 'state-budget-partial' as const, resolution: null });

describe('the month a standing counts to', () => {
  it('is the month before last until the 5th, the month before from the 5th (Vietnam days)', () => {
    expect(standingMonth('2025-08-04')).toBe('2025-06');
    expect(standingMonth('2025-08-05')).toBe('2025-07');
    expect(standingMonth('2025-08-31')).toBe('2025-07');
    expect(standingMonth('2026-01-01')).toBe('2025-11');
    expect(standingMonth('2026-01-05')).toBe('2025-12');
  });

  it('looks twelve months back, or back to the removal threshold when that is longer', () => {
    expect(DUES_STANDING_MONTHS).toBe(12);
    expect(standingFrom('2025-07')).toBe('2024-08');
    expect(standingWindow('2025-07', 6)).toEqual({ first: '2024-08', last: '2025-07' });
    expect(standingWindow('2025-07', 18)).toEqual({ first: '2024-02', last: '2025-07' });
  });
});

describe('a unit’s standings', () => {
  const entries = [
    entry('paid', 'Người Đóng Đủ', (c) => c.admitted('2024-01-01', 'A', 5_200_000)),
    entry('two', 'Người Nợ Hai Tháng', (c) => c.admitted('2024-01-01', 'A', 5_200_000)),
    entry('part', 'Người Đóng Thiếu', (c) => c.admitted('2024-01-01', 'A', 5_200_000)),
    entry('none', 'Người Không Đóng', (c) => c.admitted('2024-01-01', 'A', 5_200_000)),
    entry('left', 'Người Đã Chuyển', (c) => c.admitted('2024-01-01', 'A', 5_200_000).transferred('2025-06-01', 'B')),
    entry('ahead', 'Người Đóng Trước', (c) => c.admitted('2024-01-01', 'A', 5_200_000)),
  ];
  const asOf = '2025-07' as Month;
  const window = standingWindow(asOf, policy.duesRemovalMonths(asOf).months);
  const paidFor = (memberId: string, month: Month): number => {
    const due = month >= '2025-07' ? 26_000 : 52_000;
    if (memberId === 'paid') return due;
    if (memberId === 'two') return month >= '2025-06' ? 0 : due;
    if (memberId === 'part') return month === '2025-07' ? 10_000 : due;
    if (memberId === 'left') return month < '2025-06' ? due : 0;
    // Paid June twice over, nothing for July: the advance covers it.
    if (memberId === 'ahead') return month === '2025-06' ? 78_000 : month === '2025-07' ? 0 : due;
    return 0;
  };
  const all = monthsBetween(window.first, window.last);
  const states = new Map(
    all.map((month) => [
      month,
      {
        ...emptyMonthState('A', month),
        paid: Object.fromEntries(
          entries.map((e) => [e.memberId, paidFor(e.memberId, month)]).filter(([, a]) => a !== 0),
        ),
        version: 1,
      },
    ]),
  );
  const standings = unitStandings({ unitId: 'A', asOf, termsOf: terms, entries, states, policy });

  it('counts the months in a row paid nothing, what is outstanding and the removal flag, for those owing the month', () => {
    expect(Object.fromEntries(standings)).toEqual({
      paid: GOOD_STANDING,
      // June (52,000 at 1%) and July (26,000 at 0.5%, QĐ 61/QĐ-TLĐ) unpaid.
      two: { monthsInArrears: 2, outstanding: 78_000, removalCandidate: false },
      // July part paid: not a month without dues, yet 16,000 outstanding.
      part: { monthsInArrears: 0, outstanding: 16_000, removalCandidate: false },
      // Twelve months (the standing's look-back), past the removal threshold of six.
      none: { monthsInArrears: 12, outstanding: 6 * 52_000 + 5 * 52_000 + 26_000, removalCandidate: true },
      // June paid twice over covers July: what the arrears report does not list is in good standing.
      ahead: GOOD_STANDING,
    });
    // Transferred to B on 1 June: B announces her, not A.
    expect(standings.has('left')).toBe(false);
  });

  it('is the arrears report over the same months: the same count, balance and flag for every member it lists', () => {
    const report = arrears({
      unitId: 'A',
      from: standingFrom(asOf),
      to: asOf,
      termsOf: terms,
      entries,
      states,
      policy,
    });
    for (const m of report.members) {
      if (!standings.has(m.memberId)) continue;
      expect(standings.get(m.memberId)).toEqual({
        monthsInArrears: m.monthsWithoutDues,
        outstanding: Math.max(0, m.balance),
        removalCandidate: m.removalCandidate,
      });
    }
  });

  it('tells a change only by its figures', () => {
    expect(sameFigures(GOOD_STANDING, { monthsInArrears: 0, outstanding: 0, removalCandidate: false })).toBe(true);
    expect(sameFigures(GOOD_STANDING, { monthsInArrears: 0, outstanding: 1, removalCandidate: false })).toBe(false);
    expect(sameFigures(GOOD_STANDING, { monthsInArrears: 1, outstanding: 0, removalCandidate: false })).toBe(false);
    expect(sameFigures(GOOD_STANDING, { monthsInArrears: 0, outstanding: 0, removalCandidate: true })).toBe(false);
  });
});
