/**
 * Reads a member list (.xlsx or .csv) in the layout of `layout.ts` into validated
 * member inputs, and every problem as a row/column error in Vietnamese and English.
 * Pure: bytes in, values out. One pass over the rows; no cell is read twice.
 */
import { localizedIssueText, type MemberInput, memberInputSchema } from '@congdoan/contracts';
import { type Delimiter, decodeCsv, head, parseCsv, stripSepHint } from './csv.ts';
import { type CellValue, columnForField, columnForHeader, MEMBER_COLUMNS, type MemberColumn, shown } from './layout.ts';
import { cellText, columnLetter, formatDong } from './text.ts';
import { type Grid, loadWorkbook, sheetGrid } from './xlsx.ts';

export type MemberFileFormat = 'xlsx' | 'csv';

export interface RowError {
  /** 1-based row of the sheet (for CSV, the record number, which is the row Excel shows). */
  row: number;
  /** The column's Vietnamese header (as the template writes it; for an unknown column, as the file does). */
  column: string;
  /** The member field, or '' for a column that maps to none. */
  field: string;
  /** Vietnamese. */
  message: string;
  messageEn: string;
  /** The cell's address, e.g. "E7"; null when there is no cell (a missing column). */
  cell: string | null;
}

export interface ParsedRow {
  /** 1-based sheet row. */
  row: number;
  input: MemberInput;
  applicationDate: string | null;
}

export interface ParsedFile {
  /** The rows without any error, in file order. */
  rows: ParsedRow[];
  /** Every failing cell, by row then column. A row with any error is not in `rows`. */
  errors: RowError[];
  /** Problems with the header row: not found, missing required columns, unknown or repeated columns. */
  headerErrors: RowError[];
  /** The sheet row holding the headers; null when none was found. */
  headerRow: number | null;
  /** The worksheet read (xlsx), or null for CSV. */
  sheet: string | null;
  /** Non-empty rows below the header: `rows.length` + the rows with errors. */
  dataRows: number;
}

/** How many rows from the top may hold a title above the header row. */
const HEADER_SEARCH_ROWS = 30;
/** A header row names at least this many columns of the layout. */
const MIN_HEADER_MATCHES = 3;

export async function parseMemberFile(file: Buffer, format: MemberFileFormat): Promise<ParsedFile> {
  if (format === 'xlsx') {
    const wb = await loadWorkbook(file);
    return parseGrids(wb.worksheets.map(sheetGrid), true);
  }
  return parseGrids([csvGrid(decodeCsv(file))], false);
}

/** CSV text as a grid, with the delimiter that best reveals a header row (`sep=` wins if present). */
export function csvGrid(content: string): Grid {
  const { delimiter: hinted, text } = stripSepHint(content);
  let delimiter: Delimiter = hinted ?? ',';
  if (!hinted) {
    const sample = head(text, HEADER_SEARCH_ROWS);
    let best = -1;
    for (const d of [',', ';', '\t'] as const) {
      const matches = findHeader(toGrid(parseCsv(sample, d)))?.matches ?? 0;
      if (matches > best) {
        best = matches;
        delimiter = d;
      }
    }
  }
  return toGrid(parseCsv(text, delimiter), hinted ? 2 : 1);
}

function toGrid(records: string[][], firstRow = 1): Grid {
  return { name: 'csv', rows: records.map((cells, i) => ({ row: firstRow + i, cells })) };
}

function findHeader(grid: Grid): { index: number; matches: number } | null {
  let found: { index: number; matches: number } | null = null;
  const limit = Math.min(grid.rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const seen = new Set<MemberColumn>();
    for (const cell of grid.rows[i]!.cells) {
      const text = cellText(cell);
      if (text === '' || text.length > 80) continue;
      const column = columnForHeader(text);
      if (column) seen.add(column);
    }
    if (seen.size >= MIN_HEADER_MATCHES && (!found || seen.size > found.matches)) {
      found = { index: i, matches: seen.size };
    }
  }
  return found;
}

const REQUIRED_HEADERS = MEMBER_COLUMNS.filter((c) => c.requiredColumn).map((c) => c.header);

/** Parses the first of the grids (sheets) that holds a header row — the one naming the most columns. */
export function parseGrids(grids: Grid[], isWorkbook: boolean): ParsedFile {
  let chosen: { grid: Grid; index: number; matches: number } | null = null;
  for (const grid of grids) {
    const found = findHeader(grid);
    if (found && (!chosen || found.matches > chosen.matches)) chosen = { grid, ...found };
  }
  if (!chosen) {
    return {
      rows: [],
      errors: [],
      headerErrors: [
        {
          row: 1,
          column: '',
          field: '',
          cell: null,
          message: `Không tìm thấy dòng tiêu đề cột. Tệp cần một dòng tiêu đề theo mẫu, với các cột bắt buộc: ${REQUIRED_HEADERS.join(', ')}.`,
          messageEn: `No header row found. The file needs a header row as in the template, with the required columns: ${REQUIRED_HEADERS.join(', ')}.`,
        },
      ],
      headerRow: null,
      sheet: isWorkbook ? (grids[0]?.name ?? null) : null,
      dataRows: 0,
    };
  }
  return parseSheet(chosen.grid, chosen.index, isWorkbook);
}

interface Mapped {
  index: number;
  column: MemberColumn;
}

function parseSheet(grid: Grid, headerIndex: number, isWorkbook: boolean): ParsedFile {
  const headerRow = grid.rows[headerIndex]!;
  const headerErrors: RowError[] = [];
  const mapped: Mapped[] = [];
  const byKey = new Map<string, Mapped>();
  const ignored = new Set<number>();

  headerRow.cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === '') return;
    const column = columnForHeader(text);
    const at = `${columnLetter(index)}${headerRow.row}`;
    if (!column) {
      ignored.add(index);
      headerErrors.push({
        row: headerRow.row,
        column: text,
        field: '',
        cell: at,
        message: `Cột "${shown(cell)}" không có trong mẫu nên bị bỏ qua; hãy xóa cột này hoặc đổi tiêu đề cho đúng mẫu`,
        messageEn: `Column "${shown(cell)}" is not in the template and is ignored; remove it or rename it to a template header`,
      });
      return;
    }
    const first = byKey.get(column.key);
    if (first) {
      ignored.add(index);
      headerErrors.push({
        row: headerRow.row,
        column: column.header,
        field: column.field ?? '',
        cell: at,
        message: `Cột "${shown(cell)}" lặp lại cột ${columnLetter(first.index)} (${column.header}); chỉ đọc cột ${columnLetter(first.index)}`,
        messageEn: `Column "${shown(cell)}" repeats column ${columnLetter(first.index)} (${column.header}); only column ${columnLetter(first.index)} is read`,
      });
      return;
    }
    const m = { index, column };
    byKey.set(column.key, m);
    mapped.push(m);
  });

  const missing = new Set<string>();
  for (const column of MEMBER_COLUMNS) {
    if (!column.requiredColumn || byKey.has(column.key)) continue;
    missing.add(column.field ?? column.key);
    headerErrors.push({
      row: headerRow.row,
      column: column.header,
      field: column.field ?? '',
      cell: null,
      message: `Thiếu cột bắt buộc "${column.header}"`,
      messageEn: `The required column "${column.header}" is missing`,
    });
  }

  // Cells that say nothing about a member: STT and export-only columns.
  const passive = new Set(mapped.filter((m) => m.column.field === null).map((m) => m.index));
  const importing = mapped.filter((m) => m.column.field !== null);
  const indexOfField = new Map(importing.map((m) => [m.column.field as string, m.index]));

  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  const firstRowOfCccd = new Map<string, number>();
  let dataRows = 0;

  // Official forms often number their columns on the row under the header: (1), (2), (3)…
  let first = headerIndex + 1;
  const next = grid.rows[first];
  if (next && next.row === headerRow.row + 1 && isColumnNumbering(next.cells)) first++;

  for (let r = first; r < grid.rows.length; r++) {
    const { row, cells } = grid.rows[r]!;
    if (cells.every((cell, i) => passive.has(i) || cellText(cell) === '')) continue;
    dataRows++;

    const rowErrors: (RowError & { index: number })[] = [];
    const fail = (index: number, column: MemberColumn, message: { vi: string; en: string }) =>
      rowErrors.push({
        row,
        column: column.header,
        field: column.field ?? '',
        cell: `${columnLetter(index)}${row}`,
        message: message.vi,
        messageEn: message.en,
        index,
      });

    const raw: Record<string, unknown> = {};
    const failed = new Set<string>();
    for (const { index, column } of importing) {
      const cell = cells[index] ?? null;
      const parsed = column.parse(cell);
      if (!parsed.ok) {
        failed.add(column.field!);
        fail(index, column, parsed.message);
      } else if (parsed.value !== undefined) {
        raw[column.field!] = parsed.value;
      }
    }
    const applicationDate = typeof raw.applicationDate === 'string' ? raw.applicationDate : null;
    delete raw.applicationDate;

    // A Party join date with the "Đảng viên" cell blank means a Party member; with "Không" it is a contradiction.
    if (typeof raw.partyJoinDate === 'string' && !failed.has('partyMember')) {
      if (raw.partyMember === undefined) raw.partyMember = true;
      else if (raw.partyMember === false) {
        const index = indexOfField.get('partyJoinDate')!;
        failed.add('partyJoinDate');
        fail(index, columnForField('partyJoinDate')!, {
          vi: 'Có ngày vào Đảng nhưng cột "Đảng viên" ghi "Không"; sửa một trong hai ô',
          en: 'A Party join date is given but "Đảng viên" says no; correct one of the two cells',
        });
      }
    }

    const result = memberInputSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (failed.has(field) || missing.has(field)) continue;
        const column = columnForField(field);
        const index = indexOfField.get(field);
        if (!column || index === undefined) continue;
        failed.add(field);
        fail(index, column, translateIssue(issue as unknown as Issue, column, cells[index] ?? null));
      }
    }

    const cccd = raw.cccd;
    if (typeof cccd === 'string' && !failed.has('cccd')) {
      const first = firstRowOfCccd.get(cccd);
      if (first === undefined) firstRowOfCccd.set(cccd, row);
      else {
        fail(indexOfField.get('cccd')!, columnForField('cccd')!, {
          vi: `Số CCCD ${cccd} trùng với dòng ${first} trong tệp`,
          en: `CCCD ${cccd} repeats row ${first} of this file`,
        });
      }
    }

    if (rowErrors.length > 0) {
      rowErrors.sort((a, b) => a.index - b.index);
      for (const { index: _index, ...e } of rowErrors) errors.push(e);
    } else if (result.success && missing.size === 0) {
      rows.push({ row, input: result.data, applicationDate });
    }
  }

  return { rows, errors, headerErrors, headerRow: headerRow.row, sheet: isWorkbook ? grid.name : null, dataRows };
}

function isColumnNumbering(cells: CellValue[]): boolean {
  const filled = cells.map(cellText).filter((t) => t !== '');
  return filled.length >= MIN_HEADER_MATCHES && filled.every((t) => /^\(?\d{1,2}\)?$/.test(t));
}

/** The parts of a zod issue the translation reads. */
interface Issue {
  code: string;
  message: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  params?: unknown;
}

/** A schema issue in the officer's words, naming what to enter. */
function translateIssue(issue: Issue, column: MemberColumn, cell: CellValue): { vi: string; en: string } {
  const value = shown(cell);
  switch (issue.code) {
    case 'invalid_type':
      if (cellText(cell) === '') {
        return { vi: `Chưa nhập ${column.header} (bắt buộc)`, en: `${column.header} is required` };
      }
      if (issue.expected === 'int') {
        return { vi: `"${value}" phải là số nguyên`, en: `"${value}" must be a whole number` };
      }
      return { vi: `Giá trị "${value}" không đúng kiểu`, en: `"${value}" has the wrong type` };
    case 'too_small':
      if (issue.origin === 'string') {
        return {
          vi: `${column.header} phải có ít nhất ${issue.minimum} ký tự`,
          en: `${column.header} needs at least ${issue.minimum} characters`,
        };
      }
      if (Number(issue.minimum) === 0) {
        return {
          vi: `${column.header} không được âm ("${value}")`,
          en: `${column.header} cannot be negative ("${value}")`,
        };
      }
      return {
        vi: `${column.header} phải từ ${issue.minimum} trở lên`,
        en: `${column.header} must be at least ${issue.minimum}`,
      };
    case 'too_big':
      if (issue.origin === 'string') {
        return {
          vi: `${column.header} dài quá ${issue.maximum} ký tự`,
          en: `${column.header} is longer than ${issue.maximum} characters`,
        };
      }
      return {
        vi: `${column.header} không được vượt quá ${formatDong(Number(issue.maximum))}`,
        en: `${column.header} cannot exceed ${formatDong(Number(issue.maximum))}`,
      };
    case 'invalid_format':
      if (issue.format === 'email') return { vi: `Email "${value}" không hợp lệ`, en: `Invalid email "${value}"` };
      if (issue.format === 'date') {
        return {
          vi: `Ngày "${value}" không hợp lệ; nhập dạng dd/mm/yyyy`,
          en: `Invalid date "${value}"; use dd/mm/yyyy`,
        };
      }
      return {
        vi: `${column.header} "${value}" không đúng định dạng (${issue.message})`,
        en: `${column.header} "${value}" has the wrong format (${issue.message})`,
      };
    case 'custom': {
      // The shared text type names the character and where it is; the value itself is not repeated.
      const text = localizedIssueText(issue);
      if (text) return { vi: `${column.header}: ${text.vi}`, en: `${column.header}: ${text.en}` };
      return { vi: `Giá trị "${value}" không hợp lệ`, en: `"${value}" is invalid` };
    }
    default:
      return {
        vi: `Giá trị "${value}" không hợp lệ (${issue.message})`,
        en: `"${value}" is invalid (${issue.message})`,
      };
  }
}

/** One line for a report: "Dòng 7, cột Ngày sinh (D7): …". */
export function describeRowError(e: RowError, lang: 'vi' | 'en' = 'vi'): string {
  const at = e.cell ? ` (${e.cell})` : '';
  return lang === 'vi'
    ? `Dòng ${e.row}, cột ${e.column}${at}: ${e.message}`
    : `Row ${e.row}, column ${e.column}${at}: ${e.messageEn}`;
}
