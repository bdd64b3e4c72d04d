import { type Dashboard, dayInVietnam, lastDayOf, type Month } from '@congdoan/contracts';
import type { DuesMonthFigures, LevyMonthFigures } from '../../domain/reconciliation/sources.ts';
import { budgetUse, duesSummary, levySummary } from '../../domain/reports/dashboard.ts';
import {
  BANK_ACCOUNT,
  balancesAtEndOf,
  CASH_ACCOUNT,
  LAST_PERIOD,
  subtractTurnover,
  turnoverOfYear,
} from '../../domain/reports/disclosure.ts';
import type { ReportCaller, ReportDeps } from './ports.ts';
import { assertCanRead, earlierDay, profileOf, reportUnit } from './scope.ts';

/**
 * A unit's month at a glance: for a CĐCS, dues expected, collected and
 * outstanding, the upper share due and remitted, and the levy due, paid,
 * outstanding and its penalty, for the month and the year to date; for every
 * unit, cash and bank at the end of the month (today's balances less every
 * movement after the month), the year's budget use from January to the month,
 * whether the books are closed, and the latest reconciliation report.
 *
 * Cost, whatever the number of members, postings or months: the balances, the
 * movements from January of the year on and the reconciliation summaries (one Query each), the
 * budget, the books and the closing record (one GetItem each), and for a CĐCS
 * the roster, the dues months and the levy months (one Query each) and the
 * profile: about ten calls, all at once.
 */
export async function dashboard(
  deps: ReportDeps,
  caller: ReportCaller,
  unitId: string,
  month: Month,
  now: Date,
): Promise<Dashboard> {
  await assertCanRead(deps.directory, caller, unitId, { members: false });
  const profile = await profileOf(deps.profiles, unitId);
  const today = dayInVietnam(now);
  const monthEnd = lastDayOf(month);
  const asOf = earlierDay(today, monthEnd);
  const year = Number(month.slice(0, 4));
  const first = `${year}-01` as Month;
  const grassroots = profile.level === 'grassroots';

  const [balances, movements, budget, books, reports, closing, dues, levy] = await Promise.all([
    deps.ledger.balances(unitId),
    // From January on, to the last period there is: the year's turnover and what moved after the month.
    deps.ledger.movements(unitId, first, LAST_PERIOD as Month),
    deps.budgets.get(unitId, year),
    deps.ledger.booksState(unitId),
    deps.reconciliation.listReports(unitId, year),
    deps.closings.get(unitId),
    grassroots ? deps.duesMonths(unitId, first, month) : Promise.resolve(null),
    grassroots ? deps.levyMonths(unitId, first, month, asOf) : Promise.resolve(null),
  ]);

  // The money at the end of the month: the balances rolled back over the movements after it.
  const current = Object.fromEntries(balances.map((b) => [b.account, b.balance]));
  const endOfMonth = balancesAtEndOf(current, movements, month);
  const cash = endOfMonth[CASH_ACCOUNT] ?? 0;
  const bank = endOfMonth[BANK_ACCOUNT] ?? 0;

  let turnover = turnoverOfYear(
    movements.filter((m) => m.period <= month),
    year,
  );
  const closingPosting = closing?.postings.unit;
  if (closingPosting?.date.startsWith(`${year}-`) && closingPosting.date <= monthEnd) {
    turnover = subtractTurnover(
      turnover,
      closingPosting.lines.filter((l) => /^[56]/.test(l.account)),
    );
  }
  const use = budgetUse(budget ? budget.amounts : null, turnover);

  const latest = reports
    .filter((r) => r.month <= month)
    .sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0))[0];

  const last = <T>(xs: readonly T[]) => xs.slice(-1);
  return {
    unit: reportUnit(profile),
    month,
    asOf,
    generatedAt: now.toISOString(),
    dues: dues ? { month: duesSummary(last<DuesMonthFigures>(dues)), yearToDate: duesSummary(dues) } : null,
    levy: levy ? { month: levySummary(last<LevyMonthFigures>(levy)), yearToDate: levySummary(levy) } : null,
    balances: { cash, bank, total: cash + bank },
    budget: { year, exists: budget !== undefined, lines: use.lines, income: use.income, spending: use.spending },
    books: { closed: books.closed, closedAt: books.closedAt },
    reconciliation: latest
      ? {
          month: latest.month,
          status: latest.counts.discrepancies > 0 ? 'discrepancies' : 'clean',
          discrepancies: latest.counts.discrepancies,
          byKind: latest.counts.byKind as Record<string, number>,
          generatedAt: latest.generatedAt,
        }
      : null,
  };
}
