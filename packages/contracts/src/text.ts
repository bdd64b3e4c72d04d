import { z } from 'zod';
import type { LocalizedText } from './errors.ts';

/**
 * The one text type of names and free text (member names, titles, decision
 * numbers, reasons, notes, memos…). People paste these from documents and chat,
 * so they arrive with characters nobody can see and that change what others see:
 *
 * - control characters (C0, DEL, C1), and in a one-line field also line breaks
 *   (U+2028, U+2029 included); free text keeps line feed, carriage return and tab;
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
 *   reorder how the text is shown ("Trojan source");
 * - zero-width characters (U+200B, U+2060, U+FEFF, U+180E; in a one-line field
 *   also the joiners U+200C and U+200D, which free text keeps for emoji sequences);
 * - unpaired surrogates, which are not text at all and break every encoder after us.
 *
 * Each is refused (not silently dropped), naming the character and where it is.
 * What passes is normalised to NFC and trimmed; lengths count the result.
 */
export interface TextRule {
  /** Characters after normalising and trimming; 0 by default. */
  min?: number;
  max: number;
  /** Free text (a reason, a note, a memo): line breaks and tabs are allowed. */
  multiline?: boolean;
}

const ONE_LINE_REFUSED = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF\u180E]|\p{Surrogate}/u;
const MULTILINE_REFUSED =
  /[^\P{Cc}\t\n\r]|[\u2028\u2029\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF\u180E]|\p{Surrogate}/u;

const codePoint = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The refusal of one character, in both languages. */
function refusal(char: string, position: number, multiline: boolean): LocalizedText {
  const cp = codePoint(char);
  const lineBreak = !multiline && /[\n\r\u2028\u2029]/u.test(char);
  if (lineBreak) {
    return {
      vi: `Trường này chỉ gồm một dòng; có dấu xuống dòng (${cp}) ở ký tự thứ ${position}.`,
      en: `This field is a single line; it has a line break (${cp}) at character ${position}.`,
    };
  }
  return {
    vi: `Có ký tự ẩn hoặc ký tự điều khiển ${cp} ở ký tự thứ ${position}; hãy gõ lại nội dung thay vì dán.`,
    en: `Contains an invisible or control character ${cp} at character ${position}; type the text instead of pasting it.`,
  };
}

const LOCALIZED = 'localized';

/** The words of a zod issue raised with a text in both languages (see `textSchema`), if it is one. */
export function localizedIssueText(issue: { code?: string; params?: unknown }): LocalizedText | undefined {
  if (issue.code !== 'custom' || typeof issue.params !== 'object' || issue.params === null) return undefined;
  const text = (issue.params as Record<string, unknown>)[LOCALIZED];
  if (typeof text !== 'object' || text === null) return undefined;
  const { vi, en } = text as Record<string, unknown>;
  return typeof vi === 'string' && typeof en === 'string' ? { vi, en } : undefined;
}

/** A name or free-text field: see `TextRule` for what it refuses. */
export function textSchema(rule: TextRule) {
  const multiline = rule.multiline ?? false;
  const refused = multiline ? MULTILINE_REFUSED : ONE_LINE_REFUSED;
  return z
    .string()
    .superRefine((value, ctx) => {
      const match = refused.exec(value);
      if (!match) return;
      const position = [...value.slice(0, match.index)].length + 1;
      ctx.addIssue({ code: 'custom', params: { [LOCALIZED]: refusal(match[0], position, multiline) } });
    })
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(rule.min ?? 0)
        .max(rule.max),
    );
}
