import type { Bloc, BlocLeaderRule, BlocRanking, BlocScore, LocalizedText } from '@congdoan/contracts';
import { blocAdjustmentNeedsReason, blocCriteriaInvalid } from './errors.ts';

/**
 * Emulation blocs, pure: a member's score sheet, the bloc's ranking and its tie-break, and the
 * leader of the next year derived from a year's order by the rotation rule.
 */

/** The points given to one unit: criteria in the bloc's order, missing ones not yet scored. */
export function applyScores(
  bloc: Pick<Bloc, 'id' | 'criteria'>,
  before: BlocScore | undefined,
  unit: { unitId: string; unitName: string },
  scores: readonly { criterion: string; points: number; reason?: string }[],
  on: string,
  by: string,
): BlocScore {
  const problems = [
    ...scores.filter((s) => !bloc.criteria.some((c) => c.code === s.criterion)).map((s) => `"${s.criterion}" không có`),
    ...scores
      .filter(
        (s) => s.points > (bloc.criteria.find((c) => c.code === s.criterion)?.maxPoints ?? Number.POSITIVE_INFINITY),
      )
      .map((s) => `"${s.criterion}" vượt điểm tối đa`),
  ];
  if (new Set(scores.map((s) => s.criterion)).size !== scores.length) problems.push('trùng tiêu chí');
  if (problems.length > 0) throw blocCriteriaInvalid(problems.join('; '));
  const previous = new Map((before?.scores ?? []).map((s) => [s.criterion, s]));
  const sheet = bloc.criteria.flatMap((c) => {
    const given = scores.find((s) => s.criterion === c.code);
    const old = previous.get(c.code);
    if (!given) return old ? [old] : [];
    if (!old) return [{ criterion: c.code, points: given.points, scoredOn: on, scoredBy: by, adjustments: [] }];
    if (old.points === given.points) return [old];
    if (!given.reason) throw blocAdjustmentNeedsReason(c.code);
    return [
      {
        criterion: c.code,
        points: given.points,
        scoredOn: on,
        scoredBy: by,
        adjustments: [...old.adjustments, { from: old.points, to: given.points, reason: given.reason, on, by }],
      },
    ];
  });
  return {
    blocId: bloc.id,
    unitId: unit.unitId,
    unitName: unit.unitName,
    scores: sheet,
    total: sheet.reduce((sum, s) => sum + s.points, 0),
    complete: sheet.length === bloc.criteria.length,
    version: (before?.version ?? 0) + 1,
  };
}

/** An empty sheet: a member not scored yet. */
export const unscored = (blocId: string, unitId: string, unitName: string): BlocScore => ({
  blocId,
  unitId,
  unitName,
  scores: [],
  total: 0,
  complete: false,
  version: 0,
});

export const RANKING_RULE: LocalizedText = {
  vi: 'Xếp theo tổng điểm từ cao xuống thấp; bằng tổng điểm thì so điểm từng tiêu chí theo thứ tự của khối (tiêu chí đầu trước); bằng điểm mọi tiêu chí thì đồng hạng, liệt kê theo tên đơn vị.',
  en: 'By total points, highest first; equal totals are ordered by the points of each criterion in the bloc’s order (the first criterion first); units equal on every criterion share the rank and are listed by name.',
};

type Entry = BlocRanking['entries'][number];

/** The bloc's ranking over its members' sheets (a member without a sheet has no points yet). */
export function rankBloc(bloc: Pick<Bloc, 'id' | 'year' | 'criteria' | 'members'>, sheets: readonly BlocScore[]) {
  const rows = bloc.members.map((m) => {
    const sheet = sheets.find((s) => s.unitId === m.unitId) ?? unscored(bloc.id, m.unitId, m.name);
    const points = bloc.criteria.map((c) => ({
      criterion: c.code,
      points: sheet.scores.find((s) => s.criterion === c.code)?.points ?? null,
    }));
    return { unitId: m.unitId, unitName: m.name, total: sheet.total, points, complete: sheet.complete };
  });
  const compare = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
    if (a.total !== b.total) return b.total - a.total;
    for (let i = 0; i < a.points.length; i++) {
      const d = (b.points[i]!.points ?? 0) - (a.points[i]!.points ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  };
  const ordered = [...rows].sort((a, b) => compare(a, b) || a.unitName.localeCompare(b.unitName, 'vi'));
  const entries: Entry[] = ordered.map((row, i) => {
    const first = ordered.findIndex((other) => compare(other, row) === 0);
    return { ...row, rank: first + 1, tied: ordered.some((other, j) => j !== i && compare(other, row) === 0) };
  });
  return { entries, complete: rows.every((r) => r.complete) };
}

const RULE_TEXT: Record<BlocLeaderRule, LocalizedText> = {
  'top-ranked-other-than-leader': {
    vi: 'đơn vị xếp hạng cao nhất ngoài khối trưởng năm trước',
    en: 'the highest-ranked unit other than the year before’s leader',
  },
  'top-ranked': { vi: 'đơn vị xếp hạng cao nhất năm trước', en: 'the highest-ranked unit of the year before' },
  'next-after-leader': {
    vi: 'đơn vị xếp hạng ngay sau khối trưởng năm trước',
    en: 'the unit ranked just below the year before’s leader',
  },
};

/**
 * The leader of `year` from the ranking of `year - 1` (complete) under `rule`, among the units
 * that are members in `year`; undefined when none of them was ranked.
 */
export function leaderFromRanking(
  ranking: readonly Entry[],
  previousLeader: string,
  members: readonly string[],
  rule: BlocLeaderRule,
  year: number,
): { unitId: string; unitName: string; reason: LocalizedText } | undefined {
  const eligible = (e: Entry) => members.includes(e.unitId);
  let chosen: Entry | undefined;
  if (rule === 'top-ranked') chosen = ranking.find(eligible);
  else if (rule === 'top-ranked-other-than-leader')
    chosen = ranking.find((e) => eligible(e) && e.unitId !== previousLeader) ?? ranking.find(eligible);
  else {
    const at = ranking.findIndex((e) => e.unitId === previousLeader);
    const after = [...ranking.slice(at + 1), ...ranking.slice(0, at + 1)];
    chosen = after.find(eligible);
  }
  if (!chosen) return undefined;
  const text = RULE_TEXT[rule];
  return {
    unitId: chosen.unitId,
    unitName: chosen.unitName,
    reason: {
      vi: `Khối trưởng năm ${year}: ${chosen.unitName}, ${text.vi} (xếp thứ ${chosen.rank} năm ${year - 1}, ${chosen.total} điểm).`,
      en: `Leader for ${year}: ${chosen.unitName}, ${text.en} (ranked ${chosen.rank} in ${year - 1}, ${chosen.total} points).`,
    },
  };
}
