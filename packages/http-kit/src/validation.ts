import { type FieldError, localizedIssueText } from '@congdoan/contracts';
import type { z } from 'zod';
import { en, vi } from 'zod/locales';
import type { Lang } from './language.ts';

type Location = FieldError['location'];
type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

// By name from `zod/locales`, so that bundles hold these two and not zod's fifty (scripts/bundle.ts).
const locales = { vi: vi().localeError, en: en().localeError };

const TYPE_NAMES: Record<Lang, Record<string, string>> = {
  vi: {
    string: 'chuỗi ký tự',
    number: 'số',
    int: 'số nguyên',
    bigint: 'số nguyên',
    boolean: 'true hoặc false',
    object: 'đối tượng JSON',
    array: 'mảng',
    date: 'ngày',
    null: 'null',
  },
  en: {
    string: 'a string',
    number: 'a number',
    int: 'an integer',
    bigint: 'an integer',
    boolean: 'true or false',
    object: 'a JSON object',
    array: 'an array',
    date: 'a date',
    null: 'null',
  },
};

const FORMAT_NAMES: Record<Lang, Record<string, string>> = {
  vi: {
    email: 'phải là địa chỉ email hợp lệ',
    url: 'phải là URL hợp lệ',
    uuid: 'phải là UUID',
    date: 'phải là ngày dạng YYYY-MM-DD',
    datetime: 'phải là ngày giờ ISO 8601, ví dụ 2026-01-31T08:00:00+07:00',
    time: 'phải là giờ dạng HH:MM:SS',
    regex: 'không đúng định dạng',
  },
  en: {
    email: 'must be a valid email address',
    url: 'must be a valid URL',
    uuid: 'must be a UUID',
    date: 'must be a date as YYYY-MM-DD',
    datetime: 'must be an ISO 8601 date-time, e.g. 2026-01-31T08:00:00+07:00',
    time: 'must be a time as HH:MM:SS',
    regex: 'has an invalid format',
  },
};

const list = (values: readonly unknown[]) =>
  values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');

/** Size words for too_small/too_big by what was measured. */
function sized(lang: Lang, origin: string, n: string, bound: 'min' | 'max', inclusive: boolean): string {
  const unit = { string: ['ký tự', 'characters'], array: ['phần tử', 'items'], set: ['phần tử', 'items'] }[origin];
  if (unit) {
    const [vi, en] = unit;
    if (bound === 'min' && n === '1' && inclusive) return lang === 'vi' ? 'không được để trống' : 'must not be empty';
    if (lang === 'vi') return bound === 'min' ? `cần ít nhất ${n} ${vi}` : `chỉ được tối đa ${n} ${vi}`;
    return bound === 'min' ? `must have at least ${n} ${en}` : `must have at most ${n} ${en}`;
  }
  if (lang === 'vi') {
    if (bound === 'min') return inclusive ? `phải lớn hơn hoặc bằng ${n}` : `phải lớn hơn ${n}`;
    return inclusive ? `phải nhỏ hơn hoặc bằng ${n}` : `phải nhỏ hơn ${n}`;
  }
  if (bound === 'min') return inclusive ? `must be at least ${n}` : `must be greater than ${n}`;
  return inclusive ? `must be at most ${n}` : `must be less than ${n}`;
}

/**
 * zod error messages in the caller's language: our own wording for the common
 * issue codes, zod's locale for the rest. A message a schema sets itself wins.
 */
export function errorMap(lang: Lang): z.core.$ZodErrorMap {
  return (issue: RawIssue) => {
    const missing = issue.input === undefined && issue.code !== 'custom' && issue.code !== 'unrecognized_keys';
    if (missing) return lang === 'vi' ? 'bắt buộc' : 'is required';
    switch (issue.code) {
      case 'invalid_type': {
        const expected = TYPE_NAMES[lang][issue.expected] ?? issue.expected;
        return lang === 'vi' ? `phải là ${expected}` : `must be ${expected}`;
      }
      case 'too_small':
        return sized(lang, issue.origin, String(issue.minimum), 'min', issue.inclusive !== false);
      case 'too_big':
        return sized(lang, issue.origin, String(issue.maximum), 'max', issue.inclusive !== false);
      case 'invalid_format': {
        const text = FORMAT_NAMES[lang][issue.format];
        return text ?? locales[lang](issue);
      }
      case 'invalid_value':
        if (issue.values.length === 1) {
          return lang === 'vi' ? `phải bằng ${list(issue.values)}` : `must be ${list(issue.values)}`;
        }
        return lang === 'vi' ? `phải là một trong: ${list(issue.values)}` : `must be one of: ${list(issue.values)}`;
      case 'unrecognized_keys':
        return lang === 'vi' ? 'trường không được phép' : 'unknown field';
      case 'custom':
        // A rule that words its refusal in both languages (the shared text type).
        return localizedIssueText(issue)?.[lang] ?? locales[lang](issue);
      default:
        return locales[lang](issue);
    }
  };
}

/** `agency.taxId`, `members[2].name`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Every failing field of a zod error; an unknown-keys issue becomes one entry per unknown field. */
export function toFieldErrors(location: Location, error: z.ZodError, lang: Lang): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const message = lang === 'vi' ? 'trường không được phép' : 'unknown field';
      for (const key of issue.keys) out.push({ location, field: fieldPath([...issue.path, key]), message });
    } else {
      out.push({ location, field: fieldPath(issue.path), message: issue.message });
    }
  }
  return out;
}

export type Validated = { ok: true; data: unknown } | { ok: false; errors: FieldError[] };

export async function validate(location: Location, schema: z.ZodType, input: unknown, lang: Lang): Promise<Validated> {
  const result = await schema.safeParseAsync(input, { error: errorMap(lang) });
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, errors: toFieldErrors(location, result.error, lang) };
}
