import { describe, expect, it } from 'vitest';
import { assertNoTermOverlap, closeTerm, newTerm, spanOf, termOn } from '../../src/domain/committee/term.ts';
import { errorOf, now, term } from './fixtures.ts';

const input = { congressDate: '2023-05-10', startDate: '2023-05-10', endDate: '2028-05-10' };

describe('a committee term', () => {
  it('is named after its years unless a name is given', () => {
    expect(newTerm(input, 'u', 't', now)).toMatchObject({
      name: 'Nhiệm kỳ 2023–2028',
      unitId: 'u',
      version: 1,
      decisionNumber: null,
    });
    expect(newTerm({ ...input, name: ' Khóa V ', decisionNumber: '45/QĐ' }, 'u', 't', now)).toMatchObject({
      name: 'Khóa V',
      decisionNumber: '45/QĐ',
    });
  });

  it('refuses an end date not after the start date with 422', () => {
    const error = errorOf(() => newTerm({ ...input, endDate: '2023-05-10' }, 'u', 't', now));
    expect(error.kind).toBe('unprocessable');
    expect(error.code).toBe('term-dates-invalid');
    expect(error.detail.vi).toContain('10/05/2023');
  });

  it('refuses a congress held after the term began with 422', () => {
    const error = errorOf(() => newTerm({ ...input, congressDate: '2023-06-01' }, 'u', 't', now));
    expect(error.code).toBe('congress-after-term-start');
    expect(error.detail.en).toContain('2023-06-01');
  });

  it('refuses a date that does not exist with 422', () => {
    expect(errorOf(() => newTerm({ ...input, endDate: '2027-02-30' }, 'u', 't', now)).code).toBe('invalid-date');
  });
});

describe('terms of one unit', () => {
  const current = spanOf(term());

  it('may follow each other on the day of the congress', () => {
    expect(() => assertNoTermOverlap({ startDate: '2028-05-10', endDate: '2033-05-10' }, [current])).not.toThrow();
    expect(() => assertNoTermOverlap({ startDate: '2018-05-10', endDate: '2023-05-10' }, [current])).not.toThrow();
  });

  it('must not overlap, with 409 naming the other term', () => {
    const error = errorOf(() => assertNoTermOverlap({ startDate: '2028-05-09', endDate: '2033-05-10' }, [current]));
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe('term-overlap');
    expect(error.detail.vi).toContain('Nhiệm kỳ 2023–2028');
    expect(error.detail.en).toContain('2028-05-10');
  });

  it('finds the term in force on a day', () => {
    const next = { ...current, termId: 'term-2', startDate: '2028-05-10', endDate: '2033-05-10' };
    expect(termOn([current, next], '2028-05-09')?.termId).toBe('term-1');
    expect(termOn([current, next], '2028-05-10')?.termId).toBe('term-2');
    expect(termOn([current, next], '2040-01-01')).toBeUndefined();
  });
});

describe('closing a term early', () => {
  const close = { date: '2025-06-30', reason: 'Kết luận 157-KL/TW: giải thể CĐCS', decisionNumber: '45/QĐ-CĐVC' };

  it('brings the end forward and keeps the planned end', () => {
    const closed = closeTerm(term(), close, now);
    expect(closed).toMatchObject({
      endDate: '2025-06-30',
      closure: { date: '2025-06-30', decisionNumber: '45/QĐ-CĐVC', plannedEndDate: '2028-05-10' },
      version: 2,
    });
  });

  it('does nothing when closed again on the same day, and refuses another day with 409', () => {
    const closed = closeTerm(term(), close, now);
    expect(closeTerm(closed, close, now)).toBe(closed);
    expect(errorOf(() => closeTerm(closed, { ...close, date: '2025-01-01' }, now)).code).toBe('term-already-closed');
  });

  it.each(['2023-05-09', '2028-05-10', '2029-01-01'])('refuses to close on %s, outside the term, with 422', (date) => {
    expect(errorOf(() => closeTerm(term(), { ...close, date }, now)).code).toBe('term-close-date-invalid');
  });

  it('may annul a term on its first day', () => {
    expect(closeTerm(term(), { ...close, date: '2023-05-10' }, now).endDate).toBe('2023-05-10');
  });
});
