import { type Disclosure, dayInVietnam, lastDayOf, type Month } from '@congdoan/contracts';
import {
  disclosureFigures,
  LAST_PERIOD,
  moneyBalancesOfYear,
  moneyReconciliation,
  positionsOfYear,
  subtractTurnover,
  turnoverOfYear,
} from '../../domain/reports/disclosure.ts';
import type { ReportCaller, ReportDeps } from './ports.ts';
import { assertCanRead, earlierDay, profileOf, reportUnit } from './scope.ts';

export const DISCLOSURE_METHOD = {
  vi: 'Số thực hiện lấy từ sổ cái: thu = phát sinh Có trừ phát sinh Nợ, chi = phát sinh Nợ trừ phát sinh Có của tài khoản của từng mục trong các tháng của năm; bút toán kết chuyển khi khóa sổ không tính. Chênh lệch = thực hiện − dự toán. Tỷ lệ = thực hiện / dự toán, làm tròn đến 0,01% (một nửa làm tròn lên). Số dư tiền, công nợ và quỹ đầu năm và cuối năm tính ngược từ số dư hiện tại và phát sinh từ đầu năm. Tiền cuối năm = tiền đầu năm + chênh lệch thu chi + tăng phải trả, phải nộp − tăng phải thu + tăng quỹ (trừ kết chuyển khi khóa sổ). Đơn vị: đồng.',
  en: 'Actuals come from the ledger: income = credits − debits, spending = debits − credits of each category’s account over the year’s periods; the books-closing transfer is excluded. Variance = actual − budget. Share = actual / budget to 0.01% (basis points, a half rounding up). Opening and closing cash, bank, payables, receivables and fund balance are rolled back from today’s balances with the movements since 1 January. Money at the end = money at the start + surplus + the rise in payables − the rise in receivables + the rise in the fund balance (the books-closing transfer taken out). Amounts in đồng.',
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
    deps.ledger.movements(unitId, `${year}-01` as Month, LAST_PERIOD as Month),
    deps.budgets.get(unitId, year),
    deps.closings.get(unitId),
  ]);

  let turnover = turnoverOfYear(movements, year);
  // The closing posting's lines on income and spending accounts are the transfer into 421, not income or spending.
  const closingPosting = closing?.postings.unit;
  let closingTransfer = 0;
  if (closingPosting?.date.startsWith(`${year}-`)) {
    const results = closingPosting.lines.filter((l) => /^[56]/.test(l.account));
    turnover = subtractTurnover(turnover, results);
    closingTransfer = results.reduce((s, l) => s + l.debit - l.credit, 0);
  }
  const current = Object.fromEntries(balances.map((b) => [b.account, b.balance]));
  const money = moneyBalancesOfYear(current, movements, year);
  const positions = positionsOfYear(current, movements, year);
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
    position: positions,
    moneyReconciliation: moneyReconciliation({ money, surplus: figures.surplus.actual, positions, closingTransfer }),
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
