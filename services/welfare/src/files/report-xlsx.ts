/**
 * The welfare report as the .xlsx a union office files (báo cáo quỹ chăm lo, hỗ trợ đoàn viên):
 * the unit and period, then its tables (each fund, the funds by kind, the savings funds' loans),
 * money in đồng, and a sheet stating how each figure is computed (@congdoan/workbook).
 */
import {
  type BeneficiaryList,
  type FundFigures,
  SUPPORT_CASE_STATUSES,
  type SupportCaseStatus,
  type SupportCaseType,
  type WelfareReport,
} from '@congdoan/contracts';
import { type Cell, type Table, TOTAL, tablesWorkbook, vnDate } from '@congdoan/workbook';
import { OCCASION_VI } from '../domain/care.ts';
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
  cases: 'Hồ sơ hỗ trợ',
  processing: 'Thời gian xử lý bình quân',
  visits: 'Thăm hỏi, tặng quà',
  bloodDrives: 'Hiến máu',
};

/** Support case types and statuses as a Vietnamese report names them. */
const CASE_TYPE_VI: Record<SupportCaseType, string> = {
  illness: 'Ốm đau',
  'serious-illness': 'Bệnh hiểm nghèo',
  accident: 'Tai nạn',
  'sudden-hardship': 'Khó khăn đột xuất',
  housing: 'Xây, sửa nhà',
  tet: 'Tết',
  bereavement: 'Hiếu',
};
const STATUS_VI: Record<SupportCaseStatus, string> = {
  draft: 'Nháp',
  submitted: 'Đã gửi',
  returned: 'Trả lại',
  verified: 'Đã thẩm định',
  approved: 'Đã duyệt',
  disbursed: 'Đã chi',
  closed: 'Đã đóng',
  rejected: 'Từ chối',
  withdrawn: 'Rút',
};
const days = (d: number | null) => (d === null ? '—' : d);
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
    {
      title: 'IV. HỒ SƠ HỖ TRỢ LẬP TRONG KỲ (theo loại và trạng thái hiện nay)',
      headings: ['Loại hỗ trợ', ...SUPPORT_CASE_STATUSES.map((st) => STATUS_VI[st]), 'Cộng'],
      rows: [
        ...r.cases.byType.map((t) => [
          CASE_TYPE_VI[t.type],
          ...SUPPORT_CASE_STATUSES.map((st) => t.byStatus[st] ?? 0),
          t.count,
        ]),
        [TOTAL, ...SUPPORT_CASE_STATUSES.map((st) => r.cases.byStatus[st] ?? 0), r.cases.opened],
      ],
    },
    {
      title: 'V. THỜI GIAN XỬ LÝ (hồ sơ đã chi trong kỳ, từ lần gửi đầu đến khi chi, ngày)',
      headings: ['Số hồ sơ đã chi', 'Số tiền (đồng)', 'Bình quân', 'Ngắn nhất', 'Dài nhất'],
      rows: [
        [
          r.processing.paid,
          r.processing.amount,
          days(r.processing.averageDays),
          days(r.processing.shortestDays),
          days(r.processing.longestDays),
        ],
      ],
      money: [2],
    },
    {
      title: 'VI. THĂM HỎI, TẶNG QUÀ',
      headings: ['Dịp', 'Số lần', 'Có tiền', 'Số tiền (đồng)'],
      rows: [
        ...r.visits.byOccasion.map((o) => [OCCASION_VI[o.occasion], o.visits, o.withMoney, o.amount]),
        [TOTAL, r.visits.visits, r.visits.withMoney, r.visits.amount],
      ],
      money: [4],
    },
    {
      title: 'VII. HIẾN MÁU TÌNH NGUYỆN',
      headings: ['Số đợt', 'Số người hiến', 'Số đơn vị máu'],
      rows: [[r.bloodDrives.drives, r.bloodDrives.donors, r.bloodDrives.units]],
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

/** The beneficiary list as an .xlsx (danh sách đoàn viên được hỗ trợ), masked as the JSON is. */
export function beneficiaryWorkbook(l: BeneficiaryList): Promise<Buffer> {
  return tablesWorkbook({
    creator: 'Công đoàn — chăm lo đời sống',
    created: new Date(l.generatedAt),
    sheet: 'Danh sách hỗ trợ',
    unit: l.unitName,
    title: 'DANH SÁCH ĐOÀN VIÊN ĐƯỢC HỖ TRỢ, THĂM HỎI',
    notes: [
      `Từ ngày ${vnDate(l.from)} đến ngày ${vnDate(l.to)}; tiền tính bằng đồng.`,
      ...(l.masked ? ['Họ tên và số thẻ được che theo quyền của người xem.'] : []),
    ],
    widths: [6, 28, 14, 22, 12, 15, 30, 40],
    tables: [
      {
        headings: ['STT', 'Đoàn viên', 'Số thẻ', 'Hỗ trợ / dịp', 'Ngày', 'Số tiền', 'Quỹ', 'Lý do'],
        rows: [
          ...l.items.map((row, i) => [
            i + 1,
            row.member,
            row.cardNumber,
            row.type ? `Hồ sơ: ${CASE_TYPE_VI[row.type]}` : `Quà: ${row.occasion ? OCCASION_VI[row.occasion] : ''}`,
            vnDate(row.date),
            row.amount,
            row.fundName,
            row.reason,
          ]),
          [TOTAL, `${l.total.members} đoàn viên`, null, `${l.total.payments} lần`, null, l.total.amount, null, null],
        ],
        money: [6],
      },
    ],
  });
}
