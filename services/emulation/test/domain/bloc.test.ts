import { describe, expect, it } from 'vitest';
import { applyScores, leaderFromRanking, rankBloc } from '../../src/domain/bloc.ts';

/** The bloc's pure rules: a sheet's changes, the ranking's tie-break, each rotation rule. */
const bloc = {
  id: 'b',
  year: 2025,
  criteria: [
    { code: 'a', name: 'A', maxPoints: 50 },
    { code: 'b', name: 'B', maxPoints: 50 },
  ],
  members: ['u1', 'u2', 'u3', 'u4'].map((unitId) => ({ unitId, name: `Đơn vị ${unitId}` })),
};
const sheet = (unitId: string, a: number, b: number) =>
  applyScores(
    bloc,
    undefined,
    { unitId, unitName: `Đơn vị ${unitId}` },
    [
      { criterion: 'a', points: a },
      { criterion: 'b', points: b },
    ],
    '2026-01-10',
    'officer',
  );

describe('a member’s sheet', () => {
  it('keeps points given again unchanged without a reason, and a change with its reason and the earlier points', () => {
    const first = sheet('u1', 40, 30);
    const same = applyScores(bloc, first, first, [{ criterion: 'a', points: 40 }], '2026-01-11', 'other');
    expect(same.scores).toEqual(first.scores);
    expect(() => applyScores(bloc, first, first, [{ criterion: 'a', points: 35 }], '2026-01-11', 'other')).toThrow(
      expect.objectContaining({ code: 'bloc-adjustment-needs-reason' }),
    );
    const changed = applyScores(
      bloc,
      first,
      first,
      [{ criterion: 'a', points: 35, reason: 'Thiếu hồ sơ' }],
      '2026-01-11',
      'other',
    );
    expect(changed).toMatchObject({ total: 65, complete: true, version: 2 });
    expect(changed.scores[0]).toMatchObject({
      points: 35,
      scoredBy: 'other',
      adjustments: [{ from: 40, to: 35, reason: 'Thiếu hồ sơ', on: '2026-01-11', by: 'other' }],
    });
  });
});

describe('the ranking', () => {
  const { entries, complete } = rankBloc(bloc, [sheet('u1', 30, 40), sheet('u2', 40, 30), sheet('u3', 40, 30)]);
  it('orders equal totals by the first criterion, shares a rank only when every criterion is equal', () => {
    expect(complete).toBe(false);
    expect(entries.map((e) => [e.unitId, e.rank, e.total, e.tied])).toEqual([
      ['u2', 1, 70, true],
      ['u3', 1, 70, true],
      ['u1', 3, 70, false],
      ['u4', 4, 0, false],
    ]);
  });
});

describe('the leader rotation', () => {
  const { entries } = rankBloc(bloc, [
    sheet('u1', 50, 40),
    sheet('u2', 40, 40),
    sheet('u3', 30, 30),
    sheet('u4', 20, 20),
  ]);
  const all = ['u1', 'u2', 'u3', 'u4'];
  const leader = (rule: Parameters<typeof leaderFromRanking>[3], previous: string, members = all) =>
    leaderFromRanking(entries, previous, members, rule, 2026)?.unitId;

  it('top-ranked-other-than-leader: the best unit that did not lead', () => {
    expect(leader('top-ranked-other-than-leader', 'u1')).toBe('u2');
    expect(leader('top-ranked-other-than-leader', 'u3')).toBe('u1');
    expect(leader('top-ranked-other-than-leader', 'u3', ['u3'])).toBe('u3');
  });
  it('top-ranked: the best unit, even the leader again', () => {
    expect(leader('top-ranked', 'u1')).toBe('u1');
    expect(leader('top-ranked', 'u1', ['u3', 'u4'])).toBe('u3');
  });
  it('next-after-leader: the unit ranked just below the leader, after the last the first', () => {
    expect(leader('next-after-leader', 'u2')).toBe('u3');
    expect(leader('next-after-leader', 'u4')).toBe('u1');
    expect(leader('next-after-leader', 'u2', ['u1', 'u2'])).toBe('u1');
  });
  it('finds none when no unit of next year was ranked, and says why it chose', () => {
    expect(leader('top-ranked', 'u1', ['u9'])).toBeUndefined();
    expect(leaderFromRanking(entries, 'u1', all, 'top-ranked-other-than-leader', 2026)?.reason.vi).toBe(
      'Khối trưởng năm 2026: Đơn vị u2, đơn vị xếp hạng cao nhất ngoài khối trưởng năm trước (xếp thứ 2 năm 2025, 80 điểm).',
    );
  });
});
