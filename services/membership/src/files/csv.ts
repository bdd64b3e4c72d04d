/**
 * RFC 4180 CSV, as Excel writes it in Việt Nam: UTF-8 with or without a BOM (or
 * UTF-16 "Unicode text"), comma, semicolon or tab separated, quoted fields that may
 * hold separators, doubled quotes and line breaks, and an optional `sep=;` first line.
 */
import { unprocessable } from '@congdoan/contracts';

export type Delimiter = ',' | ';' | '\t';

/** Decodes the bytes of a CSV file; refuses text that is not UTF-8 (or UTF-16 with a BOM). */
export function decodeCsv(file: Uint8Array): string {
  if (file[0] === 0xff && file[1] === 0xfe) return new TextDecoder('utf-16le').decode(file.subarray(2));
  if (file[0] === 0xfe && file[1] === 0xff) return new TextDecoder('utf-16be').decode(file.subarray(2));
  const body = file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf ? file.subarray(3) : file;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw unprocessable('import-file-encoding', {
      vi: 'Tệp CSV không phải mã UTF-8. Trong Excel, hãy lưu bằng "CSV UTF-8 (Comma delimited)" rồi tải lên lại.',
      en: 'The CSV file is not UTF-8. In Excel, save it as "CSV UTF-8 (Comma delimited)" and upload it again.',
    });
  }
}

/** Parses CSV text into records of fields. One pass, linear in the text. */
export function parseCsv(text: string, delimiter: Delimiter): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ && field === '') {
      // Quoted field: up to the closing quote; "" is a quote.
      i++;
      let start = i;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          // Unterminated: take the rest as the field.
          value += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          value += `${text.slice(start, q)}"`;
          i = q + 2;
          start = i;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      field = value;
      // Anything between the closing quote and the next separator is kept, as Excel does.
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === delim || d === 10 || d === 13) break;
        field += text[i];
        i++;
      }
      continue;
    }
    if (c === delim) {
      record.push(field);
      field = '';
      i++;
    } else if (c === 10 || c === 13) {
      endRecord();
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      // Plain run up to the next special character.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === delim || d === 10 || d === 13) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** Reads `sep=X` (Excel's hint line) if the text starts with one; returns the delimiter and the rest. */
export function stripSepHint(text: string): { delimiter: Delimiter | null; text: string } {
  const m = /^sep=(.)\r?\n/i.exec(text);
  if (!m) return { delimiter: null, text };
  const d = m[1] === ';' || m[1] === ',' || m[1] === '\t' ? m[1] : null;
  return { delimiter: d, text: text.slice(m[0].length) };
}

/** The first `lines` lines of the text (for guessing the delimiter on a sample). */
export function head(text: string, lines: number): string {
  let pos = 0;
  for (let k = 0; k < lines; k++) {
    const next = text.indexOf('\n', pos);
    if (next === -1) return text;
    pos = next + 1;
  }
  return text.slice(0, pos);
}
