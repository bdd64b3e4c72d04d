import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportMembersXlsx, exportStatisticsXlsx, type StatisticsReport } from '../../src/files/export.ts';
import { TEMPLATE_COLUMNS } from '../../src/files/layout.ts';
import { parseMemberFile } from '../../src/files/parse.ts';
import { memberImportTemplate, TEMPLATE_EXAMPLES } from '../../src/files/template.ts';
import { inputOf, loadXlsx, member } from './support.ts';

const text = (ws: ExcelJS.Worksheet) => {
  const lines: string[] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.master.address !== cell.address) return; // a merged title shows once
      cells.push(cell.value === null || cell.value === undefined ? '' : String(cell.value));
    });
    while (cells.at(-1) === '') cells.pop();
    lines.push(cells.join(' | '));
  });
  return lines;
};

describe('memberImportTemplate', () => {
  it('parses with its two example rows and no errors', async () => {
    const parsed = await parseMemberFile(await memberImportTemplate(), 'xlsx');
    expect(parsed.headerErrors).toEqual([]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.sheet).toBe('Danh sách đoàn viên');
    expect(parsed.headerRow).toBe(1);
    expect(parsed.rows).toHaveLength(2);
    const [first, second] = parsed.rows;
    expect(first).toEqual({
      row: 2,
      applicationDate: '2015-03-02',
      input: {
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
      },
    });
    expect(second!.input).toMatchObject({
      employmentCategory: 'civil-servant',
      educationLevel: 'bachelor',
      ethnicity: 'Tày',
      cccd: '024075004567',
    });
    expect(second!.applicationDate).toBeNull();
    expect(TEMPLATE_EXAMPLES).toHaveLength(2);
  });

  it('has a bold, frozen header with widths, drop-down lists on the enum columns, and a guide sheet', async () => {
    const wb = await loadXlsx(await memberImportTemplate());
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Danh sách đoàn viên', 'Hướng dẫn']);
    const ws = wb.getWorksheet('Danh sách đoàn viên')!;
    expect(ws.getCell('B1').value).toBe('Họ và tên');
    expect(ws.getCell('B1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(2).width).toBe(26);
    expect(ws.getCell('E2').numFmt).toBe('@');

    const gender = ws.getCell('C100').dataValidation;
    expect(gender).toMatchObject({ type: 'list', formulae: ['"Nam,Nữ"'] });
    expect(ws.getCell('I2').dataValidation.formulae).toEqual([
      '"Tiến sĩ,Thạc sĩ,Đại học,Cao đẳng,Trung cấp,THPT,THCS,Tiểu học"',
    ]);
    expect(ws.getCell('K2').dataValidation.formulae).toEqual(['"Không,Sơ cấp,Trung cấp,Cao cấp,Cử nhân"']);
    expect(ws.getCell('L2').dataValidation.formulae).toEqual(['"Công chức,Viên chức,Lao động hợp đồng"']);
    expect(ws.getCell('N2').dataValidation.formulae).toEqual(['"Có,Không"']);
    expect(ws.getCell('B2').dataValidation).toBeUndefined();

    const guide = text(wb.getWorksheet('Hướng dẫn')!).join('\n');
    for (const column of TEMPLATE_COLUMNS) expect(guide).toContain(column.header);
    expect(guide).toContain('Tiến sĩ, Thạc sĩ, Đại học, Cao đẳng, Trung cấp, THPT, THCS, Tiểu học');
    expect(guide).toContain('XÓA HAI DÒNG VÍ DỤ');
  });
});

describe('exportMembersXlsx', () => {
  const members = [
    member(),
    member({
      id: 'm2',
      fullName: 'Trần Văn Minh',
      gender: 'male',
      dateOfBirth: '1975-08-23',
      cccd: '001075004567',
      ethnicity: 'Ê Đê',
      phone: null,
      email: null,
      educationLevel: 'bachelor',
      professionalQualification: null,
      politicalTheoryLevel: 'none',
      employmentCategory: 'civil-servant',
      jobTitle: null,
      partyMember: false,
      partyJoinDate: null,
      duesSalary: 10_108_800,
      cardNumber: null,
      joinDate: null,
      status: 'applicant',
      applicationDate: '2025-06-30',
    }),
    member({
      id: 'm3',
      fullName: 'Hoàng Thị Lan',
      cccd: '024190000003',
      phone: '+84983456789',
      educationLevel: 'vocational',
      politicalTheoryLevel: 'intermediate',
      employmentCategory: 'contract-worker',
      partyMember: true,
      partyJoinDate: '2019-02-03',
      duesSalary: 0,
      status: 'suspended',
    }),
  ];

  it('round-trips: an export parses back into the same inputs and application dates', async () => {
    const file = await exportMembersXlsx(members, {
      unitName: 'Công đoàn cơ sở Liên hiệp các Hội Khoa học và Kỹ thuật',
      generatedAt: '2025-07-01T18:30:00.000Z',
    });
    const parsed = await parseMemberFile(file, 'xlsx');
    expect(parsed.headerErrors).toEqual([]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.headerRow).toBe(4);
    expect(parsed.rows.map((r) => r.row)).toEqual([5, 6, 7]);
    expect(parsed.rows.map((r) => r.input)).toEqual(members.map(inputOf));
    expect(parsed.rows.map((r) => r.applicationDate)).toEqual(members.map((m) => m.applicationDate));
  });

  it('writes a title with the unit and the day in Việt Nam, and the read-only columns', async () => {
    const wb = await loadXlsx(
      await exportMembersXlsx(members, { unitName: 'CĐCS Liên hiệp hội', generatedAt: '2025-07-01T18:30:00.000Z' }),
    );
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('DANH SÁCH ĐOÀN VIÊN');
    expect(ws.getCell('A2').value).toBe('CĐCS Liên hiệp hội');
    expect(ws.getCell('A3').value).toBe('Ngày xuất: 02/07/2025 — Số đoàn viên: 3');
    expect(ws.getCell('R4').value).toBe('Số thẻ đoàn viên');
    expect(ws.getCell('R5').value).toBe('2415000123');
    expect(ws.getCell('T5').value).toBe('Đang sinh hoạt');
    expect(ws.getCell('T6').value).toBe('Đang xét kết nạp');
    expect(ws.getCell('D5').value).toEqual(new Date(Date.UTC(1982, 4, 12)));
    expect(ws.getCell('D5').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('P5').value).toBe(8_564_400);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  it('keeps masks, says so, and such a file does not re-import', async () => {
    const masked = [member({ cccd: '••••••••1234', duesSalary: null, masked: true })];
    const file = await exportMembersXlsx(masked, { unitName: 'CĐCS', generatedAt: '2025-07-01' });
    const wb = await loadXlsx(file);
    expect(String(wb.worksheets[0]!.getCell('A3').value)).toContain('đã được che');
    const parsed = await parseMemberFile(file, 'xlsx');
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors.map((e) => e.field)).toEqual(['cccd', 'duesSalary']);
  });
});

describe('exportStatisticsXlsx', () => {
  it("writes seed 001's CĐCS report as a readable sheet", async () => {
    const report: StatisticsReport = {
      unitName: 'Công đoàn cơ sở Liên hiệp các Hội Khoa học và Kỹ thuật',
      asOf: '2025-06-30',
      generatedAt: '2025-07-01T01:00:00Z',
      totals: { members: 7, women: 4, partyMembers: 5 },
      byEducation: { master: 2, bachelor: 3, college: 1, vocational: 1 },
      byPoliticalTheory: { bachelor: 2, intermediate: 2, elementary: 3 },
      byCategory: { 'public-employee': 5, 'civil-servant': 2 },
      byAgeBand: { '30-39': 3, '40-49': 2, '50-59': 2 },
      byEthnicity: { Kinh: 6, Tày: 1 },
      movements: { from: '2025-01-01', to: '2025-06-30', admissions: 1, exits: 1, exitsByReason: { retired: 1 } },
      extraSections: [{ title: 'Công đoàn bộ phận', rows: [{ label: 'Văn phòng', value: 7 }] }],
    };
    const wb = await loadXlsx(await exportStatisticsXlsx(report));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Thống kê');
    const lines = text(ws);
    expect(lines.slice(0, 4)).toEqual([
      'BÁO CÁO THỐNG KÊ ĐOÀN VIÊN',
      'Công đoàn cơ sở Liên hiệp các Hội Khoa học và Kỹ thuật',
      'Số liệu tính đến ngày 30/06/2025',
      'Ngày lập: 01/07/2025',
    ]);
    expect(lines).toContain('STT | Chỉ tiêu | Số lượng | Tỷ lệ');
    expect(lines).toContain('I | Tổng hợp');
    expect(lines).toContain('1 | Tổng số đoàn viên | 7 | 1');
    expect(lines).toContain('II | Trình độ học vấn');
    expect(lines).toContain('2 | Thạc sĩ | 2 | 0.2857142857142857');
    expect(lines).toContain('3 | Đại học | 3 | 0.42857142857142855');
    expect(lines).toContain('1 | Tiến sĩ | 0 | 0');
    expect(lines).toContain('IV | Đối tượng (công chức, viên chức, lao động)');
    expect(lines).toContain('1 | Công chức | 2 | 0.2857142857142857');
    expect(lines).toContain('2 | Viên chức | 5 | 0.7142857142857143');
    expect(lines).toContain('1 | Kinh | 6 | 0.8571428571428571');
    expect(lines).toContain('VII | Biến động từ 01/01/2025 đến 30/06/2025');
    expect(lines).toContain('3 | — Nghỉ hưu | 1');
    expect(lines).toContain('1 | Văn phòng | 7');
    expect(ws.getCell('D8').numFmt).toBe('0.0%');
  });
});
