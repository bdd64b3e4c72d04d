import { DomainError } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { addMonths, decide, type GuardEntry, lapseDate, lapseStep, revoke } from '../../src/domain/discipline.ts';
import { INSPECTION_POLICIES, inspectionPolicyOn } from '../../src/domain/policy.ts';

const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? `${e.kind}:${e.code}` : String(e);
  }
};
const policy = inspectionPolicyOn('2026-03-09');
const NOW = new Date('2026-03-10T03:00:00Z');
const member = { kind: 'member' as const, memberId: 'm1', unitId: 'cdcs-a', fullName: 'Trần Văn A' };
const input = (form: 'reprimand' | 'expulsion' | 'dissolution' | 'warning', date = '2026-03-09') => ({
  subject: member,
  form,
  decision: { number: '05/QĐ-UBKT', date },
  issuerUnitId: 'upper',
  grounds: 'Chậm nộp đoàn phí',
  basis: null,
});

describe('the discipline lapse policy', () => {
  it('is effective-dated data with its source and certainty: 12 months, from the Điều lệ, likely', () => {
    expect(policy.disciplineLapseMonths).toBe(12);
    expect(policy.source).toMatch(/Điều lệ/);
    expect(policy.certainty).toBe('likely');
    expect(() => inspectionPolicyOn('2000-01-01')).toThrow(/no inspection policy/);
    expect(
      inspectionPolicyOn('2030-01-01', [
        ...INSPECTION_POLICIES,
        { ...policy, effectiveFrom: '2029-01-01', disciplineLapseMonths: 6 },
      ]).disciplineLapseMonths,
    ).toBe(6);
  });

  it('counts the period in months, ending on the month’s last day when shorter', () => {
    expect(addMonths('2026-03-09', 12)).toBe('2027-03-09');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(lapseDate('reprimand', '2026-03-09', policy)).toBe('2027-03-09');
    expect(lapseDate('expulsion', '2026-03-09', policy)).toBeNull();
    expect(lapseDate('dissolution', '2026-03-09', policy)).toBeNull();
  });
});

describe('a discipline decision', () => {
  it('is in force from its decision, with its lapse date', () => {
    const d = decide(input('reprimand'), [], policy, 'd1', NOW);
    expect(d).toMatchObject({ status: 'in-force', lapsesOn: '2027-03-09', version: 1, revocation: null });
  });

  it('refuses a form that does not fit the subject, a date after today in Vietnam, a second expulsion', () => {
    expect(code(() => decide({ ...input('dissolution') }, [], policy, 'd', NOW))).toBe(
      'unprocessable:discipline-form-mismatch',
    );
    // 17:30 UTC on 9/3 is already 10/3 in Vietnam: the 10th is today, the 11th is not.
    const evening = new Date('2026-03-09T17:30:00Z');
    expect(code(() => decide(input('warning', '2026-03-10'), [], policy, 'd', evening))).toBe('ok');
    expect(code(() => decide(input('warning', '2026-03-11'), [], policy, 'd', evening))).toBe(
      'unprocessable:decision-in-future',
    );
    const expelled: GuardEntry = { id: 'x', form: 'expulsion', date: '2026-01-01', status: 'in-force' };
    expect(code(() => decide(input('expulsion'), [expelled], policy, 'd', NOW))).toBe('conflict:discipline-final');
    expect(code(() => decide(input('expulsion'), [{ ...expelled, status: 'revoked' }], policy, 'd', NOW))).toBe('ok');
  });

  it('dissolves a unit: in force, never lapsing, final while in force', () => {
    const unit = { kind: 'unit' as const, unitId: 'cdcs-a' };
    const d = decide({ ...input('dissolution'), subject: unit }, [], policy, 'd1', NOW);
    expect(d).toMatchObject({
      subject: unit,
      form: 'dissolution',
      status: 'in-force',
      lapsesOn: null,
      decision: { number: '05/QĐ-UBKT', date: '2026-03-09' },
      version: 1,
    });
    const dissolved: GuardEntry = { id: 'd1', form: 'dissolution', date: '2026-03-09', status: 'in-force' };
    expect(code(() => decide({ ...input('dissolution'), subject: unit }, [dissolved], policy, 'd2', NOW))).toBe(
      'conflict:discipline-final',
    );
    expect(lapseStep({ ...d, lapsesOn: null }, [dissolved], '2099-01-01', policy)).toEqual({ kind: 'none' });
    // Revoked, it no longer blocks a new one.
    expect(
      code(() =>
        decide({ ...input('dissolution'), subject: unit }, [{ ...dissolved, status: 'revoked' }], policy, 'd3', NOW),
      ),
    ).toBe('ok');
  });

  it('is revoked once, by a decision not after today', () => {
    const d = decide(input('warning'), [], policy, 'd1', NOW);
    const r = revoke(
      d,
      { decision: { number: '11/QĐ', date: '2026-03-10' }, reason: 'Khiếu nại được chấp nhận' },
      'u',
      NOW,
    );
    expect(r).toMatchObject({ status: 'revoked', version: 2, revocation: { reason: 'Khiếu nại được chấp nhận' } });
    expect(code(() => revoke(r, { decision: { number: '12', date: '2026-03-10' }, reason: 'x' }, 'u', NOW))).toBe(
      'conflict:discipline-not-in-force',
    );
  });
});

describe('the lapse step', () => {
  const d = {
    id: 'd1',
    status: 'in-force' as const,
    lapsesOn: '2027-03-09',
    decision: { number: '1', date: '2026-03-09' },
  };
  const mine: GuardEntry = { id: 'd1', form: 'reprimand', date: '2026-03-09', status: 'in-force' };

  it('lapses the day after its lapse date, not before', () => {
    expect(lapseStep(d, [mine], '2027-03-09', policy)).toEqual({ kind: 'none' });
    expect(lapseStep(d, [mine], '2027-03-10', policy)).toEqual({ kind: 'lapse', on: '2027-03-09' });
    expect(lapseStep({ ...d, status: 'lapsed' }, [mine], '2027-03-10', policy)).toEqual({ kind: 'none' });
    expect(lapseStep({ ...d, lapsesOn: null }, [mine], '2030-01-01', policy)).toEqual({ kind: 'none' });
  });

  it('is deferred by a reoffence within its period, not by one revoked or after it', () => {
    const again: GuardEntry = { id: 'd2', form: 'warning', date: '2026-10-01', status: 'in-force' };
    expect(lapseStep(d, [mine, again], '2027-03-10', policy)).toEqual({ kind: 'defer', to: '2027-10-01' });
    expect(lapseStep(d, [mine, { ...again, status: 'lapsed' }], '2027-03-10', policy)).toEqual({
      kind: 'defer',
      to: '2027-10-01',
    });
    expect(lapseStep(d, [mine, { ...again, status: 'revoked' }], '2027-03-10', policy).kind).toBe('lapse');
    expect(lapseStep(d, [mine, { ...again, date: '2027-04-01' }], '2027-03-10', policy).kind).toBe('lapse');
  });
});
