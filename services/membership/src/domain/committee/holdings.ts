import { conflict, type OfficerPosition } from '@congdoan/contracts';
import { displayDate } from '../member/dates.ts';
import { mostAtOnce, overlaps, type Period } from './periods.ts';
import { COMMITTEE_RANKS, incompatible, POSITION_TEXT } from './positions.ts';

/**
 * What one person holds, or held, in one unit: each appointment's position and
 * days in office. The rules between a person's positions are checked against it.
 */
export interface Holding extends Period {
  appointmentId: string;
  termId: string;
  position: OfficerPosition;
}

/** One holder of a position in a term, for the limit on how many hold it at once. */
export interface Seat extends Period {
  appointmentId: string;
  memberId: string;
}

const days = (p: Period) => ({
  vi: `từ ${displayDate(p.from)} đến trước ${displayDate(p.until)}`,
  en: `from ${p.from} up to ${p.until}`,
});

/**
 * Refuses a new holding that clashes with what the person already holds in the
 * unit on some day (409):
 * - `inspection-incompatible`: the account holder, accountant and treasurer may
 *   not sit on the inspection committee (Điều lệ), either way round;
 * - `position-already-held`: the same position twice at once;
 * - `committee-rank-held`: chair, vice-chair and committee member are one seat
 *   on the committee; a person holds one of them at a time.
 */
export function assertMayHold(fullName: string, candidate: Holding, held: readonly Holding[]): void {
  const clashing = held.filter((h) => h.appointmentId !== candidate.appointmentId && overlaps(h, candidate));
  const wanted = POSITION_TEXT[candidate.position];

  const barred = clashing.find((h) => incompatible(h.position, candidate.position));
  if (barred) {
    const has = POSITION_TEXT[barred.position];
    const when = days(barred);
    throw conflict('inspection-incompatible', {
      vi: `Theo Điều lệ Công đoàn Việt Nam, chủ tài khoản, kế toán và thủ quỹ không được là ủy viên Ủy ban kiểm tra công đoàn cùng cấp. ${fullName} giữ chức ${has.vi} của đơn vị này ${when.vi}, nên không thể giữ chức ${wanted.vi} trong cùng thời gian. Hãy kết thúc chức danh ${has.vi} trước ngày bắt đầu, hoặc chọn người khác.`,
      en: `Under the Charter of the Vietnam Trade Union (Điều lệ), the account holder, the accountant and the treasurer may not sit on the inspection committee of the same unit. ${fullName} is ${has.en} of this unit ${when.en}, so cannot be ${wanted.en} at the same time. End the ${has.en} appointment before the start date, or choose someone else.`,
    });
  }

  const same = clashing.find((h) => h.position === candidate.position);
  if (same) {
    const when = days(same);
    throw conflict('position-already-held', {
      vi: `${fullName} đã giữ chức ${wanted.vi} của đơn vị này ${when.vi}.`,
      en: `${fullName} already holds the position of ${wanted.en} in this unit ${when.en}.`,
    });
  }

  const rank = COMMITTEE_RANKS.includes(candidate.position)
    ? clashing.find((h) => COMMITTEE_RANKS.includes(h.position))
    : undefined;
  if (rank) {
    const has = POSITION_TEXT[rank.position];
    const when = days(rank);
    throw conflict('committee-rank-held', {
      vi: `${fullName} đang là ${has.vi} ${when.vi}. Mỗi người chỉ giữ một trong các chức Chủ tịch, Phó Chủ tịch, Ủy viên Ban chấp hành tại một thời điểm: hãy kết thúc chức ${has.vi} (lý do "reassigned") trước khi bổ nhiệm ${wanted.vi}.`,
      en: `${fullName} is ${has.en} ${when.en}. A person holds one of chair, vice-chair and committee member at a time: end the ${has.en} appointment (reason "reassigned") before appointing them ${wanted.en}.`,
    });
  }
}

/** Refuses a holder beyond the position's limit on any day of the new period (409 `position-filled`). */
export function assertSeatFree(
  position: OfficerPosition,
  limit: number | null,
  candidate: Seat,
  seats: readonly Seat[],
): void {
  if (limit === null) return;
  const others = seats.filter((s) => s.appointmentId !== candidate.appointmentId);
  if (mostAtOnce([...others, candidate], candidate) <= limit) return;
  const what = POSITION_TEXT[position];
  throw conflict('position-filled', {
    vi: `Chức danh ${what.vi} của nhiệm kỳ này có tối đa ${limit} người cùng lúc, và đã đủ người trong một phần thời gian ${days(candidate).vi}. Hãy kết thúc chức danh của người đang giữ trước ngày bắt đầu.`,
    en: `The position of ${what.en} in this term has at most ${limit} holder(s) at a time, and is full during part of the period ${days(candidate).en}. End the current holder's appointment before the start date.`,
  });
}

/** The holding after an appointment ends: its days in office stop at the end date. */
export const endHolding = <H extends Period & { appointmentId: string }>(
  entries: readonly H[],
  appointmentId: string,
  until: string,
): H[] => entries.map((e) => (e.appointmentId === appointmentId ? { ...e, until } : e));
