/**
 * A unit subtree's emulation statistics as the .xlsx a unit files upward (báo cáo thống kê thi
 * đua, khen thưởng): the unit and period, the headline figures (money in đồng with thousands
 * separators), the awards by level, form, subject and title, the initiatives by scope, the units
 * directly below, and a second sheet stating how each figure is counted.
 */
import type { UnitStatistics } from '@congdoan/contracts';
import { type Table, tablesWorkbook } from '@congdoan/workbook';

/** The tables of the report, in Vietnamese: each a title, headings and rows. */
export function statisticsTables(s: UnitStatistics): Table[] {
  const breakdown = (title: string, heading: string, rows: { label: { vi: string }; count: number }[]): Table => ({
    title,
    headings: [heading, 'Số lượng'],
    rows: rows.map((r) => [r.label.vi, r.count]),
    money: [2],
  });
  return [
    {
      title: 'I. SỐ LIỆU BÁO CÁO',
      headings: ['Chỉ tiêu', 'Số liệu'],
      rows: s.figures.map((f) => [f.unit === 'dong' ? `${f.label.vi} (đồng)` : f.label.vi, f.value]),
      // Counts and đồng alike read with thousands separators.
      money: [2],
    },
    breakdown('II. KHEN THƯỞNG THEO CẤP', 'Cấp khen thưởng', s.awards.byLevel.rows),
    breakdown('III. KHEN THƯỞNG THEO HÌNH THỨC', 'Hình thức', s.awards.byKind.rows),
    breakdown('IV. KHEN THƯỞNG THEO ĐỐI TƯỢNG', 'Đối tượng', s.awards.bySubject.rows),
    {
      title: 'V. KHEN THƯỞNG THEO DANH HIỆU, HÌNH THỨC',
      headings: ['Danh hiệu, hình thức', 'Cấp', 'Đối tượng', 'Số lượng'],
      rows: s.awards.byTitle.rows.map((r) => [
        r.name.vi,
        s.awards.byLevel.rows.find((x) => x.key === r.level)?.label.vi ?? r.level,
        s.awards.bySubject.rows.find((x) => x.key === r.subject)?.label.vi ?? r.subject,
        r.count,
      ]),
      money: [4],
    },
    breakdown('VI. SÁNG KIẾN ĐƯỢC CÔNG NHẬN THEO PHẠM VI', 'Phạm vi', s.initiatives.byScope.rows),
    {
      title: 'VII. THEO ĐƠN VỊ TRỰC THUỘC',
      headings: [
        'Đơn vị',
        'Tập thể được khen',
        'Cá nhân được khen',
        'Sáng kiến được công nhận',
        'Lượt đăng ký việc làm theo Bác',
        'Việc đã đăng ký',
        'Việc đã thực hiện',
      ],
      rows: s.byUnit.rows.map((r) => [
        r.name,
        r.collectiveAwards,
        r.individualAwards,
        r.acceptedInitiatives,
        r.deedRegistrations,
        r.deedsRegistered,
        r.deedsDone,
      ]),
      money: [2, 3, 4, 5, 6, 7],
    },
  ];
}

/** Each figure's and table's rule, in Vietnamese. */
export function statisticsRules(s: UnitStatistics): [figure: string, rule: string][] {
  return [
    ...s.figures.map((f): [string, string] => [f.label.vi, f.rule.vi]),
    ['Khen thưởng theo cấp, hình thức, đối tượng', s.awards.byLevel.rule.vi],
    ['Khen thưởng theo danh hiệu, hình thức', s.awards.byTitle.rule.vi],
    ['Sáng kiến theo phạm vi', s.initiatives.byScope.rule.vi],
    ['Theo đơn vị trực thuộc', s.byUnit.rule.vi],
  ];
}

export function statisticsWorkbook(s: UnitStatistics): Promise<Buffer> {
  const single = s.from === s.to;
  return tablesWorkbook({
    creator: 'Công đoàn — thi đua, khen thưởng',
    created: new Date(),
    sheet: `Thống kê ${single ? s.to : `${s.from}-${s.to}`}`,
    unit: s.unitName,
    title: `BÁO CÁO THỐNG KÊ THI ĐUA, KHEN THƯỞNG ${single ? `NĂM ${s.to}` : `CÁC NĂM ${s.from}–${s.to}`}`,
    notes: ['Số liệu của cả cây đơn vị; cách tính từng chỉ tiêu ở trang "Cách tính".'],
    widths: [44, 18, 18, 18, 18, 16, 16],
    tables: statisticsTables(s),
    rules: statisticsRules(s).map(([figure, rule]) => ['Thi đua, khen thưởng', figure, rule] as const),
  });
}
