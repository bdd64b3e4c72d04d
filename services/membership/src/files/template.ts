/** The downloadable import template: the member sheet with two example rows, and a "Hướng dẫn" (guide) sheet. */
import type { DataValidation } from 'exceljs';
import { GUIDE_SHEET_NAME, MEMBER_SHEET_NAME, type MemberColumn, TEMPLATE_COLUMNS } from './layout.ts';
import { BORDER, HEADER_FILL, type RowSource, writeMemberTable } from './member-sheet.ts';
import { columnLetter } from './text.ts';
import { newWorkbook, toBuffer, type Worksheet } from './xlsx.ts';

/**
 * Two members of seed 001's CĐCS (Liên hiệp các Hội Khoa học và Kỹ thuật: 5 viên chức,
 * 2 công chức; 2 thạc sĩ, 3 đại học…). Names and numbers are invented; the CCCDs follow
 * the structure (province 024, Bắc Giang; century/gender digit; year of birth).
 */
export const TEMPLATE_EXAMPLES: readonly RowSource[] = [
  {
    fullName: 'Nguyễn Thị Thu Hà',
    gender: 'female',
    dateOfBirth: '1982-05-12',
    cccd: '024182001234',
    ethnicity: 'Kinh',
    phone: '0912345678',
    email: 'thuha.lhh@example.com',
    educationLevel: 'master',
    professionalQualification: 'Quản lý khoa học và công nghệ',
    politicalTheoryLevel: 'bachelor',
    employmentCategory: 'public-employee',
    jobTitle: 'Trưởng ban Tư vấn, phản biện',
    partyMember: true,
    partyJoinDate: '2008-05-19',
    duesSalary: 8_564_400,
    applicationDate: '2015-03-02',
  },
  {
    fullName: 'Trần Văn Minh',
    gender: 'male',
    dateOfBirth: '1975-08-23',
    cccd: '024075004567',
    ethnicity: 'Tày',
    phone: '0983456789',
    email: null,
    educationLevel: 'bachelor',
    professionalQualification: 'Kinh tế',
    politicalTheoryLevel: 'intermediate',
    employmentCategory: 'civil-servant',
    jobTitle: 'Chuyên viên',
    partyMember: false,
    partyJoinDate: null,
    duesSalary: 10_108_800,
    applicationDate: null,
  },
];

/** The CCCDs of the example rows, so an import can refuse them if an officer forgets to delete them. */
export const TEMPLATE_EXAMPLE_CCCDS: readonly string[] = TEMPLATE_EXAMPLES.map((e) => String(e.cccd));

/** Rows that get drop-down lists and formats in the template (well beyond a CĐCS's size). */
const TEMPLATE_ROWS = 2000;

const GENERAL_NOTES: readonly string[] = [
  'Mỗi dòng là một đoàn viên. Giữ nguyên dòng tiêu đề; có thể thêm dòng tên đơn vị phía trên dòng tiêu đề.',
  'XÓA HAI DÒNG VÍ DỤ (chữ nghiêng) trước khi nhập, nếu không chúng sẽ được nhập như đoàn viên thật.',
  'Các cột bắt buộc phải có và phải điền; các cột khác có thể để trống hoặc xóa.',
  'Không thêm cột ngoài mẫu: tệp có cột lạ (ví dụ "Ghi chú") sẽ bị báo lỗi. Xóa các dòng tổng cộng, ký tên dưới bảng.',
  'Chữ hoa, chữ thường và dấu không quan trọng ở tiêu đề cột và ở các giá trị chọn (ví dụ "nu", "Nữ", "NỮ" đều được).',
  'Ngày nhập dạng dd/mm/yyyy (ví dụ 15/03/1985) hoặc để Excel định dạng ngày; cũng nhận d/m/yyyy và yyyy-mm-dd.',
  'Số CCCD và số điện thoại: định dạng cột là Văn bản (Text) để giữ số 0 ở đầu.',
  'Lương: số đồng nguyên, có thể viết 8564400 hoặc 8.564.400.',
  'Có thể lưu dạng CSV UTF-8 (phân cách bằng dấu phẩy hoặc chấm phẩy) thay cho .xlsx.',
  'Nhập thử (chạy kiểm tra) trước: hệ thống báo lỗi theo từng dòng, từng cột và không ghi gì.',
];

function valuesText(column: MemberColumn): string {
  if (column.allowed) return column.allowed.join(', ');
  switch (column.kind) {
    case 'date':
      return 'Ngày dd/mm/yyyy';
    case 'money':
      return 'Số đồng nguyên, không âm';
    case 'cccd':
      return '12 chữ số';
    case 'phone':
      return '0xxxxxxxxx hoặc +84xxxxxxxxx';
    case 'email':
      return 'Địa chỉ email';
    case 'index':
      return 'Số';
    default:
      return 'Chữ';
  }
}

function addListValidations(ws: Worksheet, columns: readonly MemberColumn[], firstRow: number, lastRow: number) {
  // `dataValidations.add(range, …)` is in exceljs but missing from its typings.
  const validations = (ws as unknown as { dataValidations: { add(range: string, dv: DataValidation): void } })
    .dataValidations;
  columns.forEach((column, i) => {
    if (!column.allowed) return;
    const letter = columnLetter(i);
    validations.add(`${letter}${firstRow}:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${column.allowed.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: column.header,
      error: `Chọn một trong: ${column.allowed.join(', ')}`,
      showInputMessage: true,
      promptTitle: column.header,
      prompt: column.guide.vi,
    });
  });
}

function writeGuide(ws: Worksheet, columns: readonly MemberColumn[]) {
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 28;
  ws.getColumn(3).width = 10;
  ws.getColumn(4).width = 40;
  ws.getColumn(5).width = 60;
  ws.getColumn(6).width = 50;

  ws.getCell('A1').value = 'HƯỚNG DẪN NHẬP DANH SÁCH ĐOÀN VIÊN';
  ws.getCell('A1').font = { bold: true, size: 14 };
  let r = 3;
  ws.getCell(`A${r}`).value = 'Lưu ý chung';
  ws.getCell(`A${r}`).font = { bold: true };
  r++;
  GENERAL_NOTES.forEach((note, i) => {
    ws.getCell(`A${r}`).value = i + 1;
    ws.getCell(`B${r}`).value = note;
    ws.mergeCells(`B${r}:F${r}`);
    r++;
  });
  r++;
  const headerRow = ws.getRow(r);
  headerRow.values = ['Cột', 'Tiêu đề cột', 'Bắt buộc', 'Giá trị hợp lệ', 'Cách nhập', 'Tiêu đề khác được chấp nhận'];
  headerRow.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  r++;
  columns.forEach((column, i) => {
    const row = ws.getRow(r++);
    row.values = [
      columnLetter(i),
      column.header,
      column.requiredColumn ? 'Có' : 'Không',
      valuesText(column),
      column.guide.vi,
      column.aliases.join('; '),
    ];
    row.eachCell((cell) => {
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
}

/** The .xlsx template officers download, fill in and upload. */
export async function memberImportTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(MEMBER_SHEET_NAME, { properties: { tabColor: { argb: 'FF2E75B6' } } });
  const guide = wb.addWorksheet(GUIDE_SHEET_NAME);

  writeMemberTable(ws, TEMPLATE_COLUMNS, TEMPLATE_EXAMPLES, 1, { notes: true });
  for (let r = 2; r < 2 + TEMPLATE_EXAMPLES.length; r++) {
    ws.getRow(r).eachCell((cell) => {
      cell.font = { italic: true, color: { argb: 'FF7F7F7F' } };
    });
  }
  addListValidations(ws, TEMPLATE_COLUMNS, 2, TEMPLATE_ROWS + 1);
  writeGuide(guide, TEMPLATE_COLUMNS);
  return toBuffer(wb);
}
