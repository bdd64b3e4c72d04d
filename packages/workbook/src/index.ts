/**
 * The .xlsx a union office files: a heading (the unit, the report's title, notes), then tables
 * with Vietnamese headings, money in đồng with thousands separators, totals in bold, and
 * optionally a second sheet stating how each figure is computed ("Cách tính"). Every report and
 * list export of the product writes its workbook through here; each service keeps only its own
 * tables (which rows, which labels).
 *
 * exceljs is loaded on first use, so only an export pays for it (a chunk of its own in a
 * Lambda bundle, scripts/bundle.ts).
 */
import type ExcelJS from 'exceljs';

export type Cell = string | number | null;

export interface Table {
  /** A line in bold above the table (e.g. "I. QUỸ"); none for a plain list. */
  title?: string;
  headings: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** Columns (1-based) holding đồng: formatted with thousands separators. */
  money?: readonly number[];
}

export interface TablesWorkbook {
  /** The workbook's author, e.g. "Công đoàn — quỹ xã hội". */
  creator: string;
  /** When the figures were taken. */
  created: Date;
  /** The first sheet's name (at most 31 characters; longer is cut). */
  sheet: string;
  /** The unit's name, in capitals on the first line. */
  unit: string;
  /** The title, in bold on the second line. */
  title: string;
  /** Lines in italics under the title (the period, "data as of"). */
  notes?: readonly string[];
  /** Column widths, first column first; default 34 then 16. */
  widths?: readonly number[];
  tables: readonly Table[];
  /** How each figure is computed: a sheet "Cách tính" of (section, figure, rule). */
  rules?: readonly (readonly [section: string, figure: string, rule: string])[];
}

/** The label of a totals row: such rows are bold. */
export const TOTAL = 'Tổng cộng';

const MONEY_FORMAT = '#,##0';
const HEADER_FILL = 'FFDDEBF7';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

let excel: Promise<typeof ExcelJS> | undefined;
const loadExcel = (): Promise<typeof ExcelJS> => {
  excel ??= import('exceljs').then((module) => module.default);
  return excel;
};

/** `2026-12-05` → `05/12/2026`. */
export const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function writeTable(ws: ExcelJS.Worksheet, start: number, table: Table): number {
  let at = start;
  if (table.title) {
    ws.getCell(at, 1).value = table.title;
    ws.getCell(at, 1).font = { bold: true };
    at++;
  }
  const header = ws.getRow(at);
  header.values = [...table.headings];
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  table.rows.forEach((values, i) => {
    const line = ws.getRow(at + 1 + i);
    line.values = [...values];
    const total = values[0] === TOTAL;
    line.eachCell((cell, col) => {
      cell.border = BORDER;
      if (total) cell.font = { bold: true };
      if (table.money?.includes(col)) cell.numFmt = MONEY_FORMAT;
    });
  });
  return at + 1 + table.rows.length + 1;
}

/** The workbook's bytes. */
export async function tablesWorkbook(spec: TablesWorkbook): Promise<Buffer> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  wb.creator = spec.creator;
  wb.created = spec.created;
  const ws = wb.addWorksheet(spec.sheet.slice(0, 31), {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const columns = Math.max(1, ...spec.tables.map((t) => t.headings.length));
  for (let i = 0; i < columns; i++) ws.getColumn(i + 1).width = spec.widths?.[i] ?? (i === 0 ? 34 : 16);
  ws.getCell(1, 1).value = spec.unit.toUpperCase();
  ws.getCell(1, 1).font = { bold: true };
  ws.getCell(2, 1).value = spec.title;
  ws.getCell(2, 1).font = { bold: true, size: 14 };
  let next = 3;
  for (const note of spec.notes ?? []) {
    ws.getCell(next, 1).value = note;
    ws.getCell(next, 1).font = { italic: true };
    next++;
  }
  next++;
  for (const table of spec.tables) next = writeTable(ws, next, table);

  if (spec.rules?.length) {
    const rules = wb.addWorksheet('Cách tính');
    rules.getColumn(1).width = 22;
    rules.getColumn(2).width = 18;
    rules.getColumn(3).width = 110;
    rules.getRow(1).values = ['Phần', 'Chỉ tiêu', 'Cách tính'];
    rules.getRow(1).font = { bold: true };
    spec.rules.forEach((values, i) => {
      rules.getRow(i + 2).values = [...values];
      rules.getCell(i + 2, 3).alignment = { wrapText: true, vertical: 'top' };
    });
  }

  const out: unknown = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
