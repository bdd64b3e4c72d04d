/** The errors the local gateway answers itself, before any handler runs, in Vietnamese and English. */
import { DomainError } from '@congdoan/contracts';
import type { ProblemInput } from '@congdoan/http-kit';
import type { VerifyFailure } from './tokens.ts';

const unauthorizedTitle = { vi: 'Chưa xác thực', en: 'Unauthorized' };

export const AUTH_PROBLEMS: Record<VerifyFailure, () => DomainError> = {
  'missing-token': () =>
    new DomainError(
      'unauthorized',
      'missing-token',
      { vi: 'Thiếu mã truy cập', en: 'Missing token' },
      {
        vi: 'Yêu cầu không có tiêu đề Authorization: Bearer <token>. Hãy đăng nhập (ở máy cục bộ: POST /_local/token) rồi gửi lại kèm mã truy cập.',
        en: 'The request has no Authorization: Bearer <token> header. Sign in (locally: POST /_local/token) and send the access token with the request.',
      },
    ),
  'invalid-token': () =>
    new DomainError(
      'unauthorized',
      'invalid-token',
      { vi: 'Mã truy cập không hợp lệ', en: 'Invalid token' },
      {
        vi: 'Mã truy cập không hợp lệ: sai chữ ký, sai nơi cấp hoặc sai định dạng. Hãy lấy mã truy cập mới rồi gửi lại.',
        en: 'The access token is invalid: its signature, issuer or format is wrong. Get a new token and try again.',
      },
    ),
  'token-expired': () =>
    new DomainError(
      'unauthorized',
      'token-expired',
      { vi: 'Mã truy cập đã hết hạn', en: 'Token expired' },
      {
        vi: 'Mã truy cập đã hết hạn. Hãy đăng nhập lại để lấy mã mới.',
        en: 'The access token has expired. Sign in again to get a new one.',
      },
    ),
  'wrong-audience': () =>
    new DomainError('unauthorized', 'wrong-audience', unauthorizedTitle, {
      vi: 'Mã truy cập được cấp cho ứng dụng khác, không dành cho API này (aud/client_id không khớp).',
      en: 'The access token was issued for another application, not this API (aud/client_id does not match).',
    }),
};

export const routeNotFound = (method: string, path: string, allowed: readonly string[] = []) =>
  new DomainError(
    'not-found',
    'route-not-found',
    { vi: 'Không tìm thấy', en: 'Not found' },
    allowed.length > 0
      ? {
          vi: `Không có API ${method} ${path}; đường dẫn này chỉ nhận: ${allowed.join(', ')}.`,
          en: `No API answers ${method} ${path}; this path accepts only: ${allowed.join(', ')}.`,
        }
      : {
          vi: `Không có API nào ở ${path}. Hãy kiểm tra đường dẫn và phiên bản (/v1/...); danh sách API ở /docs.`,
          en: `No API lives at ${path}. Check the path and its version (/v1/...); the API list is at /docs.`,
        },
  );

export const payloadTooLarge = (limitBytes: number) =>
  new DomainError(
    'payload-too-large',
    'payload-too-large',
    { vi: 'Nội dung quá lớn', en: 'Payload too large' },
    {
      vi: `Body vượt quá giới hạn ${limitBytes} byte của API Gateway. Hãy gửi ít dữ liệu hơn trong một yêu cầu.`,
      en: `The body exceeds API Gateway's limit of ${limitBytes} bytes. Send less data per request.`,
    },
  );

export const scheduleNotFound = (name: string, known: readonly string[]) =>
  new DomainError(
    'not-found',
    'schedule-not-found',
    { vi: 'Không tìm thấy lịch chạy', en: 'Schedule not found' },
    {
      vi: `Không có lịch chạy tên "${name}". Các lịch hiện có: ${known.join(', ') || 'không có'}.`,
      en: `No schedule is named "${name}". Known schedules: ${known.join(', ') || 'none'}.`,
    },
  );

export const deadLetterNotFound = (id: string) =>
  new DomainError(
    'not-found',
    'dead-letter-not-found',
    { vi: 'Không tìm thấy thư chết', en: 'Dead letter not found' },
    {
      vi: `Không có thư chết mã "${id}": nó đã được gửi lại hoặc đã bị xoá. Danh sách ở GET /_local/dead-letters.`,
      en: `No dead letter has the id "${id}": it was redriven or discarded already. The list is at GET /_local/dead-letters.`,
    },
  );

/** The redelivery failed every attempt again; the event is back in the dead letters under `newId`. */
export const redriveFailed = (id: string, newId: string | null, reason: string): ProblemInput => ({
  status: 502,
  code: 'redrive-failed',
  title: { vi: 'Gửi lại không thành công', en: 'Redrive failed' },
  detail: {
    vi: `Gửi lại thư chết "${id}" vẫn lỗi: ${reason}.${newId ? ` Sự kiện quay lại danh sách thư chết với mã "${newId}".` : ''}`,
    en: `Redriving dead letter "${id}" failed again: ${reason}.${newId ? ` The event is back in the dead letters as "${newId}".` : ''}`,
  },
});

/** A schedule run by hand threw. */
export const scheduleFailed = (name: string, message: string): ProblemInput => ({
  status: 500,
  code: 'schedule-failed',
  title: { vi: 'Lịch chạy bị lỗi', en: 'Schedule failed' },
  detail: { vi: `Lịch "${name}" chạy lỗi: ${message}`, en: `Schedule "${name}" failed: ${message}` },
});
