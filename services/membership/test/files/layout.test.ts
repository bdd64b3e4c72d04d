import { describe, expect, it } from 'vitest';
import { parseCsv, stripSepHint } from '../../src/files/csv.ts';
import {
  type CellValue,
  columnForField,
  columnForHeader,
  MEMBER_COLUMNS,
  parseCccdCell,
  parseDateCell,
  parseMoneyCell,
  parsePhoneCell,
  TEMPLATE_COLUMNS,
} from '../../src/files/layout.ts';
import { fold } from '../../src/files/text.ts';

const value = (parse: (c: CellValue) => ReturnType<typeof parseDateCell>, cell: CellValue) => {
  const r = parse(cell);
  return r.ok ? r.value : { error: r.message.vi };
};

describe('the layout table', () => {
  it('maps every member input field, plus the application date, to exactly one column', () => {
    const fields = TEMPLATE_COLUMNS.flatMap((c) => (c.field ? [c.field] : []));
    expect(fields).toEqual([
      'fullName',
      'gender',
      'dateOfBirth',
      'cccd',
      'ethnicity',
      'phone',
      'email',
      'educationLevel',
      'professionalQualification',
      'politicalTheoryLevel',
      'employmentCategory',
      'jobTitle',
      'partyMember',
      'partyJoinDate',
      'duesSalary',
      'applicationDate',
    ]);
    expect(TEMPLATE_COLUMNS.map((c) => c.header)).toEqual([
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
    ]);
    expect(MEMBER_COLUMNS.filter((c) => c.exportOnly).map((c) => c.header)).toEqual([
      'Số thẻ đoàn viên',
      'Ngày vào Công đoàn',
      'Trạng thái',
    ]);
  });

  it('matches headers ignoring case, diacritics, spacing and "(…)" hints, and knows common variants', () => {
    expect(columnForHeader('HỌ VÀ TÊN')?.field).toBe('fullName');
    expect(columnForHeader('ho va ten')?.field).toBe('fullName');
    expect(columnForHeader(' Họ  tên ')?.field).toBe('fullName');
    expect(columnForHeader('Ngày sinh (dd/mm/yyyy)')?.field).toBe('dateOfBirth');
    expect(columnForHeader('Lương đóng đoàn phí')?.field).toBe('duesSalary');
    expect(columnForHeader('luong dong doan phi (dong)')?.field).toBe('duesSalary');
    expect(columnForHeader('CCCD')?.field).toBe('cccd');
    expect(columnForHeader('SĐT')?.field).toBe('phone');
    expect(columnForHeader('Trình độ LLCT')?.field).toBe('politicalTheoryLevel');
    expect(columnForHeader('Ghi chú')).toBeUndefined();
    expect(columnForHeader('')).toBeUndefined();
  });

  it('reads enum labels case- and diacritics-insensitively, with common abbreviations', () => {
    const gender = columnForField('gender')!;
    for (const cell of ['nu', 'Nữ', 'NỮ', ' nữ ', 'female']) expect(value(gender.parse, cell)).toBe('female');
    for (const cell of ['Nam', 'NAM', 'nam']) expect(value(gender.parse, cell)).toBe('male');
    expect(value(gender.parse, 'Khác')).toEqual({ error: 'Giá trị "Khác" không hợp lệ; chọn một trong: Nam, Nữ' });

    const edu = columnForField('educationLevel')!;
    expect(value(edu.parse, 'thac si')).toBe('master');
    expect(value(edu.parse, 'ThS')).toBe('master');
    expect(value(edu.parse, 'ĐẠI HỌC')).toBe('bachelor');
    expect(value(edu.parse, 'thpt')).toBe('upper-secondary');
    expect(value(edu.parse, 'Tiến sỹ')).toBe('doctorate');

    const theory = columnForField('politicalTheoryLevel')!;
    expect(value(theory.parse, 'Trung cấp')).toBe('intermediate');
    expect(value(theory.parse, 'cu nhan')).toBe('bachelor');
    expect(value(theory.parse, '')).toBeUndefined(); // → schema default "none"

    const cat = columnForField('employmentCategory')!;
    expect(value(cat.parse, 'viên chức')).toBe('public-employee');
    expect(value(cat.parse, 'LĐHĐ')).toBe('contract-worker');
    expect(value(cat.parse, 'Lao động hợp đồng')).toBe('contract-worker');

    const party = columnForField('partyMember')!;
    expect(value(party.parse, 'có')).toBe(true);
    expect(value(party.parse, 'x')).toBe(true);
    expect(value(party.parse, 'KHÔNG')).toBe(false);
    expect(value(party.parse, true)).toBe(true);
    expect(value(party.parse, '')).toBeUndefined();
  });

  it('reads dates as Excel dates, serials, dd/mm/yyyy, d/m/yyyy and yyyy-mm-dd', () => {
    expect(value(parseDateCell, new Date(Date.UTC(1985, 2, 15)))).toBe('1985-03-15');
    // A formula's date a hair before midnight is still that day.
    expect(value(parseDateCell, new Date(Date.UTC(1985, 2, 15) - 1))).toBe('1985-03-15');
    expect(value(parseDateCell, 31121)).toBe('1985-03-15');
    expect(value(parseDateCell, '15/03/1985')).toBe('1985-03-15');
    expect(value(parseDateCell, '5/3/1985')).toBe('1985-03-05');
    expect(value(parseDateCell, '05-03-1985')).toBe('1985-03-05');
    expect(value(parseDateCell, '05.03.1985')).toBe('1985-03-05');
    expect(value(parseDateCell, '1985-03-05')).toBe('1985-03-05');
    expect(value(parseDateCell, '1985-03-05T00:00:00.000Z')).toBe('1985-03-05');
    expect(value(parseDateCell, '')).toBeNull();
    expect(value(parseDateCell, '31/02/1985')).toEqual({
      error: 'Ngày "31/02/1985" không hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 15/03/1985',
    });
    expect(value(parseDateCell, '3/15/1985')).toHaveProperty('error');
    expect(value(parseDateCell, '15/03/85')).toHaveProperty('error');
    expect(value(parseDateCell, 'hôm qua')).toHaveProperty('error');
  });

  it('reads money as numbers or Vietnamese and English grouped text', () => {
    expect(value(parseMoneyCell, 5_200_000)).toBe(5_200_000);
    expect(value(parseMoneyCell, '5200000')).toBe(5_200_000);
    expect(value(parseMoneyCell, '5.200.000')).toBe(5_200_000);
    expect(value(parseMoneyCell, '5,200,000')).toBe(5_200_000);
    expect(value(parseMoneyCell, '5 200 000')).toBe(5_200_000);
    expect(value(parseMoneyCell, '5.200.000 đ')).toBe(5_200_000);
    expect(value(parseMoneyCell, '5.200.000đ')).toBe(5_200_000);
    expect(value(parseMoneyCell, '5200000 VND')).toBe(5_200_000);
    expect(value(parseMoneyCell, '5.200.000,00')).toBe(5_200_000);
    expect(value(parseMoneyCell, '5,200,000.00')).toBe(5_200_000);
    expect(value(parseMoneyCell, '-5.000.000')).toBe(-5_000_000);
    expect(value(parseMoneyCell, '5,200.000')).toBe(5_200); // English grouping with a zero fraction
    expect(value(parseMoneyCell, '5.200,50')).toHaveProperty('error');
    expect(value(parseMoneyCell, '1.2.3')).toHaveProperty('error');
    expect(value(parseMoneyCell, 'năm triệu')).toHaveProperty('error');
    expect(value(parseMoneyCell, '')).toBeUndefined();
  });

  it('pads a CCCD that Excel stored as a number, and only then', () => {
    expect(value(parseCccdCell, 24182001234)).toBe('024182001234');
    expect(value(parseCccdCell, 1182001234)).toBe('001182001234');
    expect(value(parseCccdCell, 124182001234)).toBe('124182001234');
    expect(value(parseCccdCell, 123456789)).toHaveProperty('error');
    expect(value(parseCccdCell, "'024182001234")).toBe('024182001234');
    expect(value(parseCccdCell, '024 182 001 234')).toBe('024182001234');
    // The one CCCD rule of the API and the import alike: spaces and dots go, nothing else.
    expect(value(parseCccdCell, '024.182.001.234')).toBe('024182001234');
    expect(value(parseCccdCell, '024-182-001-234')).toHaveProperty('error');
    expect(value(parseCccdCell, '24182001234')).toEqual({
      error:
        'Số CCCD phải gồm đúng 12 chữ số (đang có 11 chữ số: "24182001234"); nếu Excel đã bỏ số 0 ở đầu, hãy bổ sung',
    });
    expect(value(parseCccdCell, '2.41820E+10')).toHaveProperty('error');
    expect(value(parseCccdCell, 'CCCD-1')).toHaveProperty('error');
  });

  it('reads phone numbers, restoring the 0 a number cell lost', () => {
    expect(value(parsePhoneCell, 912345678)).toBe('0912345678');
    expect(value(parsePhoneCell, '0912.345.678')).toBe('0912345678');
    expect(value(parsePhoneCell, '0912 345 678')).toBe('0912345678');
    expect(value(parsePhoneCell, '+84 912 345 678')).toBe('+84912345678');
    expect(value(parsePhoneCell, '84912345678')).toBe('+84912345678');
    expect(value(parsePhoneCell, '')).toBeNull();
    expect(value(parsePhoneCell, '12345')).toHaveProperty('error');
  });

  it('folds Vietnamese text', () => {
    expect(fold('Lương đóng đoàn phí (đồng)')).toBe('luong dong doan phi dong');
    expect(fold('ĐẢNG VIÊN')).toBe('dang vien');
  });
});

describe('CSV records', () => {
  it('handles quotes, doubled quotes, separators and line breaks inside quotes, CRLF and a trailing newline', () => {
    const text = 'a;"b;c";"say ""hi"""\r\n"line\nbreak";;x\r\n';
    expect(parseCsv(text, ';')).toEqual([
      ['a', 'b;c', 'say "hi"'],
      ['line\nbreak', '', 'x'],
    ]);
  });

  it("reads Excel's sep= hint", () => {
    expect(stripSepHint('sep=;\na;b\n')).toEqual({ delimiter: ';', text: 'a;b\n' });
    expect(stripSepHint('a;b\n')).toEqual({ delimiter: null, text: 'a;b\n' });
  });
});
