/**
 * The annual financial disclosure as the .xlsx a union office posts (biểu công khai
 * tài chính): the national motto block, a title with the unit and year, then
 * opening balances, income, spending, surplus, any settlement on dissolution and
 * closing balances, each against the budget; what is owed and is owed to the unit
 * at the year's end, and how its money reconciles; amounts with thousands separators.
 */
import { type Disclosure, dayInVietnam } from '@congdoan/contracts';
import type ExcelJS from 'exceljs';

type Worksheet = ExcelJS.Worksheet;

let excel: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded on first use: only the report download pays for it. In a Lambda bundle it
 * is a chunk of its own beside index.mjs (scripts/bundle.ts).
 */
function loadExcel(): Promise<typeof ExcelJS> {
  excel ??= import('exceljs').then((module) => module.default);
  return excel;
}

const WIDTH = 7;
const MONEY_FORMAT = '#,##0';
const PERCENT_FORMAT = '0.00%';
const HEADER_FILL = 'FFDDEBF7';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The table's column headings, in order. */
export const DISCLOSURE_HEADINGS = [
  'STT',
  'Nội dung',
  'Tài khoản',
  'Dự toán năm',
  'Thực hiện',
  'Chênh lệch (TH − DT)',
  'Tỷ lệ TH/DT',
] as const;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV'];

/** `2025-07-15` → `15/07/2025`. */
export const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

interface Row {
  no: string;
  label: string;
  account?: string;
  budget?: number | null;
  actual?: number | null;
  variance?: number | null;
  percentBp?: number | null;
  /** A section or total row: bold. */
  strong?: boolean;
}

function merged(ws: Worksheet, row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font> = {}) {
  ws.mergeCells(row, from, row, to);
  const cell = ws.getCell(row, from);
  cell.value = text;
  cell.font = { size: 11, ...font };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

function writeRow(ws: Worksheet, r: number, row: Row) {
  const x = ws.getRow(r);
  x.getCell(1).value = row.no;
  x.getCell(2).value = row.label;
  x.getCell(3).value = row.account ?? null;
  x.getCell(4).value = row.budget ?? null;
  x.getCell(5).value = row.actual ?? null;
  x.getCell(6).value = row.variance ?? null;
  // A share in the sheet is the basis points over 10 000, shown with two decimals.
  x.getCell(7).value = row.percentBp === null || row.percentBp === undefined ? null : row.percentBp / 10_000;
  for (let c = 1; c <= WIDTH; c++) {
    const cell = x.getCell(c);
    cell.border = BORDER;
    if (row.strong) cell.font = { bold: true };
    if (c >= 4 && c <= 6) cell.numFmt = MONEY_FORMAT;
    if (c === 7) cell.numFmt = PERCENT_FORMAT;
  }
  x.getCell(1).alignment = { horizontal: 'center' };
  x.getCell(3).alignment = { horizontal: 'center' };
  x.getCell(2).alignment = { wrapText: true, vertical: 'middle' };
}

/** The rows of the table, in the order of the form. */
export function disclosureRows(d: Disclosure): Row[] {
  const rows: Row[] = [];
  const money = (label: string, b: Disclosure['balances']['opening']): Row[] => [
    { no: '1', label: 'Tiền mặt', account: '111', actual: b.cash },
    { no: '2', label: 'Tiền gửi ngân hàng, kho bạc', account: '112', actual: b.bank },
    { no: '', label, actual: b.total, strong: true },
  ];
  rows.push({ no: 'A', label: 'SỐ DƯ TIỀN ĐẦU NĂM', strong: true });
  rows.push(...money('Cộng số dư đầu năm', d.balances.opening));

  rows.push({ no: 'B', label: 'THU TÀI CHÍNH CÔNG ĐOÀN', strong: true });
  d.income.lines.forEach((l, i) => {
    rows.push({ no: ROMAN[i] ?? String(i + 1), label: l.nameVi, account: l.account, ...figures(l) });
  });
  rows.push({ no: '', label: 'Tổng thu', ...figures(d.income.total), strong: true });

  rows.push({ no: 'C', label: 'CHI TÀI CHÍNH CÔNG ĐOÀN', strong: true });
  d.spending.lines.forEach((l, i) => {
    rows.push({ no: ROMAN[i] ?? String(i + 1), label: l.nameVi, account: l.account, ...figures(l) });
  });
  rows.push({ no: '', label: 'Tổng chi', ...figures(d.spending.total), strong: true });

  rows.push({
    no: 'D',
    label: 'CHÊNH LỆCH THU − CHI',
    budget: d.surplus.budget,
    actual: d.surplus.actual,
    variance: d.surplus.budget === null ? null : d.surplus.actual - d.surplus.budget,
    strong: true,
  });
  // The sections after D, in the Vietnamese alphabet's order (no F).
  const letters = ['Đ', 'E', 'G', 'H'];
  if (d.settlement) {
    rows.push({
      no: letters.shift()!,
      label: `NỘP QUYẾT TOÁN LÊN CẤP TRÊN KHI GIẢI THỂ (ngày ${vnDate(d.settlement.date)})`,
      account: '3363',
      actual: d.settlement.settled,
      strong: true,
    });
  }
  rows.push({ no: letters.shift()!, label: 'SỐ DƯ TIỀN CUỐI NĂM', strong: true });
  rows.push(...money('Cộng số dư cuối năm', d.balances.closing));

  // What is owed at the year's end, so that the money reconciles with the surplus.
  const position = d.position.closing;
  rows.push({ no: letters.shift()!, label: 'CÔNG NỢ VÀ QUỸ CUỐI NĂM', strong: true });
  let n = 0;
  for (const l of [...position.receivables.lines, ...position.payables.lines]) {
    rows.push({ no: String(++n), label: l.nameVi, account: l.account, actual: l.amount });
  }
  rows.push({
    no: String(++n),
    label: 'Quỹ (chênh lệch thu chi lũy kế đã kết chuyển)',
    account: '421',
    actual: position.fundBalance,
  });

  const r = d.moneyReconciliation;
  rows.push({ no: letters.shift()!, label: 'ĐỐI CHIẾU TIỀN', strong: true });
  rows.push({ no: '1', label: 'Tiền đầu năm', actual: r.openingMoney });
  rows.push({ no: '2', label: 'Cộng: chênh lệch thu − chi', actual: r.surplus });
  rows.push({ no: '3', label: 'Cộng: tăng (giảm) phải trả, phải nộp', actual: r.payablesChange });
  rows.push({ no: '4', label: 'Trừ: tăng (giảm) phải thu', actual: r.receivablesChange });
  rows.push({ no: '5', label: 'Cộng: tăng (giảm) quỹ, trừ kết chuyển khi khóa sổ', actual: r.fundBalanceChange });
  rows.push({ no: '', label: 'Tiền cuối năm (đối chiếu)', actual: r.closingMoney, strong: true });
  return rows;
}

const figures = (f: { budget: number | null; actual: number; variance: number | null; percentBp: number | null }) => ({
  budget: f.budget,
  actual: f.actual,
  variance: f.variance,
  percentBp: f.percentBp,
});

export interface DisclosureSheetMeta {
  /** The upper level's name, shown above the unit's (the form's issuing-body block). */
  upperName: string | null;
}

export async function disclosureXlsx(d: Disclosure, meta: DisclosureSheetMeta): Promise<Buffer> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  wb.creator = 'Công đoàn — tài chính';
  wb.created = new Date(d.generatedAt);
  const ws = wb.addWorksheet(`Công khai ${d.year}`, {
    pageSetup: { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  [6, 46, 10, 17, 17, 17, 11].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });

  merged(ws, 1, 1, 3, (meta.upperName ?? '').toUpperCase());
  merged(ws, 1, 4, WIDTH, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
  merged(ws, 2, 1, 3, d.unit.name.toUpperCase(), { bold: true });
  merged(ws, 2, 4, WIDTH, 'Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true });
  ws.getRow(2).height = 30;
  merged(ws, 4, 1, WIDTH, `CÔNG KHAI TÀI CHÍNH NĂM ${d.year}`, { bold: true, size: 14 });
  merged(ws, 5, 1, WIDTH, '(Tình hình thực hiện dự toán thu, chi tài chính công đoàn)', { italic: true });
  merged(ws, 6, 1, WIDTH, `Đơn vị: ${d.unit.name}`, { bold: true });
  merged(
    ws,
    7,
    1,
    WIDTH,
    `Từ ngày ${vnDate(d.period.from)} đến ngày ${vnDate(d.period.to)}` +
      (d.asOf < d.period.to ? ` (số liệu đến ngày ${vnDate(d.asOf)})` : ''),
  );
  ws.getCell(8, WIDTH).value = 'Đơn vị tính: đồng';
  ws.getCell(8, WIDTH).font = { italic: true };
  ws.getCell(8, WIDTH).alignment = { horizontal: 'right' };

  const headerRow = 9;
  const header = ws.getRow(headerRow);
  header.values = [...DISCLOSURE_HEADINGS];
  header.height = 32;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const numbers = ws.getRow(headerRow + 1);
  numbers.values = ['A', 'B', 'C', '1', '2', '3 = 2 − 1', '4 = 2 / 1'];
  numbers.eachCell((cell) => {
    cell.font = { italic: true };
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center' };
  });
  ws.views = [{ state: 'frozen', ySplit: headerRow + 1 }];

  let r = headerRow + 2;
  for (const row of disclosureRows(d)) writeRow(ws, r++, row);

  r++;
  merged(ws, r, 1, WIDTH, `Cách tính: ${d.method.vi}`, { italic: true, size: 9 });
  ws.getCell(r, 1).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  ws.getRow(r).height = 60;
  r += 2;
  const day = dayInVietnam(new Date(d.generatedAt));
  merged(ws, r, 5, WIDTH, `Ngày ${day.slice(8, 10)} tháng ${day.slice(5, 7)} năm ${day.slice(0, 4)}`, { italic: true });
  r++;
  merged(ws, r, 1, 2, 'NGƯỜI LẬP BIỂU', { bold: true });
  merged(ws, r, 3, 4, 'KẾ TOÁN', { bold: true });
  merged(ws, r, 5, WIDTH, 'TM. BAN CHẤP HÀNH\nCHỦ TỊCH', { bold: true });
  ws.getRow(r).height = 30;

  const out: unknown = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
