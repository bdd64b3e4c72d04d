/** Writes a member table (header row + one row per member) in the layout; shared by the template and the export. */
import type { MemberColumn } from './layout.ts';
import type { CellValue } from './text.ts';
import type { Worksheet } from './xlsx.ts';

export const HEADER_FILL = 'FFDDEBF7';
const THIN = { style: 'thin' as const, color: { argb: 'FF9E9E9E' } };
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A record to write: a Member, or a MemberInput with its application date. */
export type RowSource = Readonly<Record<string, unknown>>;

export function cellFor(column: MemberColumn, source: RowSource, index: number): CellValue {
  return column.key === 'index' ? index + 1 : column.format(source[column.key]);
}

/**
 * Writes the header at `headerRow` and the rows below it; sets widths, number formats,
 * a frozen header (and the name column), and an auto-filter.
 */
export function writeMemberTable(
  ws: Worksheet,
  columns: readonly MemberColumn[],
  sources: readonly RowSource[],
  headerRow: number,
  options: { notes?: boolean } = {},
): void {
  columns.forEach((column, i) => {
    const col = ws.getColumn(i + 1);
    col.width = column.width;
    if (column.numFmt) col.numFmt = column.numFmt;
  });

  const header = ws.getRow(headerRow);
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = BORDER;
    cell.numFmt = 'General';
    if (options.notes) cell.note = column.guide.vi;
  });
  header.height = 32;

  sources.forEach((source, r) => {
    const row = ws.getRow(headerRow + 1 + r);
    row.values = columns.map((column) => cellFor(column, source, r) ?? null);
  });

  const nameColumn = columns.findIndex((c) => c.key === 'fullName');
  ws.views = [{ state: 'frozen', xSplit: nameColumn >= 0 ? nameColumn + 1 : 0, ySplit: headerRow }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };
}
