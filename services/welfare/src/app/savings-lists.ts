import { dayInVietnam } from '@congdoan/contracts';
import { getFund } from './funds.ts';
import { asOf } from './loans.ts';
import type { CallerScope, WelfareDeps } from './ports.ts';

/** A fund's loans of a status (default open), each with whether it is overdue today. */
export async function listFundLoans(
  deps: WelfareDeps,
  caller: CallerScope & { now: Date },
  fundId: string,
  status: 'open' | 'closed' | 'all',
) {
  const fund = await getFund(deps, caller, fundId);
  const today = dayInVietnam(caller.now);
  const loans = await deps.savings.loansOfFund(fund.id, status);
  return { items: loans.map((l) => asOf(l, today)) };
}

/** The members' deposited totals in a fund (or one member's), kept in each deposit's transaction. */
export async function listFundDeposits(deps: WelfareDeps, caller: CallerScope, fundId: string, memberId?: string) {
  const fund = await getFund(deps, caller, fundId);
  const items = await deps.savings.deposits(fund.id, memberId);
  return { items, total: items.reduce((s, d) => s + d.deposited, 0) };
}
