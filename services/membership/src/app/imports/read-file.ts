/**
 * `parseMemberFile`, taken apart only to keep the grid it reads: the header row then
 * tells which letter of this file holds each member field, so an error the member
 * domain finds later (a CCCD that contradicts the birth date, a CCCD held in another
 * unit) names its cell like a parse error does.
 */
import { decodeCsv } from '../../files/csv.ts';
import { columnForField, columnForHeader } from '../../files/layout.ts';
import { csvGrid, type MemberFileFormat, type ParsedFile, parseGrids } from '../../files/parse.ts';
import { cellText, columnLetter } from '../../files/text.ts';
import { type Grid, loadWorkbook, sheetGrid } from '../../files/xlsx.ts';
import type { ImportRow, StoredRowError } from './model.ts';

export interface ReadFile {
  parsed: ParsedFile;
  /** Member field → the file's column letter. */
  letters: Record<string, string>;
}

export async function readMemberFile(file: Buffer, format: MemberFileFormat): Promise<ReadFile> {
  const grids: Grid[] =
    format === 'xlsx' ? (await loadWorkbook(file)).worksheets.map(sheetGrid) : [csvGrid(decodeCsv(file))];
  const parsed = parseGrids(grids, format === 'xlsx');
  const letters: Record<string, string> = {};
  const grid = format === 'xlsx' ? grids.find((g) => g.name === parsed.sheet) : grids[0];
  const header = grid?.rows.find((r) => r.row === parsed.headerRow);
  header?.cells.forEach((cell, index) => {
    const field = columnForHeader(cellText(cell))?.field;
    if (field && !(field in letters)) letters[field] = columnLetter(index);
  });
  return { parsed, letters };
}

/** The file's data rows in order: each a member's input, or the parse errors that keep it out. */
export function importRows(parsed: ParsedFile): ImportRow[] {
  const errors = new Map<number, StoredRowError[]>();
  for (const e of parsed.errors) {
    const list = errors.get(e.row) ?? [];
    list.push({ ...e, code: null });
    errors.set(e.row, list);
  }
  const rows: ImportRow[] = parsed.rows.map((r) => ({
    row: r.row,
    input: r.input,
    applicationDate: r.applicationDate,
  }));
  for (const [row, list] of errors) rows.push({ row, errors: list });
  return rows.sort((a, b) => a.row - b.row);
}

/** A domain rule's error on a row, placed in the column of the field it concerns. */
export function rowError(
  row: number,
  field: string,
  letters: Record<string, string>,
  error: { code: string; vi: string; en: string },
): StoredRowError {
  const column = field ? columnForField(field) : undefined;
  const letter = field ? letters[field] : undefined;
  return {
    row,
    column: column?.header ?? '',
    cell: letter ? `${letter}${row}` : null,
    field: column ? field : '',
    code: error.code,
    message: error.vi,
    messageEn: error.en,
  };
}
