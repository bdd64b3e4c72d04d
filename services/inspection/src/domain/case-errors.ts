import { formatDay } from '@congdoan/calendar';
import { conflict, DomainError, type LocalizedText, unprocessable } from '@congdoan/contracts';

/**
 * The errors of complaints, denunciations and reports, each defined once with its Vietnamese
 * and English text. None names the person who brought a case: only ids, dates and rules.
 */

export const illegalCaseStep = (stage: LocalizedText, step: LocalizedText, reason: LocalizedText) =>
  conflict('illegal-transition', {
    vi: `Không thể thực hiện bước "${step.vi}" khi vụ việc đang ở trạng thái "${stage.vi}": ${reason.vi}`,
    en: `The step "${step.en}" cannot be taken while the case is "${stage.en}": ${reason.en}`,
  });

export const filingLimitPassed = (knewOn: string, lastDay: string, explanation: LocalizedText) =>
  unprocessable('filing-limit-passed', {
    vi: `Đã hết thời hiệu khiếu nại: biết quyết định, hành vi từ ${formatDay(knewOn)}, hạn cuối ${formatDay(lastDay)} (${explanation.vi}).`,
    en: `The filing limit has passed: known since ${knewOn}, last day ${lastDay} (${explanation.en}).`,
  });

export const congressCutoffPassed = (cutoff: string, explanation: LocalizedText) =>
  unprocessable('congress-cutoff-passed', {
    vi: `Đã quá thời hạn tiếp nhận đơn liên quan đến đại hội: hạn cuối ${formatDay(cutoff)} (${explanation.vi}).`,
    en: `The cut-off for complaints about the congress has passed: last day ${cutoff} (${explanation.en}).`,
  });

export const stepDateOutOfOrder = (date: string, earliest: string) =>
  unprocessable('dates-out-of-order', {
    vi: `Ngày ${formatDay(date)} của bước này không được trước ngày ${formatDay(earliest)} của bước trước đó.`,
    en: `This step's date ${date} cannot be before ${earliest}, the previous step's.`,
  });

export const stepDateInFuture = () =>
  unprocessable('date-in-future', {
    vi: 'Ngày của bước này không được sau ngày hôm nay.',
    en: 'A step’s date cannot be after today.',
  });

export const extensionsExhausted = (max: number) =>
  conflict('extensions-exhausted', {
    vi:
      max === 0
        ? 'Vụ việc không phức tạp: thời hạn giải quyết tố cáo không được gia hạn.'
        : `Đã gia hạn đủ ${max} lần theo mức độ phức tạp của vụ việc.`,
    en:
      max === 0
        ? 'The case is not complex: the denunciation’s resolution deadline cannot be extended.'
        : `The deadline has been extended the ${max} time(s) its complexity allows.`,
  });

export const caseSubjectNotBelow = () =>
  unprocessable('subject-not-in-subtree', {
    vi: 'Đối tượng của vụ việc phải thuộc đơn vị thụ lý hoặc công đoàn cấp dưới của đơn vị đó.',
    en: 'The subject of a case must belong to the handling unit or lie below it.',
  });

export const assigneeNotInspector = (memberId: string) =>
  unprocessable('assignee-not-on-ubkt', {
    vi: `Đoàn viên "${memberId}" không phải ủy viên Ủy ban kiểm tra đang sinh hoạt vào ngày phân công.`,
    en: `Member "${memberId}" is not an active inspection committee (UBKT) member on the day of the assignment.`,
  });

export const assigneeIsSubject = (memberId: string) =>
  unprocessable('assignee-is-subject', {
    vi: `Đoàn viên "${memberId}" là đối tượng của vụ việc nên không thể được phân công giải quyết.`,
    en: `Member "${memberId}" is the subject of the case and cannot handle it.`,
  });

/** Only the inspectors assigned to a case may reveal its person; everyone else, admins included, sees it withheld. */
export const notAssignedToCase = () =>
  new DomainError(
    'forbidden',
    'not-assigned-to-case',
    { vi: 'Không đủ quyền', en: 'Forbidden' },
    {
      vi: 'Chỉ cán bộ kiểm tra được phân công giải quyết vụ việc mới được xem thông tin người khiếu nại, tố cáo, và phải nêu lý do.',
      en: 'Only the inspectors assigned to the case may see who brought it, and only stating a reason.',
    },
  );

export const noIdentityToReveal = () =>
  conflict('no-identity', {
    vi: 'Vụ việc là tin báo nặc danh: không có thông tin người gửi.',
    en: 'The case is an anonymous report: there is no person to reveal.',
  });
