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
import { type Cell, type Table, TOTAL, tablesWorkbook, vnDate } from '@congdoan/workbook';

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
  return tablesWorkbook({
    creator: 'Công đoàn — kiểm tra',
    created: new Date(r.generatedAt),
    sheet: `Báo cáo ${r.year}`,
    unit: unit.name,
    title: `BÁO CÁO CÔNG TÁC KIỂM TRA, GIÁM SÁT NĂM ${r.year}`,
    notes: [`Số liệu đến ngày ${vnDate(r.asOf)}; trạng thái kiến nghị tính đến ngày này.`],
    widths: [34, 14, 14, 16, 16, 16, 16, 16],
    tables: reportTables(r),
    rules: reportRules(r),
  });
}
