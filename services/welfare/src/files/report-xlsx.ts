/**
 * The welfare report as the .xlsx a union office files (báo cáo quỹ chăm lo, hỗ trợ đoàn viên):
 * the unit and period, then its tables (each fund, the funds by kind, the savings funds' loans),
 * money in đồng, and a sheet stating how each figure is computed (@congdoan/workbook).
 */
import type { FundFigures, WelfareReport } from '@congdoan/contracts';
import { type Cell, type Table, TOTAL, tablesWorkbook, vnDate } from '@congdoan/workbook';
import { FUND_KIND_POLICIES } from '../domain/policy.ts';

const FIGURES = ['opening', 'received', 'allocated', 'deposited', 'repaid', 'disbursed', 'lent', 'closing'] as const;
const FIGURE_HEADINGS = [
  'Số dư đầu kỳ',
  'Thu',
  'Phân bổ từ kinh phí',
  'Gửi tiết kiệm',
  'Thu hồi vay',
  'Chi',
  'Cho vay',
  'Số dư cuối kỳ',
];
const FIGURE_NAMES: Record<string, string> = {
  opening: 'Số dư đầu kỳ',
  received: 'Thu',
  allocated: 'Phân bổ',
  deposited: 'Gửi tiết kiệm',
  repaid: 'Thu hồi vay',
  disbursed: 'Chi',
  lent: 'Cho vay',
  closing: 'Số dư cuối kỳ',
  movements: 'Số phát sinh',
  loans: 'Vay quỹ tiết kiệm',
};
/** Columns 2 to 9 of the fund tables are đồng. */
const MONEY = [2, 3, 4, 5, 6, 7, 8, 9];

const figures = (f: FundFigures): Cell[] => [...FIGURES.map((k) => f[k]), f.movements];
const kindName = (kind: keyof typeof FUND_KIND_POLICIES) => FUND_KIND_POLICIES[kind].name.vi;

export function reportTables(r: WelfareReport): Table[] {
  return [
    {
      title: 'I. CÁC QUỸ',
      headings: ['Quỹ (đơn vị)', ...FIGURE_HEADINGS, 'Số phát sinh'],
      rows: [...r.funds.map((f) => [`${f.name} (${f.unitCode})`, ...figures(f)]), [TOTAL, ...figures(r.total)]],
      money: MONEY,
    },
    {
      title: 'II. THEO LOẠI QUỸ',
      headings: ['Loại quỹ', ...FIGURE_HEADINGS, 'Số phát sinh'],
      rows: [
        ...r.byKind.map((k) => [`${kindName(k.kind)} (${k.funds} quỹ)`, ...figures(k)]),
        [TOTAL, ...figures(r.total)],
      ],
      money: MONEY,
    },
    {
      title: `III. VAY QUỸ TIẾT KIỆM PHỤ NỮ (đến ngày ${vnDate(r.loans.asOf)})`,
      headings: ['Khoản vay', 'Số khoản', 'Dư nợ (đồng)'],
      rows: [
        ['Đang vay', r.loans.open, r.loans.outstanding],
        ['Trong đó quá hạn', r.loans.overdue, r.loans.overdueOutstanding],
      ],
      money: [3],
    },
  ];
}

export function reportWorkbook(r: WelfareReport): Promise<Buffer> {
  return tablesWorkbook({
    creator: 'Công đoàn — chăm lo đời sống',
    created: new Date(r.generatedAt),
    sheet: 'Báo cáo quỹ',
    unit: r.unitName,
    title: 'BÁO CÁO THU, CHI CÁC QUỸ CHĂM LO, HỖ TRỢ ĐOÀN VIÊN',
    notes: [`Từ ngày ${vnDate(r.from)} đến ngày ${vnDate(r.to)}; tiền tính bằng đồng.`],
    widths: [40, 15, 15, 15, 15, 15, 15, 15, 15, 12],
    tables: reportTables(r),
    rules: Object.entries(r.rules).map(([figure, text]) => ['Quỹ', FIGURE_NAMES[figure] ?? figure, text.vi] as const),
  });
}
