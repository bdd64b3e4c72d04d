import {
  type CreateFundInput,
  dayInVietnam,
  type Fund,
  type FundMovement,
  type RecordMovementInput,
  WelfareLedgerPostingRequested,
} from '@congdoan/contracts';
import { event } from '@congdoan/ddb';
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
  const id = caller.write.newId();
  const at = caller.write.now().toISOString();
  const movement: FundMovement = {
    id,
    fundId: fund.id,
    unitId: fund.unitId,
    type: input.type,
    method: input.type === 'allocation' ? null : input.method,
    amount: input.amount,
    date,
    memo: input.memo,
    caseType: input.type === 'disbursement' ? (input.caseType ?? null) : null,
    beneficiaryId,
    posting: {
      status: 'pending',
      requestId: movementRequestId(fund.id, at, id),
      postingId: null,
      voucherNumber: null,
      reason: null,
    },
    at,
  };
  await deps.funds.record(
    fund,
    movement,
    [event(WelfareLedgerPostingRequested, postingRequestOf(fund, movement))],
    caller.write,
    yearCap,
  );
  return movement;
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
