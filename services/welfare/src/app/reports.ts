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
import { visitTotals } from '../domain/care.ts';
import { CARE_REPORT_RULES, caseFigures, periodInstants, processing } from '../domain/care-report.ts';
import { isOverdue } from '../domain/loan.ts';
import { addFigures, emptyFigures, fundFigures, REPORT_RULES } from '../domain/report.ts';
import { reportWorkbook } from '../files/report-xlsx.ts';
import type { CallerScope, WelfareDeps } from './ports.ts';

/** How many units' funds, or funds' days, are read at once. */
const AT_ONCE = 8;
const UNIT = { vi: 'đơn vị', en: 'unit' };

/** What the report reads. */
type ReportDeps = Pick<WelfareDeps, 'units' | 'funds' | 'loans' | 'cases' | 'visits' | 'bloodDrives'>;

/**
 * The welfare report of a unit's subtree for a period (docs/welfare.md, Reports): every fund of
 * every active unit of the subtree with its opening and closing balances and what moved in the
 * period by kind, the same by kind of fund and in total, and the women's savings funds' loans as
 * they stand today; the support cases opened in the period by type and status, the processing
 * time of those paid in it, the visits and gifts and the blood drives of the period. Reads grow
 * with the units, their funds and the days with movements, never with the movements: one Query
 * of each unit's funds, one of each fund's days, and for each savings fund one of its open
 * loans; for each unit one Query per case status (the cases opened in the period), one of its
 * paid cases, one of its visits and one of its blood drives of the period.
 */
export async function welfareReport(
  deps: ReportDeps,
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

  const { start, end } = periodInstants(period.from, period.to);
  const care = await pMap(
    units,
    async (u) => ({
      opened: await deps.cases.openedBetween(u.id, start, end),
      paid: await deps.cases.paidBetween(u.id, period.from, period.to),
      visits: await deps.visits.between(u.id, period.from, period.to),
      bloodDrives: await deps.bloodDrives.heldBetween(u.id, period.from, period.to),
    }),
    { concurrency: AT_ONCE },
  );
  const visits = visitTotals(care.flatMap((c) => c.visits));
  const bloodDrives = care.flatMap((c) => c.bloodDrives);

  return {
    ...reportHead(units, unitId, period, now),
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
    cases: caseFigures(care.flatMap((c) => c.opened)),
    processing: processing(care.flatMap((c) => c.paid)),
    visits: { ...visits.totals, byOccasion: visits.byOccasion },
    bloodDrives: {
      drives: bloodDrives.length,
      donors: bloodDrives.reduce((s, d) => s + d.donors, 0),
      units: bloodDrives.reduce((s, d) => s + d.units, 0),
    },
    rules: { ...REPORT_RULES, ...CARE_REPORT_RULES },
  };
}

/** The head of a report or list: the subtree's root unit, the period, when it was made. */
export function reportHead(
  units: readonly { code: string; name: string }[],
  unitId: string,
  period: WelfareReportQuery,
  now: Date,
) {
  const root = units[0];
  if (!root) throw notFound(UNIT, unitId);
  return {
    unitId,
    unitCode: root.code,
    unitName: root.name,
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
  };
}

/** A workbook as a download: base64 in JSON like every download (http-kit answers JSON only). */
export const xlsxDownload = (filename: string, bytes: Buffer): FileDownload => ({
  filename,
  contentType: XLSX_CONTENT_TYPE,
  size: bytes.length,
  base64: bytes.toString('base64'),
});

/** The figures of a row (without its names). */
function figuresOf(f: FundFigures): FundFigures {
  const { opening, received, allocated, deposited, repaid, disbursed, lent, closing, movements } = f;
  return { opening, received, allocated, deposited, repaid, disbursed, lent, closing, movements };
}

/** The same report as an .xlsx, base64 in JSON like every download (http-kit answers JSON only). */
export async function welfareReportExport(
  deps: ReportDeps,
  caller: CallerScope,
  unitId: string,
  period: WelfareReportQuery,
  now: Date,
): Promise<FileDownload> {
  const report = await welfareReport(deps, caller, unitId, period, now);
  return xlsxDownload(`bao-cao-quy-${report.unitCode}-${period.from}-${period.to}.xlsx`, await reportWorkbook(report));
}
