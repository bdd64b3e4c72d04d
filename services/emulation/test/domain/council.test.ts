import { describe, expect, it } from 'vitest';
import { allocateSeats, councilVerdict, type SeatCandidate } from '../../src/domain/council.ts';
import { titleOn } from '../../src/domain/policy/catalogue.ts';

/** The council's vote (counts only) under a title's quorum and threshold, and the tie-break for seats. */
const cstdcs = titleOn('chien-si-thi-dua-co-so', '2026-01-01')!.council;

describe('the council’s vote', () => {
  it('needs the quorum present, then the threshold of all members voting yes', () => {
    expect(councilVerdict({ members: 9, present: 5, yes: 5 }, cstdcs)).toMatchObject({ outcome: 'no-quorum' });
    expect(councilVerdict({ members: 9, present: 6, yes: 6 }, cstdcs).outcome).toBe('not-approved'); // 6/9 < 80%
    expect(councilVerdict({ members: 10, present: 8, yes: 8 }, cstdcs).outcome).toBe('approved'); // 80% exactly
    expect(councilVerdict({ members: 3, present: 2, yes: 2 }, { ...cstdcs, threshold: 0.5 }).outcome).toBe('approved'); // 2/3 quorum exactly
    const refused = councilVerdict({ members: 9, present: 8, yes: 7 }, cstdcs);
    expect(refused.reason.vi).toBe(`Không đạt: 7/9 thành viên hội đồng đồng ý, cần từ 80% (${cstdcs.source}).`);
    expect(refused.reason.en).toBe(`Not approved: 7 of 9 council members voted yes, 80% needed (${cstdcs.source}).`);
  });

  it('takes counts only: a ballot cannot say who voted how, and an impossible count is refused', () => {
    expect(Object.keys(councilVerdict({ members: 5, present: 5, yes: 5 }, cstdcs)).sort()).toEqual([
      'outcome',
      'reason',
    ]);
    expect(() => councilVerdict({ members: 5, present: 6, yes: 5 }, cstdcs)).toThrow(/Invalid ballot/);
    expect(() => councilVerdict({ members: 5, present: 4, yes: 5 }, cstdcs)).toThrow(/Invalid ballot/);
  });
});

describe('seats and the tie-break', () => {
  const man = (id: string, yes: number): SeatCandidate => ({ id, yes, women: { kind: 'individual', female: false } });
  const woman = (id: string, yes: number): SeatCandidate => ({ id, yes, women: { kind: 'individual', female: true } });

  it('gives seats by votes, and a tie at the last seat to a woman', () => {
    expect(allocateSeats([man('a', 9), man('b', 7), woman('c', 7)], 2)).toEqual({
      selected: ['a', 'c'],
      tied: [],
      notSelected: ['b'],
    });
  });

  it('counts a collective with at least 70% women as women’s', () => {
    const unit = (id: string, share: number): SeatCandidate => ({ id, yes: 8, women: { kind: 'collective', share } });
    expect(allocateSeats([unit('u-69', 0.69), unit('u-70', 0.7)], 1).selected).toEqual(['u-70']);
  });

  it('leaves a tie the rule does not settle to the council', () => {
    expect(allocateSeats([man('a', 9), woman('b', 7), woman('c', 7)], 2)).toEqual({
      selected: ['a'],
      tied: ['b', 'c'],
      notSelected: [],
    });
    expect(allocateSeats([man('a', 9), man('b', 7)], 5)).toEqual({ selected: ['a', 'b'], tied: [], notSelected: [] });
  });
});
