/**
 * Typed domain errors. Domain and application code throw them; the HTTP stack maps
 * `kind` to a status and renders RFC 9457 problem+json in the caller's language.
 * Each error carries its own Vietnamese and English text, written where the rule is.
 */
export type ErrorKind =
  | 'validation' // 400
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'conflict' // 409
  | 'precondition-failed' // 412
  | 'payload-too-large' // 413
  | 'unsupported-media-type' // 415
  | 'unprocessable' // 422
  | 'precondition-required'; // 428

export interface LocalizedText {
  vi: string;
  en: string;
}

export interface FieldError {
  location: 'path' | 'query' | 'body' | 'header';
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly kind: ErrorKind;
  /** Stable, machine-readable; becomes the problem `type` and `code`. */
  readonly code: string;
  readonly title: LocalizedText;
  readonly detail: LocalizedText;
  readonly fieldErrors?: readonly FieldError[];

  constructor(
    kind: ErrorKind,
    code: string,
    title: LocalizedText,
    detail: LocalizedText,
    options?: { fieldErrors?: readonly FieldError[]; cause?: unknown },
  ) {
    super(detail.en, { cause: options?.cause });
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.fieldErrors = options?.fieldErrors;
  }
}

export const notFound = (what: LocalizedText, id: string) =>
  new DomainError(
    'not-found',
    'not-found',
    { vi: 'Không tìm thấy', en: 'Not found' },
    {
      vi: `Không tìm thấy ${what.vi} "${id}", hoặc bạn không có quyền xem.`,
      en: `No ${what.en} "${id}" was found, or you may not see it.`,
    },
  );

export const conflict = (code: string, detail: LocalizedText) =>
  new DomainError('conflict', code, { vi: 'Xung đột dữ liệu', en: 'Conflict' }, detail);

export const unprocessable = (code: string, detail: LocalizedText) =>
  new DomainError('unprocessable', code, { vi: 'Không thể xử lý yêu cầu', en: 'Unprocessable request' }, detail);

export const staleVersion = (expected: number, actual: number) =>
  new DomainError(
    'precondition-failed',
    'stale-version',
    { vi: 'Dữ liệu đã bị thay đổi', en: 'Precondition failed' },
    {
      vi: `Bản ghi đã được sửa (phiên bản hiện tại ${actual}, bạn gửi ${expected}). Hãy tải lại rồi sửa lại.`,
      en: `The record has changed (current version ${actual}, you sent ${expected}). Reload it and apply your change again.`,
    },
  );

export const forbiddenRole = (required: readonly string[]) =>
  new DomainError(
    'forbidden',
    'forbidden-role',
    { vi: 'Không đủ quyền', en: 'Forbidden' },
    {
      vi: `Thao tác này cần một trong các vai trò: ${required.join(', ')}.`,
      en: `This action needs one of the roles: ${required.join(', ')}.`,
    },
  );

/**
 * A page cursor that is not one this list handed out, or no longer continues it:
 * malformed, from another list (another unit, status or filters), or pointing into
 * data that has changed since. The one answer of every list (`./cursor.ts`).
 */
export const invalidCursor = () =>
  new DomainError(
    'validation',
    'invalid-cursor',
    { vi: 'Con trỏ phân trang không hợp lệ', en: 'Invalid cursor' },
    {
      vi: 'Giá trị cursor không hợp lệ hoặc đã hết hạn: nó không thuộc danh sách này (đơn vị hoặc bộ lọc khác trang trước), hoặc dữ liệu đã thay đổi. Hãy dùng nguyên giá trị nextCursor của trang trước với cùng bộ lọc, hoặc bỏ cursor để đọc từ đầu.',
      en: 'The cursor is invalid or outdated: it belongs to another list (another unit, or filters other than the previous page’s), or the data changed. Pass the previous page’s nextCursor unchanged with the same filters, or omit it to start over.',
    },
    { fieldErrors: [{ location: 'query', field: 'cursor', message: 'invalid cursor' }] },
  );
