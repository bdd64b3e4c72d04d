import { DomainError } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { titleCatalogue } from '../../src/app/titles.ts';
import { CATALOGUE_VERSIONS, catalogueOn, titleOn } from '../../src/domain/policy/catalogue.ts';
import {
  bandProblems,
  createEmulationPolicy,
  DEFAULT_EMULATION_POLICY,
  latestFrom,
  mergeVersions,
  versionProblems,
} from '../../src/domain/policy/policy.ts';
import { prizeAmount, RATING_POLICIES, ratingCategory } from '../../src/domain/policy/settings.ts';
import { effectiveTo, inForceOn } from '../../src/domain/policy/versioned.ts';

describe('the award catalogue', () => {
  it('is NĐ 152/2025’s from its first day, NĐ 98/2023’s from 1/1/2024 before it, and none earlier', () => {
    expect(catalogueOn('2023-12-31')).toBeUndefined();
    expect(catalogueOn('2024-01-01')?.source).toContain('NĐ 98/2023');
    expect(catalogueOn('2025-06-30')?.source).toContain('NĐ 98/2023');
    expect(catalogueOn('2025-07-01')?.source).toContain('NĐ 152/2025');
    expect(() => titleCatalogue(createEmulationPolicy(), '2023-12-31')).toThrow(DomainError);
  });

  it('under NĐ 98/2023 has the same titles, its cash coefficients marked unsure (DOMAIN.md gives NĐ 152’s only)', () => {
    const nd98 = catalogueOn('2024-06-30')!;
    expect(nd98.titles.map((t) => t.code)).toEqual(catalogueOn('2026-01-01')!.titles.map((t) => t.code));
    const cstdcs = titleOn('chien-si-thi-dua-co-so', '2024-06-30')!;
    expect(cstdcs.council.threshold).toBe(0.8);
    expect(cstdcs.cash).toMatchObject({ coefficient: 1, certainty: 'unsure' });
    expect(cstdcs.cash?.source).toContain('NĐ 98/2023');
    expect(titleOn('bang-khen-ca-nhan', '2024-06-30')?.certainty).toBe('unsure');
    expect(titleOn('bang-khen-ca-nhan', '2026-01-01')?.certainty).toBe('likely');
  });

  it('gives each title its criteria, cash coefficient and source, per DOMAIN.md', () => {
    const cstdcs = titleOn('chien-si-thi-dua-co-so', '2026-01-01')!;
    expect(cstdcs.criteria.consecutive).toEqual({ titleCode: 'lao-dong-tien-tien', years: 1 });
    expect(cstdcs.cash?.coefficient).toBe(1.0);
    expect(cstdcs.council.threshold).toBe(0.8);
    expect(cstdcs.quota.maxShare).toBeNull();
    const province = titleOn('chien-si-thi-dua-cap-tinh', '2026-01-01')!;
    expect(province.criteria).toMatchObject({
      consecutive: { titleCode: 'chien-si-thi-dua-co-so', years: 3 },
      initiativeRequired: true,
    });
    const coefficients = Object.fromEntries(
      catalogueOn('2026-01-01')!.titles.map((t) => [t.code, t.cash?.coefficient ?? null]),
    );
    expect(coefficients).toMatchObject({
      'chien-si-thi-dua-toan-quoc': 4.5,
      'chien-si-thi-dua-cap-tinh': 3,
      'chien-si-thi-dua-co-so': 1,
      'lao-dong-tien-tien': 0.3,
      'tap-the-lao-dong-xuat-sac': 1.5,
      'tap-the-lao-dong-tien-tien': 0.8,
      'co-thi-dua-chinh-phu': 12,
      'co-thi-dua-cap-tinh': 8,
    });
    for (const t of catalogueOn('2026-01-01')!.titles) {
      expect(t.source.length, t.code).toBeGreaterThan(0);
      expect(['sure', 'likely', 'unsure']).toContain(t.council.certainty);
    }
  });

  it('names the chained title of every consecutive criterion in the same catalogue', () => {
    const titles = catalogueOn('2026-01-01')!.titles;
    for (const t of titles) {
      if (t.criteria.consecutive) expect(titles.map((x) => x.code)).toContain(t.criteria.consecutive.titleCode);
    }
  });

  it('is read through the API shape with its settings, the unsure ones marked', () => {
    const read = titleCatalogue(createEmulationPolicy(), '2026-07-01');
    expect(read.version).toMatchObject({ effectiveFrom: '2025-07-01', effectiveTo: null });
    expect(read.prizeRounding).toMatchObject({ step: 10_000, mode: 'up', certainty: 'unsure' });
    expect(read.absence).toMatchObject({ maxWorkingDays: 40, maternityExcepted: true, certainty: 'unsure' });
    expect(read.titles.find((t) => t.code === 'ky-niem-chuong-cong-doan')?.criteria.minimumMembershipYears).toBe(20);
  });
});

describe('effective-dated versions', () => {
  const versions = [
    { effectiveFrom: '2024-07-01', value: 1, source: 's', certainty: 'sure' as const },
    { effectiveFrom: '2026-07-01', value: 2, source: 's', certainty: 'likely' as const },
  ];
  it('answer a day with the version of that day', () => {
    expect(inForceOn(versions, '2024-06-30')).toBeUndefined();
    expect(inForceOn(versions, '2026-06-30')?.value).toBe(1);
    expect(inForceOn(versions, '2026-07-01')?.value).toBe(2);
    expect(effectiveTo(versions, versions[0]!)).toBe('2026-06-30');
    expect(effectiveTo(versions, versions[1]!)).toBeNull();
  });
  it('a later version added takes over from its day only', () => {
    const added = [
      ...CATALOGUE_VERSIONS,
      { ...CATALOGUE_VERSIONS[0]!, effectiveFrom: '2027-01-01', titles: CATALOGUE_VERSIONS[0]!.titles.slice(0, 1) },
    ];
    expect(catalogueOn('2026-12-31', added)?.titles.length).toBe(CATALOGUE_VERSIONS[0]!.titles.length);
    expect(catalogueOn('2027-01-01', added)?.titles.length).toBe(1);
    const policy = createEmulationPolicy({ ...DEFAULT_EMULATION_POLICY, catalogue: added });
    expect(titleCatalogue(policy, '2026-12-31').version.effectiveTo).toBe('2026-12-31');
  });
});

describe('the prize', () => {
  const up = { step: 10_000, mode: 'up' as const };
  it('is coefficient × lương cơ sở, rounded up to the ten thousand đồng', () => {
    expect(prizeAmount(4.5, 2_340_000, up)).toBe(10_530_000);
    expect(prizeAmount(0.3, 2_340_000, up)).toBe(710_000); // 702,000 rounded up
    expect(prizeAmount(0.3, 2_530_000, up)).toBe(760_000); // 759,000
    expect(prizeAmount(1.5, 2_530_000, up)).toBe(3_800_000); // 3,795,000
    expect(prizeAmount(1.0, 2_530_000, up)).toBe(2_530_000);
    expect(prizeAmount(0.3, 2_530_000, { step: 10_000, mode: 'nearest' })).toBe(760_000);
    expect(prizeAmount(0.8, 2_340_000, { step: 10_000, mode: 'nearest' })).toBe(1_870_000); // 1,872,000
  });
});

describe('the rating bands (defaults, unsure)', () => {
  const { bands, criteria } = RATING_POLICIES[0]!;
  const scores = (points: number[]) => criteria.map((c, i) => ({ points: points[i]!, maxPoints: c.maxPoints }));
  it('maps a total to a category, excellent only with no criterion under half its maximum', () => {
    expect(criteria.reduce((s, c) => s + c.maxPoints, 0)).toBe(100);
    expect(ratingCategory(scores([28, 18, 18, 13, 8]), bands)).toBe('excellent'); // 85
    expect(ratingCategory(scores([30, 20, 20, 15, 7]), bands)).toBe('good'); // 92, inspection 7 < 7.5
    expect(ratingCategory(scores([25, 15, 15, 10, 5]), bands)).toBe('good'); // 70
    expect(ratingCategory(scores([20, 10, 10, 5, 5]), bands)).toBe('completed'); // 50
    expect(ratingCategory(scores([20, 10, 10, 5, 4]), bands)).toBe('not-completed'); // 49
  });
});

describe('the policy with the versions an administrator added', () => {
  const added = [
    {
      parameter: 'absence' as const,
      effectiveFrom: '2027-01-01',
      value: { maxWorkingDays: 30, maternityExcepted: true },
      source: 'QĐ 1/QĐ-LĐLĐ',
      certainty: 'sure' as const,
    },
  ];
  it('follows the defaults from its day, each parameter on its own', () => {
    const versions = mergeVersions(DEFAULT_EMULATION_POLICY, added);
    const policy = createEmulationPolicy(versions);
    expect(policy.absenceSettingOn('2026-12-31')?.maxWorkingDays).toBe(40);
    expect(policy.absenceSettingOn('2027-01-01')).toMatchObject({ maxWorkingDays: 30, source: 'QĐ 1/QĐ-LĐLĐ' });
    expect(latestFrom(versions, 'absence')).toBe('2027-01-01');
    expect(latestFrom(versions, 'catalogue')).toBe('2025-07-01');
    expect(policy.firstCatalogue()?.effectiveFrom).toBe('2024-01-01');
    expect(policy.knowsTitle('lao-dong-tien-tien')).toBe(true);
    expect(policy.knowsTitle('khong-co')).toBe(false);
  });

  it('finds what does not hold together in a version', () => {
    expect(bandProblems([{ category: 'good', minScore: 70, minShareOfEach: null }])).toEqual([
      'bands: the last band must start at 0',
    ]);
    expect(
      bandProblems([
        { category: 'good', minScore: 50, minShareOfEach: null },
        { category: 'excellent', minScore: 85, minShareOfEach: null },
        { category: 'good', minScore: 0, minShareOfEach: null },
      ]),
    ).toEqual(['bands: a category twice', 'bands: minScore must fall from best to worst']);
    const titles = catalogueOn('2026-01-01')!.titles.filter((t) => t.code !== 'lao-dong-tien-tien');
    expect(
      versionProblems({
        parameter: 'catalogue',
        effectiveFrom: '2027-01-01',
        value: { titles: titles as never },
        source: 's',
        certainty: 'sure',
      }),
    ).toEqual(['titles: "chien-si-thi-dua-co-so" chains "lao-dong-tien-tien", not in this catalogue']);
  });
});
