/**
 * A unit subtree's emulation statistics as the .xlsx a unit files upward (báo cáo thống kê thi
 * đua, khen thưởng): the unit and period, the headline figures (money in đồng with thousands
 * separators), the awards by level, form, subject and title, the initiatives by scope, the units
 * directly below, and a second sheet stating how each figure is counted.
 */
import type { UnitStatistics } from '@congdoan/contracts';
import type ExcelJS from 'exceljs';

type Worksheet = ExcelJS.Worksheet;
type Cell = string | number;

let excel: Promise<typeof ExcelJS> | undefined;

/** exceljs, loaded on first use: only the export pays for it. */
const loadExcel = (): Promise<typeof ExcelJS> => {
  excel ??= import('exceljs').then((module) => module.default);
  return excel;
};

const MONEY_FORMAT = '#,##0';
const HEADER_FILL = 'FFDDEBF7';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

interface Table {
  title: string;
  headings: string[];
  rows: Cell[][];
}

/** The tables of the report, in Vietnamese: each a title, headings and rows. */
export function statisticsTables(s: UnitStatistics): Table[] {
  const breakdown = (title: string, heading: string, rows: { label: { vi: string }; count: number }[]): Table => ({
    title,
    headings: [heading, 'Số lượng'],
    rows: rows.map((r) => [r.label.vi, r.count]),
  });
  return [
    {
      title: 'I. SỐ LIỆU BÁO CÁO',
      headings: ['Chỉ tiêu', 'Số liệu'],
      rows: s.figures.map((f) => [f.unit === 'dong' ? `${f.label.vi} (đồng)` : f.label.vi, f.value]),
    },
    breakdown('II. KHEN THƯỞNG THEO CẤP', 'Cấp khen thưởng', s.awards.byLevel.rows),
    breakdown('III. KHEN THƯỞNG THEO HÌNH THỨC', 'Hình thức', s.awards.byKind.rows),
    breakdown('IV. KHEN THƯỞNG THEO ĐỐI TƯỢNG', 'Đối tượng', s.awards.bySubject.rows),
    {
      title: 'V. KHEN THƯỞNG THEO DANH HIỆU, HÌNH THỨC',
      headings: ['Danh hiệu, hình thức', 'Cấp', 'Đối tượng', 'Số lượng'],
      rows: s.awards.byTitle.rows.map((r) => [
        r.name.vi,
        s.awards.byLevel.rows.find((x) => x.key === r.level)?.label.vi ?? r.level,
        s.awards.bySubject.rows.find((x) => x.key === r.subject)?.label.vi ?? r.subject,
        r.count,
      ]),
    },
    breakdown('VI. SÁNG KIẾN ĐƯỢC CÔNG NHẬN THEO PHẠM VI', 'Phạm vi', s.initiatives.byScope.rows),
    {
      title: 'VII. THEO ĐƠN VỊ TRỰC THUỘC',
      headings: [
        'Đơn vị',
        'Tập thể được khen',
        'Cá nhân được khen',
        'Sáng kiến được công nhận',
        'Lượt đăng ký việc làm theo Bác',
        'Việc đã đăng ký',
        'Việc đã thực hiện',
      ],
      rows: s.byUnit.rows.map((r) => [
        r.name,
        r.collectiveAwards,
        r.individualAwards,
        r.acceptedInitiatives,
        r.deedRegistrations,
        r.deedsRegistered,
        r.deedsDone,
      ]),
    },
  ];
}

function writeTable(ws: Worksheet, start: number, table: Table): number {
  ws.getCell(start, 1).value = table.title;
  ws.getCell(start, 1).font = { bold: true };
  const header = ws.getRow(start + 1);
  header.values = table.headings;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  table.rows.forEach((values, i) => {
    const line = ws.getRow(start + 2 + i);
    line.values = values;
    line.eachCell((cell) => {
      cell.border = BORDER;
      if (typeof cell.value === 'number') cell.numFmt = MONEY_FORMAT;
    });
  });
  return start + 2 + table.rows.length + 1;
}

/** Each figure's and table's rule, in Vietnamese. */
export function statisticsRules(s: UnitStatistics): [figure: string, rule: string][] {
  return [
    ...s.figures.map((f): [string, string] => [f.label.vi, f.rule.vi]),
    ['Khen thưởng theo cấp, hình thức, đối tượng', s.awards.byLevel.rule.vi],
    ['Khen thưởng theo danh hiệu, hình thức', s.awards.byTitle.rule.vi],
    ['Sáng kiến theo phạm vi', s.initiatives.byScope.rule.vi],
    ['Theo đơn vị trực thuộc', s.byUnit.rule.vi],
  ];
}

export async function statisticsWorkbook(s: UnitStatistics): Promise<Buffer> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  wb.creator = 'Công đoàn — thi đua, khen thưởng';
  const period = s.from === s.to ? `NĂM ${s.to}` : `CÁC NĂM ${s.from}–${s.to}`;
  const ws = wb.addWorksheet(`Thống kê ${s.from === s.to ? s.to : `${s.from}-${s.to}`}`, {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  [44, 18, 18, 18, 18, 16, 16].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.getCell(1, 1).value = s.unitName.toUpperCase();
  ws.getCell(1, 1).font = { bold: true };
  ws.getCell(2, 1).value = `BÁO CÁO THỐNG KÊ THI ĐUA, KHEN THƯỞNG ${period}`;
  ws.getCell(2, 1).font = { bold: true, size: 14 };
  ws.getCell(3, 1).value = 'Số liệu của cả cây đơn vị; cách tính từng chỉ tiêu ở trang "Cách tính".';
  ws.getCell(3, 1).font = { italic: true };
  let next = 5;
  for (const table of statisticsTables(s)) next = writeTable(ws, next, table);

  const rules = wb.addWorksheet('Cách tính');
  rules.getColumn(1).width = 44;
  rules.getColumn(2).width = 120;
  rules.getRow(1).values = ['Chỉ tiêu', 'Cách tính'];
  rules.getRow(1).font = { bold: true };
  statisticsRules(s).forEach((values, i) => {
    rules.getRow(i + 2).values = values;
    rules.getCell(i + 2, 2).alignment = { wrapText: true, vertical: 'top' };
  });

  const out: unknown = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
