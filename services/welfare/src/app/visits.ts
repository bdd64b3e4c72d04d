import {
  DomainError,
  dayInVietnam,
  type RecordVisitBatchInput,
  type RecordVisitInput,
  type Visit,
  type VisitList,
  WelfareLedgerPostingRequested,
} from '@congdoan/contracts';
import { event } from '@congdoan/ddb';
import { batchVisitId, giftMovementMemo, OCCASION_CASE_TYPE, OCCASION_VI, visitTotals } from '../domain/care.ts';
import { fundOfAnotherUnit, memberOutsideUnit, savingsFundNotForGifts } from '../domain/errors.ts';
import { checkMovement, checkMovementDate, postingRequestOf } from '../domain/fund.ts';
import { getFund, newMovement } from './funds.ts';
import type { Caller, CallerScope, WelfareDeps } from './ports.ts';

/**
 * Records a unit's visit or gift to a member of its subtree (thăm hỏi). A gift with money is
 * a disbursement of the unit's own fund, written with the visit in one transaction: on
 * condition the balance covers it (409 `fund-balance-insufficient`), posted by finance like
 * every movement (Nợ 353x, Có 111/112), and held to the caps of the occasion's support-case
 * type (a Tết gift: 1,300,000 per occasion and per member per year in 2026), the yearly one
 * under concurrency. `visitId` is given for a batch's row (`batchVisitId`).
 */
export async function recordVisit(
  deps: WelfareDeps,
  caller: Caller,
  unitId: string,
  input: RecordVisitInput,
  visitId: string = caller.write.newId(),
): Promise<Visit> {
  await deps.units.assertInScope(caller, unitId);
  const member = await deps.members.get(caller, input.memberId);
  if (!(await deps.units.isWithin(unitId, member.unitId))) throw memberOutsideUnit();
  const today = dayInVietnam(caller.write.now());
  const date = input.date ?? today;
  checkMovementDate(date, today);
  const visit: Visit = {
    id: visitId,
    unitId,
    memberId: member.id,
    occasion: input.occasion,
    date,
    amount: input.amount,
    fundId: null,
    movementId: null,
    memo: input.memo ?? `Thăm hỏi đoàn viên (${OCCASION_VI[input.occasion]})`,
    at: caller.write.now().toISOString(),
  };
  if (input.amount === 0 || !input.fundId || !input.method) {
    await deps.visits.record(visit, caller.write);
    return visit;
  }
  const fund = await getFund(deps, caller, input.fundId);
  if (fund.unitId !== unitId) throw fundOfAnotherUnit(fund.id);
  if (fund.kind === 'womens-savings') throw savingsFundNotForGifts(fund.id);
  const caseType = OCCASION_CASE_TYPE[input.occasion];
  const disbursement = {
    type: 'disbursement' as const,
    method: input.method,
    amount: input.amount,
    memo: giftMovementMemo(input.occasion),
    beneficiaryId: member.id,
    ...(caseType ? { caseType } : {}),
  };
  // The same rules as any disbursement: the cap per occasion, and the yearly cap's total to hold.
  const yearCap = checkMovement(fund, disbursement, date);
  const movement = newMovement(caller, fund, {
    ...disbursement,
    date,
    caseType,
    memberId: null,
    loanId: null,
  });
  const gift: Visit = { ...visit, fundId: fund.id, movementId: movement.id };
  await deps.visits.recordGift(
    fund,
    movement,
    gift,
    [event(WelfareLedgerPostingRequested, postingRequestOf(fund, movement))],
    caller.write,
    yearCap,
  );
  return gift;
}

/** One member's outcome in a batch: the error is the DomainError a request of its own would have answered. */
export type VisitBatchRow =
  | { memberId: string; outcome: 'created' | 'already-recorded'; visit: Visit }
  | { memberId: string; outcome: 'failed'; error: DomainError };

/**
 * The same gift to many members (Tết gifts): each member's gift is its own visit and its own
 * movement and transaction, so the rows succeed or fail one by one (a member over the yearly
 * cap, or the fund running out, fails that row alone) and the answer lists each. With an
 * Idempotency-Key (`key`) each row's id comes from the key, so sending the batch again after
 * a failure records no gift twice: a row already recorded says so.
 */
export async function recordVisitBatch(
  deps: WelfareDeps,
  caller: Caller,
  unitId: string,
  input: RecordVisitBatchInput,
  key: string | null,
): Promise<VisitBatchRow[]> {
  await deps.units.assertInScope(caller, unitId);
  const { date } = input;
  const rows: VisitBatchRow[] = [];
  // One after another: gifts from one fund take turns anyway (the movement writer's turns on the fund).
  for (const memberId of input.memberIds) {
    const id = key ? batchVisitId(key, caller.write.actor.id, memberId) : caller.write.newId();
    try {
      const { memberIds: _all, ...gift } = input;
      const visit = await recordVisit(deps, caller, unitId, { ...gift, date, memberId }, id);
      rows.push({ memberId, outcome: 'created', visit });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Sent before under this key, the row may fail another condition first (a Tết gift's
      // yearly total is already full): the visit, if it is there, says it was recorded.
      const before = key ? await deps.visits.get(unitId, date, id) : undefined;
      rows.push(
        before ? { memberId, outcome: 'already-recorded', visit: before } : { memberId, outcome: 'failed', error },
      );
    }
  }
  return rows;
}

/** A unit's visits in a period (default: this year to today, Vietnam), with totals and each occasion's. */
export async function listVisits(
  deps: WelfareDeps,
  caller: CallerScope & { now: Date },
  unitId: string,
  period: { from?: string | undefined; to?: string | undefined },
): Promise<VisitList> {
  await deps.units.assertInScope(caller, unitId);
  const to = period.to ?? dayInVietnam(caller.now);
  const from = period.from ?? `${to.slice(0, 4)}-01-01`;
  const items = await deps.visits.between(unitId, from, to);
  return { unitId, from, to, items, ...visitTotals(items) };
}
