import { type LocalizedText, type Month, notFound } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import { assertInScope } from '@congdoan/org-directory';
import { BUDGET_ACCOUNT, BUDGET_CATEGORIES, CHART, isIncomeCategory } from '../../domain/ledger/chart.ts';
import type { Posting, PostingLine, VoucherKind } from '../../domain/ledger/types.ts';
import type { AccountFigures, Caller, LedgerDeps, Page, PageKey, StoredPosting } from './ports.ts';

const UNIT: LocalizedText = { vi: 'đơn vị', en: 'unit' };
const POSTING: LocalizedText = { vi: 'bút toán', en: 'posting' };

/** The chart of accounts and the budget categories; the same for every unit. */
export function chartOfAccounts() {
  return {
    accounts: CHART.map((a) => ({ ...a })),
    budgetCategories: BUDGET_CATEGORIES.map((category) => ({
      category,
      direction: isIncomeCategory(category) ? ('income' as const) : ('spending' as const),
      account: BUDGET_ACCOUNT[category],
    })),
  };
}

/**
 * Every account of the chart with its turnover and balance, and the trial
 * balance: debit balances against credit balances, and debit turnover against
 * credit turnover, equal when the books balance.
 */
export async function getBalances(deps: LedgerDeps, caller: Caller, unitId: string) {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  const [figures, books] = await Promise.all([deps.ledger.balances(unitId), deps.ledger.booksState(unitId)]);
  const byAccount = new Map<string, AccountFigures>(figures.map((f) => [f.account, f]));
  const accounts = CHART.map((a) => {
    const f = byAccount.get(a.code);
    return { ...a, debit: f?.debit ?? 0, credit: f?.credit ?? 0, balance: f?.balance ?? 0 };
  });
  let debit = 0;
  let credit = 0;
  let turnoverDebit = 0;
  let turnoverCredit = 0;
  for (const a of accounts) {
    if (a.balance > 0) debit += a.balance;
    else credit -= a.balance;
    turnoverDebit += a.debit;
    turnoverCredit += a.credit;
  }
  return {
    unitId,
    accounts,
    trialBalance: {
      debit,
      credit,
      turnoverDebit,
      turnoverCredit,
      balanced: debit === credit && turnoverDebit === turnoverCredit,
    },
    books,
  };
}

export interface PostingListQuery {
  period?: string;
  from?: string;
  to?: string;
  order: 'asc' | 'desc';
  limit: number;
  startKey?: PageKey;
}

export async function listPostings(
  deps: LedgerDeps,
  caller: Caller,
  unitId: string,
  q: PostingListQuery,
): Promise<Page<Posting>> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  return deps.ledger.listPostings(unitId, { ...q, period: q.period as Month | undefined });
}

export async function getPosting(
  deps: LedgerDeps,
  caller: Caller,
  unitId: string,
  postingId: string,
): Promise<StoredPosting> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  const posting = await deps.ledger.get(unitId, postingId);
  if (!posting) throw notFound(POSTING, postingId);
  return posting;
}

export interface ManualPosting {
  date: string;
  memo: string;
  voucher?: VoucherKind;
  lines: PostingLine[];
}

/**
 * A posting made by hand by an accountant: spending paid with a payment
 * voucher, other income with a receipt, a transfer between cash and bank. It
 * obeys the same rules as every posting; its id is new, so a retried request
 * is made safe by the route's Idempotency-Key.
 */
export async function createManualPosting(
  deps: LedgerDeps,
  caller: Caller & { write: WriteContext },
  unitId: string,
  body: ManualPosting,
): Promise<Posting> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  const id = caller.write.newId();
  return deps.ledger.post(
    {
      id,
      unitId,
      date: body.date,
      memo: body.memo,
      lines: body.lines,
      ...(body.voucher ? { voucher: body.voucher } : {}),
      source: { service: 'finance', kind: 'manual', id },
    },
    caller.write,
  );
}

export async function reversePosting(
  deps: LedgerDeps,
  caller: Caller & { write: WriteContext },
  unitId: string,
  postingId: string,
  body: { date: string; memo?: string },
): Promise<Posting> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  return deps.ledger.reverse(unitId, postingId, body, caller.write);
}

export async function listVouchers(
  deps: LedgerDeps,
  caller: Caller,
  unitId: string,
  q: { year: number; kind: VoucherKind; limit: number; startKey?: PageKey },
) {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  return deps.ledger.vouchers(unitId, q.year, q.kind, { limit: q.limit, startKey: q.startKey });
}
