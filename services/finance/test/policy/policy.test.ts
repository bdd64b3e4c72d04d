import { FUNDING_TYPES, type Month } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import {
  applyBasisPoints,
  createPolicy,
  formatDong,
  formatPercent,
  versionRanges,
} from '../../src/domain/policy/policy.ts';
import type { PolicyVersion } from '../../src/domain/policy/types.ts';
import { coveredKeys, versionId } from '../../src/domain/policy/versions.ts';
import { domainErrorThrown } from '../support/errors.ts';

const policy = createPolicy(DEFAULT_POLICY_VERSIONS);

describe('rounding and formatting', () => {
  it('rounds a percentage to the nearest đồng, half up, without floats', () => {
    expect(applyBasisPoints(5_200_000, 100)).toBe(52_000);
    expect(applyBasisPoints(1_050, 100)).toBe(11); // 10.5 → 11
    expect(applyBasisPoints(1_049, 100)).toBe(10); // 10.49 → 10
    expect(applyBasisPoints(4_999_999, 50)).toBe(25_000); // 24 999.995 → 25 000
    expect(applyBasisPoints(4_999_899, 50)).toBe(24_999); // 24 999.495 → 24 999
    // A product beyond 2^53 stays exact.
    expect(applyBasisPoints(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
    expect(applyBasisPoints(999_999_999_999_999, 3_333)).toBe(333_300_000_000_000); // …999.6667
    expect(() => applyBasisPoints(10.5, 100)).toThrow(RangeError);
  });

  it('writes amounts with dots and percentages with a decimal comma', () => {
    expect(formatDong(52_000)).toBe('52.000');
    expect(formatDong(1_234_567_890)).toBe('1.234.567.890');
    expect(formatDong(999)).toBe('999');
    expect(formatPercent(100)).toBe('1%');
    expect(formatPercent(50)).toBe('0,5%');
    expect(formatPercent(1_250)).toBe('12,5%');
    expect(formatPercent(1)).toBe('0,01%');
  });
});

describe('dues', () => {
  it('follows the 1/7/2025 change: 1% in June, 0.5% in July for a partly self-funded unit', () => {
    const june = policy.dues({ month: '2025-06', fundingType: 'state-budget-partial', duesSalary: 5_200_000 });
    const july = policy.dues({ month: '2025-07', fundingType: 'state-budget-partial', duesSalary: 5_200_000 });
    expect(june.amount).toBe(52_000);
    expect(june.formula).toBe('1% × 5.200.000 = 52.000 (QĐ 1908/QĐ-TLĐ (2016))');
    expect(june.rules[0]).toMatchObject({ parameter: 'dues-rate', versionId: 'dues-rate@2017-01-01#all' });
    expect(july.amount).toBe(26_000);
    expect(july.formula).toBe('0,5% × 5.200.000 = 26.000 (QĐ 61/QĐ-TLĐ (29/7/2025))');
    expect(july.rules[0]).toMatchObject({
      versionId: 'dues-rate@2025-07-01#state-budget-partial+self-funded+non-state',
      certainty: 'sure',
    });
  });

  it('keeps 1% for units paid 100% from the state budget, marked unsure', () => {
    const july = policy.dues({ month: '2025-07', fundingType: 'state-budget-full', duesSalary: 5_200_000 });
    expect(july.amount).toBe(52_000);
    expect(july.rules[0]).toMatchObject({ versionId: 'dues-rate@2025-07-01#state-budget-full', certainty: 'unsure' });
  });

  it('charges 0.5% of take-home pay in state-owned enterprises from July 2025', () => {
    const july = policy.dues({ month: '2025-07', fundingType: 'state-owned-enterprise', duesSalary: 12_000_000 });
    expect(july.amount).toBe(60_000);
    expect(july.rules[0]?.versionId).toBe('dues-rate@2025-07-01#state-owned-enterprise');
  });

  it.each([
    ['2023-06', 'state-budget-partial', 149_000, '1.490.000', 'NĐ 38/2019/NĐ-CP'],
    ['2023-07', 'state-budget-partial', 180_000, '1.800.000', 'NĐ 24/2023/NĐ-CP'],
    ['2024-06', 'self-funded', 180_000, '1.800.000', 'NĐ 24/2023/NĐ-CP'],
    ['2024-07', 'self-funded', 234_000, '2.340.000', 'NĐ 73/2024/NĐ-CP'],
    ['2026-06', 'state-budget-full', 234_000, '2.340.000', 'NĐ 73/2024/NĐ-CP'],
    ['2026-07', 'state-budget-full', 253_000, '2.530.000', 'NĐ 161/2026 (reported)'],
  ] as const)('caps dues of a 30.000.000 salary in %s (%s) at %i', (month, fundingType, cap, base, source) => {
    const dues = policy.dues({ month: month as Month, fundingType, duesSalary: 30_000_000 });
    expect(dues.amount).toBe(cap);
    expect(dues.formula).toContain(`10% × ${base}`);
    expect(dues.formula).toMatch(/^min\(/);
    expect(dues.formula).toContain(source);
    expect(dues.rules.map((r) => r.parameter)).toEqual(['dues-rate', 'dues-cap', 'base-salary']);
  });

  it('writes the capped formula in full', () => {
    const dues = policy.dues({ month: '2024-07', fundingType: 'state-budget-partial', duesSalary: 30_000_000 });
    expect(dues.formula).toBe(
      'min(1% × 30.000.000, 10% × 2.340.000) = 234.000 (QĐ 1908/QĐ-TLĐ (2016); NĐ 73/2024/NĐ-CP)',
    );
  });

  it('does not cap when the rate gives less, even just under the cap', () => {
    // July 2026, 0.5%: the cap 253.000 is reached at 50.600.000.
    const under = policy.dues({ month: '2026-07', fundingType: 'non-state', duesSalary: 50_599_000 });
    expect(under.amount).toBe(252_995);
    expect(under.formula).not.toMatch(/^min/);
    const at = policy.dues({ month: '2026-07', fundingType: 'non-state', duesSalary: 50_600_000 });
    expect(at.amount).toBe(253_000);
    const over = policy.dues({ month: '2026-07', fundingType: 'non-state', duesSalary: 50_601_000 });
    expect(over.amount).toBe(253_000);
    expect(over.formula).toMatch(/^min\(0,5% × 50\.601\.000, 10% × 2\.530\.000\)/);
  });

  it('rounds odd salaries to the nearest đồng, half up', () => {
    const d = (duesSalary: number, month: Month = '2025-07') =>
      policy.dues({ month, fundingType: 'self-funded', duesSalary }).amount;
    expect(d(4_680_001)).toBe(23_400); // 23 400.005
    expect(d(4_680_099)).toBe(23_400); // 23 400.495
    expect(d(4_680_100)).toBe(23_401); // 23 400.5 → up
    expect(d(4_680_150, '2025-06')).toBe(46_802); // 1%: 46 801.5 → up
    expect(d(4_680_149, '2025-06')).toBe(46_801); // 46 801.49
    expect(d(0)).toBe(0);
  });

  it('applies a CĐCS rate by resolution only where allowed and only when higher', () => {
    const higher = policy.dues({
      month: '2025-07',
      fundingType: 'self-funded',
      duesSalary: 5_200_000,
      unitRateBp: 80,
    });
    expect(higher.amount).toBe(41_600);
    expect(higher.formula).toBe('0,8% × 5.200.000 = 41.600 (nghị quyết CĐCS; QĐ 61/QĐ-TLĐ (29/7/2025))');
    expect(higher.rules.map((r) => r.parameter)).toContain('dues-unit-rate-allowed');

    const lower = policy.dues({ month: '2025-07', fundingType: 'self-funded', duesSalary: 5_200_000, unitRateBp: 30 });
    expect(lower.amount).toBe(26_000);

    const beforeAllowed = policy.dues({
      month: '2025-06',
      fundingType: 'self-funded',
      duesSalary: 5_200_000,
      unitRateBp: 200,
    });
    expect(beforeAllowed.amount).toBe(52_000);

    // Still capped.
    const capped = policy.dues({
      month: '2025-07',
      fundingType: 'self-funded',
      duesSalary: 30_000_000,
      unitRateBp: 200,
    });
    expect(capped.amount).toBe(234_000);
  });

  it('refuses amounts that are not whole đồng and rates out of range', () => {
    const fractional = domainErrorThrown(() =>
      policy.dues({ month: '2025-07', fundingType: 'self-funded', duesSalary: 1_000.5 }),
    );
    expect(fractional).toMatchObject({ kind: 'unprocessable', code: 'invalid-amount' });
    expect(fractional.detail.vi).toContain('Lương đóng đoàn phí');
    expect(
      domainErrorThrown(() => policy.dues({ month: '2025-07', fundingType: 'self-funded', duesSalary: -1 })).code,
    ).toBe('invalid-amount');
    expect(
      domainErrorThrown(() =>
        policy.dues({ month: '2025-07', fundingType: 'self-funded', duesSalary: 1, unitRateBp: 10_001 }),
      ).code,
    ).toBe('invalid-unit-rate');
    expect(
      domainErrorThrown(() => policy.dues({ month: '2025-13' as Month, fundingType: 'self-funded', duesSalary: 1 }))
        .code,
    ).toBe('invalid-month');
  });
});

describe('no rule before a rule’s first version', () => {
  it('names the rule and the period in Vietnamese and English', () => {
    const error = domainErrorThrown(() =>
      policy.dues({ month: '2019-06', fundingType: 'state-budget-partial', duesSalary: 5_000_000 }),
    );
    expect(error.kind).toBe('unprocessable');
    expect(error.code).toBe('policy-rule-missing');
    expect(error.detail.vi).toContain('lương cơ sở');
    expect(error.detail.vi).toContain('2019-06');
    expect(error.detail.vi).toContain('2019-07-01');
    expect(error.detail.en).toContain('statutory base salary');
    expect(error.detail.en).toContain('2019-06');
  });

  it('has no dues split before fiscal 2023 and no penalty rate before 2022', () => {
    expect(domainErrorThrown(() => policy.duesSplit('2022-12', 10_000)).detail.en).toContain('dues split');
    expect(policy.duesSplit('2023-01', 10_000).upper.amount).toBe(3_000);
    const error = domainErrorThrown(() => policy.levyPenalty('2021-10', 0, 1_000, '2022-12-31'));
    // October 2021's deadline is 30/11/2021: the first late day precedes NĐ 12/2022.
    expect(error.code).toBe('policy-rule-missing');
    expect(error.detail.en).toContain('late levy penalty rate');
  });

  it('answers for an empty policy too', () => {
    const empty = createPolicy([]);
    expect(domainErrorThrown(() => empty.duesRemovalMonths('2025-01')).detail.en).toContain('has no version');
  });
});

describe('splits', () => {
  it('rounds the upper share and gives the CĐCS the remainder, so they add up', () => {
    for (const amount of [0, 1, 2, 3, 5, 17, 26_001, 52_005, 234_000, 999_999]) {
      const dues = policy.duesSplit('2025-07', amount);
      expect(dues.grassroots.amount + dues.upper.amount).toBe(amount);
      const levy = policy.levySplit('2025-07', amount);
      expect(levy.grassroots.amount + levy.upper.amount).toBe(amount);
    }
    const odd = policy.duesSplit('2025-07', 26_005); // 30% = 7 801.5 → 7 802
    expect(odd.upper.amount).toBe(7_802);
    expect(odd.grassroots.amount).toBe(18_203);
    expect(odd.upper.formula).toBe('30% × 26.005 = 7.802 (QĐ 8108/QĐ-TLĐ amending QĐ 4290/QĐ-TLĐ)');
    expect(odd.grassroots.formula).toBe('26.005 − 7.802 = 18.203 (70%, QĐ 8108/QĐ-TLĐ amending QĐ 4290/QĐ-TLĐ)');
    const levy = policy.levySplit('2025-07', 2_000_002); // 25% = 500 000.5 → 500 001
    expect(levy.upper.amount).toBe(500_001);
    expect(levy.grassroots.amount).toBe(1_500_001);
    expect(levy.upper.rules[0]).toMatchObject({ parameter: 'levy-split', certainty: 'unsure' });
  });
});

describe('levy', () => {
  it('is 2% of the payroll, rounded half up', () => {
    const levy = policy.levy('2024-03', 'state-budget-partial', 123_456_789);
    expect(levy).toMatchObject({ liable: true, amount: 2_469_136 }); // 2 469 135.78
    expect(levy.formula).toBe('2% × 123.456.789 = 2.469.136 (Luật Công đoàn 2012 Art. 26)');
    expect(policy.levy('2024-03', 'non-state', 25).amount).toBe(1); // 0.5 → 1
    expect(policy.levy('2024-03', 'non-state', 24).amount).toBe(0); // 0.48 → 0
  });

  it('stops for units paid 100% from the state budget from July 2025, and for no one else', () => {
    expect(policy.levy('2025-06', 'state-budget-full', 100_000_000)).toMatchObject({
      liable: true,
      amount: 2_000_000,
    });
    const july = policy.levy('2025-07', 'state-budget-full', 100_000_000);
    expect(july).toMatchObject({ liable: false, amount: 0 });
    expect(july.rules[0]).toMatchObject({ versionId: 'levy-liable@2025-07-01#state-budget-full', certainty: 'likely' });
    expect(july.formula).toContain('Luật 97/2025/QH15');
    for (const type of FUNDING_TYPES.filter((t) => t !== 'state-budget-full')) {
      const due = policy.levy('2025-07', type, 100_000_000);
      expect(due).toMatchObject({ liable: true, amount: 2_000_000 });
      expect(due.rules[0]?.source).toBe('Luật Công đoàn 2024 Art. 29');
    }
  });
});

describe('levy deadline and penalty around NĐ 105/2026', () => {
  it('is the last day of the following month, under the rule in force on that day', () => {
    const march = policy.levyDeadline('2026-03');
    expect(march.deadline).toBe('2026-04-30');
    expect(march.rules[0]?.versionId).toBe('levy-deadline@2014-01-01#all');
    // The unpaid threshold in force on 30/4/2026 is NĐ 105's 60 days.
    expect(march.unpaidFrom).toBe('2026-06-30');
    const april = policy.levyDeadline('2026-04');
    expect(april.deadline).toBe('2026-05-31');
    expect(april.rules[0]?.versionId).toBe('levy-deadline@2026-05-16#all');
    expect(april.unpaidFrom).toBe('2026-07-31');
    expect(policy.levyDeadline('2024-01').deadline).toBe('2024-02-29');
  });

  it('counts unpaid the day after the deadline before 2026, and 60 days after from 2026', () => {
    const nov = policy.levyDeadline('2025-11'); // deadline 31/12/2025, before NĐ 105
    expect(nov).toMatchObject({ deadline: '2025-12-31', unpaidFrom: '2026-01-01' });
    expect(nov.rules[1]).toMatchObject({ parameter: 'levy-unpaid-after-days', certainty: 'unsure' });
    const dec = policy.levyDeadline('2025-12'); // deadline 31/1/2026
    expect(dec).toMatchObject({ deadline: '2026-01-31', unpaidFrom: '2026-04-02' });
  });

  it('tells on-time, late and unpaid apart, and charges 12% of what was late', () => {
    // April 2026: deadline 31/5/2026, unpaid from 31/7/2026.
    expect(policy.levyPenalty('2026-04', 0, 1_000_000, '2026-05-31')).toMatchObject({
      status: 'on-time',
      amount: 0,
    });
    expect(policy.levyPenalty('2026-04', 0, 0, '2026-09-01')).toMatchObject({ status: 'on-time', amount: 0 });
    const late = policy.levyPenalty('2026-04', 0, 1_000_000, '2026-06-01');
    expect(late).toMatchObject({ status: 'late', amount: 120_000 });
    expect(late.formula).toBe('12% × 1.000.000 = 120.000 (NĐ 12/2022/NĐ-CP Art. 38)');
    expect(late.rules.map((r) => r.parameter)).toEqual([
      'levy-deadline',
      'levy-unpaid-after-days',
      'levy-penalty-rate',
    ]);
    expect(policy.levyPenalty('2026-04', 0, 1_000_000, '2026-07-30').status).toBe('late');
    expect(policy.levyPenalty('2026-04', 0, 1_000_000, '2026-07-31').status).toBe('unpaid');
    // Paid late in full: late, never unpaid.
    expect(policy.levyPenalty('2026-04', 1_000_000, 0, '2026-12-01')).toMatchObject({
      status: 'late',
      amount: 120_000,
    });
    const both = policy.levyPenalty('2026-04', 500_000, 333_337, '2026-08-01');
    expect(both).toMatchObject({ status: 'unpaid', amount: 100_000 }); // 12% × 833 337 = 100 000.44
    expect(both.formula).toBe('12% × (500.000 + 333.337) = 100.000 (NĐ 12/2022/NĐ-CP Art. 38)');
    // An instant is read as its day in Vietnam: 17:30 UTC on 31/5 is already 1/6 there.
    expect(policy.levyPenalty('2026-04', 0, 1_000, '2026-05-31T17:30:00Z').status).toBe('late');
    expect(policy.levyPenalty('2026-04', 0, 1_000, '2026-05-31T16:30:00Z').status).toBe('on-time');
  });

  it('before NĐ 105 an amount still owed is unpaid from the day after the deadline', () => {
    expect(policy.levyPenalty('2025-10', 0, 1_000_000, '2025-12-01')).toMatchObject({
      status: 'unpaid',
      amount: 120_000,
    });
    expect(policy.levyPenalty('2025-10', 1_000_000, 0, '2025-12-01').status).toBe('late');
  });
});

describe('removal for unpaid dues', () => {
  it('is 6 months by default, marked unsure', () => {
    expect(policy.duesRemovalMonths('2026-01')).toMatchObject({ months: 6, rule: { certainty: 'unsure' } });
  });
});

describe('the default table', () => {
  it('names a source and certainty on every version, and never two versions of one rule on one day', () => {
    const seen = new Set<string>();
    for (const v of DEFAULT_POLICY_VERSIONS) {
      expect(v.source.length).toBeGreaterThan(3);
      expect(v.id).toBe(versionId(v.parameter, v.effectiveFrom, v.appliesTo));
      for (const key of coveredKeys(v)) {
        const slot = `${v.parameter}|${key}|${v.effectiveFrom}`;
        expect(seen.has(slot), slot).toBe(false);
        seen.add(slot);
      }
    }
  });

  it('lists when each version stops governing', () => {
    const ranges = versionRanges(DEFAULT_POLICY_VERSIONS);
    expect(ranges.get('base-salary@2023-07-01#all')).toEqual({ effectiveUntil: '2024-06-30' });
    expect(ranges.get('base-salary@2026-07-01#all')).toEqual({ effectiveUntil: null });
    expect(ranges.get('dues-rate@2017-01-01#all')).toEqual({ effectiveUntil: '2025-06-30' });
    expect(ranges.get('levy-deadline@2014-01-01#all')).toEqual({ effectiveUntil: '2026-05-15' });
  });

  it('shows per funding type when a version ends on different days', () => {
    const versions: PolicyVersion[] = [
      ...DEFAULT_POLICY_VERSIONS,
      {
        id: versionId('dues-rate', '2027-01-01', ['self-funded']),
        parameter: 'dues-rate',
        appliesTo: ['self-funded'],
        effectiveFrom: '2027-01-01',
        value: { rateBp: 60, basis: 'social-insurance-salary' },
        source: 'QĐ giả định',
        certainty: 'likely',
      },
    ];
    const range = versionRanges(versions).get('dues-rate@2025-07-01#state-budget-partial+self-funded+non-state');
    expect(range).toEqual({
      effectiveUntil: null,
      effectiveUntilByFundingType: { 'state-budget-partial': null, 'self-funded': '2026-12-31', 'non-state': null },
    });
    const added = createPolicy(versions);
    expect(added.dues({ month: '2027-01', fundingType: 'self-funded', duesSalary: 1_000_000 }).amount).toBe(6_000);
    expect(added.dues({ month: '2027-01', fundingType: 'non-state', duesSalary: 1_000_000 }).amount).toBe(5_000);
    expect(added.dues({ month: '2026-12', fundingType: 'self-funded', duesSalary: 1_000_000 }).amount).toBe(5_000);
  });

  it('refuses an invalid version', () => {
    const bad = {
      ...DEFAULT_POLICY_VERSIONS.find((v) => v.parameter === 'dues-split')!,
      id: 'x',
      value: { grassrootsBp: 7_000, upperBp: 2_000 },
    } as PolicyVersion;
    expect(() => createPolicy([bad])).toThrow(/add up to exactly 10000/);
    expect(() => createPolicy([DEFAULT_POLICY_VERSIONS[0]!, DEFAULT_POLICY_VERSIONS[0]!])).toThrow(/listed twice/);
  });
});
