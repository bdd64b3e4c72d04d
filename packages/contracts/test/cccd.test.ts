import { describe, expect, it } from 'vitest';
import { cccdParams, memberInputSchema, normalizeCccd } from '../src/index.ts';

describe('the one CCCD rule: strip spaces and dots, then validate', () => {
  it('drops the spaces and dots people type between groups of digits', () => {
    expect(normalizeCccd('001 190 012 345')).toBe('001190012345');
    expect(normalizeCccd('001.190.012.345')).toBe('001190012345');
    expect(normalizeCccd('\u00a0001\u202f190 012.345 ')).toBe('001190012345');
  });

  it('is the rule of every schema that takes a CCCD', () => {
    expect(cccdParams.parse({ cccd: '001 190 012 345' })).toEqual({ cccd: '001190012345' });
    const person = {
      fullName: 'Lê Thị Mai',
      gender: 'female',
      dateOfBirth: '1990-03-15',
      cccd: '001.190.012.345',
      educationLevel: 'bachelor',
      employmentCategory: 'public-employee',
      duesSalary: 5_200_000,
    };
    expect(memberInputSchema.parse(person).cccd).toBe('001190012345');
  });

  it('then refuses anything but 12 digits: dashes, letters, 11 digits', () => {
    for (const cccd of ['001-190-012-345', '00119001234a', '00119001234', '0011900123456', '']) {
      expect(cccdParams.safeParse({ cccd }).success, cccd).toBe(false);
    }
  });
});
