/**
 * The member list layout a CĐCS keeps ("Danh sách đoàn viên"), as one table of columns.
 * Import, export and the template all read this table, so an export re-imports as is.
 * docs/member-import.md describes it for officers; keep the two in step.
 */
import type {
  EDUCATION_LEVELS,
  EMPLOYMENT_CATEGORIES,
  GENDERS,
  MemberInput,
  MemberStatus,
  POLITICAL_THEORY_LEVELS,
} from '@congdoan/contracts';
import { normalizeCccd } from '@congdoan/contracts';
import {
  type CellValue,
  cellText,
  collapseSpaces,
  excelDateToIso,
  excelSerialToIso,
  fold,
  foldHeader,
  isoDate,
  isoToExcelDate,
} from './text.ts';

export type { CellValue } from './text.ts';

export interface Message {
  vi: string;
  en: string;
}

/** What a column's parser makes of one cell. `value: undefined` leaves the field to the schema (its default, or "required"). */
export type CellParse = { ok: true; value: unknown } | { ok: false; message: Message };

/** The fields an import row fills: the member input, plus the application date. */
export type ImportField = keyof MemberInput | 'applicationDate';

export type ColumnKind = 'index' | 'text' | 'enum' | 'date' | 'money' | 'cccd' | 'phone' | 'email' | 'boolean';

export interface MemberColumn {
  /** Stable id: the member field it carries, or `index` for STT. */
  readonly key: ImportField | 'index' | 'cardNumber' | 'joinDate' | 'status';
  /** The header as the template and exports write it. */
  readonly header: string;
  /** Other headers accepted on import (matched like the header: case, diacritics and "(…)" hints ignored). */
  readonly aliases: readonly string[];
  /** The field an import fills; null for STT and export-only columns, which import reads past. */
  readonly field: ImportField | null;
  /** Import refuses a file without this column. */
  readonly requiredColumn: boolean;
  /** Shown only in exports (card number, join date, status); assigned by the system, never imported. */
  readonly exportOnly: boolean;
  readonly kind: ColumnKind;
  /** Excel width in characters. */
  readonly width: number;
  /** Excel number format for the column's cells. */
  readonly numFmt?: string;
  /** The values offered in the template's drop-down list (enum and yes/no columns). */
  readonly allowed?: readonly string[];
  /** One line for the "Hướng dẫn" sheet and the docs: what to enter. */
  readonly guide: Message;
  readonly parse: (cell: CellValue) => CellParse;
  /** The field's value (as a Member or MemberInput holds it) as the cell to write. */
  readonly format: (value: unknown) => CellValue;
}

// ---------------------------------------------------------------------------
// Labels of the enums, as a CĐCS writes them.

export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { male: 'Nam', female: 'Nữ' };

export const EDUCATION_LABELS: Record<(typeof EDUCATION_LEVELS)[number], string> = {
  doctorate: 'Tiến sĩ',
  master: 'Thạc sĩ',
  bachelor: 'Đại học',
  college: 'Cao đẳng',
  vocational: 'Trung cấp',
  'upper-secondary': 'THPT',
  'lower-secondary': 'THCS',
  primary: 'Tiểu học',
};

export const POLITICAL_THEORY_LABELS: Record<(typeof POLITICAL_THEORY_LEVELS)[number], string> = {
  none: 'Không',
  elementary: 'Sơ cấp',
  intermediate: 'Trung cấp',
  advanced: 'Cao cấp',
  bachelor: 'Cử nhân',
};

export const EMPLOYMENT_CATEGORY_LABELS: Record<(typeof EMPLOYMENT_CATEGORIES)[number], string> = {
  'civil-servant': 'Công chức',
  'public-employee': 'Viên chức',
  'contract-worker': 'Lao động hợp đồng',
};

export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  applicant: 'Đang xét kết nạp',
  active: 'Đang sinh hoạt',
  suspended: 'Tạm dừng sinh hoạt',
  exited: 'Đã ra khỏi tổ chức',
  rejected: 'Không được kết nạp',
};

export const YES_LABEL = 'Có';
export const NO_LABEL = 'Không';

/** Other spellings accepted on import, beside the label itself and the English code. */
const GENDER_ALIASES: Record<(typeof GENDERS)[number], readonly string[]> = {
  male: ['m', 'male', 'nam giới'],
  female: ['f', 'female', 'nữ giới'],
};
const EDUCATION_ALIASES: Record<(typeof EDUCATION_LEVELS)[number], readonly string[]> = {
  doctorate: ['Tiến sỹ', 'TS', 'PhD'],
  master: ['Thạc sỹ', 'ThS'],
  bachelor: ['ĐH', 'Cử nhân', 'Kỹ sư'],
  college: ['CĐ'],
  vocational: ['TC', 'Trung cấp chuyên nghiệp', 'TCCN'],
  'upper-secondary': ['Trung học phổ thông', '12/12', 'Cấp 3'],
  'lower-secondary': ['Trung học cơ sở', '9/12', 'Cấp 2'],
  primary: ['Cấp 1', '5/12'],
};
const POLITICAL_THEORY_ALIASES: Record<(typeof POLITICAL_THEORY_LEVELS)[number], readonly string[]> = {
  none: ['Chưa', 'Chưa có', 'Chưa qua đào tạo'],
  elementary: ['SC', 'Sơ cấp lý luận chính trị'],
  intermediate: ['TC', 'Trung cấp lý luận chính trị'],
  advanced: ['CC', 'Cao cấp lý luận chính trị'],
  bachelor: ['CN', 'Cử nhân chính trị', 'Cử nhân lý luận chính trị'],
};
const EMPLOYMENT_CATEGORY_ALIASES: Record<(typeof EMPLOYMENT_CATEGORIES)[number], readonly string[]> = {
  'civil-servant': ['CC', 'CBCC', 'Cán bộ, công chức', 'Cán bộ'],
  'public-employee': ['VC', 'CBVC', 'Cán bộ, viên chức'],
  'contract-worker': ['LĐHĐ', 'HĐLĐ', 'HĐ', 'Hợp đồng', 'Lao động', 'Người lao động', 'NLĐ', 'Lao động HĐ'],
};
const YES_ALIASES = ['x', 'yes', 'true', '1', 'đảng viên', 'là đảng viên', 'v'];
const NO_ALIASES = ['no', 'false', '0', '-', 'chưa'];

// ---------------------------------------------------------------------------
// Parsers: one cell → field value, or a Vietnamese and English message.

const ok = (value: unknown): CellParse => ({ ok: true, value });
const fail = (vi: string, en: string): CellParse => ({ ok: false, message: { vi, en } });

/** Shows a cell's text in a message, shortened. */
export function shown(cell: CellValue): string {
  const text = cell instanceof Date ? (excelDateToIso(cell) ?? cellText(cell)) : cellText(cell);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function enumParser<V extends string>(
  labels: Record<V, string>,
  aliases: Record<V, readonly string[]>,
  emptyAs: undefined | null,
): (cell: CellValue) => CellParse {
  const lookup = new Map<string, V>();
  for (const value of Object.keys(labels) as V[]) {
    for (const name of [labels[value], value, ...aliases[value]]) lookup.set(fold(name), value);
  }
  const allowed = Object.values<string>(labels).join(', ');
  return (cell) => {
    const text = cellText(cell);
    if (text === '') return ok(emptyAs);
    const value = lookup.get(fold(text));
    if (value !== undefined) return ok(value);
    return fail(
      `Giá trị "${shown(cell)}" không hợp lệ; chọn một trong: ${allowed}`,
      `"${shown(cell)}" is not allowed; use one of: ${allowed}`,
    );
  };
}

function booleanParser(cell: CellValue): CellParse {
  if (typeof cell === 'boolean') return ok(cell);
  const text = cellText(cell);
  if (text === '') return ok(undefined);
  const folded = fold(text);
  if (folded === fold(YES_LABEL) || YES_ALIASES.some((a) => fold(a) === folded)) return ok(true);
  if (folded === fold(NO_LABEL) || NO_ALIASES.some((a) => fold(a) === folded)) return ok(false);
  return fail(
    `Giá trị "${shown(cell)}" không hợp lệ; nhập "${YES_LABEL}" hoặc "${NO_LABEL}"`,
    `"${shown(cell)}" is not allowed; use "${YES_LABEL}" (yes) or "${NO_LABEL}" (no)`,
  );
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const YMD = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+Z?)?$/;

/** Excel dates, Excel serial numbers, dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd. Empty → null. */
export function parseDateCell(cell: CellValue): CellParse {
  const bad = () =>
    fail(
      `Ngày "${shown(cell)}" không hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 15/03/1985`,
      `Invalid date "${shown(cell)}"; use dd/mm/yyyy, for example 15/03/1985`,
    );
  if (cell instanceof Date || typeof cell === 'number') {
    const iso = cell instanceof Date ? excelDateToIso(cell) : excelSerialToIso(cell);
    return iso ? ok(iso) : bad();
  }
  const text = cellText(cell);
  if (text === '') return ok(null);
  let m = DMY.exec(text);
  if (m) {
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    return iso ? ok(iso) : bad();
  }
  m = YMD.exec(text);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? ok(iso) : bad();
  }
  return bad();
}

/**
 * Money in đồng: a number, or text such as "5.200.000", "5,200,000", "5 200 000",
 * "5.200.000 đ" or "5200000 VND". The sign is kept so the schema reports negatives.
 */
export function parseMoneyCell(cell: CellValue): CellParse {
  if (typeof cell === 'number') return ok(cell);
  const text = cellText(cell);
  if (text === '') return ok(undefined);
  const bad = () =>
    fail(
      `Số tiền "${shown(cell)}" không hợp lệ; nhập số đồng, ví dụ 5200000 hoặc 5.200.000`,
      `Invalid amount "${shown(cell)}"; enter whole đồng, for example 5200000 or 5.200.000`,
    );
  let s = text
    .replace(/(đồng|đ|vnđ|vnd)$/i, '')
    .replace(/[\s']/g, '')
    .trim();
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('(') && s.endsWith(')')) {
    sign = -1;
    s = s.slice(1, -1);
  }
  let digits: string | null = null;
  if (/^\d+$/.test(s)) digits = s;
  else {
    // Thousands grouped with one separator, optionally followed by a zero fraction with the other.
    const grouped = /^(\d{1,3}([.,])\d{3}(?:\2\d{3})*)(?:[.,](\d+))?$/.exec(s);
    if (grouped) {
      const [, intPart, sep, fraction] = grouped;
      const fractionSep = fraction === undefined ? null : s.charAt(s.length - fraction.length - 1);
      if (fraction === undefined) digits = intPart!.split(sep!).join('');
      else if (fractionSep !== sep && /^0+$/.test(fraction)) digits = intPart!.split(sep!).join('');
      else if (fractionSep !== sep) {
        return fail(
          `Số tiền "${shown(cell)}" có phần lẻ; nhập số đồng nguyên`,
          `Amount "${shown(cell)}" has a fraction; enter whole đồng`,
        );
      }
    } else if (/^\d+[.,]\d{1,2}$/.test(s)) {
      const n = Number(s.replace(',', '.'));
      return ok(sign * n);
    }
  }
  if (digits === null) return bad();
  return ok(sign * Number(digits));
}

/**
 * CCCD: 12 digits. A number cell has lost its leading zeros (province codes start 0xx),
 * so 10 or 11 digits are left-padded; text is never padded, since there the zero may
 * simply be missing.
 */
export function parseCccdCell(cell: CellValue): CellParse {
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell > 0) {
      const digits = String(cell);
      if (digits.length >= 10 && digits.length <= 12) return ok(digits.padStart(12, '0'));
    }
    return fail(
      `Số CCCD "${shown(cell)}" không hợp lệ; CCCD gồm đúng 12 chữ số`,
      `CCCD "${shown(cell)}" is invalid; a CCCD has exactly 12 digits`,
    );
  }
  const text = cellText(cell).replace(/^'/, '');
  if (text === '') return ok(undefined);
  if (/^\d+(?:[.,]\d+)?e\+?\d+$/i.test(text)) {
    return fail(
      `Số CCCD "${shown(cell)}" đã bị Excel đổi sang dạng số mũ và mất chữ số; định dạng cột là Văn bản (Text) rồi nhập lại`,
      `CCCD "${shown(cell)}" was turned into scientific notation by Excel and lost digits; format the column as Text and re-enter it`,
    );
  }
  // The one CCCD rule (contracts' `normalizeCccd`): spaces and dots go, then 12 digits.
  const digits = normalizeCccd(text);
  if (!/^\d+$/.test(digits)) {
    return fail(
      `Số CCCD "${shown(cell)}" chỉ được gồm chữ số (12 chữ số; dấu cách và dấu chấm được bỏ qua)`,
      `CCCD "${shown(cell)}" must be digits only (12 digits; spaces and dots are ignored)`,
    );
  }
  if (digits.length !== 12) {
    const hint = digits.length === 11 || digits.length === 10 ? '; nếu Excel đã bỏ số 0 ở đầu, hãy bổ sung' : '';
    const hintEn = digits.length === 11 || digits.length === 10 ? '; if Excel dropped a leading zero, add it back' : '';
    return fail(
      `Số CCCD phải gồm đúng 12 chữ số (đang có ${digits.length} chữ số: "${digits}")${hint}`,
      `A CCCD has exactly 12 digits ("${digits}" has ${digits.length})${hintEn}`,
    );
  }
  return ok(digits);
}

const PHONE = /^(\+84|0)\d{9,10}$/;

/** Vietnamese phone numbers; a number cell has lost its leading 0. Empty → null. */
export function parsePhoneCell(cell: CellValue): CellParse {
  let s: string;
  if (typeof cell === 'number' && Number.isInteger(cell) && cell > 0) {
    s = String(cell);
    if (s.length === 9 || s.length === 10) s = `0${s}`;
  } else {
    s = cellText(cell)
      .replace(/^'/, '')
      .replace(/[\s.()-]/g, '');
    if (s === '') return ok(null);
  }
  if (/^0084\d{9,10}$/.test(s)) s = `+${s.slice(2)}`;
  else if (/^84\d{9,10}$/.test(s)) s = `+${s}`;
  if (PHONE.test(s)) return ok(s);
  return fail(
    `Số điện thoại "${shown(cell)}" không hợp lệ; nhập dạng 0xxxxxxxxx hoặc +84xxxxxxxxx`,
    `Invalid phone number "${shown(cell)}"; use 0xxxxxxxxx or +84xxxxxxxxx`,
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseEmailCell(cell: CellValue): CellParse {
  const s = cellText(cell).replace(/^mailto:/i, '');
  if (s === '') return ok(null);
  if (EMAIL.test(s)) return ok(s);
  return fail(`Email "${shown(cell)}" không hợp lệ`, `Invalid email "${shown(cell)}"`);
}

function textParser(emptyAs: undefined | null) {
  return (cell: CellValue): CellParse => {
    if (cell instanceof Date) return fail('Ô này phải là chữ, không phải ngày', 'This cell must be text, not a date');
    const s = collapseSpaces(cellText(cell));
    return ok(s === '' ? emptyAs : s);
  };
}

/** "kinh", "KINH" → "Kinh"; "ê đê" → "Ê Đê"; text in mixed case is kept as written. */
function parseEthnicityCell(cell: CellValue): CellParse {
  const parsed = textParser(undefined)(cell);
  if (!parsed.ok || typeof parsed.value !== 'string') return parsed;
  const s = parsed.value;
  if (s !== s.toLowerCase() && s !== s.toUpperCase()) return parsed;
  return ok(
    s
      .toLowerCase()
      .split(' ')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' '),
  );
}

// ---------------------------------------------------------------------------
// Formatters: field value → cell.

const asText = (value: unknown): CellValue =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : String(value);

const asDate = (value: unknown): CellValue => {
  if (typeof value !== 'string' || value === '') return null;
  return isoToExcelDate(value) ?? value;
};

const asLabel =
  (labels: Record<string, string>) =>
  (value: unknown): CellValue =>
    typeof value === 'string' ? (labels[value] ?? value) : null;

const asYesNo = (value: unknown): CellValue => (value === true ? YES_LABEL : value === false ? NO_LABEL : null);

const asMoney = (value: unknown): CellValue => (typeof value === 'number' ? value : null);

const labelsOf = (labels: Record<string, string>) => Object.values(labels);

// ---------------------------------------------------------------------------
// The layout.

const DATE_FMT = 'dd/mm/yyyy';
const TEXT_FMT = '@';
const MONEY_FMT = '#,##0';

export const MEMBER_COLUMNS: readonly MemberColumn[] = [
  {
    key: 'index',
    header: 'STT',
    aliases: ['TT', 'Số TT', 'Số thứ tự'],
    field: null,
    requiredColumn: false,
    exportOnly: false,
    kind: 'index',
    width: 6,
    guide: { vi: 'Số thứ tự; không bắt buộc, bỏ qua khi nhập.', en: 'Row number; optional, ignored on import.' },
    parse: () => ok(undefined),
    format: asText,
  },
  {
    key: 'fullName',
    header: 'Họ và tên',
    aliases: ['Họ tên', 'Họ và tên đoàn viên', 'Tên đoàn viên', 'Full name'],
    field: 'fullName',
    requiredColumn: true,
    exportOnly: false,
    kind: 'text',
    width: 26,
    guide: { vi: 'Bắt buộc; 2–100 ký tự, có dấu.', en: 'Required; 2–100 characters, with diacritics.' },
    parse: textParser(undefined),
    format: asText,
  },
  {
    key: 'gender',
    header: 'Giới tính',
    aliases: ['Phái', 'Nam/Nữ', 'Gender'],
    field: 'gender',
    requiredColumn: true,
    exportOnly: false,
    kind: 'enum',
    width: 10,
    allowed: labelsOf(GENDER_LABELS),
    guide: { vi: 'Bắt buộc; Nam hoặc Nữ.', en: 'Required; Nam (male) or Nữ (female).' },
    parse: enumParser(GENDER_LABELS, GENDER_ALIASES, undefined),
    format: asLabel(GENDER_LABELS),
  },
  {
    key: 'dateOfBirth',
    header: 'Ngày sinh',
    aliases: ['Ngày tháng năm sinh', 'Ngày, tháng, năm sinh', 'Sinh ngày', 'Date of birth'],
    field: 'dateOfBirth',
    requiredColumn: true,
    exportOnly: false,
    kind: 'date',
    width: 12,
    numFmt: DATE_FMT,
    guide: { vi: 'Bắt buộc; ngày dạng dd/mm/yyyy, ví dụ 15/03/1985.', en: 'Required; a date, dd/mm/yyyy.' },
    parse: (cell) => {
      const parsed = parseDateCell(cell);
      return parsed.ok && parsed.value === null ? ok(undefined) : parsed;
    },
    format: asDate,
  },
  {
    key: 'cccd',
    header: 'Số CCCD',
    aliases: [
      'CCCD',
      'Căn cước công dân',
      'Số căn cước công dân',
      'Số căn cước',
      'Số CCCD/ĐDCN',
      'Số định danh cá nhân',
      'Số định danh',
    ],
    field: 'cccd',
    requiredColumn: true,
    exportOnly: false,
    kind: 'cccd',
    width: 16,
    numFmt: TEXT_FMT,
    guide: {
      vi: 'Bắt buộc; đúng 12 chữ số. Định dạng cột là Văn bản (Text) để giữ số 0 ở đầu.',
      en: 'Required; exactly 12 digits. Format the column as Text to keep leading zeros.',
    },
    parse: parseCccdCell,
    format: asText,
  },
  {
    key: 'ethnicity',
    header: 'Dân tộc',
    aliases: ['Ethnicity'],
    field: 'ethnicity',
    requiredColumn: false,
    exportOnly: false,
    kind: 'text',
    width: 10,
    guide: { vi: 'Để trống là "Kinh".', en: 'Blank means "Kinh".' },
    parse: parseEthnicityCell,
    format: asText,
  },
  {
    key: 'phone',
    header: 'Số điện thoại',
    aliases: ['Điện thoại', 'SĐT', 'Số ĐT', 'ĐT', 'Di động', 'Phone'],
    field: 'phone',
    requiredColumn: false,
    exportOnly: false,
    kind: 'phone',
    width: 14,
    numFmt: TEXT_FMT,
    guide: { vi: 'Không bắt buộc; 0xxxxxxxxx hoặc +84xxxxxxxxx.', en: 'Optional; 0xxxxxxxxx or +84xxxxxxxxx.' },
    parse: parsePhoneCell,
    format: asText,
  },
  {
    key: 'email',
    header: 'Email',
    aliases: ['E-mail', 'Thư điện tử', 'Địa chỉ email'],
    field: 'email',
    requiredColumn: false,
    exportOnly: false,
    kind: 'email',
    width: 26,
    guide: { vi: 'Không bắt buộc.', en: 'Optional.' },
    parse: parseEmailCell,
    format: asText,
  },
  {
    key: 'educationLevel',
    header: 'Trình độ học vấn',
    aliases: ['Trình độ', 'Trình độ chuyên môn', 'Trình độ đào tạo', 'Học vấn', 'Education'],
    field: 'educationLevel',
    requiredColumn: true,
    exportOnly: false,
    kind: 'enum',
    width: 16,
    allowed: labelsOf(EDUCATION_LABELS),
    guide: {
      vi: 'Bắt buộc; trình độ cao nhất: Tiến sĩ, Thạc sĩ, Đại học, Cao đẳng, Trung cấp, THPT, THCS, Tiểu học.',
      en: 'Required; the highest level: doctorate, master, bachelor, college, vocational, upper/lower secondary, primary.',
    },
    parse: enumParser(EDUCATION_LABELS, EDUCATION_ALIASES, undefined),
    format: asLabel(EDUCATION_LABELS),
  },
  {
    key: 'professionalQualification',
    header: 'Chuyên môn',
    aliases: ['Chuyên ngành', 'Chuyên ngành đào tạo', 'Chuyên môn đào tạo', 'Chuyên môn nghiệp vụ'],
    field: 'professionalQualification',
    requiredColumn: false,
    exportOnly: false,
    kind: 'text',
    width: 24,
    guide: { vi: 'Không bắt buộc; chuyên ngành đào tạo, ví dụ "Kinh tế".', en: 'Optional; field of study.' },
    parse: textParser(null),
    format: asText,
  },
  {
    key: 'politicalTheoryLevel',
    header: 'Lý luận chính trị',
    aliases: ['Trình độ lý luận chính trị', 'Trình độ LLCT', 'LLCT', 'Chính trị'],
    field: 'politicalTheoryLevel',
    requiredColumn: false,
    exportOnly: false,
    kind: 'enum',
    width: 16,
    allowed: labelsOf(POLITICAL_THEORY_LABELS),
    guide: {
      vi: 'Không, Sơ cấp, Trung cấp, Cao cấp, Cử nhân; để trống là "Không".',
      en: 'None, elementary, intermediate, advanced, bachelor; blank means none.',
    },
    parse: enumParser(POLITICAL_THEORY_LABELS, POLITICAL_THEORY_ALIASES, undefined),
    format: asLabel(POLITICAL_THEORY_LABELS),
  },
  {
    key: 'employmentCategory',
    header: 'Đối tượng',
    aliases: ['Đối tượng CCVCLĐ', 'Loại đối tượng', 'Phân loại', 'Đối tượng CBCCVC'],
    field: 'employmentCategory',
    requiredColumn: true,
    exportOnly: false,
    kind: 'enum',
    width: 18,
    allowed: labelsOf(EMPLOYMENT_CATEGORY_LABELS),
    guide: {
      vi: 'Bắt buộc; Công chức, Viên chức hoặc Lao động hợp đồng.',
      en: 'Required; civil servant, public employee or contract worker.',
    },
    parse: enumParser(EMPLOYMENT_CATEGORY_LABELS, EMPLOYMENT_CATEGORY_ALIASES, undefined),
    format: asLabel(EMPLOYMENT_CATEGORY_LABELS),
  },
  {
    key: 'jobTitle',
    header: 'Chức vụ',
    aliases: ['Chức danh', 'Chức vụ, chức danh', 'Chức vụ chính quyền', 'Vị trí công tác', 'Job title'],
    field: 'jobTitle',
    requiredColumn: false,
    exportOnly: false,
    kind: 'text',
    width: 22,
    guide: { vi: 'Không bắt buộc; chức vụ hoặc chức danh chính quyền.', en: 'Optional; job title.' },
    parse: textParser(null),
    format: asText,
  },
  {
    key: 'partyMember',
    header: 'Đảng viên',
    aliases: ['Là đảng viên', 'Đảng viên ĐCSVN'],
    field: 'partyMember',
    requiredColumn: false,
    exportOnly: false,
    kind: 'boolean',
    width: 10,
    allowed: [YES_LABEL, NO_LABEL],
    guide: { vi: 'Có hoặc Không; để trống là "Không".', en: 'Có (yes) or Không (no); blank means no.' },
    parse: booleanParser,
    format: asYesNo,
  },
  {
    key: 'partyJoinDate',
    header: 'Ngày vào Đảng',
    aliases: ['Ngày kết nạp Đảng', 'Ngày vào Đảng CSVN'],
    field: 'partyJoinDate',
    requiredColumn: false,
    exportOnly: false,
    kind: 'date',
    width: 13,
    numFmt: DATE_FMT,
    guide: { vi: 'Chỉ điền khi là Đảng viên; dd/mm/yyyy.', en: 'Only for Party members; dd/mm/yyyy.' },
    parse: parseDateCell,
    format: asDate,
  },
  {
    key: 'duesSalary',
    header: 'Lương đóng đoàn phí (đồng)',
    aliases: [
      'Lương đóng đoàn phí',
      'Mức lương đóng đoàn phí',
      'Tiền lương đóng đoàn phí',
      'Lương làm căn cứ đóng đoàn phí',
      'Tiền lương đóng BHXH',
      'Lương đóng BHXH',
      'Mức lương',
      'Lương',
    ],
    field: 'duesSalary',
    requiredColumn: true,
    exportOnly: false,
    kind: 'money',
    width: 16,
    numFmt: MONEY_FMT,
    guide: {
      vi: 'Bắt buộc; tiền lương làm căn cứ đóng đoàn phí hằng tháng, số đồng nguyên, ví dụ 8564400 hoặc 8.564.400.',
      en: 'Required; the monthly salary dues are computed on, whole đồng.',
    },
    parse: parseMoneyCell,
    format: asMoney,
  },
  {
    key: 'applicationDate',
    header: 'Ngày nộp đơn',
    aliases: ['Ngày làm đơn', 'Ngày nộp đơn gia nhập', 'Ngày đơn'],
    field: 'applicationDate',
    requiredColumn: false,
    exportOnly: false,
    kind: 'date',
    width: 13,
    numFmt: DATE_FMT,
    guide: {
      vi: 'Không bắt buộc; ngày nộp đơn gia nhập Công đoàn, dd/mm/yyyy.',
      en: 'Optional; date of the membership application, dd/mm/yyyy.',
    },
    parse: parseDateCell,
    format: asDate,
  },
  {
    key: 'cardNumber',
    header: 'Số thẻ đoàn viên',
    aliases: ['Số thẻ', 'Số thẻ ĐV', 'Mã thẻ'],
    field: null,
    requiredColumn: false,
    exportOnly: true,
    kind: 'text',
    width: 14,
    numFmt: TEXT_FMT,
    guide: { vi: 'Chỉ có trong tệp xuất; hệ thống cấp, bỏ qua khi nhập.', en: 'Export only; ignored on import.' },
    parse: () => ok(undefined),
    format: asText,
  },
  {
    key: 'joinDate',
    header: 'Ngày vào Công đoàn',
    aliases: ['Ngày kết nạp', 'Ngày kết nạp Công đoàn', 'Ngày gia nhập Công đoàn'],
    field: null,
    requiredColumn: false,
    exportOnly: true,
    kind: 'date',
    width: 13,
    numFmt: DATE_FMT,
    guide: { vi: 'Chỉ có trong tệp xuất; bỏ qua khi nhập.', en: 'Export only; ignored on import.' },
    parse: () => ok(undefined),
    format: asDate,
  },
  {
    key: 'status',
    header: 'Trạng thái',
    aliases: ['Tình trạng'],
    field: null,
    requiredColumn: false,
    exportOnly: true,
    kind: 'enum',
    width: 18,
    guide: { vi: 'Chỉ có trong tệp xuất; bỏ qua khi nhập.', en: 'Export only; ignored on import.' },
    parse: () => ok(undefined),
    format: asLabel(MEMBER_STATUS_LABELS),
  },
];

/** The columns of the import template (everything but the export-only ones). */
export const TEMPLATE_COLUMNS: readonly MemberColumn[] = MEMBER_COLUMNS.filter((c) => !c.exportOnly);

const BY_HEADER = new Map<string, MemberColumn>();
for (const column of MEMBER_COLUMNS) {
  for (const name of [column.header, ...column.aliases]) {
    const key = foldHeader(name);
    const taken = BY_HEADER.get(key);
    if (taken && taken !== column) throw new Error(`header "${name}" is claimed by ${taken.key} and ${column.key}`);
    BY_HEADER.set(key, column);
  }
}

/** The column a header names, ignoring case, diacritics, punctuation and any "(…)" hint. */
export function columnForHeader(header: string): MemberColumn | undefined {
  const key = foldHeader(header);
  return key === '' ? undefined : BY_HEADER.get(key);
}

export function columnForField(field: string): MemberColumn | undefined {
  return MEMBER_COLUMNS.find((c) => c.field === field);
}

export const MEMBER_SHEET_NAME = 'Danh sách đoàn viên';
export const GUIDE_SHEET_NAME = 'Hướng dẫn';
