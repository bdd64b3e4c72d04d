import type { Member, MemberInput } from '@congdoan/contracts';
import ExcelJS from 'exceljs';

export type Cell = string | number | boolean | Date | null;

/** The template's headers, in order (columns A–Q). */
export const HEADERS = [
  'STT',
  'Họ và tên',
  'Giới tính',
  'Ngày sinh',
  'Số CCCD',
  'Dân tộc',
  'Số điện thoại',
  'Email',
  'Trình độ học vấn',
  'Chuyên môn',
  'Lý luận chính trị',
  'Đối tượng',
  'Chức vụ',
  'Đảng viên',
  'Ngày vào Đảng',
  'Lương đóng đoàn phí (đồng)',
  'Ngày nộp đơn',
] as const;

export type Header = (typeof HEADERS)[number];

/** One valid row as an officer types it, by header. */
export function rowCells(overrides: Partial<Record<Header, Cell>> = {}, n = 1): Record<Header, Cell> {
  return {
    STT: n,
    'Họ và tên': 'Lê Thị Mai',
    'Giới tính': 'Nữ',
    'Ngày sinh': '15/03/1985',
    'Số CCCD': '024185000001',
    'Dân tộc': 'Kinh',
    'Số điện thoại': '0912345678',
    Email: 'mai@example.com',
    'Trình độ học vấn': 'Đại học',
    'Chuyên môn': 'Kế toán',
    'Lý luận chính trị': 'Sơ cấp',
    'Đối tượng': 'Viên chức',
    'Chức vụ': 'Kế toán viên',
    'Đảng viên': 'Không',
    'Ngày vào Đảng': null,
    'Lương đóng đoàn phí (đồng)': '5.200.000',
    'Ngày nộp đơn': null,
    ...overrides,
  };
}

/** An .xlsx with one sheet of the given rows (row 1 first). */
export async function xlsxOf(rows: Cell[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((cells, i) => {
    ws.getRow(i + 1).values = cells;
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function loadXlsx(file: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb;
}

/** A CSV line, quoting as Excel does. */
export function csvLine(cells: Cell[], sep: string): string {
  return cells
    .map((c) => {
      const s = c === null ? '' : String(c);
      return s.includes(sep) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(sep);
}

export function member(overrides: Partial<Member> = {}): Member {
  return {
    id: 'm1',
    unitId: 'u-lhh',
    accountSubject: null,
    status: 'active',
    fullName: 'Nguyễn Thị Thu Hà',
    gender: 'female',
    dateOfBirth: '1982-05-12',
    cccd: '024182001234',
    ethnicity: 'Kinh',
    phone: '0912345678',
    email: 'thuha@example.com',
    educationLevel: 'master',
    professionalQualification: 'Quản lý khoa học',
    politicalTheoryLevel: 'bachelor',
    employmentCategory: 'public-employee',
    jobTitle: 'Trưởng ban',
    partyMember: true,
    partyJoinDate: '2008-05-19',
    duesSalary: 8_564_400,
    cardNumber: '2415000123',
    joinDate: '2015-04-01',
    applicationDate: '2015-03-02',
    admission: { decisionNumber: '12/QĐ-CĐ', decisionDate: '2015-04-01' },
    suspension: null,
    exit: null,
    masked: false,
    version: 3,
    createdAt: '2015-03-02T02:00:00.000Z',
    updatedAt: '2024-07-01T02:00:00.000Z',
    ...overrides,
  };
}

/** The part of a Member an import row carries. */
export function inputOf(m: Member): MemberInput {
  return {
    fullName: m.fullName,
    gender: m.gender,
    dateOfBirth: m.dateOfBirth,
    cccd: m.cccd,
    ethnicity: m.ethnicity,
    phone: m.phone,
    email: m.email,
    educationLevel: m.educationLevel,
    professionalQualification: m.professionalQualification,
    politicalTheoryLevel: m.politicalTheoryLevel,
    employmentCategory: m.employmentCategory,
    jobTitle: m.jobTitle,
    partyMember: m.partyMember,
    partyJoinDate: m.partyJoinDate,
    duesSalary: m.duesSalary ?? 0,
  };
}
