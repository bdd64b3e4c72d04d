import type { LocalizedText } from '@congdoan/contracts';
import { invalidBallot } from './errors.ts';

/**
 * The emulation and awards council's secret vote, as counts only: how many sit on it, how many
 * were present, how many voted yes. Who voted how is never an input, so it can never be an
 * output.
 */
export interface Ballot {
  members: number;
  present: number;
  yes: number;
}

/** The title's council rule (catalogue): shares of all members present (quorum) and voting yes. */
export interface CouncilRule {
  quorum: number;
  threshold: number;
  source: string;
}

export type CouncilOutcome = 'approved' | 'not-approved' | 'no-quorum';

/** Shares compared with a hair of tolerance, so 2 of 3 meets a quorum of 2/3. */
const reaches = (count: number, of: number, share: number) => count / of >= share - 1e-9;
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** The vote's outcome under the title's rule, with why. */
export function councilVerdict(ballot: Ballot, rule: CouncilRule): { outcome: CouncilOutcome; reason: LocalizedText } {
  const { members, present, yes } = ballot;
  if (!(members >= 1 && present >= 0 && present <= members && yes >= 0 && yes <= present)) throw invalidBallot();
  if (!reaches(present, members, rule.quorum)) {
    return {
      outcome: 'no-quorum',
      reason: {
        vi: `Không đủ số thành viên dự họp: ${present}/${members}, cần từ ${percent(rule.quorum)} (${rule.source}).`,
        en: `No quorum: ${present} of ${members} present, ${percent(rule.quorum)} needed (${rule.source}).`,
      },
    };
  }
  if (!reaches(yes, members, rule.threshold)) {
    return {
      outcome: 'not-approved',
      reason: {
        vi: `Không đạt: ${yes}/${members} thành viên hội đồng đồng ý, cần từ ${percent(rule.threshold)} (${rule.source}).`,
        en: `Not approved: ${yes} of ${members} council members voted yes, ${percent(rule.threshold)} needed (${rule.source}).`,
      },
    };
  }
  return {
    outcome: 'approved',
    reason: {
      vi: `Đạt: ${yes}/${members} thành viên hội đồng đồng ý (từ ${percent(rule.threshold)}).`,
      en: `Approved: ${yes} of ${members} council members voted yes (${percent(rule.threshold)} needed).`,
    },
  };
}

/** An approved candidate competing for a title's seats. */
export interface SeatCandidate {
  id: string;
  yes: number;
  /** An individual's gender, or a collective's share of women (0–1). */
  women: { kind: 'individual'; female: boolean } | { kind: 'collective'; share: number };
}

/** A collective counts as women's from this share (NĐ 152/2025 Art. 4). */
export const WOMEN_COLLECTIVE_SHARE = 0.7;
/** Whether the candidate goes first on a tie: a woman, or a collective with ≥ 70% women. */
export const prefersWomen = (c: SeatCandidate) =>
  c.women.kind === 'individual' ? c.women.female : c.women.share >= WOMEN_COLLECTIVE_SHARE - 1e-9;

/** The order seats are given in: most yes votes, then women (or collectives with ≥ 70% women) first. */
export const bySeatRank = (a: SeatCandidate, b: SeatCandidate) =>
  b.yes - a.yes || Number(prefersWomen(b)) - Number(prefersWomen(a));

/**
 * Fills `seats` with the approved candidates, most yes votes first. Where the last seat falls
 * among candidates with as many votes, women (or collectives with ≥ 70% women) go first
 * (NĐ 152/2025 Art. 4); a tie that rule does not settle is left to the council: those
 * candidates are `tied`, and no seat is given among them.
 */
export function allocateSeats(
  candidates: readonly SeatCandidate[],
  seats: number,
): { selected: string[]; tied: string[]; notSelected: string[] } {
  const ranked = [...candidates].sort(bySeatRank);
  const rank = (c: SeatCandidate) => `${c.yes}#${prefersWomen(c)}`;
  const selected: string[] = [];
  const tied: string[] = [];
  let i = 0;
  while (i < ranked.length && selected.length < seats) {
    const group = ranked.filter((c) => rank(c) === rank(ranked[i]!));
    if (selected.length + group.length <= seats) selected.push(...group.map((c) => c.id));
    else tied.push(...group.map((c) => c.id));
    i += group.length;
    if (tied.length > 0) break;
  }
  const decided = new Set([...selected, ...tied]);
  return { selected, tied, notSelected: ranked.filter((c) => !decided.has(c.id)).map((c) => c.id) };
}
