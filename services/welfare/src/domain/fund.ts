import type { Fund, FundMovement, LedgerPostingRequestData, RecordMovementInput } from '@congdoan/contracts';
import { beneficiaryRequired, memberYearCapReached, movementDateInFuture, overCapPerOccasion } from './errors.ts';
import { capsFor, FUND_KIND_POLICIES } from './policy.ts';

/** Cash (111) and bank (112) in finance's chart. */
const MONEY_ACCOUNT = { cash: '111', bank: '112' } as const;
/** 6112 Chi chăm lo, hỗ trợ đoàn viên: the budget's welfare spending, which an allocation to a fund is. */
const BUDGET_WELFARE_ACCOUNT = '6112';

/** 1388 Phải thu khác: the savings fund's loans to members, until repaid. */
const LOANS_ACCOUNT = '1388';

/** Whether a movement takes money out of the fund (and so is conditioned on its balance): a disbursement, a loan. */
export const isOutflow = (type: FundMovement['type']) => type === 'disbursement' || type === 'loan';

/** The movement's effect on the fund's balance: positive in, negative out. */
export const signedAmount = (m: Pick<FundMovement, 'type' | 'amount'>) => (isOutflow(m.type) ? -m.amount : m.amount);

/** Money is recorded once it has moved: a movement's date is not after today (finance refuses one that is). */
export function checkMovementDate(date: string, today: string): void {
  if (date > today) throw movementDateInFuture(date, today);
}

/** A member's yearly cap a disbursement must stay within, checked by the write's condition on the member's yearly total. */
export interface YearCap {
  cap: number;
  /** The calendar year of the disbursement's date. */
  year: string;
}

/**
 * The rules a movement must pass before anything is written (the balance and the member's
 * yearly total are checked by the write's conditions, under concurrency): a disbursement for a
 * support-case type stays within the fund's cap per occasion on its date, and one whose type
 * has a cap per member per year names the member. Returns that yearly cap, if any.
 */
export function checkMovement(fund: Pick<Fund, 'caps'>, input: RecordMovementInput, date: string): YearCap | null {
  if (input.type !== 'disbursement' || !input.caseType) return null;
  const { perOccasion, perMemberYear } = capsFor(fund.caps, input.caseType, date);
  if (perOccasion.amount !== null && input.amount > perOccasion.amount) {
    throw overCapPerOccasion(input.caseType, perOccasion.amount, input.amount, perOccasion.source);
  }
  if (perMemberYear.amount === null) return null;
  const year = date.slice(0, 4);
  if (!input.beneficiaryId) throw beneficiaryRequired(input.caseType, perMemberYear.amount);
  if (input.amount > perMemberYear.amount)
    throw memberYearCapReached(input.caseType, year, perMemberYear.amount, input.amount);
  return { cap: perMemberYear.amount, year };
}

/**
 * The ledger posting a movement asks of finance (docs/finance-ledger.md, "Fund accounts"):
 * a receipt Nợ 111/112 Có 353x with a phiếu thu; an allocation from the budget Nợ 6112 Có 353x;
 * a disbursement Nợ 353x Có 111/112 with a phiếu chi; a savings fund's deposit Nợ 111/112 Có 3535
 * (phiếu thu), loan Nợ 1388 Có 111/112 (phiếu chi) and repayment Nợ 111/112 Có 1388 (phiếu thu).
 */
export function postingRequestOf(fund: Pick<Fund, 'kind' | 'name'>, m: FundMovement): LedgerPostingRequestData {
  const account = FUND_KIND_POLICIES[fund.kind].account;
  const memo = `${fund.name}: ${m.memo}`.slice(0, 500);
  const line = (acc: string, side: 'debit' | 'credit') => ({
    account: acc,
    debit: side === 'debit' ? m.amount : 0,
    credit: side === 'credit' ? m.amount : 0,
  });
  const base = {
    requestId: m.posting.requestId,
    unitId: m.unitId,
    date: m.date,
    memo,
    source: { kind: `fund-${m.type}`, id: m.id },
  };
  switch (m.type) {
    case 'receipt':
    case 'deposit':
      return {
        ...base,
        voucher: 'receipt',
        lines: [line(MONEY_ACCOUNT[m.method ?? 'cash'], 'debit'), line(account, 'credit')],
      };
    case 'allocation':
      return { ...base, lines: [line(BUDGET_WELFARE_ACCOUNT, 'debit'), line(account, 'credit')] };
    case 'disbursement':
      return {
        ...base,
        voucher: 'payment',
        lines: [line(account, 'debit'), line(MONEY_ACCOUNT[m.method ?? 'cash'], 'credit')],
      };
    case 'loan':
      return {
        ...base,
        voucher: 'payment',
        lines: [line(LOANS_ACCOUNT, 'debit'), line(MONEY_ACCOUNT[m.method ?? 'cash'], 'credit')],
      };
    case 'repayment':
      return {
        ...base,
        voucher: 'receipt',
        lines: [line(MONEY_ACCOUNT[m.method ?? 'cash'], 'debit'), line(LOANS_ACCOUNT, 'credit')],
      };
  }
}

/**
 * A movement's posting request id names its item, so finance's answer finds it with one
 * write: `<fundId>_<at>_<movementId>` (ids and ISO instants hold no `_`; at most 100 characters).
 */
export const movementRequestId = (fundId: string, at: string, id: string) => `${fundId}_${at}_${id}`;
export function requestIdParts(requestId: string) {
  const parts = requestId.split('_');
  if (parts.length !== 3 || parts.some((p) => p === '')) return undefined;
  const [fundId, at, id] = parts as [string, string, string];
  return { fundId, at, id };
}
