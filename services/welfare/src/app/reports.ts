import {
  dayInVietnam,
  type FileDownload,
  type FundFigures,
  type Loan,
  notFound,
  type WelfareReport,
  type WelfareReportQuery,
  XLSX_CONTENT_TYPE,
} from '@congdoan/contracts';
import pMap from 'p-map';
import { isOverdue } from '../domain/loan.ts';
import { addFigures, emptyFigures, fundFigures, REPORT_RULES } from '../domain/report.ts';
import { reportWorkbook } from '../files/report-xlsx.ts';
import type { CallerScope, WelfareDeps } from './ports.ts';

/** How many units' funds, or funds' days, are read at once. */
const AT_ONCE = 8;
const UNIT = { vi: 'đơn vị', en: 'unit' };

/**
 * The welfare report of a unit's subtree for a period (docs/welfare.md, Reports): every fund of
 * every active unit of the subtree with its opening and closing balances and what moved in the
 * period by kind, the same by kind of fund and in total, and the women's savings funds' loans as
 * they stand today. Reads grow with the units, their funds and the days with movements, never
 * with the movements: one Query of each unit's funds, one of each fund's days, and for each
 * savings fund one of its open loans.
 */
export async function welfareReport(
  deps: Pick<WelfareDeps, 'units' | 'funds' | 'loans'>,
  caller: CallerScope,
  unitId: string,
  period: WelfareReportQuery,
  now: Date,
): Promise<WelfareReport> {
  await deps.units.assertInScope(caller, unitId);
  const units = await deps.units.subtreeOf(unitId);
  const fundsOfUnits = await pMap(units, async (u) => ({ unit: u, funds: await deps.funds.listOfUnit(u.id) }), {
    concurrency: AT_ONCE,
  });
  const funds = fundsOfUnits.flatMap(({ unit, funds }) => funds.map((fund) => ({ unit, fund })));
  const rows = await pMap(
    funds,
    async ({ unit, fund }) => ({
      fundId: fund.id,
      unitId: unit.id,
      unitCode: unit.code,
      unitName: unit.name,
      kind: fund.kind,
      name: fund.name,
      account: fund.account,
      ...fundFigures(fund, await deps.funds.daysFrom(fund.id, period.from), period.from, period.to),
    }),
    { concurrency: AT_ONCE },
  );

  const byKind = new Map<string, WelfareReport['byKind'][number]>();
  const total = emptyFigures();
  for (const row of rows) {
    const figures = figuresOf(row);
    addFigures(total, figures);
    const kind = byKind.get(row.kind) ?? { kind: row.kind, funds: 0, ...emptyFigures() };
    kind.funds++;
    byKind.set(row.kind, { ...kind, ...addFigures(figuresOf(kind), figures) });
  }

  const today = dayInVietnam(now);
  const savings = funds.filter(({ fund }) => fund.kind === 'womens-savings');
  const open = (await pMap(savings, ({ fund }) => deps.loans.openOfFund(fund.id), { concurrency: AT_ONCE })).flat();
  const overdue = open.filter((l) => isOverdue(l, today));
  const outstanding = (ls: Loan[]) => ls.reduce((s, l) => s + l.outstanding, 0);

  const root = units[0];
  if (!root) throw notFound(UNIT, unitId);
  return {
    unitId,
    unitCode: root.code,
    unitName: root.name,
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
    funds: rows,
    byKind: [...byKind.values()],
    total,
    loans: {
      asOf: today,
      open: open.length,
      outstanding: outstanding(open),
      overdue: overdue.length,
      overdueOutstanding: outstanding(overdue),
    },
    rules: REPORT_RULES,
  };
}

/** The figures of a row (without its names). */
function figuresOf(f: FundFigures): FundFigures {
  const { opening, received, allocated, deposited, repaid, disbursed, lent, closing, movements } = f;
  return { opening, received, allocated, deposited, repaid, disbursed, lent, closing, movements };
}

/** The same report as an .xlsx, base64 in JSON like every download (http-kit answers JSON only). */
export async function welfareReportExport(
  deps: Pick<WelfareDeps, 'units' | 'funds' | 'loans'>,
  caller: CallerScope,
  unitId: string,
  period: WelfareReportQuery,
  now: Date,
): Promise<FileDownload> {
  const report = await welfareReport(deps, caller, unitId, period, now);
  const bytes = await reportWorkbook(report);
  return {
    filename: `bao-cao-quy-${report.unitCode}-${period.from}-${period.to}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
    size: bytes.length,
    base64: bytes.toString('base64'),
  };
}
