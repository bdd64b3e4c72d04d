import { DomainError, type FieldError, MAX_LISTED_ERRORS } from '@congdoan/contracts';
import type { ProblemInput } from './problem.ts';

/** The errors the HTTP stack itself raises, each with its Vietnamese and English text. */

export const unauthorized = () =>
  new DomainError(
    'unauthorized',
    'unauthorized',
    { vi: 'Chưa xác thực', en: 'Unauthorized' },
    {
      vi: 'Yêu cầu thiếu mã truy cập hợp lệ. Hãy đăng nhập lại rồi gửi kèm tiêu đề Authorization: Bearer <token>.',
      en: 'The request carries no valid access token. Sign in again and send Authorization: Bearer <token>.',
    },
  );

export const noUnitScope = () =>
  new DomainError(
    'forbidden',
    'no-unit-scope',
    { vi: 'Không xác định được đơn vị', en: 'No unit scope' },
    {
      vi: 'Mã truy cập không gắn với đơn vị nào (thiếu unit_id), nên không thể xác định phạm vi được phép. Hãy liên hệ quản trị viên để được gán đơn vị.',
      en: 'The token carries no unit (unit_id is missing), so the scope you may act in is unknown. Ask an administrator to assign you a unit.',
    },
  );

/** The token holds none of the route's scopes (as the JWT authorizer's `authorizationScopes` refuses it); `needed` as tokens write them. */
export const insufficientScope = (needed: readonly string[]) =>
  new DomainError(
    'forbidden',
    'insufficient-scope',
    { vi: 'Không đủ phạm vi truy cập', en: 'Insufficient scope' },
    {
      vi: `Mã truy cập không có phạm vi (scope) mà thao tác này cần; cần một trong: ${needed.join(', ')}. Ứng dụng tích hợp hãy xin mã với phạm vi đó; người dùng hãy đăng nhập lại để nhận mã mới.`,
      en: `The access token lacks the scope this operation needs; it needs one of: ${needed.join(', ')}. A client should ask for a token with that scope; a person should sign in again to get a fresh token.`,
    },
  );

export const validationFailed = (fieldErrors: readonly FieldError[]) =>
  new DomainError(
    'validation',
    'validation-failed',
    { vi: 'Dữ liệu không hợp lệ', en: 'Validation failed' },
    {
      vi:
        fieldErrors.length > MAX_LISTED_ERRORS
          ? `Yêu cầu có ${fieldErrors.length} trường không hợp lệ; "errors" liệt kê ${MAX_LISTED_ERRORS} trường đầu tiên.`
          : `Yêu cầu có ${fieldErrors.length} trường không hợp lệ; xem danh sách "errors".`,
      en:
        fieldErrors.length > MAX_LISTED_ERRORS
          ? `${fieldErrors.length} fields of the request are invalid; "errors" lists the first ${MAX_LISTED_ERRORS}.`
          : `${fieldErrors.length} field(s) of the request are invalid; see "errors".`,
    },
    { fieldErrors },
  );

export const bodyRequired = (lang: 'vi' | 'en') =>
  new DomainError(
    'validation',
    'body-required',
    { vi: 'Thiếu nội dung yêu cầu', en: 'Request body required' },
    {
      vi: 'Thao tác này cần nội dung yêu cầu (body) dạng JSON, nhưng yêu cầu không có body.',
      en: 'This operation needs a JSON request body, but the request has none.',
    },
    { fieldErrors: [{ location: 'body', field: '', message: lang === 'vi' ? 'bắt buộc' : 'is required' }] },
  );

export const malformedJson = () =>
  new DomainError(
    'validation',
    'malformed-json',
    { vi: 'JSON không hợp lệ', en: 'Malformed JSON' },
    {
      vi: 'Nội dung yêu cầu (body) không phải JSON hợp lệ. Hãy kiểm tra dấu ngoặc, dấu phẩy và dấu nháy.',
      en: 'The request body is not valid JSON. Check its brackets, commas and quotes.',
    },
  );

export const unsupportedMediaType = (contentType: string | undefined) =>
  new DomainError(
    'unsupported-media-type',
    'unsupported-media-type',
    { vi: 'Kiểu nội dung không được hỗ trợ', en: 'Unsupported media type' },
    {
      vi: `Body phải là JSON với Content-Type: application/json (nhận được: ${contentType ?? 'không có'}).`,
      en: `The body must be JSON sent with Content-Type: application/json (got: ${contentType ?? 'none'}).`,
    },
  );

export const payloadTooLarge = (limitBytes: number) =>
  new DomainError(
    'payload-too-large',
    'payload-too-large',
    { vi: 'Nội dung quá lớn', en: 'Payload too large' },
    {
      vi: `Body vượt quá giới hạn ${limitBytes} byte. Hãy gửi ít dữ liệu hơn trong một yêu cầu.`,
      en: `The body exceeds the limit of ${limitBytes} bytes. Send less data per request.`,
    },
  );

export const invalidIdempotencyKey = () =>
  new DomainError(
    'validation',
    'invalid-idempotency-key',
    { vi: 'Idempotency-Key không hợp lệ', en: 'Invalid Idempotency-Key' },
    {
      vi: 'Tiêu đề Idempotency-Key phải gồm 1–128 ký tự A–Z, a–z, 0–9, dấu chấm, gạch ngang, gạch dưới hoặc dấu hai chấm (ví dụ một UUID).',
      en: 'The Idempotency-Key header must be 1–128 characters of A–Z, a–z, 0–9, dot, dash, underscore or colon (a UUID, say).',
    },
    { fieldErrors: [{ location: 'header', field: 'Idempotency-Key', message: 'invalid format' }] },
  );

export const idempotencyKeyReused = () =>
  new DomainError(
    'unprocessable',
    'idempotency-key-reused',
    { vi: 'Idempotency-Key đã được dùng', en: 'Idempotency-Key reused' },
    {
      vi: 'Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác. Hãy dùng một khóa mới cho mỗi thao tác mới.',
      en: 'This Idempotency-Key was already used with a different request. Use a fresh key for each new operation.',
    },
  );

export const requestInProgress = () =>
  new DomainError(
    'conflict',
    'request-in-progress',
    { vi: 'Yêu cầu đang được xử lý', en: 'Request in progress' },
    {
      vi: 'Một yêu cầu với cùng Idempotency-Key đang được xử lý. Hãy đợi vài giây rồi gửi lại.',
      en: 'A request with the same Idempotency-Key is still being processed. Wait a few seconds and send it again.',
    },
  );

export const concurrentUpdate = () =>
  new DomainError(
    'conflict',
    'concurrent-update',
    { vi: 'Cập nhật đồng thời', en: 'Concurrent update' },
    {
      vi: 'Một thay đổi khác đang ghi vào cùng dữ liệu. Hãy gửi lại yêu cầu.',
      en: 'Another change was writing the same data at the same moment. Send the request again.',
    },
  );

export const invalidIfMatch = () =>
  new DomainError(
    'validation',
    'invalid-if-match',
    { vi: 'If-Match không hợp lệ', en: 'Invalid If-Match' },
    {
      vi: 'Tiêu đề If-Match phải là ETag nhận được khi đọc bản ghi, ví dụ W/"3".',
      en: 'The If-Match header must be the ETag you got when reading the record, e.g. W/"3".',
    },
    { fieldErrors: [{ location: 'header', field: 'If-Match', message: 'invalid format' }] },
  );

export const routeNotFound = (): ProblemInput => ({
  status: 404,
  code: 'route-not-found',
  title: { vi: 'Không tìm thấy', en: 'Not found' },
  detail: {
    vi: 'Không có API nào ở đường dẫn này. Hãy kiểm tra đường dẫn và phiên bản (/v1/...).',
    en: 'No API lives at this path. Check the path and its version (/v1/...).',
  },
});

export const methodNotAllowed = (allowed: readonly string[]): ProblemInput => ({
  status: 405,
  code: 'method-not-allowed',
  title: { vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' },
  detail: {
    vi: `Đường dẫn này chỉ nhận các phương thức: ${allowed.join(', ')}.`,
    en: `This path accepts only: ${allowed.join(', ')}.`,
  },
  headers: { allow: allowed.join(', ') },
});

export const internalError = (): ProblemInput => ({
  status: 500,
  code: 'internal',
  title: { vi: 'Lỗi hệ thống', en: 'Internal error' },
  detail: {
    vi: 'Đã có lỗi ngoài dự kiến. Hãy thử lại sau; nếu lỗi vẫn còn, hãy báo cho quản trị viên kèm mã yêu cầu (requestId).',
    en: 'Something unexpected went wrong. Try again later; if it persists, report it with the requestId.',
  },
});

/** DynamoDB throttled the request, timed out or failed on its side: nothing to fix, only to send again shortly. */
export const serviceUnavailable = (): ProblemInput => ({
  status: 503,
  code: 'service-unavailable',
  title: { vi: 'Hệ thống đang bận', en: 'Service unavailable' },
  detail: {
    vi: 'Hệ thống đang quá tải hoặc trả lời chậm nên chưa xử lý được yêu cầu. Hãy gửi lại sau giây lát.',
    en: 'The service is overloaded or slow to answer and could not handle the request. Send it again in a moment.',
  },
  headers: { 'retry-after': '1' },
});
