import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  exitMemberBody,
  localizedIssueText,
  memberInputSchema,
  rejectApplicationBody,
  textSchema,
} from '../src/index.ts';

const name = textSchema({ min: 2, max: 100 });
const note = textSchema({ max: 1000, multiline: true });

/** The localized words of the first issue, as the HTTP stack shows them. */
function problem(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success, `accepted ${JSON.stringify(input)}`).toBe(false);
  return localizedIssueText(result.error!.issues[0]!);
}

describe('the shared text type', () => {
  it('normalises to NFC and trims', () => {
    expect(name.parse('  Nguyễn Thị Hồng Nhung '.normalize('NFD'))).toBe('Nguyễn Thị Hồng Nhung');
  });

  it('refuses control characters, naming the character and where it is', () => {
    expect(problem(name, 'Nguyễn\u0000 Văn')).toEqual({
      vi: expect.stringContaining('U+0000'),
      en: expect.stringContaining('U+0000 at character 7'),
    });
    for (const c of ['\u0007', '\u001b', '\u007f', '\u0085', '\n', '\t', '\u2028']) problem(name, `Lê${c}Mai`);
  });

  it('refuses bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) anywhere', () => {
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(problem(name, `Lê${c}Mai`)?.en).toMatch(/U\+20(2[A-E]|6[6-9])/);
      problem(note, `Ghi chú ${c}gnol`);
    }
  });

  it('refuses zero-width characters in names, and keeps the joiners emoji need in free text', () => {
    for (const c of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']) problem(name, `Lê${c}Mai`);
    for (const c of ['\u200b', '\u2060', '\ufeff']) problem(note, `Ghi${c} chú`);
    expect(note.parse('Cả nhà 👨\u200d👩\u200d👧')).toBe('Cả nhà 👨\u200d👩\u200d👧');
  });

  it('refuses unpaired surrogates, and keeps paired ones', () => {
    problem(name, 'Lê \ud83d Mai');
    problem(note, 'chú \udc00 thích');
    expect(note.parse('Đạt giải 🏆')).toBe('Đạt giải 🏆');
  });

  it('takes line breaks and tabs in free text only', () => {
    expect(note.parse('Dòng 1\nDòng 2\r\n\tDòng 3')).toBe('Dòng 1\nDòng 2\r\n\tDòng 3');
    problem(name, 'Dòng 1\nDòng 2');
  });

  it('measures length after normalising', () => {
    const decomposed = 'ệ'.normalize('NFD').repeat(60);
    expect(decomposed.length).toBe(180);
    expect(name.parse(decomposed)).toHaveLength(60);
    expect(name.safeParse('A').success).toBe(false);
  });

  it('is what member names and free-text fields use', () => {
    const person = {
      fullName: 'Lê Thị\u202e Mai',
      gender: 'female',
      dateOfBirth: '1990-03-15',
      cccd: '001190012345',
      educationLevel: 'bachelor',
      employmentCategory: 'public-employee',
      duesSalary: 5_200_000,
    };
    expect(memberInputSchema.safeParse(person).success).toBe(false);
    expect(memberInputSchema.safeParse({ ...person, fullName: 'Lê Thị Mai', jobTitle: 'x\u0000' }).success).toBe(false);
    expect(rejectApplicationBody.safeParse({ reason: 'Hồ sơ \ud800 thiếu' }).success).toBe(false);
    expect(exitMemberBody.parse({ date: '2026-01-01', reason: 'retired', note: 'Nghỉ hưu\ntừ tháng 1' }).note).toBe(
      'Nghỉ hưu\ntừ tháng 1',
    );
  });
});
