import type { DuesRateResolution, FinanceUnitProfile, Month } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { arrears } from '../../src/domain/dues/arrears.ts';
import { expectedDues } from '../../src/domain/dues/expected.ts';
import { assertRateResolution, rateResolutionList } from '../../src/domain/dues/rate-resolutions.ts';
import { memberStatement } from '../../src/domain/dues/statement.ts';
import { duesTermsIn } from '../../src/domain/dues/terms.ts';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import { createPolicy } from '../../src/domain/policy/policy.ts';
import { buildHistory, historyInUnit } from '../../src/domain/roster/history.ts';
import { owingOnRoster, type RosterEntry } from '../../src/domain/roster/roster.ts';
import { domainErrorThrown as refusal } from '../support/errors.ts';

const policy = createPolicy(DEFAULT_POLICY_VERSIONS);
const QD_61 = 'QĐ 61/QĐ-TLĐ (29/7/2025)';

const resolution = (over: Partial<DuesRateResolution> = {}): DuesRateResolution => ({
  resolutionNumber: '05/NQ-CĐCS',
  resolutionDate: '2025-06-15',
  effectiveFrom: '2025-08',
  rateBp: 150,
  note: null,
  recordedAt: '2025-06-16T03:00:00.000Z',
  recordedBy: 'officer-1',
  ...over,
});

const N05 = {
  unitRateBp: 150,
  unitRateResolution: { resolutionNumber: '05/NQ-CĐCS', resolutionDate: '2025-06-15', effectiveFrom: '2025-08' },
};

describe('the policy names the resolution that sets a unit’s rate', () => {
  it('in the formula and the rules where its rate applies', () => {
    const d = policy.dues({ month: '2025-08', fundingType: 'state-budget-partial', duesSalary: 5_200_000, ...N05 });
    expect(d.amount).toBe(78_000);
    expect(d.formula).toBe(`1,5% × 5.200.000 = 78.000 (Nghị quyết 05/NQ-CĐCS, ${QD_61})`);
    expect(d.rules.find((r) => r.parameter === 'dues-unit-rate-resolution')).toEqual({
      parameter: 'dues-unit-rate-resolution',
      versionId: 'dues-unit-rate-resolution@2025-08-01#05/NQ-CĐCS',
      effectiveFrom: '2025-08-01',
      source: 'Nghị quyết 05/NQ-CĐCS (15/6/2025)',
      certainty: 'sure',
    });
    expect(d.rules.map((r) => r.parameter)).toContain('dues-unit-rate-allowed');
  });

  it('with the cap still applying, each source named once', () => {
    const d = policy.dues({ month: '2025-08', fundingType: 'self-funded', duesSalary: 30_000_000, ...N05 });
    expect(d.amount).toBe(234_000);
    expect(d.formula).toBe(
      `min(1,5% × 30.000.000, 10% × 2.340.000) = 234.000 (Nghị quyết 05/NQ-CĐCS, ${QD_61}; NĐ 73/2024/NĐ-CP)`,
    );
  });

  it('and says why it does not apply: not above the policy rate, or not allowed that month', () => {
    const full = policy.dues({
      month: '2025-08',
      fundingType: 'state-budget-full',
      duesSalary: 5_200_000,
      unitRateBp: 80,
      unitRateResolution: N05.unitRateResolution,
    });
    expect(full.amount).toBe(52_000);
    expect(full.formula).toBe(
      '1% × 5.200.000 = 52.000 (QĐ 1908/QĐ-TLĐ (2016); mức 0,8% của Nghị quyết 05/NQ-CĐCS không cao hơn nên không áp dụng)',
    );
    const june = policy.dues({ month: '2025-06', fundingType: 'self-funded', duesSalary: 5_200_000, ...N05 });
    expect(june.amount).toBe(52_000);
    expect(june.formula).toContain('Nghị quyết 05/NQ-CĐCS không áp dụng');
  });

  it('duesRate: the policy rate and whether a CĐCS may set its own', () => {
    expect(policy.duesRate('2025-07', 'state-budget-partial')).toMatchObject({
      rateBp: 50,
      unitRateAllowed: true,
      rule: { versionId: 'dues-rate@2025-07-01#state-budget-partial+self-funded+non-state' },
    });
    expect(policy.duesRate('2025-06', 'state-budget-partial')).toMatchObject({ rateBp: 100, unitRateAllowed: false });
  });
});

describe('the rules of a dues-rate resolution', () => {
  const unit = { unitId: 'u1', name: 'CĐCS Liên hiệp các Hội KH&KT', level: 'grassroots' };
  const check = (over: Partial<Parameters<typeof assertRateResolution>[0]> = {}) =>
    assertRateResolution({
      unit,
      existing: [],
      resolution: {
        resolutionNumber: '05/NQ-CĐCS',
        resolutionDate: '2025-06-15',
        effectiveFrom: '2025-08',
        rateBp: 150,
      },
      fundingType: 'state-budget-partial',
      today: '2025-07-25',
      policy,
      ...over,
    });

  const asked = (effectiveFrom: string, rateBp: number | null) => ({
    resolutionNumber: '1',
    resolutionDate: '2025-01-01',
    effectiveFrom,
    rateBp,
  });

  it('accepts a higher rate from a month the policy allows', () => {
    expect(() => check()).not.toThrow();
  });

  it('refuses a first month before the policy allows a CĐCS its own rate, naming the rule and the earliest month', () => {
    const e = refusal(() => check({ resolution: asked('2025-03', 150) }));
    expect(e).toMatchObject({ kind: 'unprocessable', code: 'unit-dues-rate-not-allowed' });
    expect(e.detail.vi).toContain('dues-unit-rate-allowed@2017-01-01#all');
    expect(e.detail.vi).toContain('2025-07');
    expect(e.detail.en).toContain('The earliest first month is 2025-07');
  });

  it('refuses a rate not above the policy’s rate for the month, naming the rule', () => {
    const e = refusal(() => check({ resolution: asked('2025-08', 50) }));
    expect(e).toMatchObject({ kind: 'unprocessable', code: 'unit-dues-rate-not-higher' });
    expect(e.detail.en).toContain('dues-rate@2025-07-01#state-budget-partial+self-funded+non-state');
    expect(e.detail.vi).toContain('0,5%');
    // Units paid fully from the state budget keep 1%, so 1% is not higher for them; 1.5% is.
    expect(refusal(() => check({ fundingType: 'state-budget-full', resolution: asked('2025-08', 100) }))).toMatchObject(
      {
        code: 'unit-dues-rate-not-higher',
      },
    );
    expect(() => check({ fundingType: 'state-budget-full' })).not.toThrow();
  });

  it('is append-only, for grassroots unions, dated no later than today, and ends only a rate in force', () => {
    expect(refusal(() => check({ existing: [resolution({ effectiveFrom: '2025-08' })] }))).toMatchObject({
      kind: 'conflict',
      code: 'dues-rate-resolution-not-after-latest',
    });
    expect(refusal(() => check({ unit: { ...unit, level: 'upper' } }))).toMatchObject({
      code: 'dues-rate-resolution-not-grassroots',
    });
    expect(refusal(() => check({ today: '2025-06-14' }))).toMatchObject({ code: 'resolution-date-in-future' });
    expect(refusal(() => check({ fundingType: null }))).toMatchObject({ code: 'unit-funding-type-missing' });
    const end = asked('2025-10', null);
    expect(refusal(() => check({ resolution: end }))).toMatchObject({ code: 'no-dues-rate-resolution-to-end' });
    expect(() => check({ resolution: end, existing: [resolution()] })).not.toThrow();
    expect(
      refusal(() =>
        check({ resolution: end, existing: [resolution(), resolution({ effectiveFrom: '2025-09', rateBp: null })] }),
      ),
    ).toMatchObject({ code: 'no-dues-rate-resolution-to-end' });
  });

  it('lists each resolution with the last month it governs', () => {
    const list = rateResolutionList('u1', [resolution(), resolution({ effectiveFrom: '2026-01', rateBp: null })]);
    expect(list.items.map((i) => [i.effectiveFrom, i.effectiveUntil])).toEqual([
      ['2025-08', '2025-12'],
      ['2026-01', null],
    ]);
  });
});

describe('every dues computation applies the unit’s terms month by month', () => {
  const profile: Pick<FinanceUnitProfile, 'fundingType' | 'fundingHistory' | 'duesRateResolutions'> = {
    fundingType: 'self-funded',
    fundingHistory: [
      { from: '2020-01-01', fundingType: 'state-budget-partial' },
      { from: '2025-10-15', fundingType: 'self-funded' },
    ],
    duesRateResolutions: [
      resolution(),
      resolution({ resolutionNumber: '12/NQ-CĐCS', effectiveFrom: '2025-12', rateBp: 200 }),
      resolution({ resolutionNumber: '20/NQ-CĐCS', effectiveFrom: '2026-03', rateBp: null }),
    ],
  };
  const lan: RosterEntry = {
    memberId: 'm1',
    fullName: 'Hoàng Thị Lan',
    ...historyInUnit(
      buildHistory([
        {
          memberId: 'm1',
          version: 2,
          kind: 'admitted',
          date: '2010-05-19',
          unitId: 'A',
          status: 'active',
          duesSalary: 5_200_000,
          fullName: 'Hoàng Thị Lan',
          salaryChanged: false,
        },
      ]),
      'A',
    ),
  };
  const amount = (month: string) =>
    expectedDues(
      policy,
      'A',
      duesTermsIn(profile, month as Month),
      month as Month,
      owingOnRoster([lan], 'A', month as Month),
    )[0]!.expected;

  it('terms: the funding type in force and the resolution with a rate', () => {
    expect(duesTermsIn(profile, '2025-07')).toEqual({ fundingType: 'state-budget-partial', resolution: null });
    expect(duesTermsIn(profile, '2025-11')).toMatchObject({ fundingType: 'self-funded', resolution: { rateBp: 150 } });
    expect(duesTermsIn(profile, '2026-04').resolution).toBeNull();
    expect(duesTermsIn(undefined, '2026-04')).toEqual({ fundingType: null, resolution: null });
  });

  it('the expected dues of each month', () => {
    expect(amount('2025-07')).toMatchObject({ amount: 26_000 });
    expect(amount('2025-08')).toMatchObject({
      amount: 78_000,
      formula: `1,5% × 5.200.000 = 78.000 (Nghị quyết 05/NQ-CĐCS, ${QD_61})`,
    });
    expect(amount('2025-12')).toMatchObject({
      amount: 104_000,
      formula: `2% × 5.200.000 = 104.000 (Nghị quyết 12/NQ-CĐCS, ${QD_61})`,
    });
    expect(amount('2026-03')).toMatchObject({ amount: 26_000, formula: `0,5% × 5.200.000 = 26.000 (${QD_61})` });
  });

  it('arrears and the member statement sum the same months', () => {
    const a = arrears({
      unitId: 'A',
      from: '2025-07',
      to: '2026-03',
      termsOf: (m) => duesTermsIn(profile, m),
      entries: [lan],
      states: new Map(),
      policy,
    });
    // Jul 26,000; Aug–Nov 4 × 78,000; Dec–Feb 3 × 104,000; Mar 26,000.
    const total = 26_000 + 4 * 78_000 + 3 * 104_000 + 26_000;
    expect(a.members[0]!.expected).toBe(total);
    const s = memberStatement({
      memberId: 'm1',
      fullName: 'Hoàng Thị Lan',
      history: buildHistory([
        {
          memberId: 'm1',
          version: 2,
          kind: 'admitted',
          date: '2010-05-19',
          unitId: 'A',
          status: 'active',
          duesSalary: 5_200_000,
          fullName: 'Hoàng Thị Lan',
          salaryChanged: false,
        },
      ]),
      from: '2025-07',
      to: '2026-03',
      visibleUnits: new Set(['A']),
      profiles: new Map([['A', profile]]),
      paid: new Map(),
      policy,
    });
    expect(s.totals.expected).toBe(total);
    expect(s.months[1]!.expected!.formula).toContain('Nghị quyết 05/NQ-CĐCS');
  });
});
