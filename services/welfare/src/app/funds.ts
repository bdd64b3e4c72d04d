import {
  type CreateFundInput,
  dayInVietnam,
  type Fund,
  type FundMovement,
  type RecordMovementInput,
  WelfareLedgerPostingRequested,
} from '@congdoan/contracts';
import { event } from '@congdoan/ddb';
import { memberNotActive, memberOutsideFund, notASavingsFund } from '../domain/errors.ts';
import { checkMovement, checkMovementDate, movementRequestId, postingRequestOf } from '../domain/fund.ts';
import { FUND_KIND_POLICIES } from '../domain/policy.ts';
import type { Caller, CallerScope, PostingAnswer, WelfareDeps } from './ports.ts';

const FUND = { vi: 'quỹ', en: 'fund' };

/** A new fund of a unit in the caller's subtree, empty. */
export async function createFund(deps: WelfareDeps, caller: Caller, unitId: string, input: CreateFundInput) {
  await deps.units.assertInScope(caller, unitId);
  const fund: Fund = {
    id: caller.write.newId(),
    unitId,
    kind: input.kind,
    name: input.name,
    account: FUND_KIND_POLICIES[input.kind].account,
    balance: 0,
    received: 0,
    allocated: 0,
    disbursed: 0,
    deposited: 0,
    lent: 0,
    repaid: 0,
    movementCount: 0,
    caps: input.caps ?? {},
    createdAt: caller.write.now().toISOString(),
    version: 1,
  };
  await deps.funds.create(fund, caller.write);
  return fund;
}

/** A fund the caller may see: missing or outside their subtree, the same 404. */
export async function getFund(deps: WelfareDeps, caller: CallerScope, fundId: string): Promise<Fund> {
  return deps.units.visible(caller, await deps.funds.get(fundId), (f) => f.unitId, FUND, fundId);
}

export async function listFunds(deps: WelfareDeps, caller: CallerScope, unitId: string) {
  await deps.units.assertInScope(caller, unitId);
  return { items: await deps.funds.listOfUnit(unitId) };
}

export async function listMovements(
  deps: WelfareDeps,
  caller: CallerScope,
  fundId: string,
  page: { limit: number; cursor?: string },
) {
  await getFund(deps, caller, fundId);
  return deps.funds.movements(fundId, page);
}

/**
 * Records money into or out of a fund: the rules first (a disbursement's cap per occasion),
 * then one transaction holding the balance's change (an outflow conditioned on the balance
 * covering it), the movement and its `WelfareLedgerPostingRequested` in the outbox. The
 * movement's posting is `pending` until finance answers (`recordPostingAnswer`).
 */
export async function recordMovement(
  deps: WelfareDeps,
  caller: Caller,
  fundId: string,
  input: RecordMovementInput,
): Promise<FundMovement> {
  const fund = await getFund(deps, caller, fundId);
  const today = dayInVietnam(caller.write.now());
  const date = input.date ?? today;
  checkMovementDate(date, today);
  const yearCap = checkMovement(fund, input, date);
  const beneficiaryId = input.type === 'disbursement' ? (input.beneficiaryId ?? null) : null;
  // The member paid must be one the caller may see.
  if (beneficiaryId) await deps.members.get(caller, beneficiaryId);
  const memberId = input.type === 'deposit' ? input.memberId : null;
  if (memberId) await savingsMember(deps, caller, fund, memberId);
  const movement = newMovement(caller, fund, {
    type: input.type,
    method: input.type === 'allocation' ? null : input.method,
    amount: input.amount,
    date,
    memo: input.memo,
    caseType: input.type === 'disbursement' ? (input.caseType ?? null) : null,
    beneficiaryId,
    memberId,
    loanId: null,
  });
  await deps.funds.record(
    fund,
    movement,
    [event(WelfareLedgerPostingRequested, postingRequestOf(fund, movement))],
    caller.write,
    yearCap,
  );
  return movement;
}

/** What a new movement says; its id, instant and pending posting request are `newMovement`'s. */
export type MovementFields = Omit<FundMovement, 'id' | 'fundId' | 'unitId' | 'posting' | 'at'>;

/** A movement of the fund, its posting `pending` under a request id naming it. */
export function newMovement(caller: Caller, fund: Fund, fields: MovementFields): FundMovement {
  const id = caller.write.newId();
  const at = caller.write.now().toISOString();
  return {
    id,
    fundId: fund.id,
    unitId: fund.unitId,
    ...fields,
    posting: {
      status: 'pending',
      requestId: movementRequestId(fund.id, at, id),
      postingId: null,
      voucherNumber: null,
      reason: null,
    },
    at,
  };
}

/**
 * A member who may deposit into or borrow from a women's savings fund: the fund is one, and
 * the member (whom the caller may see) is active in the fund's unit or a unit below it.
 */
export async function savingsMember(deps: WelfareDeps, caller: CallerScope, fund: Fund, memberId: string) {
  if (fund.kind !== 'womens-savings') throw notASavingsFund(fund.id);
  const member = await deps.members.get(caller, memberId);
  if (!(await deps.units.isWithin(fund.unitId, member.unitId))) throw memberOutsideFund();
  if (member.status !== 'active') throw memberNotActive();
  return member;
}

/** Finance's answer (`LedgerPosted` or `LedgerPostingRejected`) on the movement it answers, once. */
export function recordPostingAnswer(
  deps: WelfareDeps,
  requestId: string,
  answer: PostingAnswer,
  eventId: string,
  ctx: Caller['write'],
) {
  return deps.funds.recordAnswer(requestId, answer, eventId, ctx);
}
