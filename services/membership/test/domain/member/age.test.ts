import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBand, ageOn } from '../../../src/domain/member/age.ts';
import { addMonths } from '../../../src/domain/member/dates.ts';
import { codeOf } from './fixtures.ts';

describe('age in whole years', () => {
  it('counts the birthdays passed', () => {
    expect(ageOn('1988-07-24', '2026-07-23')).toBe(37);
    expect(ageOn('1988-07-24', '2026-07-24')).toBe(38);
    expect(ageOn('1988-07-24', '2026-12-31')).toBe(38);
    expect(ageOn('1988-07-24', '1988-07-24')).toBe(0);
  });

  it('makes someone born on 29 February a year older on 1 March in a common year', () => {
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageOn('2000-02-29', '2001-03-01')).toBe(1);
    expect(ageOn('2000-02-29', '2004-02-28')).toBe(3);
    expect(ageOn('2000-02-29', '2004-02-29')).toBe(4);
    expect(ageOn('1996-02-29', '2026-03-01')).toBe(30);
  });

  it('refuses dates that do not exist', () => {
    expect(codeOf(() => ageOn('2001-02-29', '2026-01-01'))).toBe('invalid-date');
    expect(codeOf(() => ageOn('1988-07-24', '2026-13-01'))).toBe('invalid-date');
    expect(codeOf(() => ageOn('24/07/1988', '2026-01-01'))).toBe('invalid-date');
  });

  it('grows by one each year on the birthday and never falls (property)', () => {
    const day = fc
      .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 120 }), (dob, other, years) => {
        const anniversary = addMonths(dob, years * 12);
        // on a 29 February birthday in a common year the anniversary is 28 February, the day before it counts
        expect(ageOn(dob, anniversary)).toBe(anniversary.slice(5) === dob.slice(5) ? years : years - 1);
        const [a, b] = dob < other ? [dob, other] : [other, dob];
        expect(ageOn(dob, a)).toBeLessThanOrEqual(ageOn(dob, b));
      }),
    );
  });
});

describe('age bands', () => {
  it('switches band on the 30th, 40th, 50th and 60th birthday', () => {
    const dob = '1966-05-10';
    expect(ageBand(dob, '1996-05-09')).toBe('under-30');
    expect(ageBand(dob, '1996-05-10')).toBe('30-39');
    expect(ageBand(dob, '2006-05-09')).toBe('30-39');
    expect(ageBand(dob, '2006-05-10')).toBe('40-49');
    expect(ageBand(dob, '2016-05-10')).toBe('50-59');
    expect(ageBand(dob, '2026-05-09')).toBe('50-59');
    expect(ageBand(dob, '2026-05-10')).toBe('60-plus');
  });
});
