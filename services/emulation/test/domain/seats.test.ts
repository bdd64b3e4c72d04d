import { describe, expect, it } from 'vitest';
import type { SeatCandidate } from '../../src/domain/council.ts';
import { explainAllocation } from '../../src/domain/seats.ts';

const man = (id: string, yes: number): SeatCandidate => ({ id, yes, women: { kind: 'individual', female: false } });
const woman = (id: string, yes: number): SeatCandidate => ({ id, yes, women: { kind: 'individual', female: true } });
const collective = (id: string, yes: number, share: number): SeatCandidate => ({
  id,
  yes,
  women: { kind: 'collective', share },
});

describe('explaining an allocation of seats', () => {
  it('names the women’s preference only where it decided the last seat', () => {
    const { outcomes, explanation } = explainAllocation([man('m', 6), woman('w', 6), man('top', 9)], 2);
    expect(outcomes.map((o) => [o.nominationId, o.outcome])).toEqual([
      ['top', 'seated'],
      ['w', 'seated'],
      ['m', 'not-seated'],
    ]);
    expect(outcomes[0]!.reason.en).toBe('Seated: 9 yes votes.');
    expect(outcomes[1]!.reason.vi).toContain('bằng phiếu ở suất cuối và được ưu tiên là nữ');
    expect(outcomes[2]!.reason.en).toContain('tied for the last seat but women');
    expect(explanation.vi).toContain('Được xét 2, bằng phiếu 0, không còn suất 1');
  });

  it('says nothing of women when the votes alone decide', () => {
    const { outcomes } = explainAllocation([woman('w', 5), man('m', 8)], 1);
    expect(outcomes.map((o) => [o.nominationId, o.outcome, o.reason.en])).toEqual([
      ['m', 'seated', 'Seated: 8 yes votes.'],
      ['w', 'not-seated', 'No seat: 5 yes votes, fewer than those ranked above.'],
    ]);
  });

  it('leaves two collectives at 70% women tied, and one at 69.9% after them', () => {
    const { outcomes } = explainAllocation(
      [collective('a', 7, 0.7), collective('b', 7, 0.75), collective('c', 7, 0.699)],
      1,
    );
    expect(outcomes.map((o) => [o.nominationId, o.womenFirst, o.outcome])).toEqual([
      ['a', true, 'tied'],
      ['b', true, 'tied'],
      ['c', false, 'not-seated'],
    ]);
    expect(outcomes[0]!.reason.vi).toContain('hội đồng quyết định');
    expect(outcomes[2]!.reason.en).toContain('tied for the last seat but women');
  });
});
