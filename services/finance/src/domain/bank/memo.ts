import type { Month } from '@congdoan/contracts';

/**
 * Reads a bank transfer's memo (nội dung chuyển khoản) for the levy: the payer's
 * tax ID (MST) and the month(s) paid for. Pure and forgiving, because memos are
 * typed by hand and rewritten by banks: upper case, diacritics dropped, cut off
 * after some 100–210 characters.
 *
 * Understood (after folding to lower case without diacritics, `đ` → `d`):
 * - tax ID: `MST 2400312468`, `MST:`, `MST.`, `mst-`, `ma so thue`, a branch `0100109106-001`;
 *   without any of these words, a lone 10-digit (or 10-3) number when the memo speaks of the levy;
 * - months: `thang 03/2025`, `T3/2025`, `th3.2025`, `thang 3 nam 2025`, `03-2025`, `T3/25`,
 *   lists and ranges `thang 1,2,3/2025`, `thang 1-3/2025`, `thang 1 va 2/2025`,
 *   `tu thang 11/2024 den thang 2/2025`, quarters `quy I/2025`, `quy 2 nam 2025`, `Q3/2025`,
 *   halves `6 thang dau nam 2025`, `6 thang cuoi nam 2025`, and `ca nam 2025`.
 *
 * A two-digit year `20` closing the memo is read as a cut-off `20xx`, not 2020.
 * A month without a year is not guessed: a memo cut off in the middle of a list
 * ("thang 1,2,3/2025" → "thang 1,2") would otherwise put a quarter's transfer on
 * one month. Such a memo gives no month and goes to review.
 */
export interface ParsedMemo {
  /** The one tax ID found, or null when none or several. */
  taxId: string | null;
  /** Every distinct tax ID found, in order of appearance. */
  taxIds: string[];
  /** Whether the tax ID was written after `MST` (or `mã số thuế`), rather than guessed from a lone number. */
  taxIdLabelled: boolean;
  /** Distinct months, ascending. */
  months: Month[];
  /** Mentions the levy: `KPCĐ`, `kinh phí công đoàn`, `KP công đoàn`. */
  mentionsLevy: boolean;
  /** Mentions member dues (`đoàn phí`), which are not the levy. */
  mentionsDues: boolean;
  /** Mentions a penalty or late interest (`phạt`, `chậm nộp`, `lãi`). */
  mentionsPenalty: boolean;
}

const MARKS = /[\u0300-\u036f]/g;

/** Lower case, no diacritics, đ → d; anything but letters, digits and `/ . , - : + &` becomes a space. */
export function foldMemo(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9/.,:+&-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

const pad = (n: number) => String(n).padStart(2, '0');
const monthOfParts = (year: number, month: number) => `${year}-${pad(month)}` as Month;

function fullYear(text: string): number | null {
  const n = Number(text);
  const year = text.length === 2 ? 2000 + n : n;
  return year >= MIN_YEAR && year <= MAX_YEAR && (text.length === 2 || text.length === 4) ? year : null;
}

const validMonth = (n: number) => Number.isInteger(n) && n >= 1 && n <= 12;

/* ---------- tax IDs ---------- */

const TAX_ID = String.raw`(\d{10}(?:\s?-\s?\d{3})?)(?![\d])`;
/** `mst`, `ma so thue`, `ma st`, `masothue`, followed by `:`, `.`, `-`, `#`, `so` or spaces. */
const LABELLED_TAX_ID = new RegExp(
  String.raw`(?:^|[^a-z])(?:mst|ma\s?so\s?thue|ma\s?st)\s*(?:so\s*)?[:.#-]?\s*${TAX_ID}`,
  'g',
);
const BARE_TAX_ID = new RegExp(String.raw`(?<![\d.,/-])${TAX_ID}`, 'g');

const cleanTaxId = (raw: string) => raw.replace(/\s/g, '');

interface TaxIdsFound {
  ids: string[];
  labelled: boolean;
  /** Where the digits stand, so they are not read again as months. */
  spans: [number, number][];
}

function taxIdsIn(folded: string, mentionsLevy: boolean): TaxIdsFound {
  const read = (re: RegExp) =>
    [...folded.matchAll(re)].map((m) => {
      const start = m.index + m[0].length - m[1]!.length;
      return { id: cleanTaxId(m[1]!), span: [start, start + m[1]!.length] as [number, number] };
    });
  let found = read(LABELLED_TAX_ID);
  const labelled = found.length > 0;
  if (!labelled) found = mentionsLevy ? read(BARE_TAX_ID) : [];
  return { ids: [...new Set(found.map((f) => f.id))], labelled, spans: found.map((f) => f.span) };
}

/* ---------- months ---------- */

interface Found {
  start: number;
  end: number;
  months: Month[];
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const SEP = String.raw`(?:\s*[/.-]\s*|\s+nam\s+|\s+)`;
/** Four digits after any separator; two (`T3/25`) only right after `/`, `.` or `-`. */
const YEAR = String.raw`(\d{4}|(?<=[/.-]\s?)\d{2})(?![\d])`;
const ITEM = String.raw`\d{1,2}`;
const JOIN = String.raw`(?:\s*(?:,|;|&|\+|-|den|toi|va)\s*(?:thang\s*|th\s*|t\s*)?)`;
/** A month marker, then a list or range of months, then the year: `thang 1,2,3/2025`, `t3/25`, `thang 3 nam 2025`. */
const MONTH_LIST = new RegExp(String.raw`(?<![a-z])(?:thang|th|t)\.?\s*(${ITEM}(?:${JOIN}${ITEM})*)${SEP}${YEAR}`, 'g');
/** A bare `03/2025` or `3-2025`, not the tail of a date such as `15/03/2025`. */
const BARE_MONTH = /(?<![\d/.-])(\d{1,2})\s?[/.-]\s?(\d{4})(?![\d])/g;
const QUARTER = new RegExp(String.raw`(?<![a-z])(?:quy|q)\s*(iv|iii|ii|i|[1-4])(?![a-z\d])${SEP}${YEAR}`, 'g');
const HALF = /(?<![a-z\d])6 thang (dau|cuoi) nam (\d{4})(?!\d)/g;
const WHOLE_YEAR = /(?<![a-z])ca nam (\d{4})(?!\d)/g;
/** What may stand between two month expressions that make a range: `den`, `toi`, `-`, `->`. */
const RANGE_GAP = /^\s*(?:-|->|den|toi)\s*$/;

function monthsOfList(list: string, year: number): Month[] | null {
  const out: Month[] = [];
  const parts = list.split(/\s*(,|;|&|\+|-|den|toi|va)\s*(?:thang\s*|th\s*|t\s*)?/);
  // parts: item, joiner, item, joiner, item...
  let previous: number | null = null;
  let pendingRange = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1) {
      pendingRange = part === '-' || part === 'den' || part === 'toi';
      continue;
    }
    const n = Number(part);
    if (!validMonth(n)) return null;
    if (pendingRange && previous !== null) {
      if (n < previous) return null;
      for (let m = previous + 1; m <= n; m++) out.push(monthOfParts(year, m));
    } else {
      out.push(monthOfParts(year, n));
    }
    previous = n;
    pendingRange = false;
  }
  return out;
}

function rangeMonths(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 36; guard++) {
    const month = monthOfParts(y, m);
    out.push(month);
    if (month === to) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return [];
}

function overlaps(found: Found[], start: number, end: number): boolean {
  return found.some((f) => start < f.end && end > f.start);
}

function monthsIn(folded: string): Month[] {
  const found: Found[] = [];
  const add = (start: number, end: number, months: Month[] | null) => {
    if (!months || months.length === 0 || overlaps(found, start, end)) return;
    found.push({ start, end, months });
  };

  for (const m of folded.matchAll(QUARTER)) {
    const q = ROMAN[m[1]!] ?? Number(m[1]);
    const year = fullYear(m[2]!);
    if (year === null) continue;
    add(
      m.index,
      m.index + m[0].length,
      [1, 2, 3].map((k) => monthOfParts(year, (q - 1) * 3 + k)),
    );
  }
  for (const m of folded.matchAll(HALF)) {
    const year = fullYear(m[2]!);
    if (year === null) continue;
    const first = m[1] === 'dau' ? 1 : 7;
    add(
      m.index,
      m.index + m[0].length,
      [0, 1, 2, 3, 4, 5].map((k) => monthOfParts(year, first + k)),
    );
  }
  for (const m of folded.matchAll(WHOLE_YEAR)) {
    const year = fullYear(m[1]!);
    if (year === null) continue;
    add(
      m.index,
      m.index + m[0].length,
      Array.from({ length: 12 }, (_, k) => monthOfParts(year, k + 1)),
    );
  }
  for (const m of folded.matchAll(MONTH_LIST)) {
    const year = fullYear(m[2]!);
    if (year === null) continue;
    // "T3/20" closing the memo is most likely "T3/2025" cut off by the bank, not March 2020.
    if (m[2] === '20' && folded.slice(m.index + m[0].length).trim() === '') continue;
    add(m.index, m.index + m[0].length, monthsOfList(m[1]!, year));
  }
  for (const m of folded.matchAll(BARE_MONTH)) {
    const n = Number(m[1]);
    const year = fullYear(m[2]!);
    if (year === null || !validMonth(n)) continue;
    add(m.index, m.index + m[0].length, [monthOfParts(year, n)]);
  }

  found.sort((a, b) => a.start - b.start);
  const months: Month[] = [];
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    const next = found[i + 1];
    // "tu thang 11/2024 den thang 2/2025": two single months joined by "den" make a range.
    if (
      next &&
      f.months.length === 1 &&
      next.months.length === 1 &&
      RANGE_GAP.test(folded.slice(f.end, next.start)) &&
      next.months[0]! > f.months[0]!
    ) {
      const range = rangeMonths(f.months[0]!, next.months[0]!);
      if (range.length > 0) {
        months.push(...range);
        i++;
        continue;
      }
    }
    months.push(...f.months);
  }
  return [...new Set(months)].sort();
}

/* ---------- the memo ---------- */

const LEVY = /(?<![a-z])(?:kpcd|kp ?cd|kinh phi cong doan|kinh phi cd|kp cong doan|k ?p ?c ?d)(?![a-z])/;
const DUES = /(?<![a-z])(?:doan phi|dp cd|doan phi cong doan)(?![a-z])/;
const PENALTY = /(?<![a-z])(?:phat|cham nop|lai cham|tien lai)(?![a-z])/;

export function parseMemo(memo: string): ParsedMemo {
  const folded = foldMemo(memo);
  const mentionsLevy = LEVY.test(folded);
  const { ids, labelled, spans } = taxIdsIn(folded, mentionsLevy);
  // A tax ID's digits must not be read as months: blank them out first (same length, so positions hold).
  let rest = folded;
  for (const [start, end] of spans) rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
  return {
    taxId: ids.length === 1 ? ids[0]! : null,
    taxIds: ids,
    taxIdLabelled: labelled,
    months: monthsIn(rest),
    mentionsLevy,
    mentionsDues: DUES.test(folded),
    mentionsPenalty: PENALTY.test(folded),
  };
}
