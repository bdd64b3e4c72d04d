/**
 * Small text and value helpers shared by the member file formats.
 * A cell, whatever the file, is reduced to `CellValue` before any column sees it.
 */

/** A cell's value after reading: xlsx gives numbers, dates and booleans; CSV gives strings. */
export type CellValue = string | number | boolean | Date | null;

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Folds Vietnamese text for matching: no diacritics, đ → d, lower case, and every
 * run of anything but letters and digits becomes one space. "Nữ" → "nu",
 * "Lương đóng đoàn phí (đồng)" → "luong dong doan phi dong", "LĐHĐ" → "ldhd".
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Folds a column header, ignoring any parenthesised hint: "Ngày sinh (dd/mm/yyyy)" → "ngay sinh". */
export function foldHeader(text: string): string {
  return fold(text.replace(/\([^)]*\)/g, ' '));
}

/** The cell as trimmed text ('' for an empty cell); NBSP and zero-width spaces count as blanks. */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  return String(cell)
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .trim();
}

export const isBlank = (cell: CellValue) => cellText(cell) === '';

/** Collapses inner whitespace, as people paste names with double spaces. */
export const collapseSpaces = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** ISO `yyyy-mm-dd` → `dd/mm/yyyy`. */
export function isoToVn(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An ISO date as the UTC-midnight Date that an Excel date cell holds. */
export function isoToExcelDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** Builds an ISO date, or null when the parts are not a real calendar date in 1900–2100. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

const DAY_MS = 86_400_000;

/**
 * The calendar day of an Excel date cell. exceljs turns a serial into a UTC Date, and
 * serials computed by formulas can land a hair before midnight, so allow a second.
 */
export function excelDateToIso(date: Date): string | null {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  const day = new Date(Math.floor((ms + 1000) / DAY_MS) * DAY_MS);
  return isoDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

/** An Excel serial day number (1900 date system) as an ISO date. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  return excelDateToIso(new Date(Math.round((serial - 25_569) * DAY_MS)));
}

/** `5200000` → `5.200.000` (Vietnamese thousands separator). */
export function formatDong(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** The day in Việt Nam (UTC+7, no daylight saving) of an ISO timestamp or date, as dd/mm/yyyy. */
export function vnDay(isoTimestamp: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoTimestamp)) return isoToVn(isoTimestamp);
  const ms = Date.parse(isoTimestamp);
  if (Number.isNaN(ms)) return isoTimestamp;
  return isoToVn(new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10));
}
