import { describe, expect, it } from 'vitest';
import {
  acceptedInitiativeDelta,
  awardDelta,
  buildStatistics,
  initiativeYear,
  sumCounters,
  titleOfAward,
} from '../../src/domain/honours.ts';
import { EMPTY_TOTALS } from '../../src/domain/movement.ts';

/** What an award or an accepted initiative adds to the statistics counters, and the report built from them. */
const cstdcs = titleOfAward('chien-si-thi-dua-co-so', '2026-01-01')!;
const flag = titleOfAward('co-thi-dua-cap-tinh', '2026-01-01')!;

describe('the counters a change adds to', () => {
  it('name an award by its title’s classification as decided, with its prize in đồng', () => {
    expect(awardDelta(cstdcs, 2_340_000)).toEqual({
      'award#grassroots#title#individual#chien-si-thi-dua-co-so': 1,
      prizeDong: 2_340_000,
    });
    expect(awardDelta(flag, null)).toEqual({ 'award#province#flag#collective#co-thi-dua-cap-tinh': 1 });
  });

  it('count an initiative once accepted, at its scope, its benefit only when given in đồng', () => {
    const accepted = { scope: 'province' as const, number: '1/QĐ', date: '2025-06-10' };
    expect(acceptedInitiativeDelta({ accepted, benefit: { kind: 'value', dong: 45_000_000 } })).toEqual({
      'initiative#province': 1,
      initiativeBenefitDong: 45_000_000,
    });
    expect(acceptedInitiativeDelta({ accepted, benefit: { kind: 'description', text: 'Nhanh hơn' } })).toEqual({
      'initiative#province': 1,
    });
    expect(acceptedInitiativeDelta({ accepted: null, benefit: { kind: 'value', dong: 1 } })).toEqual({});
    expect(initiativeYear({ accepted })).toBe(2025);
    expect(initiativeYear({ accepted: null })).toBeNull();
  });

  it('classify an award decided before the first catalogue by that first catalogue', () => {
    expect(titleOfAward('lao-dong-tien-tien', '2019-12-20')).toMatchObject({ level: 'grassroots', kind: 'title' });
    expect(titleOfAward('no-such-title', '2026-01-01')).toBeUndefined();
  });
});

describe('the report', () => {
  const counters = sumCounters([
    awardDelta(cstdcs, 2_340_000),
    awardDelta(cstdcs, 2_340_000),
    awardDelta(flag, 18_720_000),
    { 'initiative#unit': 3, 'initiative#national': 1, initiativeBenefitDong: 90_000_000, 'something-else': 7 },
  ]);
  const report = buildStatistics({
    unit: { id: 'upper', name: 'Công đoàn Viên chức' },
    from: 2021,
    to: 2025,
    counters,
    registrations: { ...EMPTY_TOTALS, deedRegistrations: 4, deedsRegistered: 26_771 },
    children: [{ id: 'cdcs-a', name: 'CĐCS A', counters: awardDelta(flag, null), registrations: EMPTY_TOTALS }],
  });
  const value = (code: string) => report.figures.find((f) => f.code === code)?.value;

  it('gives the counts a unit reports upward, and every figure its rule over the period', () => {
    expect([value('collective-awards'), value('individual-awards'), value('accepted-initiatives')]).toEqual([1, 2, 4]);
    expect([value('prizes'), value('initiative-benefit'), value('deeds-registered')]).toEqual([
      23_400_000, 90_000_000, 26_771,
    ]);
    expect(report.figures.find((f) => f.code === 'prizes')?.unit).toBe('dong');
    for (const f of report.figures) {
      expect(f.rule.vi).toMatch(/các năm 2021–2025/);
      expect(f.rule.en).toMatch(/years 2021–2025/);
    }
  });

  it('breaks the awards down by level, form, subject and title; a counter it does not know is left out', () => {
    expect(report.awards.byLevel.rows.map((r) => [r.key, r.count])).toEqual([
      ['grassroots', 2],
      ['upper', 0],
      ['province', 1],
      ['national', 0],
      ['state', 0],
    ]);
    expect(report.awards.byKind.rows.filter((r) => r.count > 0).map((r) => [r.label.vi, r.count])).toEqual([
      ['Danh hiệu thi đua', 2],
      ['Cờ thi đua', 1],
    ]);
    expect(report.awards.byTitle.rows.map((r) => [r.name.vi, r.count])).toEqual([
      ['Chiến sĩ thi đua cơ sở', 2],
      ['Cờ thi đua cấp tỉnh', 1],
    ]);
    expect(report.initiatives.byScope.rows.map((r) => r.count)).toEqual([3, 0, 1]);
    expect(report.byUnit.rows).toEqual([
      {
        unitId: 'cdcs-a',
        name: 'CĐCS A',
        collectiveAwards: 1,
        individualAwards: 0,
        acceptedInitiatives: 0,
        deedRegistrations: 0,
        deedsRegistered: 0,
        deedsDone: 0,
      },
    ]);
  });
});
