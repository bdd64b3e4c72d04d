import { describe, expect, it } from 'vitest';
import { batchVisitId, giftMovementMemo, OCCASION_CASE_TYPE, visitTotals } from '../../src/domain/care.ts';
import { capsFor } from '../../src/domain/policy.ts';

describe('visits’ rules', () => {
  it('hold a Tết gift to Tết 2026’s 1,300,000 per occasion and per member per year, childbirth to no cap', () => {
    const tet = capsFor({}, OCCASION_CASE_TYPE.tet!, '2026-02-10');
    expect([tet.perOccasion.amount, tet.perMemberYear.amount]).toEqual([1_300_000, 1_300_000]);
    expect(OCCASION_CASE_TYPE.childbirth).toBeNull();
    expect(OCCASION_CASE_TYPE.hardship).toBe('sudden-hardship');
  });

  it('give the movement a memo of the occasion only', () => {
    expect(giftMovementMemo('serious-illness')).toBe('Chi thăm hỏi đoàn viên (bệnh hiểm nghèo)');
  });

  it('derive a batch row’s id from the key, the caller and the member, and nothing else', () => {
    const id = batchVisitId('key', 'desk-1', 'm-1');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(batchVisitId('key', 'desk-1', 'm-1')).toBe(id);
    expect(
      new Set([
        id,
        batchVisitId('key', 'desk-1', 'm-2'),
        batchVisitId('key', 'desk-2', 'm-1'),
        batchVisitId('key2', 'desk-1', 'm-1'),
      ]).size,
    ).toBe(4);
  });

  it('total visits and each occasion’s, in the occasions’ order', () => {
    expect(
      visitTotals([
        { occasion: 'tet', amount: 1_300_000 },
        { occasion: 'sickness', amount: 0 },
        { occasion: 'tet', amount: 1_300_000 },
      ]),
    ).toEqual({
      totals: { visits: 3, withMoney: 2, amount: 2_600_000 },
      byOccasion: [
        { occasion: 'sickness', visits: 1, withMoney: 0, amount: 0 },
        { occasion: 'tet', visits: 2, withMoney: 2, amount: 2_600_000 },
      ],
    });
    expect(visitTotals([])).toEqual({ totals: { visits: 0, withMoney: 0, amount: 0 }, byOccasion: [] });
  });
});
