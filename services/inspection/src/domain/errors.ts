import { formatDay } from '@congdoan/calendar';
import { conflict, type LocalizedText, unprocessable } from '@congdoan/contracts';

/**
 * Inspection's domain errors, each defined once with its Vietnamese and English text.
 */
export const illegalTransition = (from: LocalizedText, step: LocalizedText, reason: LocalizedText) =>
  conflict('illegal-transition', {
    vi: `Không thể thực hiện bước "${step.vi}" khi cuộc kiểm tra đang ở bước "${from.vi}": ${reason.vi}`,
    en: `The step "${step.en}" cannot be taken while the inspection is at "${from.en}": ${reason.en}`,
  });

export const planApproved = () =>
  conflict('plan-approved', {
    vi: 'Kế hoạch đã được phê duyệt: không thể thêm nội dung hay phê duyệt lại.',
    en: 'The plan is approved: items cannot be added, nor the plan approved again.',
  });

export const planNotApproved = () =>
  conflict('plan-not-approved', {
    vi: 'Kế hoạch chưa được phê duyệt: chưa thể ghi nhận nội dung đã thực hiện.',
    en: 'The plan is not approved yet: no item can be recorded as done.',
  });

export const planItemDone = (itemId: string) =>
  conflict('plan-item-done', {
    vi: `Nội dung "${itemId}" của kế hoạch đã được ghi nhận là đã thực hiện.`,
    en: `The plan item "${itemId}" is already recorded as done.`,
  });

export const planTooLarge = (max: number) =>
  unprocessable('plan-too-large', {
    vi: `Một kế hoạch có tối đa ${max} nội dung.`,
    en: `A plan holds at most ${max} items.`,
  });

export const monthOutsideYear = (month: string, year: number) =>
  unprocessable('month-outside-plan-year', {
    vi: `Tháng dự kiến ${month} không thuộc năm kế hoạch ${year}.`,
    en: `The planned month ${month} is not in the plan's year ${year}.`,
  });

export const agencyOnlyForSupervision = () =>
  unprocessable('agency-target-not-supervision', {
    vi: 'Chỉ nội dung giám sát mới nhắm tới cơ quan, đơn vị sử dụng lao động (theo mã số thuế); các loại kiểm tra khác nhắm tới một công đoàn cấp dưới.',
    en: 'Only a supervision item targets an employing agency (by tax ID); the other types target a union unit below.',
  });

export const teamMemberOfInspectedUnit = (memberId: string) =>
  unprocessable('team-member-of-inspected-unit', {
    vi: `Đoàn viên "${memberId}" thuộc đơn vị được kiểm tra nên không thể là thành viên đoàn kiểm tra.`,
    en: `Member "${memberId}" belongs to the inspected unit and cannot sit on the inspection team.`,
  });

export const teamMemberNotInspector = (memberId: string) =>
  unprocessable('team-member-not-on-ubkt', {
    vi: `Đoàn viên "${memberId}" không phải ủy viên Ủy ban kiểm tra vào ngày ra quyết định: hãy ghi rõ là thành viên được mời (invited).`,
    en: `Member "${memberId}" sits on no inspection committee (UBKT) on the decision's date: name them as invited.`,
  });

export const teamMemberNotActive = (memberId: string) =>
  unprocessable('team-member-not-active', {
    vi: `Đoàn viên "${memberId}" không phải đoàn viên đang sinh hoạt vào ngày ra quyết định.`,
    en: `Member "${memberId}" is not an active member on the decision's date.`,
  });

export const datesOutOfOrder = (what: LocalizedText) =>
  unprocessable('dates-out-of-order', {
    vi: `${what.vi}: ngày không đúng thứ tự.`,
    en: `${what.en}: the dates are out of order.`,
  });

export const targetNotBelow = () =>
  unprocessable('target-not-in-subtree', {
    vi: 'Đơn vị được kiểm tra phải thuộc công đoàn cấp dưới của đơn vị kiểm tra.',
    en: 'The inspected unit must lie below the inspecting unit.',
  });

export const recommendationClosed = (id: string) =>
  conflict('recommendation-done', {
    vi: `Kiến nghị "${id}" đã hoàn thành: không thể đổi trạng thái.`,
    en: `Recommendation "${id}" is done: its status cannot change.`,
  });

export const deadlineBeforeConclusion = () =>
  unprocessable('deadline-before-conclusion', {
    vi: 'Thời hạn thực hiện kiến nghị không thể trước ngày kết luận.',
    en: 'A recommendation’s deadline cannot be before the conclusion’s date.',
  });

export const formFitsNot = (form: string) =>
  unprocessable('discipline-form-mismatch', {
    vi: `Hình thức kỷ luật "${form}" không áp dụng cho đối tượng này: cách chức và khai trừ áp dụng với đoàn viên, giải tán với công đoàn.`,
    en: `The discipline form "${form}" does not apply to this subject: removal and expulsion are of a member, dissolution of a unit.`,
  });

export const futureDecision = () =>
  unprocessable('decision-in-future', {
    vi: 'Ngày quyết định không được sau ngày hôm nay.',
    en: 'The decision’s date cannot be after today.',
  });

export const subjectNotBelowIssuer = () =>
  unprocessable('subject-not-in-subtree', {
    vi: 'Đối tượng bị kỷ luật phải thuộc đơn vị ra quyết định hoặc công đoàn cấp dưới của đơn vị đó.',
    en: 'The subject of a discipline decision must belong to the issuing unit or lie below it.',
  });

export const subjectExpelledAlready = (id: string) =>
  conflict('discipline-final', {
    vi: `Đối tượng đã bị khai trừ hoặc giải tán theo quyết định "${id}" đang có hiệu lực.`,
    en: `The subject is already expelled or dissolved by decision "${id}", in force.`,
  });

export const disciplineNotInForce = (id: string, status: string) =>
  conflict('discipline-not-in-force', {
    vi: `Quyết định kỷ luật "${id}" không còn hiệu lực (${status === 'revoked' ? 'đã bị hủy bỏ' : 'đã hết hiệu lực'}).`,
    en: `Discipline decision "${id}" is no longer in force (${status}).`,
  });

export const caseDoesNotContest = (caseId: string, disciplineId: string) =>
  unprocessable('case-does-not-contest-decision', {
    vi: `Vụ việc "${caseId}" không phải khiếu nại đối với quyết định kỷ luật "${disciplineId}".`,
    en: `Case "${caseId}" is not a complaint against discipline decision "${disciplineId}".`,
  });

export const caseCannotOpenInspection = (caseId: string) =>
  unprocessable('case-cannot-open-inspection', {
    vi: `Vụ việc "${caseId}" là khiếu nại: khiếu nại được giải quyết theo trình tự khiếu nại, không làm căn cứ mở cuộc kiểm tra. Chỉ tin báo nặc danh, tố cáo hoặc kiến nghị, phản ánh mới làm căn cứ kiểm tra.`,
    en: `Case "${caseId}" is a complaint, resolved by the complaint procedure, and cannot open an inspection: only an anonymous report, a denunciation or a petition can.`,
  });

export const subjectNotOfficer = (memberId: string, day: string) =>
  unprocessable('subject-not-officer', {
    vi: `Đoàn viên "${memberId}" không giữ chức vụ công đoàn nào vào ngày ${formatDay(day)}: hãy ghi đối tượng là đoàn viên.`,
    en: `Member "${memberId}" held no union office on ${day}: name them as a member.`,
  });
