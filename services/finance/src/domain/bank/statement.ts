import type { LocalizedText } from '@congdoan/contracts';
import { CsvError, parse } from 'csv-parse/sync';

/**
 * Reads a bank statement (sao kê) exported as CSV into its lines, or every
 * problem of the file by row and column, in Vietnamese and English. Pure: text
 * in, values out. The layout is documented in `docs/bank-statements.md`.
 *
 * - UTF-8, with or without a BOM; comma or semicolon separated (whichever makes
 *   the header row readable); fields may be quoted, with `""` for a quote and
 *   line breaks inside.
 * - Title lines above the header row (bank name, account, period) are skipped:
 *   the header row is the first of the first 30 rows naming the required columns.
 * - After it, a row without a reference whose date cell holds no digit (empty, or
 *   a label: `Tổng cộng`, `Cộng phát sinh`, `Số dư cuối kỳ`) is a total or a
 *   footer, and is skipped. A date always has digits, so a mistyped one still fails.
 * - `row` is the line of the file where the record starts, as a text editor
 *   numbers it (and, without line breaks inside fields, the row Excel shows).
 */

export interface StatementLine {
  row: number;
  /** `YYYY-MM-DD`. */
  date: string;
  /** The bank's reference of the transaction, unique per account. */
  reference: string;
  description: string;
  /** Whole đồng; exactly one of credit and debit is positive. */
  credit: number;
  debit: number;
  balance: number | null;
  counterAccount: string | null;
  counterName: string | null;
}

export interface StatementError {
  row: number;
  /** The column as the file names it (or as this layout does when it is missing); '' for the whole row. */
  column: string;
  message: LocalizedText;
}

export type StatementParse = { ok: true; lines: StatementLine[] } | { ok: false; errors: StatementError[] };

type Field = keyof Omit<StatementLine, 'row'>;

interface ColumnSpec {
  field: Field;
  /** The name this layout gives it, in Vietnamese. */
  name: string;
  /** The English header accepted for it. */
  english: string;
  required: boolean;
  /** Folded header texts that name it. */
  aliases: string[];
}

export const STATEMENT_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'date',
    english: 'date',
    name: 'Ngày giao dịch',
    required: true,
    aliases: ['ngay giao dich', 'ngay gd', 'ngay', 'date', 'transaction date', 'posting date'],
  },
  {
    field: 'reference',
    english: 'reference',
    name: 'Số tham chiếu',
    required: true,
    aliases: ['so tham chieu', 'ma giao dich', 'so giao dich', 'so ct', 'so chung tu', 'reference', 'ref', 'ref no'],
  },
  {
    field: 'description',
    english: 'description',
    name: 'Nội dung',
    required: true,
    aliases: ['noi dung', 'noi dung giao dich', 'dien giai', 'mo ta', 'description', 'memo', 'details'],
  },
  {
    field: 'credit',
    english: 'credit',
    name: 'Ghi có',
    required: true,
    aliases: ['ghi co', 'so tien ghi co', 'phat sinh co', 'tien vao', 'credit', 'credit amount'],
  },
  {
    field: 'debit',
    english: 'debit',
    name: 'Ghi nợ',
    required: true,
    aliases: ['ghi no', 'so tien ghi no', 'phat sinh no', 'tien ra', 'debit', 'debit amount'],
  },
  { field: 'balance', english: 'balance', name: 'Số dư', required: true, aliases: ['so du', 'so du cuoi', 'balance'] },
  {
    field: 'counterAccount',
    english: 'counter account',
    name: 'Tài khoản đối ứng',
    required: false,
    aliases: ['tai khoan doi ung', 'tk doi ung', 'so tai khoan doi ung', 'counter account', 'counterparty account'],
  },
  {
    field: 'counterName',
    english: 'counter name',
    name: 'Tên đối ứng',
    required: false,
    aliases: [
      'ten doi ung',
      'ten tai khoan doi ung',
      'don vi chuyen',
      'counter name',
      'counterparty name',
      'counterparty',
    ],
  },
];

/** At most this many lines in one statement (a month of an upper level's account is a few hundred). */
export const MAX_STATEMENT_LINES = 2000;
const HEADER_SEARCH_ROWS = 30;
/** Over 10^13 đồng is not a union's transaction: a misread column. */
const MAX_AMOUNT = 10_000_000_000_000;

const foldHeader = (text: string) =>
  text
    .replace(/\([^)]*\)/g, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const cell = (value: string | undefined) =>
  (value ?? '')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .trim();

/** Decodes a statement's bytes (or text) as UTF-8; a BOM is dropped. Null when they are not UTF-8. */
export function decodeStatement(content: string, encoding: 'text' | 'base64'): string | null {
  if (encoding === 'text') return content.replace(/^\ufeff/, '');
  if (!/^[A-Za-z0-9+/=\s_-]*$/.test(content)) return null;
  const bytes = Buffer.from(content, 'base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return null;
  }
}

/**
 * An amount in whole đồng: digits, possibly grouped by `.` or `,` (`1.500.000`,
 * `1,500,000`), with at most a zero decimal part (`1,500,000.00`). '' is 0.
 * Null when it is not such a number.
 */
export function parseDong(text: string): number | null {
  const t = text.replace(/\s|VND|VNĐ|đ$/gi, '');
  if (t === '') return 0;
  let digits: string | null = null;
  if (/^\d+$/.test(t)) digits = t;
  else {
    const m = /^(\d{1,3}(?:([.,])\d{3})?(?:\2\d{3})*)(?:([.,])(\d{1,2}))?$/.exec(t);
    if (m) {
      const group = m[2];
      const decimal = m[3];
      if (decimal !== undefined && decimal === group) return null;
      if (decimal !== undefined && !/^0+$/.test(m[4]!)) return null;
      digits = m[1]!.replace(/[.,]/g, '');
    } else {
      // `1500000.00`: no grouping, a zero decimal part.
      const plain = /^(\d+)[.,](0{1,2})$/.exec(t);
      if (plain) digits = plain[1]!;
    }
  }
  if (digits === null) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) && n <= MAX_AMOUNT ? n : null;
}

/** `DD/MM/YYYY` (also `D/M/YYYY`, `-` or `.` separated, a time after it ignored) or `YYYY-MM-DD`. */
export function parseStatementDate(text: string): string | null {
  const t = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(t);
  if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  if (y < 2000 || y > 2099) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

interface RawRecord {
  row: number;
  fields: string[];
}

function records(text: string, delimiter: ',' | ';'): RawRecord[] | StatementError {
  try {
    // One kind of line break, so that a record's first line is its last minus the breaks inside its fields.
    const out = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return out.map(({ record, info }) => ({
      // info.lines is where the record ends; a quoted field's line breaks moved it down.
      row: info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0),
      fields: record,
    }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = Number((error as unknown as { lines?: number }).lines ?? 0);
    return {
      row,
      column: '',
      message: {
        vi: `Tệp CSV hỏng ở dòng ${row}: ${error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'dấu ngoặc kép mở mà không đóng' : error.message}.`,
        en: `The CSV file is broken at line ${row}: ${error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quote is opened and never closed' : error.message}.`,
      },
    };
  }
}

interface Header {
  index: number;
  /** Column position of each field found. */
  positions: Partial<Record<Field, number>>;
  names: string[];
  errors: StatementError[];
}

const SPEC_BY_ALIAS = new Map(STATEMENT_COLUMNS.flatMap((c) => c.aliases.map((a) => [a, c] as const)));

function readHeader(rows: RawRecord[]): Header | null {
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    const { row, fields } = rows[index]!;
    const positions: Partial<Record<Field, number>> = {};
    const errors: StatementError[] = [];
    fields.forEach((name, position) => {
      const spec = SPEC_BY_ALIAS.get(foldHeader(cell(name)));
      if (!spec) return;
      if (positions[spec.field] !== undefined) {
        errors.push({
          row,
          column: cell(name),
          message: {
            vi: `Cột "${spec.name}" có hai lần trong dòng tiêu đề.`,
            en: `The column "${spec.name}" appears twice in the header row.`,
          },
        });
        return;
      }
      positions[spec.field] = position;
    });
    // The header row is the one naming a date, an amount and the memo; the rest is then checked.
    if (positions.date === undefined || positions.description === undefined || positions.credit === undefined) continue;
    for (const spec of STATEMENT_COLUMNS) {
      if (spec.required && positions[spec.field] === undefined) {
        errors.push({
          row,
          column: spec.name,
          message: {
            vi: `Thiếu cột "${spec.name}" trong dòng tiêu đề.`,
            en: `The header row has no "${spec.name}" column (in English: ${spec.english}).`,
          },
        });
      }
    }
    return { index, positions, names: fields.map(cell), errors };
  }
  return null;
}

const amountError = (row: number, column: string, value: string): StatementError => ({
  row,
  column,
  message: {
    vi: `"${value}" không phải số tiền (đồng, số nguyên; có thể nhóm chữ số bằng dấu chấm hoặc phẩy).`,
    en: `"${value}" is not an amount (whole đồng; digits may be grouped with dots or commas).`,
  },
});

export function parseStatement(text: string): StatementParse {
  const candidates = ([';', ','] as const).map((d) => records(text, d));
  // The delimiter is the one whose rows have a readable header.
  let rows: RawRecord[] | null = null;
  let header: Header | null = null;
  for (const candidate of candidates) {
    if (Array.isArray(candidate)) {
      const h = readHeader(candidate);
      if (h) {
        rows = candidate;
        header = h;
        break;
      }
    }
  }
  if (!rows || !header) {
    // A separator that broke the file's quoting tells more than "no header".
    const broken = candidates.find((c): c is StatementError => !Array.isArray(c));
    if (broken) return { ok: false, errors: [broken] };
    return {
      ok: false,
      errors: [
        {
          row: 1,
          column: '',
          message: {
            vi: 'Không tìm thấy dòng tiêu đề: cần các cột "Ngày giao dịch", "Số tham chiếu", "Nội dung", "Ghi có", "Ghi nợ", "Số dư" (phân cách bằng dấu phẩy hoặc chấm phẩy).',
            en: 'No header row was found: it needs the columns date, reference, description, credit, debit, balance (or their Vietnamese names), separated by commas or semicolons.',
          },
        },
      ],
    };
  }
  const errors = [...header.errors];
  if (errors.length > 0) return { ok: false, errors };

  const { positions, names } = header;
  const lines: StatementLine[] = [];
  const seen = new Map<string, number>();
  const nameOf = (field: Field) => names[positions[field]!] ?? field;
  for (const { row, fields } of rows.slice(header.index + 1)) {
    const get = (field: Field) => (positions[field] === undefined ? '' : cell(fields[positions[field]!]));
    const dateText = get('date');
    const reference = get('reference');
    if (reference === '' && !/\d/.test(dateText)) continue;
    const rowErrors: StatementError[] = [];
    const fail = (field: Field, vi: string, en: string) =>
      rowErrors.push({ row, column: nameOf(field), message: { vi, en } });

    if (fields.length > names.length && fields.slice(names.length).some((f) => cell(f) !== '')) {
      rowErrors.push({
        row,
        column: '',
        message: {
          vi: `Dòng có ${fields.length} ô, nhiều hơn ${names.length} cột của dòng tiêu đề (kiểm tra dấu phân cách và dấu ngoặc kép).`,
          en: `The row has ${fields.length} fields, more than the ${names.length} columns of the header row (check separators and quotes).`,
        },
      });
    }
    const date = parseStatementDate(dateText);
    if (date === null) {
      fail(
        'date',
        `"${dateText}" không phải ngày dạng DD/MM/YYYY.`,
        `"${dateText}" is not a date in the form DD/MM/YYYY.`,
      );
    }
    if (reference === '') fail('reference', 'Thiếu số tham chiếu của giao dịch.', 'The transaction has no reference.');
    else if (reference.length > 100) {
      fail('reference', 'Số tham chiếu dài quá 100 ký tự.', 'The reference is longer than 100 characters.');
    } else if (seen.has(reference)) {
      fail(
        'reference',
        `Số tham chiếu "${reference}" trùng với dòng ${seen.get(reference)}.`,
        `The reference "${reference}" repeats the one on row ${seen.get(reference)}.`,
      );
    } else seen.set(reference, row);

    const amount = (field: 'credit' | 'debit' | 'balance') => {
      const text = get(field);
      const value = parseDong(text);
      if (value === null) rowErrors.push(amountError(row, nameOf(field), text));
      return { text, value };
    };
    const credit = amount('credit');
    const debit = amount('debit');
    const balance = amount('balance');
    if (credit.value !== null && debit.value !== null) {
      if (credit.value > 0 && debit.value > 0) {
        fail(
          'credit',
          'Một dòng chỉ ghi có hoặc ghi nợ, không cả hai.',
          'A line is either a credit or a debit, not both.',
        );
      } else if (credit.value === 0 && debit.value === 0) {
        fail('credit', 'Dòng không có số tiền ghi có hay ghi nợ.', 'The line has neither a credit nor a debit amount.');
      }
    }
    const description = get('description');
    if (description.length > 1000) {
      fail('description', 'Nội dung dài quá 1000 ký tự.', 'The description is longer than 1000 characters.');
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    lines.push({
      row,
      date: date!,
      reference,
      description,
      credit: credit.value!,
      debit: debit.value!,
      balance: balance.text === '' ? null : balance.value,
      counterAccount: get('counterAccount') || null,
      counterName: get('counterName') || null,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (lines.length === 0) {
    return {
      ok: false,
      errors: [
        {
          row: rows[header.index]!.row,
          column: '',
          message: { vi: 'Sao kê không có giao dịch nào.', en: 'The statement has no transaction.' },
        },
      ],
    };
  }
  if (lines.length > MAX_STATEMENT_LINES) {
    return {
      ok: false,
      errors: [
        {
          row: lines[MAX_STATEMENT_LINES]!.row,
          column: '',
          message: {
            vi: `Sao kê có ${lines.length} giao dịch, quá ${MAX_STATEMENT_LINES}: hãy tách theo tháng.`,
            en: `The statement has ${lines.length} transactions, over ${MAX_STATEMENT_LINES}: split it by month.`,
          },
        },
      ],
    };
  }
  return { ok: true, lines };
}
