/**
 * Files people make with other tools than Excel. The fixtures were made once with the
 * real tools (openpyxl 3.0.9, LibreOffice 7.4.7), from the template `GET
 * …/imports/template` gives; nothing here needs those tools to run:
 *
 * - template-saved-by-openpyxl.xlsx: the template loaded and saved unchanged by openpyxl;
 * - template-saved-by-libreoffice.xlsx: the same with `soffice --convert-to xlsx`;
 * - members-written-by-openpyxl.xlsx: the template with its example rows replaced by
 *   two members, written by an openpyxl script (dates as datetimes, numbers as numbers);
 * - members-resaved-by-libreoffice.xlsx: that file opened and saved again by LibreOffice.
 */
import { readFileSync } from 'node:fs';
import { DomainError } from '@congdoan/contracts';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readMemberFile } from '../../src/app/imports/read-file.ts';
import { parseMemberFile } from '../../src/files/parse.ts';
import { memberImportTemplate } from '../../src/files/template.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

const TWO_MEMBERS = [
  {
    row: 2,
    applicationDate: '2024-05-06',
    input: {
      fullName: 'Phạm Thị Lan',
      gender: 'female',
      dateOfBirth: '1990-03-15',
      cccd: '024190000123',
      ethnicity: 'Kinh',
      phone: '0912000111',
      email: 'lan@example.com',
      educationLevel: 'bachelor',
      professionalQualification: 'Kế toán',
      politicalTheoryLevel: 'elementary',
      employmentCategory: 'public-employee',
      jobTitle: 'Kế toán viên',
      partyMember: false,
      partyJoinDate: null,
      duesSalary: 5_200_000,
    },
  },
  {
    row: 3,
    applicationDate: null,
    input: {
      fullName: 'Hoàng Văn Đức',
      gender: 'male',
      dateOfBirth: '1985-11-02',
      cccd: '024085000456',
      ethnicity: 'Tày',
      phone: null,
      email: null,
      educationLevel: 'master',
      professionalQualification: null,
      politicalTheoryLevel: 'intermediate',
      employmentCategory: 'civil-servant',
      jobTitle: null,
      partyMember: true,
      partyJoinDate: '2010-01-09',
      duesSalary: 7_800_000,
    },
  },
];

describe('workbooks saved by other tools', () => {
  it('reads the template saved unchanged by openpyxl or LibreOffice as the template itself', async () => {
    const original = await parseMemberFile(await memberImportTemplate(), 'xlsx');
    expect(original.rows).toHaveLength(2);
    for (const name of ['template-saved-by-openpyxl.xlsx', 'template-saved-by-libreoffice.xlsx']) {
      const parsed = await parseMemberFile(fixture(name), 'xlsx');
      expect({ name, rows: parsed.rows, errors: parsed.errors, headerErrors: parsed.headerErrors }).toEqual({
        name,
        rows: original.rows,
        errors: [],
        headerErrors: [],
      });
      expect(parsed.sheet).toBe(original.sheet);
    }
  });

  it('reads members an openpyxl script wrote, and the same file after LibreOffice saved it again', async () => {
    for (const name of ['members-written-by-openpyxl.xlsx', 'members-resaved-by-libreoffice.xlsx']) {
      const { parsed, letters } = await readMemberFile(fixture(name), 'xlsx');
      expect({ name, rows: parsed.rows, errors: parsed.errors }).toEqual({ name, rows: TWO_MEMBERS, errors: [] });
      expect(letters).toMatchObject({ fullName: 'B', cccd: 'E', duesSalary: 'P' });
    }
  });
});

/** The problem a file gets, in both languages. */
async function refusal(file: Buffer) {
  const error = await parseMemberFile(file, 'xlsx').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const { kind, code, detail } = error as DomainError;
  expect({ kind, code }).toEqual({ kind: 'unprocessable', code: 'import-file-unreadable' });
  expect(detail.vi).toMatch(/^Không đọc được tệp Excel: /);
  expect(detail.en).toMatch(/^The Excel file cannot be read: /);
  return detail;
}

const zipOf = async (files: Record<string, string>) => {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer' });
};

describe('a file that cannot be read says why, in words a person can act on', () => {
  const ole = (extra: Buffer) =>
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), extra]);

  it('an empty file', async () => {
    expect((await refusal(Buffer.alloc(0))).en).toContain('empty');
  });

  it('an Excel 97–2003 .xls, to be saved as .xlsx', async () => {
    const detail = await refusal(ole(Buffer.from('Workbook', 'utf16le')));
    expect(detail.vi).toContain('Excel 97–2003 (.xls)');
    expect(detail.en).toContain('Save As');
  });

  it('a workbook protected by a password', async () => {
    expect((await refusal(ole(Buffer.from('EncryptedPackage', 'utf16le')))).en).toContain('password');
  });

  it('a CSV, a PDF or an HTML page named .xlsx', async () => {
    expect((await refusal(Buffer.from('STT;Họ và tên\n1;Lê Thị Mai\n'))).en).toContain('CSV');
    expect((await refusal(Buffer.from('%PDF-1.7\n'))).en).toContain('PDF');
    expect((await refusal(Buffer.from('<html><table><tr><td>1</td></tr></table></html>'))).en).toContain('HTML');
  });

  it('an upload cut short', async () => {
    const template = await memberImportTemplate();
    const detail = await refusal(template.subarray(0, Math.floor(template.length / 2)));
    expect(detail.en).toContain('not uploaded completely');
  });

  it('an OpenDocument spreadsheet, a Word document or another archive', async () => {
    const ods = await zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' });
    expect((await refusal(ods)).en).toContain('(.ods)');
    expect((await refusal(await zipOf({ 'word/document.xml': '<w/>' }))).en).toContain('Word document');
    expect((await refusal(await zipOf({ 'readme.txt': 'hello' }))).en).toContain('holds no Excel workbook');
  });
});
