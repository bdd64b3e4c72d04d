import { describe, expect, it } from 'vitest';
import {
  decodeStatement,
  parseDong,
  parseStatement,
  parseStatementDate,
  type StatementParse,
} from '../../src/domain/bank/statement.ts';

const HEADER = 'Ngày giao dịch,Số tham chiếu,Nội dung,Ghi có,Ghi nợ,Số dư';

function lines(result: StatementParse) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.lines;
}

function errors(result: StatementParse) {
  if (result.ok) throw new Error('expected errors');
  return result.errors.map((e) => ({ row: e.row, column: e.column, vi: e.message.vi, en: e.message.en }));
}

describe('amounts and dates', () => {
  it.each([
    ['1500000', 1_500_000],
    ['1.500.000', 1_500_000],
    ['1,500,000', 1_500_000],
    ['1 500 000', 1_500_000],
    ['1,500,000.00', 1_500_000],
    ['1.500.000,00', 1_500_000],
    ['1500000.00', 1_500_000],
    ['1.000', 1_000],
    ['', 0],
    ['0', 0],
    ['2.000.000 VND', 2_000_000],
  ])('%j is %d đồng', (text, value) => {
    expect(parseDong(text)).toBe(value);
  });

  it.each(['-1.000', '1.5', '1,50', '1.500,5', 'abc', '1.50.000', '1,500.000,00', '12.345.678.901.234.567'])(
    '%j is not an amount',
    (text) => {
      expect(parseDong(text)).toBeNull();
    },
  );

  it.each([
    ['05/03/2025', '2025-03-05'],
    ['5/3/2025', '2025-03-05'],
    ['05-03-2025', '2025-03-05'],
    ['05.03.2025', '2025-03-05'],
    ['05/03/2025 14:22:10', '2025-03-05'],
    ['2025-03-05', '2025-03-05'],
  ])('%j is %s', (text, day) => {
    expect(parseStatementDate(text)).toBe(day);
  });

  it.each(['31/02/2025', '2025/03/05', '03/2025', '5/3/25', 'hôm qua', ''])('%j is not a date', (text) => {
    expect(parseStatementDate(text)).toBeNull();
  });
});

describe('decoding', () => {
  it('drops a BOM and reads base64 UTF-8', () => {
    const text = `\ufeff${HEADER}\n`;
    expect(decodeStatement(text, 'text')).toBe(`${HEADER}\n`);
    expect(decodeStatement(Buffer.from(text, 'utf8').toString('base64'), 'base64')).toBe(`${HEADER}\n`);
  });

  it('refuses bytes that are not UTF-8', () => {
    const latin1 = Buffer.from('Nội dung', 'latin1').toString('base64');
    expect(decodeStatement(latin1, 'base64')).toBeNull();
    expect(decodeStatement('not base64 !!', 'base64')).toBeNull();
  });
});

describe('parsing a statement', () => {
  it('reads the Vietnamese layout, comma separated, with quoted fields holding commas, quotes and line breaks', () => {
    const csv = [
      `${HEADER},Tài khoản đối ứng,Tên đối ứng`,
      '05/03/2025,FT25064001,"MST 2400312468 nop KPCD thang 02/2025, dot 1","1.200.000",,"51.200.000",0123456789,"LIEN HIEP ""KHKT"""',
      '06/03/2025,FT25065002,"Chuyen tien',
      'nhieu dong",,"300,000","50,900,000",,',
    ].join('\r\n');
    expect(lines(parseStatement(csv))).toEqual([
      {
        row: 2,
        date: '2025-03-05',
        reference: 'FT25064001',
        description: 'MST 2400312468 nop KPCD thang 02/2025, dot 1',
        credit: 1_200_000,
        debit: 0,
        balance: 51_200_000,
        counterAccount: '0123456789',
        counterName: 'LIEN HIEP "KHKT"',
      },
      {
        row: 3,
        date: '2025-03-06',
        reference: 'FT25065002',
        description: 'Chuyen tien\nnhieu dong',
        credit: 0,
        debit: 300_000,
        balance: 50_900_000,
        counterAccount: null,
        counterName: null,
      },
    ]);
  });

  it('reads the English layout, semicolon separated, with a BOM and title lines above the header', () => {
    const csv = [
      '\ufeffSAO KE TAI KHOAN;;;;;',
      'Tu ngay 01/03/2025 den ngay 31/03/2025;;;;;',
      'date;reference;description;credit;debit;balance',
      '07/03/2025;REF-1;MST 2400312468 KPCD T2/2025;1.200.000;;1.200.000',
      ';;Tong cong;1.200.000;0;',
    ].join('\n');
    expect(lines(parseStatement(csv))).toEqual([
      expect.objectContaining({ row: 4, reference: 'REF-1', credit: 1_200_000, debit: 0, balance: 1_200_000 }),
    ]);
  });

  it('skips a totals or balance row that names itself where the date goes, as banks write them', () => {
    const csv = [
      'Ngày giao dịch;Số tham chiếu;Nội dung;Ghi có;Ghi nợ;Số dư',
      'Số dư đầu kỳ;;;;;1.000.000',
      '07/03/2025;REF-1;MST 2400312468 KPCD T2/2025;11.000.000;;12.000.000',
      'Tổng cộng;;;11.000.000;0;',
      'Cộng phát sinh;;;11.000.000;;',
      'Số dư cuối kỳ;;;;;12.000.000',
    ].join('\n');
    expect(lines(parseStatement(csv)).map((l) => [l.row, l.reference, l.credit])).toEqual([[3, 'REF-1', 11_000_000]]);
    // A row with a mistyped date still fails, with or without a reference: only a label holds no digit.
    expect(errors(parseStatement(`${HEADER}\n07/03/2025,R1,a,100,,100\n31/02/2025,,b,100,,200\n`))).toEqual([
      expect.objectContaining({ row: 3, column: 'Ngày giao dịch' }),
      expect.objectContaining({ row: 3, column: 'Số tham chiếu' }),
    ]);
  });

  it('reports every problem by row and column, in Vietnamese and English', () => {
    const csv = [
      HEADER,
      '31/02/2025,R1,a,100,,100',
      '01/03/2025,,b,100,,200',
      '01/03/2025,R3,c,1.5,,',
      '01/03/2025,R4,d,100,200,',
      '01/03/2025,R5,e,,,',
      '01/03/2025,R3,f,100,,',
      '01/03/2025,R7,g,100,,,extra',
    ].join('\n');
    const found = errors(parseStatement(csv));
    expect(found.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 2, column: 'Ngày giao dịch' },
      { row: 3, column: 'Số tham chiếu' },
      { row: 4, column: 'Ghi có' },
      { row: 5, column: 'Ghi có' },
      { row: 6, column: 'Ghi có' },
      { row: 7, column: 'Số tham chiếu' },
      { row: 8, column: '' },
    ]);
    expect(found[0]).toMatchObject({
      vi: expect.stringContaining('DD/MM/YYYY'),
      en: expect.stringContaining('DD/MM/YYYY'),
    });
    expect(found[5]).toMatchObject({ vi: expect.stringContaining('dòng 4'), en: expect.stringContaining('row 4') });
  });

  it('names a missing column', () => {
    const found = errors(parseStatement('Ngày giao dịch,Nội dung,Ghi có,Số dư\n01/03/2025,a,100,100\n'));
    expect(found.map((e) => e.column)).toEqual(['Số tham chiếu', 'Ghi nợ']);
    expect(found[0]!.en).toContain('reference');
  });

  it('refuses a file with no header row, or no transaction', () => {
    expect(errors(parseStatement('a,b,c\n1,2,3\n'))[0]).toMatchObject({
      row: 1,
      en: expect.stringContaining('header'),
    });
    expect(errors(parseStatement(`${HEADER}\n`))[0]).toMatchObject({ en: 'The statement has no transaction.' });
  });

  it('reports a quote never closed with its line', () => {
    const found = errors(parseStatement(`${HEADER}\n01/03/2025,R1,"never closed,100,,100\n`));
    expect(found).toHaveLength(1);
    expect(found[0]!.en).toMatch(/line \d+: a quote is opened and never closed/);
  });
});
