import type { Recommendation } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { isProceeding } from '../../src/domain/inspection.ts';
import { disciplineFigures, overdueOn, recommendationFigures } from '../../src/domain/report.ts';
import { lacksUbkt, UBKT_RULES, ubktRuleOn } from '../../src/domain/ubkt-rule.ts';

const rec = (status: Recommendation['status'], deadline: string) => ({ status, deadline }) as Recommendation;

describe('the annual report’s rules', () => {
  it('a recommendation is overdue from the day after its deadline, not done, marked or not', () => {
    expect(overdueOn(rec('open', '2026-06-15'), '2026-06-15')).toBe(false);
    expect(overdueOn(rec('open', '2026-06-14'), '2026-06-15')).toBe(true);
    expect(overdueOn(rec('in-progress', '2026-06-14'), '2026-06-15')).toBe(true);
    expect(overdueOn(rec('overdue', '2026-06-14'), '2026-06-15')).toBe(true);
    expect(overdueOn(rec('done', '2026-01-01'), '2026-06-15')).toBe(false);
    const figures = recommendationFigures(
      [
        rec('open', '2026-06-15'),
        rec('overdue', '2026-05-01'),
        rec('done', '2026-05-01'),
        rec('in-progress', '2026-06-01'),
      ],
      '2026-06-15',
    );
    expect(figures).toMatchObject({ made: 4, done: 1, open: 1, overdue: 2 });
  });

  it('counts discipline milestones by form, every form listed, and states the lapse period of the policy', () => {
    const figures = disciplineFigures(
      2026,
      [
        { milestone: 'decided', form: 'expulsion' },
        { milestone: 'decided', form: 'reprimand' },
        { milestone: 'lapsed', form: 'reprimand' },
      ],
      12,
    );
    expect(figures.byForm.expulsion).toEqual({ decided: 1, lapsed: 0, revoked: 0 });
    expect(figures.byForm.dissolution).toEqual({ decided: 0, lapsed: 0, revoked: 0 });
    expect(figures.total).toEqual({ decided: 2, lapsed: 1, revoked: 0 });
    expect(figures.rules.lapsed?.vi).toContain('12 tháng');
  });

  it('a supervision of an employer is no proceeding about the union unit; the other inspections are', () => {
    expect(isProceeding({ type: 'supervision' })).toBe(false);
    for (const type of ['charter-compliance', 'signs-of-violation', 'finance'] as const) {
      expect(isProceeding({ type })).toBe(true);
    }
  });
});

describe('the UBKT rule', () => {
  it('is policy data: 30 members, from the Điều lệ, likely', () => {
    const rule = ubktRuleOn('2026-12-05');
    expect(rule).toMatchObject({ minimumMembers: 30, counts: 'active', certainty: 'likely' });
    expect(rule.source).toContain('Điều lệ');
    expect(() => ubktRuleOn('2000-01-01')).toThrow();
    expect(
      ubktRuleOn('2026-01-01', [...UBKT_RULES, { ...UBKT_RULES[0]!, effectiveFrom: '2026-01-01', minimumMembers: 25 }])
        .minimumMembers,
    ).toBe(25);
  });

  it('warns at 30 members and more with no seat in office', () => {
    const rule = ubktRuleOn('2026-12-05');
    expect(lacksUbkt(rule, 29, 0)).toBe(false);
    expect(lacksUbkt(rule, 30, 0)).toBe(true);
    expect(lacksUbkt(rule, 30, 1)).toBe(false);
  });
});
