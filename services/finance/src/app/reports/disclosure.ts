import { type Disclosure, dayInVietnam, lastDayOf, type Month } from '@congdoan/contracts';
import {
  disclosureFigures,
  moneyBalancesOfYear,
  subtractTurnover,
  turnoverOfYear,
} from '../../domain/reports/disclosure.ts';
import type { ReportCaller, ReportDeps } from './ports.ts';
import { assertCanRead, earlierDay, profileOf, reportUnit } from './scope.ts';

/** The last period a roll-back from today's balances must take in: any posting dated later still counts. */
const LAST_PERIOD = '9999-12' as Month;

export const DISCLOSURE_METHOD = {
  vi: 'Số thực hiện lấy từ sổ cái: thu = phát sinh Có trừ phát sinh Nợ, chi = phát sinh Nợ trừ phát sinh Có của tài khoản của từng mục trong các tháng của năm; bút toán kết chuyển khi khóa sổ không tính. Chênh lệch = thực hiện − dự toán. Tỷ lệ = thực hiện / dự toán, làm tròn đến 0,01% (một nửa làm tròn lên). Số dư tiền đầu năm và cuối năm tính ngược từ số dư hiện tại và phát sinh từ đầu năm. Đơn vị: đồng.',
  en: 'Actuals come from the ledger: income = credits − debits, spending = debits − credits of each category’s account over the year’s periods; the books-closing transfer is excluded. Variance = actual − budget. Share = actual / budget to 0.01% (basis points, a half rounding up). Opening and closing cash and bank are rolled back from today’s balances with the movements since 1 January. Amounts in đồng.',
};

/**
 * The annual financial disclosure of a unit (công khai tài chính): the year's
 * income and spending by budget category against the budget, with variance
 * and share, and cash and bank at the start and end of the year.
 *
 * Reads: the scope walk, the profile, the balances (one Query), the movements
 * from January of the year on (one Query), the budget and the closing record
 * (one GetItem each), whatever the number of postings.
 */
export async function disclosure(
  deps: ReportDeps,
  caller: ReportCaller,
  unitId: string,
  year: number,
  now: Date,
): Promise<Disclosure> {
  await assertCanRead(deps.directory, caller, unitId, { members: true });
  const profile = await profileOf(deps.profiles, unitId);
  const [balances, movements, budget, closing] = await Promise.all([
    deps.ledger.balances(unitId),
    deps.ledger.movements(unitId, `${year}-01` as Month, LAST_PERIOD),
    deps.budgets.get(unitId, year),
    deps.closings.get(unitId),
  ]);

  let turnover = turnoverOfYear(movements, year);
  // The closing posting's lines on income and spending accounts are the transfer into 421, not income or spending.
  const closingPosting = closing?.postings.unit;
  if (closingPosting?.date.startsWith(`${year}-`)) {
    const results = closingPosting.lines.filter((l) => /^[56]/.test(l.account));
    turnover = subtractTurnover(turnover, results);
  }
  const current = Object.fromEntries(balances.map((b) => [b.account, b.balance]));
  const money = moneyBalancesOfYear(current, movements, year);
  const figures = disclosureFigures({
    turnover,
    budget: budget ? budget.amounts : null,
    opening: money.opening,
    closing: money.closing,
  });

  const today = dayInVietnam(now);
  const yearEnd = lastDayOf(`${year}-12`);
  return {
    unit: reportUnit(profile),
    year,
    period: { from: `${year}-01-01`, to: yearEnd },
    asOf: earlierDay(today, yearEnd),
    generatedAt: now.toISOString(),
    budget: budget ? { version: budget.version, note: budget.note, updatedAt: budget.updatedAt } : null,
    income: figures.income,
    spending: figures.spending,
    surplus: figures.surplus,
    balances: figures.balances,
    settlement: closing?.date.startsWith(`${year}-`)
      ? {
          date: closing.date,
          upperUnitId: closing.upperUnitId,
          settled: closing.amounts.settled,
          postingId: closing.postings.unit?.id ?? null,
        }
      : null,
    method: DISCLOSURE_METHOD,
  };
}
