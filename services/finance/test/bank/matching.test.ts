import type { Month } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { fitAmount, identifyPayer, type TaxIdHolder } from '../../src/domain/bank/matching.ts';
import { parseMemo } from '../../src/domain/bank/memo.ts';

const UPPER = 'upper-1';
const cdcs: TaxIdHolder = { unitId: 'cdcs-1', level: 'grassroots', parentId: UPPER };
const credit = (memo: string, holders: TaxIdHolder[] = [cdcs], amount = 1_000_000) =>
  identifyPayer({ date: '2025-04-10', credit: amount, debit: 0 }, parseMemo(memo), holders, UPPER);

describe('identifying the payer', () => {
  it('identifies one CĐCS under the account’s unit, with its months', () => {
    expect(credit('MST 2400312468 nop KPCD thang 1,2,3/2025')).toEqual({
      kind: 'identified',
      unitId: 'cdcs-1',
      months: ['2025-01', '2025-02', '2025-03'],
    });
  });

  it.each([
    ['a debit', () => identifyPayer({ date: '2025-04-10', credit: 0, debit: 5 }, parseMemo('x'), [], UPPER), 'debit'],
    ['no tax ID', () => credit('nop KPCD thang 3/2025'), 'no-tax-id'],
    ['an unknown tax ID', () => credit('MST 2400312468 KPCD T3/2025', []), 'unknown-tax-id'],
    [
      'only a non-grassroots unit holds it',
      () => credit('MST 2400312468 KPCD T3/2025', [{ unitId: 'u', level: 'upper', parentId: null }]),
      'unknown-tax-id',
    ],
    [
      'two CĐCS hold it',
      () => credit('MST 2400312468 KPCD T3/2025', [cdcs, { ...cdcs, unitId: 'cdcs-2' }]),
      'ambiguous-tax-id',
    ],
    ['two tax IDs in the memo', () => credit('MST 2400312468 MST 2400127805 KPCD T3/2025'), 'ambiguous-tax-id'],
    [
      'a CĐCS under another upper level',
      () => credit('MST 2400312468 KPCD T3/2025', [{ ...cdcs, parentId: 'upper-2' }]),
      'not-under-this-unit',
    ],
    ['member dues', () => credit('MST 2400312468 nop doan phi T3/2025'), 'not-levy'],
    ['a penalty', () => credit('MST 2400312468 nop phat cham nop KPCD T3/2025'), 'penalty'],
    ['no month', () => credit('MST 2400312468 nop KPCD'), 'no-month'],
    ['a month after the transaction', () => credit('MST 2400312468 nop KPCD T5/2025'), 'future-month'],
  ])('sends %s to review with its reason', (_, run, reason) => {
    expect(run()).toMatchObject({ reason });
  });
});

describe('fitting the amount', () => {
  const owed = new Map<Month, number | null>([
    ['2025-01', 1_000_000],
    ['2025-02', 1_200_000],
    ['2025-03', null],
    ['2025-04', 0],
  ]);

  it('takes any positive amount for one month', () => {
    expect(fitAmount(123, ['2025-03'], owed)).toEqual([{ month: '2025-03', amount: 123 }]);
  });

  it('splits several months by what each still owes when the amount is exactly their sum', () => {
    expect(fitAmount(2_200_000, ['2025-01', '2025-02'], owed)).toEqual([
      { month: '2025-01', amount: 1_000_000 },
      { month: '2025-02', amount: 1_200_000 },
    ]);
  });

  it('does not fit another amount, an undeclared month or a month owing nothing', () => {
    expect(fitAmount(2_200_001, ['2025-01', '2025-02'], owed)).toBeNull();
    expect(fitAmount(1_000_000, ['2025-01', '2025-03'], owed)).toBeNull();
    expect(fitAmount(1_000_000, ['2025-01', '2025-04'], owed)).toBeNull();
    expect(fitAmount(0, ['2025-01'], owed)).toBeNull();
  });
});
