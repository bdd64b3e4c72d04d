import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TOTAL, tablesWorkbook, vnDate } from '../src/index.ts';

async function read(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('a report workbook', () => {
  it('writes the heading, each table with its headings, money formatted, totals bold, and the rules sheet', async () => {
    const bytes = await tablesWorkbook({
      creator: 'Công đoàn — thử',
      created: new Date('2026-12-05T03:00:00Z'),
      sheet: 'Báo cáo 2026 của một đơn vị có tên rất dài',
      unit: 'Công đoàn Viên chức tỉnh Bắc Giang',
      title: 'BÁO CÁO QUỸ NĂM 2026',
      notes: [`Từ ngày ${vnDate('2026-01-01')} đến ngày ${vnDate('2026-12-31')}`],
      tables: [
        {
          title: 'I. QUỸ',
          headings: ['Quỹ', 'Thu (đồng)', 'Số lần'],
          rows: [
            ['Mái ấm Công đoàn', 265_000_000, 12],
            [TOTAL, 265_000_000, 12],
          ],
          money: [2],
        },
        { headings: ['Họ và tên', 'Số tiền'], rows: [['Nguyễn Thị Hà', 1_300_000]], money: [2] },
      ],
      rules: [['Quỹ', 'Thu', 'Tổng các khoản thu có ngày trong kỳ']],
    });
    const wb = await read(bytes);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Báo cáo 2026 của một đơn vị có tên rất dài'.slice(0, 31));
    expect(ws.getCell(1, 1).value).toBe('CÔNG ĐOÀN VIÊN CHỨC TỈNH BẮC GIANG');
    expect(ws.getCell(2, 1).value).toBe('BÁO CÁO QUỸ NĂM 2026');
    expect(ws.getCell(3, 1).value).toBe('Từ ngày 01/01/2026 đến ngày 31/12/2026');
    // A blank line, then the first table: its title, headings, rows.
    expect(ws.getCell(5, 1).value).toBe('I. QUỸ');
    expect(ws.getRow(6).values).toEqual([undefined, 'Quỹ', 'Thu (đồng)', 'Số lần']);
    expect(ws.getCell(7, 2).value).toBe(265_000_000);
    expect(ws.getCell(7, 2).numFmt).toBe('#,##0');
    expect(ws.getCell(7, 3).numFmt).toBeUndefined();
    expect(ws.getCell(8, 1).font?.bold).toBe(true);
    expect(ws.getCell(7, 1).font?.bold).toBeFalsy();
    // A blank line, then the plain list: no title line.
    expect(ws.getRow(10).values).toEqual([undefined, 'Họ và tên', 'Số tiền']);
    expect(ws.getCell(11, 2).numFmt).toBe('#,##0');
    const rules = wb.getWorksheet('Cách tính')!;
    expect(rules.getRow(2).values).toEqual([undefined, 'Quỹ', 'Thu', 'Tổng các khoản thu có ngày trong kỳ']);
  });

  it('has no rules sheet when no rules are given', async () => {
    const wb = await read(
      await tablesWorkbook({
        creator: 'x',
        created: new Date(),
        sheet: 'Danh sách',
        unit: 'Đơn vị',
        title: 'DANH SÁCH',
        tables: [{ headings: ['A'], rows: [] }],
      }),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Danh sách']);
  });
});
