/** The little of exceljs the member files need, with its typing quirks kept in this file. */
import type ExcelJS from 'exceljs';
import type { CellValue } from './text.ts';
import { readablePackage, unreadableWorkbook } from './xlsx-package.ts';

export type Workbook = ExcelJS.Workbook;
export type Worksheet = ExcelJS.Worksheet;

let excel: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded on first use: only the requests that read or write a workbook pay for it.
 * In a Lambda bundle it is a chunk of its own beside index.mjs (scripts/bundle.ts).
 */
function loadExcel(): Promise<typeof ExcelJS> {
  excel ??= import('exceljs').then((module) => module.default);
  return excel;
}

/** One sheet as rows of plain cell values; `cells[0]` is column A. Rows without values are left out. */
export interface Grid {
  name: string;
  rows: { row: number; cells: CellValue[] }[];
}

export async function newWorkbook(): Promise<Workbook> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  wb.creator = 'Công đoàn — quản lý đoàn viên';
  return wb;
}

/** exceljs types `writeBuffer` with its own ArrayBuffer-like Buffer; at run time it is a Node Buffer. */
export async function toBuffer(wb: Workbook): Promise<Buffer> {
  const out: unknown = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}

type LoadInput = Parameters<ExcelJS.Xlsx['load']>[0];

/**
 * Loads an .xlsx, or refuses it saying why (an .xls, a password, a truncated upload…).
 * Data validations are skipped: exceljs expands each validation range
 * into one entry per cell, and a list validation on a whole column is a million of them.
 */
export async function loadWorkbook(file: Buffer): Promise<Workbook> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  try {
    // Files saved by openpyxl link their notes in a way exceljs cannot follow (xlsx-package.ts).
    await wb.xlsx.load((await readablePackage(file)) as unknown as LoadInput, { ignoreNodes: ['dataValidations'] });
  } catch {
    throw await unreadableWorkbook(file);
  }
  return wb;
}

/** A cell as a plain value: rich text and hyperlinks become their text, formulas their result. */
export function plainCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return (v.richText as { text?: unknown }[]).map((t) => String(t.text ?? '')).join('');
    if ('formula' in v || 'sharedFormula' in v) return 'result' in v ? plainCell(v.result) : null;
    if (typeof v.text === 'string' || (typeof v.text === 'object' && v.text !== null)) return plainCell(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return null;
}

export function sheetGrid(ws: Worksheet): Grid {
  const rows: Grid['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values;
    if (!Array.isArray(values)) return;
    const cells: CellValue[] = new Array(Math.max(0, values.length - 1)).fill(null);
    for (let c = 1; c < values.length; c++) cells[c - 1] = plainCell(values[c]);
    rows.push({ row: rowNumber, cells });
  });
  return { name: ws.name, rows };
}
