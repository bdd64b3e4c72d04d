import type { Month } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { fitAmount, identifyPayer, lineDifferences, type TaxIdHolder } from '../../src/domain/bank/matching.ts';
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

  it('takes a credit for one declared month up to what it still owes', () => {
    expect(fitAmount(123, ['2025-01'], owed)).toEqual({ kind: 'fit', months: [{ month: '2025-01', amount: 123 }] });
    expect(fitAmount(1_000_000, ['2025-01'], owed)).toEqual({
      kind: 'fit',
      months: [{ month: '2025-01', amount: 1_000_000 }],
    });
  });

  it('sends to review a credit beyond what the month owes, or for a month owing nothing', () => {
    expect(fitAmount(1_000_001, ['2025-01'], owed)).toEqual({ kind: 'review', reason: 'exceeds-due' });
    expect(fitAmount(1, ['2025-04'], owed)).toEqual({ kind: 'review', reason: 'exceeds-due' });
  });

  it('sends to review a credit for a month with no payroll declaration', () => {
    expect(fitAmount(123, ['2025-03'], owed)).toEqual({ kind: 'review', reason: 'no-declaration' });
    expect(fitAmount(123, ['2025-05'], owed)).toEqual({ kind: 'review', reason: 'no-declaration' });
    expect(fitAmount(2_200_000, ['2025-01', '2025-03'], owed)).toEqual({ kind: 'review', reason: 'no-declaration' });
  });

  it('splits several months by what each still owes when the amount is exactly their sum', () => {
    expect(fitAmount(2_200_000, ['2025-01', '2025-02'], owed)).toEqual({
      kind: 'fit',
      months: [
        { month: '2025-01', amount: 1_000_000 },
        { month: '2025-02', amount: 1_200_000 },
      ],
    });
  });

  it('does not fit another amount for several months: short is for a person, beyond is beyond what is due', () => {
    expect(fitAmount(2_199_999, ['2025-01', '2025-02'], owed)).toEqual({
      kind: 'review',
      reason: 'amount-does-not-fit',
    });
    expect(fitAmount(2_200_001, ['2025-01', '2025-02'], owed)).toEqual({ kind: 'review', reason: 'exceeds-due' });
    expect(fitAmount(1_000_000, ['2025-01', '2025-04'], owed)).toEqual({ kind: 'review', reason: 'exceeds-due' });
    expect(fitAmount(0, ['2025-01'], owed)).toEqual({ kind: 'review', reason: 'amount-does-not-fit' });
  });
});

describe('a reference seen before', () => {
  const known = {
    date: '2025-07-01',
    credit: 1_840_000,
    debit: 0,
    description: 'MST 2400312468 nộp KPCĐ tháng 06/2025',
  };

  it('is a plain duplicate with the same content, however the memo was spaced', () => {
    expect(lineDifferences(known, { ...known, description: ' MST 2400312468  nộp KPCĐ\ntháng 06/2025 ' })).toEqual([]);
  });

  it('names what differs otherwise: amount, date, memo', () => {
    expect(lineDifferences(known, { ...known, credit: 1_850_000 })).toEqual(['amount']);
    expect(lineDifferences(known, { ...known, date: '2025-07-02', description: 'khác' })).toEqual([
      'date',
      'description',
    ]);
    expect(lineDifferences(known, { ...known, credit: 0, debit: 1_840_000 })).toEqual(['amount']);
  });
});
