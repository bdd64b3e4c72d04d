import type { NoticeConflict } from '@congdoan/calendar';
import { conflict, DomainError, type FieldError, unprocessable } from '@congdoan/contracts';

/** A domain error with the failing fields listed. */
const withFields = (error: DomainError, fieldErrors: readonly FieldError[]) =>
  new DomainError(error.kind, error.code, error.title, error.detail, { fieldErrors });

/**
 * The working-day calendar's errors, each defined once with its Vietnamese and English text.
 */

/** The calendar holds for the whole organisation: only an administrator of the whole tree records a notice. */
export const calendarAdminOnly = () =>
  new DomainError(
    'forbidden',
    'calendar-admin-scope',
    { vi: 'Không đủ quyền', en: 'Forbidden' },
    {
      vi: 'Lịch nghỉ áp dụng cho toàn hệ thống: chỉ quản trị viên toàn hệ thống mới được ghi thông báo lịch nghỉ.',
      en: 'The calendar holds for the whole organisation: only an administrator of the whole tree may record a days-off notice.',
    },
  );

/** A notice that lists a day another notice in force lists: each conflicting day, and the notice that holds it. */
export const calendarNoticeConflict = (conflicts: readonly NoticeConflict[]) => {
  const vi = conflicts.map((c) => `${c.date} (đã thuộc thông báo "${c.notices[0]}")`).join('; ');
  const en = conflicts.map((c) => `${c.date} (in notice "${c.notices[0]}")`).join('; ');
  return withFields(
    conflict('calendar-notice-conflict', {
      vi: `Mỗi ngày chỉ thuộc một thông báo lịch nghỉ. Các ngày đã có trong thông báo khác: ${vi}. Để sửa, hãy gửi lại chính thông báo đó (cùng id).`,
      en: `A day belongs to one days-off notice. Days already in another notice: ${en}. To change them, save that notice again under its id.`,
    }),
    conflicts.map((c) => ({ location: 'body' as const, field: 'days', message: `${c.date}: ${c.notices[0]}` })),
  );
};

/** A notice of the right shape that breaks the calendar's rules (a day of another year, an "off" weekend day, …). */
export const invalidCalendarNotice = (fieldErrors: readonly FieldError[]) =>
  withFields(
    unprocessable('invalid-calendar-notice', {
      vi: 'Thông báo lịch nghỉ không hợp lệ: mỗi ngày phải thuộc năm của thông báo, không lặp lại, và phải thay đổi điều gì đó (ngày nghỉ là ngày thường; ngày làm bù là cuối tuần hoặc ngày lễ).',
      en: 'The days-off notice breaks the calendar’s rules: each day must be in the notice’s year, listed once, and change something (a day off is a weekday; a day worked is a weekend day or a holiday).',
    }),
    fieldErrors,
  );
