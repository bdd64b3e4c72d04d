/** Exports: a member list in the import layout (so it re-imports), and the statistics report. */
import type {
  AGE_BANDS,
  EDUCATION_LEVELS,
  EMPLOYMENT_CATEGORIES,
  EXIT_REASONS,
  Member,
  POLITICAL_THEORY_LEVELS,
} from '@congdoan/contracts';
import {
  EDUCATION_LABELS,
  EMPLOYMENT_CATEGORY_LABELS,
  MEMBER_COLUMNS,
  MEMBER_SHEET_NAME,
  POLITICAL_THEORY_LABELS,
} from './layout.ts';
import { BORDER, HEADER_FILL, writeMemberTable } from './member-sheet.ts';
import { vnDay } from './text.ts';
import { newWorkbook, toBuffer, type Worksheet } from './xlsx.ts';

export interface MemberExportMeta {
  /** The unit whose list this is, e.g. "Công đoàn cơ sở Liên hiệp các Hội Khoa học và Kỹ thuật". */
  unitName: string;
  /** ISO timestamp (or date) of the export; shown as the day in Việt Nam. */
  generatedAt: string;
}

/** The export's header row: three title rows sit above it. */
export const EXPORT_HEADER_ROW = 4;

function titleRows(ws: Worksheet, width: number, lines: { text: string; bold?: boolean; size?: number }[]) {
  lines.forEach((line, i) => {
    const row = i + 1;
    ws.mergeCells(row, 1, row, width);
    const cell = ws.getCell(row, 1);
    cell.value = line.text;
    cell.font = { bold: line.bold ?? false, size: line.size ?? 11 };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
}

/**
 * The member list, in the layout of the import template plus three read-only columns
 * (card number, join date, status) that import reads past. Masked members keep their
 * masks (`••••••••1234`, no salary); such a file cannot be re-imported, and says so.
 */
export async function exportMembersXlsx(members: readonly Member[], meta: MemberExportMeta): Promise<Buffer> {
  const wb = await newWorkbook();
  const parsedAt = Date.parse(meta.generatedAt);
  if (!Number.isNaN(parsedAt)) wb.created = new Date(parsedAt);
  const ws = wb.addWorksheet(MEMBER_SHEET_NAME, {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const masked = members.some((m) => m.masked);
  const summary = `Ngày xuất: ${vnDay(meta.generatedAt)} — Số đoàn viên: ${members.length}`;
  titleRows(ws, MEMBER_COLUMNS.length, [
    { text: 'DANH SÁCH ĐOÀN VIÊN', bold: true, size: 14 },
    { text: meta.unitName, bold: true, size: 12 },
    {
      text: masked
        ? `${summary}. Số CCCD và lương đã được che theo quyền của người xuất; tệp này không dùng để nhập lại.`
        : summary,
    },
  ]);
  writeMemberTable(ws, MEMBER_COLUMNS, members as unknown as readonly Record<string, unknown>[], EXPORT_HEADER_ROW);
  return toBuffer(wb);
}

// ---------------------------------------------------------------------------
// Statistics report.

type EducationLevel = (typeof EDUCATION_LEVELS)[number];
type PoliticalTheoryLevel = (typeof POLITICAL_THEORY_LEVELS)[number];
type EmploymentCategory = (typeof EMPLOYMENT_CATEGORIES)[number];
type AgeBand = (typeof AGE_BANDS)[number];
type ExitReason = (typeof EXIT_REASONS)[number];

/** A unit subtree's member statistics as of a date, as the statistics use case computes them. */
export interface StatisticsReport {
  unitName: string;
  /** ISO date the counts are as of. */
  asOf: string;
  totals: { members: number; women: number; partyMembers: number; suspended?: number };
  byEducation: Partial<Record<EducationLevel, number>>;
  byPoliticalTheory: Partial<Record<PoliticalTheoryLevel, number>>;
  byCategory: Partial<Record<EmploymentCategory, number>>;
  byAgeBand: Partial<Record<AgeBand, number>>;
  /** Ethnicity → members. */
  byEthnicity: Readonly<Record<string, number>>;
  /** Admissions and exits in a period (ISO dates, inclusive). */
  movements?: {
    from: string;
    to: string;
    admissions: number;
    exits: number;
    exitsByReason?: Partial<Record<ExitReason, number>>;
  } | null;
  /** Anything else to show, as titled lists of figures. */
  extraSections?: readonly { title: string; rows: readonly { label: string; value: number }[] }[];
  /** ISO timestamp of the report. */
  generatedAt?: string;
}

export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  'under-30': 'Dưới 30 tuổi',
  '30-39': 'Từ 30 đến 39 tuổi',
  '40-49': 'Từ 40 đến 49 tuổi',
  '50-59': 'Từ 50 đến 59 tuổi',
  '60-plus': 'Từ 60 tuổi trở lên',
};

export const EXIT_REASON_LABELS: Record<ExitReason, string> = {
  retired: 'Nghỉ hưu',
  'moved-out': 'Chuyển ra ngoài hệ thống Công đoàn',
  resigned: 'Xin ra khỏi tổ chức',
  'unpaid-dues': 'Xóa tên (không đóng đoàn phí)',
  expelled: 'Khai trừ',
  deceased: 'Từ trần',
  'unit-dissolved': 'Giải thể đơn vị',
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

interface Section {
  title: string;
  rows: { label: string; value: number }[];
  /** Show each row as a share of all members. */
  share: boolean;
}

function enumRows<K extends string>(labels: Record<K, string>, counts: Partial<Record<K, number>>) {
  return (Object.keys(labels) as K[]).map((k) => ({ label: labels[k], value: counts[k] ?? 0 }));
}

const collator = new Intl.Collator('vi');

function sections(report: StatisticsReport): Section[] {
  const t = report.totals;
  const out: Section[] = [
    {
      title: 'Tổng hợp',
      share: true,
      rows: [
        { label: 'Tổng số đoàn viên', value: t.members },
        { label: 'Trong đó: nữ', value: t.women },
        { label: 'Trong đó: đảng viên', value: t.partyMembers },
        ...(t.suspended === undefined ? [] : [{ label: 'Trong đó: tạm dừng sinh hoạt', value: t.suspended }]),
      ],
    },
    { title: 'Trình độ học vấn', share: true, rows: enumRows(EDUCATION_LABELS, report.byEducation) },
    {
      title: 'Trình độ lý luận chính trị',
      share: true,
      rows: enumRows(POLITICAL_THEORY_LABELS, report.byPoliticalTheory),
    },
    {
      title: 'Đối tượng (công chức, viên chức, lao động)',
      share: true,
      rows: enumRows(EMPLOYMENT_CATEGORY_LABELS, report.byCategory),
    },
    { title: 'Độ tuổi', share: true, rows: enumRows(AGE_BAND_LABELS, report.byAgeBand) },
    {
      title: 'Dân tộc',
      share: true,
      rows: Object.entries(report.byEthnicity)
        .filter(([, n]) => n > 0)
        .sort(([a, x], [b, y]) => y - x || collator.compare(a, b))
        .map(([label, value]) => ({ label, value })),
    },
  ];
  const mv = report.movements;
  if (mv) {
    out.push({
      title: `Biến động từ ${vnDay(mv.from)} đến ${vnDay(mv.to)}`,
      share: false,
      rows: [
        { label: 'Kết nạp mới', value: mv.admissions },
        { label: 'Ra khỏi tổ chức', value: mv.exits },
        ...(mv.exitsByReason
          ? (Object.keys(EXIT_REASON_LABELS) as ExitReason[])
              .filter((k) => (mv.exitsByReason?.[k] ?? 0) > 0)
              .map((k) => ({ label: `— ${EXIT_REASON_LABELS[k]}`, value: mv.exitsByReason?.[k] ?? 0 }))
          : []),
      ],
    });
  }
  for (const extra of report.extraSections ?? []) out.push({ title: extra.title, share: false, rows: [...extra.rows] });
  return out;
}

/** The statistics report as one readable sheet: sections with counts and shares of all members. */
export async function exportStatisticsXlsx(report: StatisticsReport): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('Thống kê', {
    pageSetup: { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.getColumn(1).width = 7;
  ws.getColumn(2).width = 48;
  ws.getColumn(3).width = 14;
  ws.getColumn(4).width = 12;
  ws.getColumn(3).numFmt = '#,##0';
  ws.getColumn(4).numFmt = '0.0%';

  const lines = [
    { text: 'BÁO CÁO THỐNG KÊ ĐOÀN VIÊN', bold: true, size: 14 },
    { text: report.unitName, bold: true, size: 12 },
    { text: `Số liệu tính đến ngày ${vnDay(report.asOf)}` },
  ];
  if (report.generatedAt) lines.push({ text: `Ngày lập: ${vnDay(report.generatedAt)}` });
  titleRows(ws, 4, lines);

  let r = lines.length + 2;
  const header = ws.getRow(r);
  header.values = ['STT', 'Chỉ tiêu', 'Số lượng', 'Tỷ lệ'];
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.numFmt = 'General';
  });
  ws.views = [{ state: 'frozen', ySplit: r }];
  r++;

  const total = report.totals.members;
  sections(report).forEach((section, s) => {
    const title = ws.getRow(r++);
    title.values = [ROMAN[s] ?? String(s + 1), section.title];
    for (let c = 1; c <= 4; c++) {
      const cell = title.getCell(c);
      cell.font = { bold: true };
      cell.border = BORDER;
    }
    section.rows.forEach((item, i) => {
      const row = ws.getRow(r++);
      const share = section.share && total > 0 ? item.value / total : null;
      row.values = [i + 1, item.label, item.value, share];
      for (let c = 1; c <= 4; c++) row.getCell(c).border = BORDER;
      row.getCell(1).alignment = { horizontal: 'center' };
    });
  });
  return toBuffer(wb);
}
