/**
 * The .xlsx package (a zip of XML parts) before exceljs reads it: what other tools
 * write differently, and what to tell a person when a file cannot be read at all.
 *
 * openpyxl keeps cell notes as `xl/comments/comment1.xml`, linked from the sheet by
 * an absolute path; exceljs only knows Excel's `xl/comments1.xml` linked as
 * `../comments1.xml`, and crashes on the header notes of our template ("Cannot read
 * properties of undefined (reading 'comments')"). The import reads values only, so
 * the links from sheets to notes and their drawings are dropped before loading;
 * the notes' parts stay in the zip, unread.
 */
import { type LocalizedText, unprocessable } from '@congdoan/contracts';
import type JSZip from 'jszip';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** Relationship types of cell notes and of the legacy drawing that shows them. */
const NOTE_RELATIONSHIPS = [`${REL}/comments`, `${REL}/vmlDrawing`];
const WORKBOOK = 'xl/workbook.xml';
const SHEET_RELS = /^xl\/worksheets\/_rels\/[^/]+\.xml\.rels$/;
/** One `<Relationship …/>` element (self-closing, as every writer emits it). */
const RELATIONSHIP = /<Relationship\b[^>]*?\/>/g;
/** A sheet's pointer to the legacy drawing of its notes, whose link goes away with them. */
const LEGACY_DRAWING = /<legacyDrawing\b[^>]*?\/>/g;

/** Loaded when a workbook is read, so the HTTP function's cold start does not pay for it. */
const loadZip = async (): Promise<typeof JSZip> => (await import('jszip')).default;

const isNoteLink = (element: string) => NOTE_RELATIONSHIPS.some((type) => element.includes(`Type="${type}"`));

/**
 * The package as exceljs can read it: unchanged when no sheet links notes, else
 * rezipped without those links. Throws when the bytes are no zip, or a zip without a workbook.
 */
export async function readablePackage(file: Buffer): Promise<Buffer> {
  const JSZip = await loadZip();
  const zip = await JSZip.loadAsync(file);
  // exceljs takes any zip, and a zip without a workbook (an .ods, a .docx) would read as no sheets.
  if (!zip.file(WORKBOOK)) throw new Error('no workbook part');
  let changed = false;
  for (const name of Object.keys(zip.files).filter((n) => SHEET_RELS.test(n))) {
    const rels = await zip.file(name)!.async('string');
    const kept = rels.replace(RELATIONSHIP, (element) => (isNoteLink(element) ? '' : element));
    if (kept === rels) continue;
    changed = true;
    zip.file(name, kept);
    const sheet = name.replace('_rels/', '').replace(/\.rels$/, '');
    const xml = await zip.file(sheet)?.async('string');
    if (xml !== undefined) zip.file(sheet, xml.replace(LEGACY_DRAWING, ''));
  }
  if (!changed) return file;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1');
/** The stream an Office file encrypted with a password keeps its package in. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

const SAVE_AS_XLSX = {
  vi: 'mở tệp bằng Excel (hoặc LibreOffice), chọn Lưu thành (Save As) → "Excel Workbook (.xlsx)" rồi tải tệp đó lên',
  en: 'open it in Excel (or LibreOffice), choose Save As → "Excel Workbook (.xlsx)" and upload that file',
};

const reason = (vi: string, en: string): LocalizedText => ({ vi, en });

/** What the bytes are, when they are not an .xlsx exceljs could read, in words a person can act on. */
async function whyUnreadable(file: Buffer): Promise<LocalizedText> {
  if (file.length === 0) {
    return reason(
      'tệp rỗng (0 byte); hãy kiểm tra lại tệp trên máy rồi tải lên lại',
      'the file is empty (0 bytes); check the file on your computer and upload it again',
    );
  }
  if (file.subarray(0, 8).equals(OLE_SIGNATURE)) {
    if (file.includes(ENCRYPTED_PACKAGE)) {
      return reason(
        'tệp đang được đặt mật khẩu; hãy mở tệp, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi tải lên',
        'the workbook is protected by a password; open it, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save and upload it again',
      );
    }
    return reason(
      `đây là tệp Excel 97–2003 (.xls), định dạng cũ không được hỗ trợ; hãy ${SAVE_AS_XLSX.vi}`,
      `this is an Excel 97–2003 (.xls) file, an old format that is not supported; ${SAVE_AS_XLSX.en}`,
    );
  }
  const head = file.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('%pdf')) {
    return reason(
      'đây là tệp PDF, không phải bảng tính; hãy dùng tệp mẫu Excel để nhập',
      'this is a PDF, not a spreadsheet; use the Excel template to import',
    );
  }
  if (head.startsWith('<')) {
    return reason(
      `đây là một trang HTML/XML được đặt tên như tệp Excel (nhiều phần mềm xuất ra như vậy); hãy ${SAVE_AS_XLSX.vi}`,
      `this is an HTML/XML page named like an Excel file (some software exports that); ${SAVE_AS_XLSX.en}`,
    );
  }
  if (!file.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    return reason(
      'tệp không phải bảng tính Excel (.xlsx); nếu đây là tệp CSV, hãy chọn định dạng CSV khi nhập, còn không thì hãy lưu lại dạng .xlsx',
      'the file is not an Excel workbook (.xlsx); if it is a CSV file, choose the CSV format when importing, otherwise save it as .xlsx',
    );
  }
  let zip: JSZip;
  try {
    zip = await (await loadZip()).loadAsync(file);
  } catch {
    return reason(
      'tệp bị hỏng hoặc chưa tải lên hết (tệp nén .xlsx không đầy đủ); hãy tải lên lại, hoặc mở và lưu lại bằng Excel',
      'the file is damaged or was not uploaded completely (the .xlsx archive is incomplete); upload it again, or open and save it in Excel',
    );
  }
  const mimetype = (await zip.file('mimetype')?.async('string'))?.trim();
  if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet') {
    return reason(
      'đây là bảng tính OpenDocument (.ods); trong LibreOffice hãy chọn Tệp → Lưu thành → "Excel 2007-365 (.xlsx)" rồi tải tệp đó lên',
      'this is an OpenDocument spreadsheet (.ods); in LibreOffice choose File → Save As → "Excel 2007-365 (.xlsx)" and upload that file',
    );
  }
  if (zip.file('word/document.xml')) {
    return reason(
      'đây là văn bản Word, không phải bảng tính; hãy chép danh sách vào tệp mẫu Excel rồi tải lên',
      'this is a Word document, not a spreadsheet; copy the list into the Excel template and upload that',
    );
  }
  if (!zip.file(WORKBOOK)) {
    return reason(
      'tệp nén này không chứa bảng tính Excel (.xlsx); hãy tải lên tệp bảng tính',
      'this archive holds no Excel workbook (.xlsx); upload the spreadsheet itself',
    );
  }
  return reason(
    'tệp có phần mà hệ thống không đọc được; hãy mở tệp bằng Excel hoặc LibreOffice, chép dữ liệu sang tệp mẫu mới tải về rồi tải lên lại',
    'it holds something this system cannot read; open it in Excel or LibreOffice, copy the data into a freshly downloaded template and upload that',
  );
}

/** The 422 for a workbook that cannot be read, saying why and what to do. */
export async function unreadableWorkbook(file: Buffer): Promise<Error> {
  const why = await whyUnreadable(file);
  return unprocessable('import-file-unreadable', {
    vi: `Không đọc được tệp Excel: ${why.vi}.`,
    en: `The Excel file cannot be read: ${why.en}.`,
  });
}
