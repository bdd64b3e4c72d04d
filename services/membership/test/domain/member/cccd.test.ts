import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BIRTH_REGISTRATION_PROVINCES,
  centuryGenderDigit,
  isCccdShape,
  maskCccd,
  validateCccd,
} from '../../../src/domain/member/cccd.ts';
import { cccdFor, codeOf, errorOf } from './fixtures.ts';

const man1985 = { dateOfBirth: '1985-03-14', gender: 'male' as const };
const woman2001 = { dateOfBirth: '2001-11-02', gender: 'female' as const };

describe('CCCD structure', () => {
  it('accepts numbers that agree with the birth date and gender', () => {
    expect(() => validateCccd('024085012345', man1985)).not.toThrow(); // Bắc Giang, male, 1985
    expect(() => validateCccd('001301987654', woman2001)).not.toThrow(); // Hà Nội, female, 2001
    expect(() => validateCccd('096185000001', { dateOfBirth: '1985-01-01', gender: 'female' })).not.toThrow(); // Cà Mau
  });

  it('embeds the 63 non-contiguous province codes of Thông tư 07/2016/TT-BCA', () => {
    const codes = Object.keys(BIRTH_REGISTRATION_PROVINCES);
    expect(codes).toHaveLength(63);
    expect(BIRTH_REGISTRATION_PROVINCES['001']).toBe('Hà Nội');
    expect(BIRTH_REGISTRATION_PROVINCES['079']).toBe('Hồ Chí Minh');
    expect(BIRTH_REGISTRATION_PROVINCES['096']).toBe('Cà Mau');
    for (const gap of ['000', '003', '005', '009', '050', '078', '097', '099']) expect(codes).not.toContain(gap);
  });

  it('refuses a province code that is not in the list, naming it', () => {
    const error = errorOf(() => validateCccd('003085012345', man1985));
    expect(error.code).toBe('invalid-cccd');
    expect(error.kind).toBe('unprocessable');
    expect(error.detail.vi).toContain('"003"');
    expect(error.detail.en).toContain('province code');
    expect(codeOf(() => validateCccd('097085012345', man1985))).toBe('invalid-cccd');
  });

  it('refuses a century digit that does not fit the birth year', () => {
    const error = errorOf(() => validateCccd('024285012345', man1985)); // digit 2 = born 2000–2099
    expect(error.detail.vi).toContain('2000–2099');
    expect(error.detail.en).toContain('digit 4 is 2');
    expect(codeOf(() => validateCccd('024001012345', { dateOfBirth: '2001-11-02', gender: 'male' }))).toBe(
      'invalid-cccd',
    );
  });

  it('refuses a gender digit that contradicts the gender given', () => {
    const error = errorOf(() => validateCccd('024085012345', { ...man1985, gender: 'female' }));
    expect(error.detail.vi).toContain('chỉ giới tính nam, nhưng giới tính khai báo là nữ');
    expect(error.detail.en).toContain('meaning male, but the gender given is female');
  });

  it('refuses year digits that are not the last two of the birth year', () => {
    const error = errorOf(() => validateCccd('024086012345', man1985));
    expect(error.detail.vi).toContain('"86"');
    expect(error.detail.en).toContain('("85")');
  });

  it('names every problem at once', () => {
    const error = errorOf(() => validateCccd('003386012345', man1985));
    expect(error.detail.en.split(';')).toHaveLength(4);
  });

  it('refuses anything but exactly 12 ASCII digits', () => {
    for (const bad of [
      '02408501234A',
      '02408501234',
      '0240850123456',
      ' 024085012345',
      '024-085-012345',
      '０２４０８５０１２３４５', // full-width digits
      '٠٢٤٠٨٥٠١٢٣٤٥', // Arabic-Indic digits
      '',
    ]) {
      expect(
        codeOf(() => validateCccd(bad, man1985)),
        bad,
      ).toBe('invalid-cccd');
    }
    expect(errorOf(() => validateCccd('02408501234A', man1985)).detail.vi).toContain('không phải chữ số');
  });

  it('reads digits 8 and 9 as the 24th century (2300–2399), so no living person carries them', () => {
    expect(centuryGenderDigit(1985, 'male')).toBe(0);
    expect(centuryGenderDigit(1999, 'female')).toBe(1);
    expect(centuryGenderDigit(2000, 'male')).toBe(2);
    expect(centuryGenderDigit(2350, 'female')).toBe(9);
    expect(centuryGenderDigit(1899, 'male')).toBeNull();
    expect(codeOf(() => validateCccd('024885012345', { dateOfBirth: '1885-03-14', gender: 'male' }))).toBe(
      'invalid-cccd',
    );
  });

  it('accepts every consistent number and refuses every other digit 4 (property)', () => {
    const codes = Object.keys(BIRTH_REGISTRATION_PROVINCES);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.constantFrom('male' as const, 'female' as const),
        fc.constantFrom(...codes),
        fc.stringMatching(/^\d{6}$/),
        fc.integer({ min: 0, max: 9 }),
        (date, gender, province, random, otherDigit) => {
          const person = { dateOfBirth: date.toISOString().slice(0, 10), gender };
          const cccd = cccdFor(person.dateOfBirth, gender, province, random);
          expect(() => validateCccd(cccd, person)).not.toThrow();
          const altered = cccd.slice(0, 3) + otherDigit + cccd.slice(4);
          expect(codeOf(() => validateCccd(altered, person)) === undefined).toBe(altered === cccd);
        },
      ),
    );
  });
});

describe('CCCD shape and masking', () => {
  it('recognises the shape', () => {
    expect(isCccdShape('024085012345')).toBe(true);
    expect(isCccdShape('24085012345')).toBe(false);
    expect(isCccdShape('02408501234x')).toBe(false);
  });

  it('shows only the last four digits', () => {
    expect(maskCccd('024085012345')).toBe('••••••••2345');
  });
});
