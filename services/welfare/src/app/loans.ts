import {
  type CreateLoanInput,
  DomainError,
  dayInVietnam,
  type Fund,
  type Loan,
  type RepaymentInput,
  SavingsLoanOverdue,
  WelfareLedgerPostingRequested,
} from '@congdoan/contracts';
import { event, type WriteContext } from '@congdoan/ddb';
import { loanOverpayment } from '../domain/errors.ts';
import { checkMovementDate, postingRequestOf } from '../domain/fund.ts';
import { applyRepayment, isOverdue, nextDueOf, scheduleOf } from '../domain/loan.ts';
import { getFund, newMovement, savingsMember } from './funds.ts';
import type { Caller, CallerScope, WelfareDeps } from './ports.ts';

const LOAN = { vi: 'khoản vay', en: 'loan' };
/** A repayment racing another on the same loan re-reads it and tries again, this many times. */
const REPAY_ATTEMPTS = 5;

const MEMO = { loan: 'Cho vay từ quỹ tiết kiệm phụ nữ', repayment: 'Trả nợ vay quỹ tiết kiệm phụ nữ' };

/** A loan's or repayment's movement of the fund, naming its member and loan. */
function loanMovement(
  caller: Caller,
  fund: Fund,
  type: 'loan' | 'repayment',
  input: Pick<RepaymentInput, 'method' | 'amount' | 'memo'>,
  date: string,
  memberId: string,
  loanId: string | null,
) {
  const { method, amount } = input;
  const memo = input.memo ?? MEMO[type];
  return newMovement(caller, fund, {
    type,
    method,
    amount,
    date,
    memo,
    caseType: null,
    beneficiaryId: null,
    memberId,
    loanId,
  });
}

export const asOf = (loan: Loan, today: string): Loan => ({ ...loan, overdue: isOverdue(loan, today) });

/**
 * Lends from a women's savings fund to an active member of its unit's subtree, interest-free,
 * on a schedule of monthly instalments: one transaction holds the loan's movement (an outflow
 * conditioned on the balance: 409 `fund-balance-insufficient`), its posting request (Nợ 1388,
 * Có 111/112), the loan and the member's open-loan marker (409 `loan-already-open`).
 */
export async function lend(deps: WelfareDeps, caller: Caller, fundId: string, input: CreateLoanInput): Promise<Loan> {
  const fund = await getFund(deps, caller, fundId);
  await savingsMember(deps, caller, fund, input.memberId);
  const today = dayInVietnam(caller.write.now());
  const date = input.date ?? today;
  checkMovementDate(date, today);
  const movement = loanMovement(caller, fund, 'loan', input, date, input.memberId, null);
  const schedule = scheduleOf(input.amount, input.instalments, date);
  const loan: Loan = {
    id: caller.write.newId(),
    fundId: fund.id,
    unitId: fund.unitId,
    memberId: input.memberId,
    amount: input.amount,
    schedule,
    repaid: 0,
    outstanding: input.amount,
    status: 'open',
    nextDue: nextDueOf(schedule, 0),
    overdue: false,
    flaggedThrough: 0,
    date,
    movementId: movement.id,
    createdAt: movement.at,
    closedAt: null,
    version: 1,
  };
  movement.loanId = loan.id;
  await deps.loans.lend(fund, movement, loan, [postingOf(fund, movement)], caller.write);
  return asOf(loan, today);
}

const postingOf = (fund: Fund, movement: Parameters<typeof postingRequestOf>[1]) =>
  event(WelfareLedgerPostingRequested, postingRequestOf(fund, movement));

/** A loan the caller may see (its fund's unit in their subtree), with whether it is overdue today. */
export async function getLoan(deps: WelfareDeps, caller: CallerScope & { now: Date }, loanId: string): Promise<Loan> {
  const loan = await deps.units.visible(caller, await deps.loans.get(loanId), (l) => l.unitId, LOAN, loanId);
  return asOf(loan, dayInVietnam(caller.now));
}

/**
 * A repayment into the fund (Nợ 111/112, Có 1388), applied to the schedule's instalments in
 * order; the loan closes when repaid. More than is outstanding is refused (422
 * `loan-overpayment`). The loan is replaced on condition it is as read: a concurrent
 * repayment makes this one re-read it and try again, so two cannot both count against it.
 */
export async function repay(deps: WelfareDeps, caller: Caller, loanId: string, input: RepaymentInput) {
  const today = dayInVietnam(caller.write.now());
  const date = input.date ?? today;
  checkMovementDate(date, today);
  for (let attempt = 1; ; attempt++) {
    const before = await getLoan(deps, { ...caller, now: caller.write.now() }, loanId);
    if (input.amount > before.outstanding) throw loanOverpayment(loanId, before.outstanding, input.amount);
    const fund = await getFund(deps, caller, before.fundId);
    const movement = loanMovement(caller, fund, 'repayment', input, date, before.memberId, before.id);
    const after = applyRepayment(before, input.amount, movement.at);
    try {
      await deps.loans.repay(fund, movement, before, after, [postingOf(fund, movement)], caller.write);
      return { movement, loan: asOf(after, today) };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'loan-busy') || attempt >= REPAY_ATTEMPTS) throw error;
    }
  }
}

/** A fund read by a caller, with its open loans' outstanding and overdue as of today when it is a savings fund. */
export async function fundWithLoans(deps: WelfareDeps, caller: CallerScope & { now: Date }, fundId: string) {
  const fund = await getFund(deps, caller, fundId);
  if (fund.kind !== 'womens-savings') return fund;
  const today = dayInVietnam(caller.now);
  const open = await deps.loans.openOfFund(fund.id);
  const overdue = open.filter((l) => isOverdue(l, today));
  const sum = (ls: Loan[]) => ls.reduce((s, l) => s + l.outstanding, 0);
  return {
    ...fund,
    loans: { open: open.length, outstanding: sum(open), overdue: overdue.length, overdueOutstanding: sum(overdue) },
  };
}

/**
 * The daily schedule: each open loan whose next instalment fell due before today and is not
 * yet flagged is flagged for that instalment, once. The loans come from one Query of the due
 * index (a loan leaves it when flagged, and returns with its next instalment after a
 * repayment); each flag, with its `SavingsLoanOverdue`, is conditioned on the loan as read,
 * so racing runs flag it once.
 */
export async function flagOverdueLoans(deps: WelfareDeps, ctx: WriteContext) {
  const today = dayInVietnam(ctx.now());
  let flagged = 0;
  let skipped = 0;
  for (const before of await deps.loans.unflaggedDueBefore(today)) {
    if (!before.nextDue || before.nextDue.number <= before.flaggedThrough) {
      skipped++;
      continue;
    }
    const { number, due, remaining } = before.nextDue;
    const after: Loan = { ...before, flaggedThrough: number, overdue: true, version: before.version + 1 };
    const overdue = event(SavingsLoanOverdue, {
      loanId: before.id,
      fundId: before.fundId,
      unitId: before.unitId,
      instalment: number,
      due,
      remaining,
    });
    if (await deps.loans.flag(before, after, [overdue], ctx)) flagged++;
    else skipped++;
  }
  return { flagged, skipped };
}
