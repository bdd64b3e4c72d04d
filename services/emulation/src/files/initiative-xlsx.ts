/**
 * Accepted initiatives as the .xlsx a union sends to the national "1 triệu sáng kiến" portal
 * (Chương trình "1 triệu sáng kiến", Hướng dẫn 46/HD-TLĐ of 30/12/2021): one row per initiative,
 * the columns of `PORTAL_COLUMNS` in that order, and a second sheet saying what each column holds
 * and what the layout rests on. The portal's own import layout is not in our sources: the columns
 * follow what HD 46/HD-TLĐ asks a member or union to enter (the author, where they work, the
 * initiative, its field, summary, effect and its recognition) and the recognition form of the Điều
 * lệ sáng kiến (NĐ 13/2012/NĐ-CP). Certainty: unsure (docs/emulation.md, Initiatives).
 */
import type ExcelJS from 'exceljs';

let excel: Promise<typeof ExcelJS> | undefined;

/** exceljs, loaded on first use: only the export pays for it (a chunk of its own in a bundle, scripts/bundle.ts). */
const loadExcel = (): Promise<typeof ExcelJS> => {
  excel ??= import('exceljs').then((module) => module.default);
  return excel;
};

/** One initiative as the portal's row wants it: names resolved, days as dd/mm/yyyy. */
export interface PortalRow {
  title: string;
  /** "Họ tên (tỷ lệ %)", joined with "; ". */
  authors: string;
  unitName: string;
  field: string;
  description: string;
  appliedOn: string;
  benefitDong: number | null;
  benefitText: string | null;
  scope: 'unit' | 'province' | 'national';
  recognitionNumber: string;
  recognitionDate: string;
  sentOn: string | null;
  reference: string | null;
  id: string;
}

const SCOPE_LABELS = { unit: 'Cơ sở', province: 'Tỉnh, thành phố', national: 'Toàn quốc' } as const;

/** The portal's columns, in order: heading, what it holds, width. */
export const PORTAL_COLUMNS: readonly {
  heading: string;
  holds: string;
  width: number;
  cell: (r: PortalRow) => string | number | null;
}[] = [
  { heading: 'Tên sáng kiến', holds: 'The initiative’s title', width: 40, cell: (r) => r.title },
  {
    heading: 'Tác giả (tỷ lệ đóng góp)',
    holds: 'Each author’s full name and share in percent',
    width: 36,
    cell: (r) => r.authors,
  },
  { heading: 'Đơn vị', holds: 'The unit that submitted it', width: 34, cell: (r) => r.unitName },
  { heading: 'Lĩnh vực', holds: 'The field it applies to', width: 20, cell: (r) => r.field },
  { heading: 'Tóm tắt nội dung', holds: 'The description', width: 60, cell: (r) => r.description },
  { heading: 'Ngày áp dụng lần đầu', holds: 'The day first applied, dd/mm/yyyy', width: 14, cell: (r) => r.appliedOn },
  {
    heading: 'Giá trị làm lợi (đồng)',
    holds: 'The benefit in whole đồng, where it is a value',
    width: 18,
    cell: (r) => r.benefitDong,
  },
  {
    heading: 'Hiệu quả',
    holds: 'The benefit in words, where it is not a value',
    width: 40,
    cell: (r) => r.benefitText,
  },
  {
    heading: 'Cấp công nhận',
    holds: 'Cơ sở, Tỉnh/thành phố or Toàn quốc',
    width: 16,
    cell: (r) => SCOPE_LABELS[r.scope],
  },
  {
    heading: 'Số quyết định công nhận',
    holds: 'The recognition decision’s number',
    width: 20,
    cell: (r) => r.recognitionNumber,
  },
  { heading: 'Ngày công nhận', holds: 'The recognition date, dd/mm/yyyy', width: 14, cell: (r) => r.recognitionDate },
  { heading: 'Ngày gửi Cổng', holds: 'The day marked as sent, empty if not yet', width: 14, cell: (r) => r.sentOn },
  { heading: 'Mã trên Cổng', holds: 'The portal’s reference, where it gave one', width: 16, cell: (r) => r.reference },
  { heading: 'Mã nội bộ', holds: 'Our id of the initiative, to mark it sent', width: 38, cell: (r) => r.id },
];

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function initiativeWorkbook(
  rows: readonly PortalRow[],
  unit: { name: string },
  generatedAt: Date,
): Promise<Buffer> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  wb.creator = 'Công đoàn — thi đua, khen thưởng';
  wb.created = generatedAt;
  const ws = wb.addWorksheet('Sáng kiến');
  const header = ws.getRow(1);
  header.values = ['STT', ...PORTAL_COLUMNS.map((c) => c.heading)];
  ws.getColumn(1).width = 6;
  PORTAL_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 2).width = c.width;
  });
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  rows.forEach((r, i) => {
    const line = ws.getRow(i + 2);
    line.values = [i + 1, ...PORTAL_COLUMNS.map((c) => c.cell(r))];
    line.eachCell((cell) => {
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    line.getCell(8).numFmt = '#,##0';
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];

  const about = wb.addWorksheet('Ghi chú');
  about.getColumn(1).width = 26;
  about.getColumn(2).width = 60;
  about.getRow(1).values = [unit.name, `Sáng kiến đã công nhận: ${rows.length}`];
  about.getRow(1).font = { bold: true };
  about.getRow(2).values = [
    'Căn cứ bố cục',
    'Hướng dẫn 46/HD-TLĐ (30/12/2021) và mẫu đơn công nhận sáng kiến (NĐ 13/2012/NĐ-CP); bố cục nhập của Cổng chưa được đối chiếu (chưa chắc chắn).',
  ];
  PORTAL_COLUMNS.forEach((c, i) => {
    about.getRow(i + 4).values = [c.heading, c.holds];
  });
  const out: unknown = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
