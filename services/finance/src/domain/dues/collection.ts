import { addMonths, type Month, monthOf, unprocessable } from '@congdoan/contracts';
import { formatDong } from '../policy/policy.ts';
import type { Policy } from '../policy/types.ts';
import type { CollectionLine, CollectionSplit, DuesMonthState, OwingMember } from './types.ts';

/**
 * The rules of a dues collection (phiếu thu đoàn phí):
 *
 * - the collection date is a real day, not after today (Vietnam);
 * - the month is not after the current one, unless `allowAdvance` (then at most
 *   `MAX_MONTHS_AHEAD` months ahead);
 * - each line names a member who owes that month **in this unit** (the month
 *   rule), once; its amount is whole đồng, more than 0 and at most
 *   `MAX_LINE_AMOUNT`;
 * - a line may not exceed what the member still owes for the month (expected −
 *   already collected) unless `allowAdvance`: then the excess is kept as an
 *   advance on that month, and the member's balance over a period nets it
 *   against the months they still owe;
 * - a batch collects, for every member who owes the month, what they still
 *   owe; a batch with nobody owing anything is refused;
 * - at most `MAX_COLLECTION_LINES` lines, so the collection stays one item.
 *
 * Every refusal is a 422 in Vietnamese and English, and nothing is written.
 */

export const MAX_LINE_AMOUNT = 10_000_000;
export const MAX_COLLECTION_LINES = 4_000;
export const MAX_MONTHS_AHEAD = 12;
/** Members named in one refusal; the rest are counted. */
const NAMED = 10;

export type CollectionRequest = { lines: readonly CollectionLine[] } | { batch: true };

export interface CollectionPlanInput {
  month: Month;
  date: string;
  /** Today in Vietnam. */
  today: string;
  allowAdvance: boolean;
  request: CollectionRequest;
  /** Everyone who owes the month in this unit. */
  owing: readonly OwingMember[];
  state: DuesMonthState;
}

const listed = (items: readonly string[]) =>
  items.length <= NAMED ? items.join(', ') : `${items.slice(0, NAMED).join(', ')} (+${items.length - NAMED})`;

/** The lines to collect, after every rule; throws the first rule broken. */
export function planCollection(input: CollectionPlanInput): CollectionLine[] {
  const { month, date, today, allowAdvance, request, owing, state } = input;
  if (date > today) {
    throw unprocessable('collection-date-in-future', {
      vi: `Ngày thu ${date} sau ngày hôm nay (${today}).`,
      en: `The collection date ${date} is after today (${today}).`,
    });
  }
  const current = monthOf(today);
  if (month > current && !allowAdvance) {
    throw unprocessable('dues-month-not-started', {
      vi: `Tháng ${month} chưa đến. Thu trước đoàn phí thì gửi allowAdvance: true.`,
      en: `Month ${month} has not begun. To collect dues in advance, send allowAdvance: true.`,
    });
  }
  if (month > addMonths(current, MAX_MONTHS_AHEAD)) {
    throw unprocessable('dues-month-too-far', {
      vi: `Chỉ thu trước đoàn phí tối đa ${MAX_MONTHS_AHEAD} tháng; tháng ${month} quá xa.`,
      en: `Dues may be collected at most ${MAX_MONTHS_AHEAD} months ahead; ${month} is too far.`,
    });
  }

  const byId = new Map(owing.map((m) => [m.memberId, m]));
  const outstanding = (m: OwingMember) => Math.max(0, m.expected.amount - (state.paid[m.memberId] ?? 0));

  if ('batch' in request) {
    const lines = owing
      .filter((m) => outstanding(m) > 0)
      .map((m) => ({ memberId: m.memberId, amount: outstanding(m) }));
    if (lines.length === 0) {
      throw unprocessable('nothing-to-collect', {
        vi: `Không còn ai nợ đoàn phí tháng ${month} ở đơn vị này.`,
        en: `Nobody in this unit still owes dues for ${month}.`,
      });
    }
    assertLineCount(lines.length);
    return lines;
  }

  const lines = request.lines;
  if (lines.length === 0) {
    throw unprocessable('no-collection-lines', {
      vi: 'Cần ít nhất một dòng thu (memberId, amount).',
      en: 'At least one line (memberId, amount) is needed.',
    });
  }
  assertLineCount(lines.length);

  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const line of lines) {
    if (seen.has(line.memberId)) duplicates.add(line.memberId);
    seen.add(line.memberId);
  }
  if (duplicates.size > 0) {
    throw unprocessable('duplicate-member-line', {
      vi: `Mỗi đoàn viên chỉ có một dòng trong một lần thu; trùng: ${listed([...duplicates])}.`,
      en: `Each member has one line per collection; repeated: ${listed([...duplicates])}.`,
    });
  }

  const badAmounts = lines.filter((l) => !Number.isSafeInteger(l.amount) || l.amount <= 0);
  if (badAmounts.length > 0) {
    const which = listed(badAmounts.map((l) => `${l.memberId}: ${l.amount}`));
    throw unprocessable('invalid-dues-amount', {
      vi: `Số tiền thu phải là số đồng nguyên lớn hơn 0; không hợp lệ: ${which}.`,
      en: `An amount collected must be whole đồng above 0; invalid: ${which}.`,
    });
  }
  const tooLarge = lines.filter((l) => l.amount > MAX_LINE_AMOUNT);
  if (tooLarge.length > 0) {
    const which = listed(tooLarge.map((l) => `${l.memberId}: ${formatDong(l.amount)}`));
    throw unprocessable('dues-amount-too-large', {
      vi: `Một dòng thu tối đa ${formatDong(MAX_LINE_AMOUNT)} đồng; vượt quá: ${which}.`,
      en: `A line is at most ${formatDong(MAX_LINE_AMOUNT)} đồng; too large: ${which}.`,
    });
  }

  const notOwing = lines.filter((l) => !byId.has(l.memberId)).map((l) => l.memberId);
  if (notOwing.length > 0) {
    throw unprocessable('member-not-owing', {
      vi: `Không đóng đoàn phí tháng ${month} tại đơn vị này (không có trong danh sách phải đóng theo quy tắc tháng): ${listed(notOwing)}.`,
      en: `Not owing dues for ${month} in this unit (not on its roster for the month under the month rule): ${listed(notOwing)}.`,
    });
  }

  if (!allowAdvance) {
    const over = lines.filter((l) => l.amount > outstanding(byId.get(l.memberId)!));
    if (over.length > 0) {
      const which = listed(
        over.map(
          (l) =>
            `${byId.get(l.memberId)!.fullName} (${l.memberId}): ${formatDong(l.amount)} > ${formatDong(outstanding(byId.get(l.memberId)!))}`,
        ),
      );
      throw unprocessable('dues-overpayment', {
        vi: `Số thu vượt số đoàn phí còn phải đóng tháng ${month}: ${which}. Thu trước thì gửi allowAdvance: true.`,
        en: `More than the dues still owed for ${month}: ${which}. To take an advance, send allowAdvance: true.`,
      });
    }
  }
  return lines.map((l) => ({ memberId: l.memberId, amount: l.amount }));
}

function assertLineCount(count: number): void {
  if (count > MAX_COLLECTION_LINES) {
    throw unprocessable('collection-too-large', {
      vi: `Một lần thu có tối đa ${MAX_COLLECTION_LINES} dòng; lần này có ${count}. Hãy chia thành nhiều lần thu.`,
      en: `A collection has at most ${MAX_COLLECTION_LINES} lines; this one has ${count}. Split it into several collections.`,
    });
  }
}

/**
 * The shares of one collection. The upper share is the policy split of the
 * month's running total after the collection, less the upper share already
 * recorded, so however the month's collections fall, their upper shares add up
 * to exactly `policy.duesSplit(month, total collected).upper` (rounded once,
 * nearest đồng, half up) and the CĐCS keeps the rest.
 */
export function collectionSplit(
  policy: Policy,
  month: Month,
  state: Pick<DuesMonthState, 'collected' | 'upperCollected'>,
  amount: number,
): CollectionSplit {
  const total = policy.duesSplit(month, state.collected + amount);
  const upper = Math.min(amount, Math.max(0, total.upper.amount - state.upperCollected));
  const grassroots = amount - upper;
  const formula =
    state.collected === 0
      ? `cấp trên: ${total.upper.formula}; CĐCS: ${formatDong(amount)} − ${formatDong(upper)} = ${formatDong(grassroots)}`
      : `cấp trên: ${total.upper.formula} (lũy kế tháng) − ${formatDong(state.upperCollected)} đã ghi = ${formatDong(upper)}; CĐCS: ${formatDong(amount)} − ${formatDong(upper)} = ${formatDong(grassroots)}`;
  return { grassroots, upper, formula };
}

/** The month state after a collection; the version is bumped. */
export function afterCollection(
  state: DuesMonthState,
  lines: readonly CollectionLine[],
  split: CollectionSplit,
): DuesMonthState {
  const paid = { ...state.paid };
  let amount = 0;
  for (const line of lines) {
    paid[line.memberId] = (paid[line.memberId] ?? 0) + line.amount;
    amount += line.amount;
  }
  return {
    ...state,
    collected: state.collected + amount,
    grassrootsCollected: state.grassrootsCollected + split.grassroots,
    upperCollected: state.upperCollected + split.upper,
    paid,
    collections: state.collections + 1,
    version: state.version + 1,
  };
}
