import type { LocalizedText, SeatAllocation } from '@congdoan/contracts';
import { allocateSeats, bySeatRank, prefersWomen, type SeatCandidate } from './council.ts';

/** Where the tie-break comes from (DOMAIN.md, Emulation). */
export const TIE_BREAK_SOURCE = 'NĐ 152/2025/NĐ-CP Điều 4';

type Outcome = SeatAllocation['outcomes'][number];

/**
 * The seats left of a quota given by the council's votes (`allocateSeats`), each candidate's
 * place explained: its yes votes, and where the last seat fell on a tie, whether the women's
 * preference settled it or left it to the council.
 */
export function explainAllocation(
  candidates: readonly SeatCandidate[],
  seatsLeft: number,
): { outcomes: Outcome[]; explanation: LocalizedText } {
  const { selected, tied } = allocateSeats(candidates, seatsLeft);
  const seated = new Set(selected);
  const open = new Set(tied);
  const lowestSeated = Math.min(...candidates.filter((c) => seated.has(c.id)).map((c) => c.yes));
  // The women's preference decided a place when a seated candidate and one left out had as many votes.
  const tieBroken = candidates.some(
    (c) => !seated.has(c.id) && !open.has(c.id) && c.yes === lowestSeated && !prefersWomen(c),
  );
  // The fewest votes among those seated or tied: one left out with as many lost on the women's preference.
  const lastPlaced = Math.min(...candidates.filter((c) => seated.has(c.id) || open.has(c.id)).map((c) => c.yes));
  const outcomes = [...candidates].sort(bySeatRank).map((c): Outcome => {
    const womenFirst = prefersWomen(c);
    const votes = { vi: `${c.yes} phiếu đồng ý`, en: `${c.yes} yes votes` };
    const base = { nominationId: c.id, yes: c.yes, womenFirst };
    if (open.has(c.id))
      return {
        ...base,
        outcome: 'tied',
        reason: {
          vi: `Bằng phiếu (${votes.vi}) ở suất cuối, ưu tiên nữ (${TIE_BREAK_SOURCE}) không phân định được: hội đồng quyết định.`,
          en: `Tied (${votes.en}) for the last seat, and the preference for women (${TIE_BREAK_SOURCE}) does not settle it: left to the council.`,
        },
      };
    if (seated.has(c.id)) {
      const byWomen = tieBroken && c.yes === lowestSeated && womenFirst;
      return {
        ...base,
        outcome: 'seated',
        reason: byWomen
          ? {
              vi: `Được xét: ${votes.vi}, bằng phiếu ở suất cuối và được ưu tiên là nữ hoặc tập thể có từ 70% nữ (${TIE_BREAK_SOURCE}).`,
              en: `Seated: ${votes.en}, tied for the last seat and preferred as a woman or a collective with ≥ 70% women (${TIE_BREAK_SOURCE}).`,
            }
          : { vi: `Được xét: ${votes.vi}.`, en: `Seated: ${votes.en}.` },
      };
    }
    const byWomen = c.yes === lastPlaced && !womenFirst;
    return {
      ...base,
      outcome: 'not-seated',
      reason: byWomen
        ? {
            vi: `Không còn suất: ${votes.vi}, bằng phiếu ở suất cuối nhưng ưu tiên nữ hoặc tập thể có từ 70% nữ (${TIE_BREAK_SOURCE}).`,
            en: `No seat: ${votes.en}, tied for the last seat but women or collectives with ≥ 70% women go first (${TIE_BREAK_SOURCE}).`,
          }
        : {
            vi: `Không còn suất: ${votes.vi}, ít hơn các đề nghị xếp trên.`,
            en: `No seat: ${votes.en}, fewer than those ranked above.`,
          },
    };
  });
  return {
    outcomes,
    explanation: {
      vi: `${seatsLeft} suất còn lại cho ${candidates.length} đề nghị đã được hội đồng thông qua: xếp theo số phiếu đồng ý; bằng phiếu ở suất cuối thì ưu tiên nữ, tập thể có từ 70% nữ (${TIE_BREAK_SOURCE}); còn bằng nhau thì hội đồng quyết định. Được xét ${selected.length}, bằng phiếu ${tied.length}, không còn suất ${candidates.length - selected.length - tied.length}.`,
      en: `${seatsLeft} seats left for ${candidates.length} council-approved nominations: most yes votes first; on the last seat's tie, women and collectives with ≥ 70% women first (${TIE_BREAK_SOURCE}); a tie still open is the council's. Seated ${selected.length}, tied ${tied.length}, no seat ${candidates.length - selected.length - tied.length}.`,
    },
  };
}
