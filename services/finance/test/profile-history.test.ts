import type { FinanceUnitProfile, FundingPeriod } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { fundingTypeIn, nextProfile, withFundingChange } from '../src/domain/unit-profile.ts';

const profile = (over: Partial<FinanceUnitProfile> = {}): FinanceUnitProfile => ({
  unitId: 'u1',
  code: 'LHH',
  name: 'CĐCS Liên hiệp các Hội KH&KT',
  level: 'grassroots',
  parentId: 'upper',
  status: 'active',
  taxId: '2400312468',
  agencyName: 'Liên hiệp các Hội KH&KT',
  fundingType: 'state-budget-full',
  sourceVersion: 1,
  updatedAt: '2024-03-10T02:00:00.000Z',
  ...over,
});

const HISTORY: FundingPeriod[] = [
  { from: '2024-03-10', fundingType: 'state-budget-full' },
  { from: '2025-07-01', fundingType: 'state-budget-partial' },
  { from: '2025-09-15', fundingType: 'self-funded' },
];

describe('fundingTypeIn: the type in force on the month’s first day', () => {
  const p = profile({ fundingType: 'self-funded', fundingHistory: HISTORY });

  it('takes the last entry on or before the first day; a change on the 1st counts for that month', () => {
    expect(fundingTypeIn(p, '2025-06')).toBe('state-budget-full');
    expect(fundingTypeIn(p, '2025-07')).toBe('state-budget-partial');
    expect(fundingTypeIn(p, '2025-09')).toBe('state-budget-partial');
    expect(fundingTypeIn(p, '2025-10')).toBe('self-funded');
    expect(fundingTypeIn(p, '2030-01')).toBe('self-funded');
  });

  it('before the first entry, the first entry’s type; without a history, the current type', () => {
    expect(fundingTypeIn(p, '2019-01')).toBe('state-budget-full');
    expect(fundingTypeIn(profile({ fundingType: 'non-state' }), '2019-01')).toBe('non-state');
    expect(fundingTypeIn(profile({ fundingType: null, fundingHistory: [] }), '2025-07')).toBeNull();
  });

  it('a period without a type on record answers null', () => {
    const cleared = profile({
      fundingType: null,
      fundingHistory: [...HISTORY, { from: '2026-01-20', fundingType: null }],
    });
    expect(fundingTypeIn(cleared, '2026-01')).toBe('self-funded');
    expect(fundingTypeIn(cleared, '2026-02')).toBeNull();
  });
});

describe('withFundingChange', () => {
  it('starts with the first known type and appends a change from its day', () => {
    const first = withFundingChange([], '2024-03-10', 'state-budget-full');
    expect(first).toEqual([{ from: '2024-03-10', fundingType: 'state-budget-full' }]);
    expect(withFundingChange(first, '2025-07-01', 'state-budget-partial')).toEqual(HISTORY.slice(0, 2));
  });

  it('changes nothing when the type is the one in force; starts nothing without a type', () => {
    expect(withFundingChange(HISTORY, '2026-01-01', 'self-funded')).toEqual(HISTORY);
    expect(withFundingChange([], '2024-03-10', null)).toEqual([]);
  });

  it('a second change on the same day replaces that day’s type, and merges back into the one before', () => {
    const sameDay = withFundingChange(HISTORY, '2025-09-15', 'non-state');
    expect(sameDay.at(-1)).toEqual({ from: '2025-09-15', fundingType: 'non-state' });
    expect(sameDay).toHaveLength(3);
    expect(withFundingChange(HISTORY, '2025-09-15', 'state-budget-partial')).toEqual(HISTORY.slice(0, 2));
  });

  it('a change on the day of the first entry keeps the first type for the months before that day', () => {
    const created = [{ from: '2026-11-22', fundingType: 'state-budget-partial' as const }];
    const changed = withFundingChange(created, '2026-11-22', 'state-budget-full');
    expect(changed).toEqual([
      { from: '2026-11-22', fundingType: 'state-budget-partial' },
      { from: '2026-11-22', fundingType: 'state-budget-full' },
    ]);
    const p = profile({ fundingType: 'state-budget-full', fundingHistory: changed });
    expect(fundingTypeIn(p, '2025-09')).toBe('state-budget-partial');
    expect(fundingTypeIn(p, '2026-11')).toBe('state-budget-partial');
    expect(fundingTypeIn(p, '2026-12')).toBe('state-budget-full');
    // Changed back the same day: one entry again.
    expect(withFundingChange(changed, '2026-11-22', 'state-budget-partial')).toEqual(created);
  });

  it('keeps the history sorted when a change carries an earlier day than the last entry', () => {
    const out = withFundingChange(HISTORY, '2025-08-01', 'non-state');
    expect(out.map((p) => p.from)).toEqual(['2024-03-10', '2025-07-01', '2025-09-15']);
    expect(out.at(-1)!.fundingType).toBe('non-state');
  });
});

describe('nextProfile', () => {
  it('dates a change by the Vietnam day of the unit’s updatedAt (UTC+7)', () => {
    const stored = profile({ fundingHistory: [{ from: '2024-03-10', fundingType: 'state-budget-full' }] });
    const next = nextProfile(
      stored,
      profile({ fundingType: 'self-funded', sourceVersion: 2, updatedAt: '2025-07-31T18:30:00.000Z' }),
    );
    expect(next.fundingHistory).toEqual([
      { from: '2024-03-10', fundingType: 'state-budget-full' },
      { from: '2025-08-01', fundingType: 'self-funded' },
    ]);
    expect(fundingTypeIn(next, '2025-07')).toBe('state-budget-full');
    expect(fundingTypeIn(next, '2025-08')).toBe('self-funded');
  });

  it('starts the history of a profile stored before it was kept from that profile’s own type and day', () => {
    const next = nextProfile(
      profile(),
      profile({ fundingType: 'self-funded', sourceVersion: 2, updatedAt: '2025-10-02T03:00:00.000Z' }),
    );
    expect(next.fundingHistory).toEqual([
      { from: '2024-03-10', fundingType: 'state-budget-full' },
      { from: '2025-10-02', fundingType: 'self-funded' },
    ]);
  });

  it('a first event starts the history with its type', () => {
    expect(nextProfile(undefined, profile()).fundingHistory).toEqual([
      { from: '2024-03-10', fundingType: 'state-budget-full' },
    ]);
  });
});
