import {
  type BeneficiaryRow,
  type CaseFigures,
  type Processing,
  SUPPORT_CASE_STATUSES,
  SUPPORT_CASE_TYPES,
  type SupportCase,
  type SupportCaseStatus,
  type SupportCaseType,
} from '@congdoan/contracts';

/**
 * The report's figures of support cases, visits and blood drives, and the beneficiary list's
 * masking (docs/welfare.md, Reports): pure, from what the stores read.
 */

/** A support case paid, as its CĐCS's payments partition keeps it (written in the disbursement's transaction). */
export interface PaidCase {
  caseId: string;
  /** The member's CĐCS (the case's unit). */
  unitId: string;
  memberId: string;
  type: SupportCaseType;
  amount: number;
  fundId: string;
  /** The disbursement's day. */
  date: string;
  /** The case's summary (the reason given), never its health details or circumstances. */
  summary: string;
  /** The first submission's instant, and the disbursement's. */
  submittedAt: string;
  disbursedAt: string;
}

/** The payment record of a case just disbursed: its first submission is when the member's request reached the union. */
export function paidCaseOf(c: SupportCase): PaidCase {
  const disbursement = c.disbursement;
  const submitted = c.history.find((h) => h.step === 'submit');
  if (!disbursement || !submitted) throw new Error(`case ${c.id} is not a submitted and disbursed case`);
  return {
    caseId: c.id,
    unitId: c.unitId,
    memberId: c.memberId,
    type: c.type,
    amount: c.amount,
    fundId: c.fundId,
    date: disbursement.date,
    summary: c.summary,
    submittedAt: submitted.at,
    disbursedAt: disbursement.at,
  };
}

const VIETNAM = '+07:00';
/**
 * The instants bounding the Vietnam days `from` to `to`, both included, as the ISO strings a
 * case's `createdAt` is kept in: the first millisecond of `from` and the last of `to`.
 */
export function periodInstants(from: string, to: string): { start: string; end: string } {
  const start = new Date(`${from}T00:00:00.000${VIETNAM}`).toISOString();
  const end = new Date(Date.parse(`${to}T00:00:00.000${VIETNAM}`) + 86_400_000 - 1).toISOString();
  return { start, end };
}

/** Cases counted by status and by type (only those the period has, in the order of the types and statuses). */
export function caseFigures(cases: readonly Pick<SupportCase, 'type' | 'status'>[]): CaseFigures {
  const byStatus: Partial<Record<SupportCaseStatus, number>> = {};
  const byType = new Map<SupportCaseType, { count: number; byStatus: Partial<Record<SupportCaseStatus, number>> }>();
  for (const c of cases) {
    byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    const t = byType.get(c.type) ?? { count: 0, byStatus: {} };
    t.count++;
    t.byStatus[c.status] = (t.byStatus[c.status] ?? 0) + 1;
    byType.set(c.type, t);
  }
  return {
    opened: cases.length,
    byStatus: ordered(byStatus),
    byType: SUPPORT_CASE_TYPES.flatMap((type) => {
      const t = byType.get(type);
      return t ? [{ type, count: t.count, byStatus: ordered(t.byStatus) }] : [];
    }),
  };
}

const ordered = (counts: Partial<Record<SupportCaseStatus, number>>) =>
  Object.fromEntries(SUPPORT_CASE_STATUSES.flatMap((s) => (counts[s] ? [[s, counts[s]]] : []))) as Partial<
    Record<SupportCaseStatus, number>
  >;

const DAY_MS = 86_400_000;
const oneDecimal = (days: number) => Math.round(days * 10) / 10;

/**
 * The processing time of the cases paid in the period: from each case's first submission to its
 * disbursement being recorded, in days (24 hours) to one decimal; the average of the cases, the
 * shortest and the longest; null when none was paid.
 */
export function processing(paid: readonly PaidCase[]): Processing {
  const days = paid.map((p) => (Date.parse(p.disbursedAt) - Date.parse(p.submittedAt)) / DAY_MS);
  const amount = paid.reduce((s, p) => s + p.amount, 0);
  if (days.length === 0) return { paid: 0, amount, averageDays: null, shortestDays: null, longestDays: null };
  return {
    paid: paid.length,
    amount,
    averageDays: oneDecimal(days.reduce((s, d) => s + d, 0) / days.length),
    shortestDays: oneDecimal(Math.min(...days)),
    longestDays: oneDecimal(Math.max(...days)),
  };
}

/** A name as its initials: "Nguyễn Thị Hoa" → "N.T.H.". */
export const initials = (fullName: string) =>
  fullName
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w][0]?.toLocaleUpperCase('vi') ?? ''}.`)
    .join('');

/** A card number as its last three digits. */
export const lastThree = (card: string) => `•••${[...card].slice(-3).join('')}`;

/**
 * A row as a caller who may not see who and why sees it (docs/welfare.md, "The beneficiary
 * list"): the member's initials and the card's last three digits, no member id, no reason.
 */
export const maskedRow = (row: BeneficiaryRow): BeneficiaryRow => ({
  ...row,
  memberId: null,
  member: row.member === null ? null : initials(row.member),
  cardNumber: row.cardNumber === null ? null : lastThree(row.cardNumber),
  reason: null,
});

/** How the report's figures of cases, visits and blood drives, and the beneficiary list, are computed. */
export const CARE_REPORT_RULES = {
  cases: {
    vi: 'Hồ sơ hỗ trợ: các hồ sơ của đoàn viên thuộc các đơn vị trong phạm vi được lập (tạo nháp) trong kỳ, theo ngày lập (giờ Việt Nam), đếm theo loại và theo trạng thái hiện nay.',
    en: 'Support cases: the cases of members of the subtree’s units opened (drafted) in the period, by the day they were opened (Vietnam time), counted by type and by their status today.',
  },
  processing: {
    vi: 'Thời gian xử lý bình quân: các hồ sơ đã chi trong kỳ (theo ngày chi); mỗi hồ sơ tính từ lần gửi đầu tiên đến lúc ghi nhận chi, bằng ngày (24 giờ), lấy một chữ số thập phân; hồ sơ trả lại rồi gửi lại vẫn tính từ lần gửi đầu.',
    en: 'Average processing time: the cases paid in the period (by the disbursement’s day); each from its first submission to its disbursement being recorded, in days of 24 hours, to one decimal; a case returned and sent again counts from its first submission.',
  },
  visits: {
    vi: 'Thăm hỏi, tặng quà: các lần thăm hỏi của các đơn vị trong phạm vi có ngày trong kỳ; có tiền là lần có số tiền lớn hơn 0; theo từng dịp.',
    en: 'Visits and gifts: the visits of the subtree’s units dated in the period; with money is one with an amount above 0; by occasion.',
  },
  bloodDrives: {
    vi: 'Hiến máu: các đợt hiến máu của các đơn vị trong phạm vi tổ chức trong kỳ, số người hiến và số đơn vị máu của các đợt đó.',
    en: 'Blood drives: the subtree’s drives held in the period, with their donors and units of blood.',
  },
} as const;
