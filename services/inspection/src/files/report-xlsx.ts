/**
 * The annual inspection report as the .xlsx a UBKT files (báo cáo công tác kiểm tra): the unit
 * and year, then one table per section (inspections by type, findings by severity,
 * recommendations, complaints and denunciations by class, discipline by form), money in đồng
 * with thousands separators, and a second sheet stating how each figure is computed.
 */
import {
  DISCIPLINE_FORM_TERMS,
  DISCIPLINE_FORMS,
  FINDING_SEVERITIES,
  INSPECTION_TYPES,
  type InspectionReport,
} from '@congdoan/contracts';
import type ExcelJS from 'exceljs';

type Worksheet = ExcelJS.Worksheet;
type Cell = string | number;

let excel: Promise<typeof ExcelJS> | undefined;

/** exceljs, loaded on first use: only the export pays for it (a chunk of its own in a bundle, scripts/bundle.ts). */
const loadExcel = (): Promise<typeof ExcelJS> => {
  excel ??= import('exceljs').then((module) => module.default);
  return excel;
};

const TYPE_LABELS: Record<(typeof INSPECTION_TYPES)[number], string> = {
  'charter-compliance': 'Kiểm tra chấp hành Điều lệ',
  'signs-of-violation': 'Kiểm tra khi có dấu hiệu vi phạm',
  finance: 'Kiểm tra tài chính',
  supervision: 'Giám sát',
};
const SEVERITY_LABELS: Record<(typeof FINDING_SEVERITIES)[number], string> = {
  minor: 'Nhẹ',
  moderate: 'Trung bình',
  serious: 'Nghiêm trọng',
};
/** Case classes in Vietnamese; the report lists them in its own order. */
const CLASS_LABELS: Record<string, string> = {
  'complaint-first': 'Khiếu nại lần đầu',
  'complaint-second': 'Khiếu nại lần hai',
  denunciation: 'Tố cáo',
  'anonymous-report': 'Phản ánh nặc danh',
  petition: 'Kiến nghị, phản ánh',
};

const MONEY_FORMAT = '#,##0';
const HEADER_FILL = 'FFDDEBF7';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const TOTAL = 'Tổng cộng';

/** `2026-12-05` → `05/12/2026`. */
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

interface Table {
  title: string;
  headings: string[];
  rows: Cell[][];
  /** Columns (1-based) holding đồng. */
  money?: number[];
}

/** A row: its label, then the figures named, in order. */
const row = <T extends Record<string, number>>(label: string, figures: T, keys: readonly (keyof T)[]): Cell[] => [
  label,
  ...keys.map((k) => figures[k] as number),
];

const TYPE_FIGURES = ['planned', 'plannedDone', 'decided', 'concluded', 'inProgress'] as const;
const FINDING_FIGURES = ['count', 'withAmount', 'amount'] as const;
const CASE_FIGURES = [
  'received',
  'accepted',
  'refused',
  'transferred',
  'resolvedOnTime',
  'resolvedLate',
  'open',
] as const;
const FORM_FIGURES = ['decided', 'lapsed', 'revoked'] as const;

/** The five sections as tables: the first column names the row, the others are figures. */
export function reportTables(r: InspectionReport): Table[] {
  const { inspections: t, findings: f, recommendations: rec, cases: c, discipline: d } = r;
  return [
    {
      title: 'I. KIỂM TRA, GIÁM SÁT',
      headings: [
        'Loại',
        'Kế hoạch',
        'Đã thực hiện theo kế hoạch',
        'Quyết định trong năm',
        'Đã kết luận',
        'Chưa kết luận',
      ],
      rows: [
        ...INSPECTION_TYPES.map((k) => row(TYPE_LABELS[k], t.byType[k], TYPE_FIGURES)),
        row(TOTAL, t.total, TYPE_FIGURES),
      ],
    },
    {
      title: 'II. PHÁT HIỆN QUA KIỂM TRA',
      headings: ['Mức độ', 'Số phát hiện', 'Có liên quan đến tiền', 'Số tiền (đồng)'],
      rows: [
        ...FINDING_SEVERITIES.map((k) => row(SEVERITY_LABELS[k], f.bySeverity[k], FINDING_FIGURES)),
        row(TOTAL, f.total, FINDING_FIGURES),
      ],
      money: [4],
    },
    {
      title: 'III. KIẾN NGHỊ',
      headings: ['Kiến nghị', 'Số lượng'],
      rows: [
        ['Đã đưa ra', rec.made],
        ['Đã thực hiện', rec.done],
        ['Chưa đến hạn', rec.open],
        ['Quá hạn', rec.overdue],
      ],
    },
    {
      title: 'IV. KHIẾU NẠI, TỐ CÁO',
      headings: [
        'Loại đơn',
        'Nhận',
        'Thụ lý',
        'Không thụ lý',
        'Chuyển cơ quan có thẩm quyền',
        'Giải quyết đúng hạn',
        'Giải quyết quá hạn',
        'Chưa giải quyết xong',
      ],
      rows: [
        ...Object.entries(c.byClass).map(([k, x]) => row(CLASS_LABELS[k] ?? k, x, CASE_FIGURES)),
        row(TOTAL, c.total, CASE_FIGURES),
      ],
    },
    {
      title: 'V. KỶ LUẬT',
      headings: ['Hình thức', 'Quyết định trong năm', 'Hết hiệu lực trong năm', 'Hủy bỏ trong năm'],
      rows: [
        ...DISCIPLINE_FORMS.map((k) => row(DISCIPLINE_FORM_TERMS[k].vi, d.byForm[k], FORM_FIGURES)),
        row(TOTAL, d.total, FORM_FIGURES),
      ],
    },
  ];
}

function writeTable(ws: Worksheet, start: number, table: Table): number {
  ws.getCell(start, 1).value = table.title;
  ws.getCell(start, 1).font = { bold: true };
  const header = ws.getRow(start + 1);
  header.values = table.headings;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  table.rows.forEach((values, i) => {
    const line = ws.getRow(start + 2 + i);
    line.values = values;
    const total = values[0] === TOTAL;
    line.eachCell((cell, col) => {
      cell.border = BORDER;
      if (total) cell.font = { bold: true };
      if (table.money?.includes(col)) cell.numFmt = MONEY_FORMAT;
    });
  });
  return start + 2 + table.rows.length + 1;
}

const SECTION_NAMES: Record<string, string> = {
  inspections: 'Kiểm tra, giám sát',
  findings: 'Phát hiện',
  recommendations: 'Kiến nghị',
  cases: 'Khiếu nại, tố cáo',
  discipline: 'Kỷ luật',
};

/** Each figure's rule, in Vietnamese, section by section. */
export function reportRules(r: InspectionReport): [section: string, figure: string, rule: string][] {
  return (['inspections', 'findings', 'recommendations', 'cases', 'discipline'] as const).flatMap((s) =>
    Object.entries(r[s].rules).map(([figure, text]): [string, string, string] => [
      SECTION_NAMES[s] ?? s,
      figure,
      text.vi,
    ]),
  );
}

export async function reportWorkbook(r: InspectionReport, unit: { code: string; name: string }): Promise<Buffer> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  wb.creator = 'Công đoàn — kiểm tra';
  wb.created = new Date(r.generatedAt);
  const ws = wb.addWorksheet(`Báo cáo ${r.year}`, {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  [34, 14, 14, 16, 16, 16, 16, 16].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.getCell(1, 1).value = unit.name.toUpperCase();
  ws.getCell(1, 1).font = { bold: true };
  ws.getCell(2, 1).value = `BÁO CÁO CÔNG TÁC KIỂM TRA, GIÁM SÁT NĂM ${r.year}`;
  ws.getCell(2, 1).font = { bold: true, size: 14 };
  ws.getCell(3, 1).value = `Số liệu đến ngày ${vnDate(r.asOf)}; trạng thái kiến nghị tính đến ngày này.`;
  ws.getCell(3, 1).font = { italic: true };
  let next = 5;
  for (const table of reportTables(r)) next = writeTable(ws, next, table);

  const rules = wb.addWorksheet('Cách tính');
  rules.getColumn(1).width = 22;
  rules.getColumn(2).width = 18;
  rules.getColumn(3).width = 110;
  rules.getRow(1).values = ['Phần', 'Chỉ tiêu', 'Cách tính'];
  rules.getRow(1).font = { bold: true };
  reportRules(r).forEach((values, i) => {
    rules.getRow(i + 2).values = values;
    rules.getCell(i + 2, 3).alignment = { wrapText: true, vertical: 'top' };
  });

  const out: unknown = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
