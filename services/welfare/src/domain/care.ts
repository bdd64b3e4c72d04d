import { createHash } from 'node:crypto';
import {
  type SupportCaseType,
  VISIT_OCCASIONS,
  type Visit,
  type VisitList,
  type VisitOccasion,
} from '@congdoan/contracts';

/**
 * The support-case type whose caps a gift for the occasion keeps (policy data, or the fund's
 * own): a Tết gift is held to Tết's 1,300,000 per occasion and per member per year, a hardship
 * gift to the hardship cap. Childbirth and other occasions are no case type: no cap.
 */
export const OCCASION_CASE_TYPE: Record<VisitOccasion, SupportCaseType | null> = {
  sickness: 'illness',
  'serious-illness': 'serious-illness',
  bereavement: 'bereavement',
  tet: 'tet',
  childbirth: null,
  hardship: 'sudden-hardship',
  other: null,
};

/** The occasion in Vietnamese, for the visit's default memo and the fund movement's. */
export const OCCASION_VI: Record<VisitOccasion, string> = {
  sickness: 'ốm đau',
  'serious-illness': 'bệnh hiểm nghèo',
  bereavement: 'hiếu',
  tet: 'Tết',
  childbirth: 'sinh con',
  hardship: 'hoàn cảnh khó khăn',
  other: 'khác',
};

/**
 * The memo of a gift's fund movement, which finance's posting request carries: the occasion
 * only, never the visit's own memo or the member, so no one's circumstances reach an event.
 */
export const giftMovementMemo = (occasion: VisitOccasion) => `Chi thăm hỏi đoàn viên (${OCCASION_VI[occasion]})`;

/**
 * The id of one member's gift in a batch sent with an Idempotency-Key: the same key, caller
 * and member give the same id, so a batch sent again after a failure records no gift twice.
 */
export function batchVisitId(key: string, actorId: string, memberId: string): string {
  return createHash('sha256').update(`${key}\u0000${actorId}\u0000${memberId}`).digest('hex').slice(0, 32);
}

type Totals = VisitList['totals'];
const addTo = (t: Totals, v: Pick<Visit, 'amount'>): Totals => ({
  visits: t.visits + 1,
  withMoney: t.withMoney + (v.amount > 0 ? 1 : 0),
  amount: t.amount + v.amount,
});
const none = (): Totals => ({ visits: 0, withMoney: 0, amount: 0 });

/** Visits' totals, and each occasion's that had one, in the order of `VISIT_OCCASIONS`. */
export function visitTotals(visits: readonly Pick<Visit, 'occasion' | 'amount'>[]) {
  const byOccasion = new Map<VisitOccasion, Totals>();
  let totals = none();
  for (const v of visits) {
    totals = addTo(totals, v);
    byOccasion.set(v.occasion, addTo(byOccasion.get(v.occasion) ?? none(), v));
  }
  return {
    totals,
    byOccasion: VISIT_OCCASIONS.flatMap((occasion) => {
      const t = byOccasion.get(occasion);
      return t ? [{ occasion, ...t }] : [];
    }),
  };
}
