import { DomainError } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { describeRowError, parseMemberFile } from '../../src/files/parse.ts';
import { type Cell, csvLine, HEADERS, type Header, rowCells, xlsxOf } from './support.ts';

const pick = (e: { row: number; column: string; field: string; cell: string | null }) => ({
  row: e.row,
  column: e.column,
  field: e.field,
  cell: e.cell,
});

describe('parseMemberFile (xlsx)', () => {
  it('finds the header under a title row and reads a valid row into a member input', async () => {
    const file = await xlsxOf([
      ['DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN CƠ SỞ LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT'],
      [],
      [...HEADERS],
      Object.values(
        rowCells({
          'Ngày sinh': new Date(Date.UTC(1985, 2, 15)),
          'Đảng viên': 'Có',
          'Ngày vào Đảng': '19/05/2010',
          'Ngày nộp đơn': '2015-03-02',
          'Lương đóng đoàn phí (đồng)': 5_200_000,
        }),
      ),
    ]);
    const parsed = await parseMemberFile(file, 'xlsx');
    expect(parsed.headerErrors).toEqual([]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.headerRow).toBe(3);
    expect(parsed.sheet).toBe('Sheet1');
    expect(parsed.dataRows).toBe(1);
    expect(parsed.rows).toEqual([
      {
        row: 4,
        applicationDate: '2015-03-02',
        input: {
          fullName: 'Lê Thị Mai',
          gender: 'female',
          dateOfBirth: '1985-03-15',
          cccd: '024185000001',
          ethnicity: 'Kinh',
          phone: '0912345678',
          email: 'mai@example.com',
          educationLevel: 'bachelor',
          professionalQualification: 'Kế toán',
          politicalTheoryLevel: 'elementary',
          employmentCategory: 'public-employee',
          jobTitle: 'Kế toán viên',
          partyMember: true,
          partyJoinDate: '2010-05-19',
          duesSalary: 5_200_000,
        },
      },
    ]);
  });

  it('reports every mistake by row and column, in Vietnamese and English, and keeps the good rows', async () => {
    const headers = [...HEADERS, 'Ghi chú'];
    const line = (n: number, o: Partial<Record<Header, Cell>>, note: Cell = null) => [
      ...Object.values(rowCells({ 'Số CCCD': `02418500000${n}`, ...o }, n)),
      note,
    ];
    const file = await xlsxOf([
      ['Danh sách đoàn viên'],
      headers,
      line(1, {}, 'tổ trưởng'), // row 3: fine (the unknown column is reported once, in the header)
      line(2, { 'Ngày sinh': '31/02/1985' }), // row 4
      line(3, { 'Giới tính': 'Khác' }), // row 5
      line(4, { 'Số CCCD': '02418500004' }), // row 6: 11 digits
      line(5, { 'Lương đóng đoàn phí (đồng)': -5_000_000 }), // row 7
      line(6, { 'Số CCCD': '024185000001' }), // row 8: repeats row 3
      [null, null, null, null, null, null], // row 9: empty, skipped
      [10], // row 10: only STT, skipped
      line(7, { 'Họ và tên': '', 'Trình độ học vấn': 'Giỏi', Email: 'không có' }), // row 11: three cells
      line(8, { 'Đảng viên': 'Không', 'Ngày vào Đảng': '03/02/2001' }), // row 12
      line(9, { 'Số điện thoại': '12345', 'Họ và tên': 'A' }), // row 13
    ]);
    const parsed = await parseMemberFile(file, 'xlsx');

    expect(parsed.headerErrors.map(pick)).toEqual([{ row: 2, column: 'Ghi chú', field: '', cell: 'R2' }]);
    expect(parsed.headerErrors[0]!.message).toBe(
      'Cột "Ghi chú" không có trong mẫu nên bị bỏ qua; hãy xóa cột này hoặc đổi tiêu đề cho đúng mẫu',
    );

    expect(parsed.errors.map(pick)).toEqual([
      { row: 4, column: 'Ngày sinh', field: 'dateOfBirth', cell: 'D4' },
      { row: 5, column: 'Giới tính', field: 'gender', cell: 'C5' },
      { row: 6, column: 'Số CCCD', field: 'cccd', cell: 'E6' },
      { row: 7, column: 'Lương đóng đoàn phí (đồng)', field: 'duesSalary', cell: 'P7' },
      { row: 8, column: 'Số CCCD', field: 'cccd', cell: 'E8' },
      { row: 11, column: 'Họ và tên', field: 'fullName', cell: 'B11' },
      { row: 11, column: 'Email', field: 'email', cell: 'H11' },
      { row: 11, column: 'Trình độ học vấn', field: 'educationLevel', cell: 'I11' },
      { row: 12, column: 'Ngày vào Đảng', field: 'partyJoinDate', cell: 'O12' },
      { row: 13, column: 'Họ và tên', field: 'fullName', cell: 'B13' },
      { row: 13, column: 'Số điện thoại', field: 'phone', cell: 'G13' },
    ]);
    expect(parsed.errors.map((e) => e.message)).toEqual([
      'Ngày "31/02/1985" không hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 15/03/1985',
      'Giá trị "Khác" không hợp lệ; chọn một trong: Nam, Nữ',
      'Số CCCD phải gồm đúng 12 chữ số (đang có 11 chữ số: "02418500004"); nếu Excel đã bỏ số 0 ở đầu, hãy bổ sung',
      'Lương đóng đoàn phí (đồng) không được âm ("-5000000")',
      'Số CCCD 024185000001 trùng với dòng 3 trong tệp',
      'Chưa nhập Họ và tên (bắt buộc)',
      'Email "không có" không hợp lệ',
      'Giá trị "Giỏi" không hợp lệ; chọn một trong: Tiến sĩ, Thạc sĩ, Đại học, Cao đẳng, Trung cấp, THPT, THCS, Tiểu học',
      'Có ngày vào Đảng nhưng cột "Đảng viên" ghi "Không"; sửa một trong hai ô',
      'Họ và tên phải có ít nhất 2 ký tự',
      'Số điện thoại "12345" không hợp lệ; nhập dạng 0xxxxxxxxx hoặc +84xxxxxxxxx',
    ]);
    expect(parsed.errors[3]!.messageEn).toBe('Lương đóng đoàn phí (đồng) cannot be negative ("-5000000")');
    expect(parsed.errors[4]!.messageEn).toBe('CCCD 024185000001 repeats row 3 of this file');
    expect(describeRowError(parsed.errors[0]!)).toBe(
      'Dòng 4, cột Ngày sinh (D4): Ngày "31/02/1985" không hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 15/03/1985',
    );

    expect(parsed.rows.map((r) => r.row)).toEqual([3]);
    expect(parsed.dataRows).toBe(9);
  });

  it('refuses invisible and control characters in names and text with the shared text type, naming the cell', async () => {
    // XML cannot carry a NUL, so the control character comes in a CSV.
    const csv = [
      csvLine([...HEADERS], ';'),
      csvLine(Object.values(rowCells({ 'Họ và tên': 'Lê Thị\u202e Mai' })), ';'),
      csvLine(Object.values(rowCells({ 'Số CCCD': '024185000002', 'Chức vụ': 'Kế toán\u0000' }, 2)), ';'),
    ].join('\r\n');
    const parsed = await parseMemberFile(Buffer.from(csv, 'utf8'), 'csv');
    expect(parsed.errors.map(pick)).toEqual([
      { row: 2, column: 'Họ và tên', field: 'fullName', cell: 'B2' },
      { row: 3, column: 'Chức vụ', field: 'jobTitle', cell: 'M3' },
    ]);
    expect(parsed.errors[0]!.message).toMatch(/^Họ và tên: Có ký tự ẩn hoặc ký tự điều khiển U\+202E/);
    expect(parsed.errors[1]!.messageEn).toMatch(/^Chức vụ: Contains an invisible or control character U\+0000/);
    expect(parsed.rows).toEqual([]);
  });

  it('reports a missing required column once, in the header, and accepts no row without it', async () => {
    const headers = HEADERS.filter((h) => h !== 'Đối tượng');
    const cells = rowCells();
    const file = await xlsxOf([
      headers,
      headers.map((h) => cells[h]),
      headers.map((h) => (h === 'Ngày sinh' ? 'sai ngày' : rowCells({ 'Số CCCD': '024185000002' })[h])),
    ]);
    const parsed = await parseMemberFile(file, 'xlsx');
    expect(parsed.headerErrors.map(pick)).toEqual([
      { row: 1, column: 'Đối tượng', field: 'employmentCategory', cell: null },
    ]);
    expect(parsed.headerErrors[0]!.message).toBe('Thiếu cột bắt buộc "Đối tượng"');
    expect(parsed.headerErrors[0]!.messageEn).toBe('The required column "Đối tượng" is missing');
    // Other cells are still checked; the missing column is not repeated on every row.
    expect(parsed.errors.map(pick)).toEqual([{ row: 3, column: 'Ngày sinh', field: 'dateOfBirth', cell: 'D3' }]);
    expect(parsed.rows).toEqual([]);
  });

  it('accepts a sheet with only the required columns, in any order, and applies the defaults', async () => {
    const file = await xlsxOf([
      ['Lương đóng đoàn phí', 'ho va ten', 'GIỚI TÍNH', 'Ngày sinh (dd/mm/yyyy)', 'CCCD', 'Trình độ', 'Đối tượng'],
      ['4.680.000', 'Phạm Văn Bình', 'nam', '1/2/1990', '024090000111', 'cao dang', 'lao dong hop dong'],
    ]);
    const parsed = await parseMemberFile(file, 'xlsx');
    expect(parsed.headerErrors).toEqual([]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toEqual({
      row: 2,
      applicationDate: null,
      input: {
        fullName: 'Phạm Văn Bình',
        gender: 'male',
        dateOfBirth: '1990-02-01',
        cccd: '024090000111',
        ethnicity: 'Kinh',
        educationLevel: 'college',
        politicalTheoryLevel: 'none',
        employmentCategory: 'contract-worker',
        partyMember: false,
        duesSalary: 4_680_000,
      },
    });
  });

  it('skips the column-numbering row that official forms put under the header', async () => {
    const file = await xlsxOf([[...HEADERS], HEADERS.map((_, i) => `(${i + 1})`), Object.values(rowCells())]);
    const parsed = await parseMemberFile(file, 'xlsx');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.row)).toEqual([3]);
  });

  it('restores the leading zeros of a CCCD (and phone) that Excel stored as numbers', async () => {
    const cells = rowCells({ 'Số CCCD': 24185000001, 'Số điện thoại': 912345678 });
    const file = await xlsxOf([[...HEADERS], Object.values(cells)]);
    const parsed = await parseMemberFile(file, 'xlsx');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]!.input.cccd).toBe('024185000001');
    expect(parsed.rows[0]!.input.phone).toBe('0912345678');
  });

  it('reads hyperlinked emails, rich text and formula results as their text', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow([...HEADERS]);
    const row = ws.addRow(Object.values(rowCells()));
    row.getCell(8).value = { text: 'mai@example.com', hyperlink: 'mailto:mai@example.com' };
    row.getCell(2).value = { richText: [{ text: 'Lê Thị ', font: { bold: true } }, { text: 'Mai' }] };
    row.getCell(16).value = { formula: '2340000*2.22', result: 5_194_800 };
    const file = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const parsed = await parseMemberFile(file, 'xlsx');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]!.input).toMatchObject({
      fullName: 'Lê Thị Mai',
      email: 'mai@example.com',
      duesSalary: 5_194_800,
    });
  });

  it('reports a file without a recognisable header row', async () => {
    const parsed = await parseMemberFile(
      await xlsxOf([
        ['Tên', 'Tuổi'],
        ['An', 30],
      ]),
      'xlsx',
    );
    expect(parsed.headerRow).toBeNull();
    expect(parsed.rows).toEqual([]);
    expect(parsed.headerErrors).toHaveLength(1);
    expect(parsed.headerErrors[0]!.message).toMatch(/^Không tìm thấy dòng tiêu đề cột/);
  });

  it('refuses bytes that are not an .xlsx with a Vietnamese problem', async () => {
    const error = await parseMemberFile(Buffer.from('not a zip'), 'xlsx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('unprocessable');
    expect((error as DomainError).detail.vi).toMatch(/Không đọc được tệp Excel/);
  });

  it('parses a 10,000-row sheet', async () => {
    const rows: Cell[][] = [[...HEADERS]];
    for (let i = 0; i < 10_000; i++) {
      rows.push(
        Object.values(
          rowCells(
            {
              'Họ và tên': `Đoàn Viên Số ${i + 1}`,
              'Số CCCD': `0241850${String(i).padStart(5, '0')}`,
              'Ngày sinh': new Date(Date.UTC(1970 + (i % 30), i % 12, 1 + (i % 28))),
              'Lương đóng đoàn phí (đồng)': 4_000_000 + i,
            },
            i + 1,
          ),
        ),
      );
    }
    const parsed = await parseMemberFile(await xlsxOf(rows), 'xlsx');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(10_000);
    expect(parsed.rows[9_999]).toMatchObject({ row: 10_001, input: { cccd: '024185009999', duesSalary: 4_009_999 } });
  });
});

describe('parseMemberFile (csv)', () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);

  it("reads Excel's Vietnamese-locale CSV: BOM, semicolons, quotes, CRLF, unaccented headers and labels", async () => {
    const headers = HEADERS.map((h) => (h === 'Họ và tên' ? 'Ho va ten' : h === 'Giới tính' ? 'GIOI TINH' : h));
    const text = [
      'DANH SÁCH ĐOÀN VIÊN;;;',
      csvLine(headers, ';'),
      csvLine(
        Object.values(
          rowCells({
            'Giới tính': 'nu',
            'Chức vụ': 'Phó trưởng phòng; kiêm kế toán',
            'Chuyên môn': 'Quản trị "kinh doanh"',
            'Ngày sinh': '5/3/1985',
          }),
        ),
        ';',
      ),
      ';;;;',
      csvLine(Object.values(rowCells({ 'Số CCCD': '024185000002', 'Giới tính': 'NAM' }, 2)), ';'),
      '',
    ].join('\r\n');
    const parsed = await parseMemberFile(Buffer.concat([bom, Buffer.from(text, 'utf8')]), 'csv');
    expect(parsed.headerErrors).toEqual([]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.headerRow).toBe(2);
    expect(parsed.sheet).toBeNull();
    expect(parsed.rows.map((r) => r.row)).toEqual([3, 5]);
    expect(parsed.rows[0]!.input).toMatchObject({
      gender: 'female',
      dateOfBirth: '1985-03-05',
      jobTitle: 'Phó trưởng phòng; kiêm kế toán',
      professionalQualification: 'Quản trị "kinh doanh"',
      duesSalary: 5_200_000,
    });
    expect(parsed.rows[1]!.input.gender).toBe('male');
  });

  it('reads comma-separated UTF-8 without a BOM, with "5,200,000" money quoted', async () => {
    const text = [
      csvLine([...HEADERS], ','),
      csvLine(Object.values(rowCells({ 'Lương đóng đoàn phí (đồng)': '5,200,000' })), ','),
    ].join('\n');
    const parsed = await parseMemberFile(Buffer.from(text, 'utf8'), 'csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]!.input.duesSalary).toBe(5_200_000);
  });

  it('does not pad an 11-digit CCCD typed as text, and says why it may be short', async () => {
    const text = [csvLine([...HEADERS], ';'), csvLine(Object.values(rowCells({ 'Số CCCD': '24185000001' })), ';')].join(
      '\n',
    );
    const parsed = await parseMemberFile(Buffer.from(text, 'utf8'), 'csv');
    expect(parsed.errors.map(pick)).toEqual([{ row: 2, column: 'Số CCCD', field: 'cccd', cell: 'E2' }]);
    expect(parsed.errors[0]!.messageEn).toMatch(/exactly 12 digits/);
  });

  it('refuses a CSV that is not UTF-8', async () => {
    const latin1 = Buffer.from(`${csvLine([...HEADERS], ';')}\nL\xea Th\xec Mai;`, 'latin1');
    const error = await parseMemberFile(latin1, 'csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('import-file-encoding');
  });

  it('parses a 10,000-row CSV', async () => {
    const lines = [csvLine([...HEADERS], ';')];
    for (let i = 0; i < 10_000; i++) {
      lines.push(csvLine(Object.values(rowCells({ 'Số CCCD': `0241850${String(i).padStart(5, '0')}` }, i + 1)), ';'));
    }
    const parsed = await parseMemberFile(Buffer.from(lines.join('\r\n'), 'utf8'), 'csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(10_000);
  });
});
