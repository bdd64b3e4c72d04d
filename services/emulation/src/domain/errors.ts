import { conflict, DomainError, type LocalizedText, unprocessable } from '@congdoan/contracts';
import { vnDate } from './eligibility/rules.ts';

/** Emulation's domain errors, each defined once with its Vietnamese and English text. */

export const noCatalogue = (day: string) =>
  unprocessable('no-award-catalogue', {
    vi: `Không có danh mục danh hiệu, hình thức khen thưởng nào có hiệu lực ngày ${day} (danh mục đầu tiên được nhập là theo NĐ 98/2023, từ 01/01/2024).`,
    en: `No award catalogue is in force on ${day} (the first entered is NĐ 98/2023's, from 2024-01-01).`,
  });

export const registrationClosed = (deadline: string) =>
  unprocessable('registration-closed', {
    vi: `Đã hết hạn đăng ký (hạn cuối ${deadline}).`,
    en: `Registration closed on ${deadline}.`,
  });

export const outsideMovement = () =>
  unprocessable('outside-movement', {
    vi: 'Đơn vị hoặc đoàn viên đăng ký không thuộc phạm vi của phong trào (đơn vị phát động và các đơn vị trực thuộc).',
    en: 'The registrant is not within the movement’s subtree (the launching unit and the units below it).',
  });

export const notAnActiveMember = (memberId: string, day: string) =>
  unprocessable('member-not-active', {
    vi: `Đoàn viên "${memberId}" không đang sinh hoạt ngày ${day}.`,
    en: `Member "${memberId}" is not an active member on ${day}.`,
  });

export const unknownTitle = (code: string, day: string) =>
  unprocessable('unknown-title', {
    vi: `Không có danh hiệu "${code}" trong danh mục có hiệu lực ngày ${day}.`,
    en: `No title "${code}" in the catalogue in force on ${day}.`,
  });

export const titleSubjectMismatch = (code: string, subject: 'individual' | 'collective') =>
  unprocessable('title-subject-mismatch', {
    vi: `Danh hiệu "${code}" dành cho ${subject === 'individual' ? 'cá nhân' : 'tập thể'}.`,
    en: `The title "${code}" is for ${subject === 'individual' ? 'individuals' : 'collectives'}.`,
  });

export const notDeeds = () =>
  unprocessable('not-deeds', {
    vi: 'Chỉ đăng ký việc làm mới được xác nhận hoàn thành.',
    en: 'Only a deeds registration is confirmed as done.',
  });

export const alreadyConfirmed = () =>
  conflict('already-confirmed', {
    vi: 'Đăng ký việc làm này đã được xác nhận hoàn thành.',
    en: 'These deeds are already confirmed as done.',
  });

export const confirmationOutOfRange = (registeredOn: string, today: string) =>
  unprocessable('confirmation-date-out-of-range', {
    vi: `Ngày xác nhận phải từ ngày đăng ký ${registeredOn} đến hôm nay ${today}.`,
    en: `The confirmation day must be between the registration day ${registeredOn} and today ${today}.`,
  });

export const awardExists = (code: string, year: number) =>
  conflict('award-exists', {
    vi: `Đối tượng này đã được ghi nhận danh hiệu, hình thức "${code}" năm ${year}.`,
    en: `The recipient already holds "${code}" for ${year}.`,
  });

export const decisionOutOfRange = (year: number) =>
  unprocessable('decision-date-out-of-range', {
    vi: `Quyết định khen thưởng năm ${year} phải ban hành từ năm ${year} đến hôm nay.`,
    en: `A decision for ${year} is dated from ${year} to today.`,
  });

export const futureYear = (year: number) =>
  unprocessable('future-year', {
    vi: `Chưa thể đề nghị khen thưởng cho năm ${year}.`,
    en: `No nomination can be made for ${year} yet.`,
  });

export const outsideProposer = () =>
  unprocessable('outside-proposing-unit', {
    vi: 'Đối tượng được đề nghị không thuộc đơn vị đề nghị hoặc các đơn vị trực thuộc.',
    en: 'The candidate is not within the proposing unit’s subtree.',
  });

const INITIATIVE_STATUS_TERMS = {
  submitted: 'đã nộp',
  evaluated: 'đã chấm điểm',
  accepted: 'đã công nhận',
  rejected: 'không được công nhận',
} as const;

export const illegalInitiativeStep = (status: keyof typeof INITIATIVE_STATUS_TERMS, step: LocalizedText) =>
  conflict('illegal-transition', {
    vi: `Không thể thực hiện bước "${step.vi}" khi sáng kiến ${INITIATIVE_STATUS_TERMS[status]}.`,
    en: `The step "${step.en}" cannot be taken while the initiative is ${status}.`,
  });

export const initiativeNotPassed = () =>
  conflict('initiative-not-passed', {
    vi: 'Điểm của hội đồng sáng kiến chưa đạt ngưỡng: không thể công nhận.',
    en: 'The council’s scores did not reach the thresholds: the initiative cannot be accepted.',
  });

export const noThresholds = (day: string) =>
  unprocessable('no-initiative-thresholds', {
    vi: `Không có ngưỡng điểm sáng kiến nào có hiệu lực ngày ${day}.`,
    en: `No initiative thresholds are in force on ${day}.`,
  });

export const authorOutsideUnit = (memberId: string) =>
  unprocessable('author-outside-unit', {
    vi: `Tác giả "${memberId}" không thuộc đơn vị nộp sáng kiến hoặc các đơn vị trực thuộc.`,
    en: `The author "${memberId}" is not within the submitting unit’s subtree.`,
  });

export const dateOutOfRange = (field: string, from: string, to: string) =>
  unprocessable('date-out-of-range', {
    vi: `Ngày "${field}" phải từ ${from} đến ${to}.`,
    en: `The day "${field}" must be from ${from} to ${to}.`,
  });

export const initiativeUnavailable = (id: string) =>
  conflict('initiative-unavailable', {
    vi: `Sáng kiến "${id}" chưa được công nhận hoặc đã dùng cho một khen thưởng khác (mỗi sáng kiến chỉ làm căn cứ cho một khen thưởng; CV 5007/BNV).`,
    en: `The initiative "${id}" is not accepted, or already backs another award (one initiative backs one award; CV 5007/BNV).`,
  });

export const initiativeNotCandidates = (id: string) =>
  unprocessable('initiative-not-candidates', {
    vi: `Sáng kiến "${id}" không phải của đối tượng được đề nghị (tác giả, hoặc đơn vị và các đơn vị trực thuộc).`,
    en: `The initiative "${id}" is not the candidate’s (an author, or the unit and those below it).`,
  });

export const invalidBallot = () =>
  unprocessable('invalid-ballot', {
    vi: 'Kết quả bỏ phiếu không hợp lệ: số có mặt không quá số thành viên, số đồng ý không quá số có mặt.',
    en: 'Invalid ballot: no more present than members, no more yes votes than present.',
  });

const RATING_STATUS_TERMS: Record<string, string> = {
  draft: 'đang tự đánh giá',
  submitted: 'đã gửi cấp trên',
  reviewed: 'đã thẩm định',
  approved: 'đã phê duyệt',
};
const RATING_STEP_TERMS: Record<string, string> = {
  'self-assessment': 'tự đánh giá',
  submission: 'gửi cấp trên',
  review: 'thẩm định',
  approval: 'phê duyệt',
};

export const illegalRatingStep = (status: string, step: string) =>
  conflict('illegal-transition', {
    vi: `Không thể thực hiện bước "${RATING_STEP_TERMS[step] ?? step}" khi bản xếp loại ${RATING_STATUS_TERMS[status] ?? status}.`,
    en: `The step "${step}" cannot be taken while the rating is ${status}.`,
  });

export const ratingScoresInvalid = (detail: string) =>
  unprocessable('rating-scores-invalid', {
    vi: `Điểm xếp loại không khớp bộ tiêu chí: ${detail}.`,
    en: `The scores do not fit the criteria set: ${detail}.`,
  });

export const noRatingPolicy = (year: number) =>
  unprocessable('no-rating-policy', {
    vi: `Không có bộ tiêu chí xếp loại nào có hiệu lực cho năm ${year}.`,
    en: `No rating criteria are in force for ${year}.`,
  });

export const notUpperLevel = () =>
  new DomainError(
    'forbidden',
    'rating-needs-upper-level',
    { vi: 'Không đủ quyền', en: 'Forbidden' },
    {
      vi: 'Chỉ công đoàn cấp trên của đơn vị mới được thẩm định, phê duyệt xếp loại.',
      en: 'Only a level above the unit reviews and approves its rating.',
    },
  );

const NOMINATION_STATUS_TERMS: Record<string, string> = {
  proposed: 'chưa được cấp quyết định tiếp nhận',
  received: 'đã tiếp nhận, chờ hội đồng xét',
  refused: 'đã bị từ chối',
  approved: 'đã được hội đồng thông qua',
  'not-approved': 'không được hội đồng thông qua',
  decided: 'đã có quyết định khen thưởng',
};

const NOMINATION_STEP_TERMS = {
  receipt: { vi: 'tiếp nhận', en: 'receipt' },
  council: { vi: 'ghi kết quả bỏ phiếu', en: 'council’s vote' },
  decision: { vi: 'ra quyết định', en: 'decision' },
  refusal: { vi: 'từ chối', en: 'refusal' },
} as const;

export const illegalNominationStep = (status: string, step: keyof typeof NOMINATION_STEP_TERMS) =>
  conflict('illegal-transition', {
    vi: `Không thể ${NOMINATION_STEP_TERMS[step].vi} khi đề nghị ${NOMINATION_STATUS_TERMS[status] ?? status}.`,
    en: `The ${NOMINATION_STEP_TERMS[step].en} cannot be recorded while the nomination is ${status}.`,
  });

export const notDecidingLevel = () =>
  new DomainError(
    'forbidden',
    'nomination-needs-deciding-level',
    { vi: 'Không đủ quyền', en: 'Forbidden' },
    {
      vi: 'Chỉ cấp trên của đơn vị đề nghị mới được xét và quyết định khen thưởng.',
      en: 'Only a level above the proposing unit votes on and decides a nomination.',
    },
  );

export const ineligibleAtDecision = (reasons: readonly LocalizedText[]) =>
  conflict('ineligible-at-decision', {
    vi: `Không thể quyết định: kiểm tra lại điều kiện ngày quyết định không đạt. ${reasons.map((r) => r.vi).join(' ')}`,
    en: `No decision: the eligibility checked again on the decision day fails. ${reasons.map((r) => r.en).join(' ')}`,
  });

export const quotaFull = (code: string, year: number) =>
  conflict('quota-full', {
    vi: `Đã hết chỉ tiêu "${code}" năm ${year} của đơn vị quyết định.`,
    en: `The deciding unit's quota of "${code}" for ${year} is used up.`,
  });

export const quotaBelowUsed = (code: string, used: number) =>
  conflict('quota-below-used', {
    vi: `Chỉ tiêu "${code}" không thể thấp hơn số đã dùng (${used}).`,
    en: `The quota of "${code}" cannot be set below the seats already used (${used}).`,
  });

export const noBaseSalary = (day: string) =>
  unprocessable('no-base-salary', {
    vi: `Chưa có mức lương cơ sở nào có hiệu lực ngày ${day} (lương cơ sở do tài chính quản lý, chính sách "base-salary"), nên chưa tính được tiền thưởng: không quyết định với một con số tự đặt.`,
    en: `No lương cơ sở (statutory base salary) is known to be in force on ${day} (it is finance's policy "base-salary"), so the prize cannot be computed: no decision on a made-up figure.`,
  });

export const noPrizeRounding = (day: string) =>
  unprocessable('no-prize-rounding', {
    vi: `Không có quy định làm tròn tiền thưởng nào có hiệu lực ngày ${day}.`,
    en: `No prize rounding rule is in force on ${day}.`,
  });

export const statisticsPeriodInvalid = (from: number, to: number) =>
  unprocessable('statistics-period-invalid', {
    vi: `Kỳ thống kê không hợp lệ: năm bắt đầu ${from} phải không sau năm ${to}.`,
    en: `Invalid statistics period: the first year ${from} must not be after ${to}.`,
  });

const POLICY_PARAMETER_TERMS: Record<string, LocalizedText> = {
  catalogue: { vi: 'danh mục danh hiệu, hình thức khen thưởng', en: 'award catalogue' },
  'prize-rounding': { vi: 'quy định làm tròn tiền thưởng', en: 'prize rounding' },
  absence: { vi: 'quy định về số ngày nghỉ', en: 'absence setting' },
  rating: { vi: 'quy định xếp loại CĐCS', en: 'CĐCS rating policy' },
  'initiative-thresholds': { vi: 'ngưỡng điểm sáng kiến', en: 'initiative thresholds' },
};

export const policyVersionNotAfterLatest = (parameter: string, latest: string) =>
  conflict('policy-version-not-after-latest', {
    vi: `${POLICY_PARAMETER_TERMS[parameter]?.vi ?? parameter} đã có phiên bản có hiệu lực từ ${latest}. Phiên bản mới phải có hiệu lực sau ngày đó, để các kỳ đã áp dụng giữ nguyên quy định của chúng.`,
    en: `The ${POLICY_PARAMETER_TERMS[parameter]?.en ?? parameter} already has a version in force from ${latest}. A new version must take effect after that day, so that periods already governed keep their rules.`,
  });

export const invalidPolicyVersion = (problems: readonly string[]) =>
  unprocessable('invalid-policy-version', {
    vi: `Phiên bản quy định không hợp lệ: ${problems.join('; ')}.`,
    en: `The policy version is not valid: ${problems.join('; ')}.`,
  });

export const notWholeTreeAdmin = () =>
  new DomainError(
    'forbidden',
    'policy-admin-scope',
    { vi: 'Không đủ quyền', en: 'Forbidden' },
    {
      vi: 'Chỉ quản trị viên của toàn hệ thống hoặc của đơn vị cấp cao nhất mới được thêm phiên bản quy định thi đua, khen thưởng.',
      en: 'Only an administrator of the whole tree or of its top unit may add an emulation policy version.',
    },
  );

export const ratingCriteriaExists = (unitId: string, year: number) =>
  conflict('rating-criteria-exists', {
    vi: `Đơn vị "${unitId}" đã ban hành bộ tiêu chí xếp loại năm ${year}.`,
    en: `The unit "${unitId}" has already published its rating criteria for ${year}.`,
  });

export const ratingCriteriaInvalid = (problems: readonly string[]) =>
  unprocessable('rating-criteria-invalid', {
    vi: `Bộ tiêu chí xếp loại không hợp lệ: ${problems.join('; ')}.`,
    en: `The rating criteria set is not valid: ${problems.join('; ')}.`,
  });

export const initiativeAlreadySent = (on: string) =>
  conflict('initiative-already-sent', {
    vi: `Sáng kiến đã được đánh dấu gửi lên Cổng "1 triệu sáng kiến" ngày ${on}.`,
    en: `The initiative was already marked as sent to the "1 triệu sáng kiến" portal on ${on}.`,
  });

export const decidingLevelMismatch = (code: string, level: string, levels: readonly string[], source: string) =>
  unprocessable('deciding-level-mismatch', {
    vi: `Danh hiệu "${code}" do cấp ${levels.join(' hoặc ')} tiếp nhận và quyết định, không phải cấp ${level} (${source}).`,
    en: `The title "${code}" is received and decided at the ${levels.join(' or ')} level, not ${level} (${source}).`,
  });

export const notReceivingUnit = (receivedBy: string) =>
  unprocessable('deciding-unit-not-receiver', {
    vi: `Đề nghị do đơn vị "${receivedBy}" tiếp nhận: chỉ đơn vị đó quyết định.`,
    en: `The nomination was received by "${receivedBy}": only that unit decides it.`,
  });

export const blocExists = (code: string, year: number) =>
  conflict('bloc-exists', {
    vi: `Đơn vị đã lập khối thi đua "${code}" năm ${year}.`,
    en: `The unit already formed the bloc "${code}" for ${year}.`,
  });

export const blocMembersInvalid = (detail: LocalizedText) =>
  unprocessable('bloc-members-invalid', {
    vi: `Thành viên khối thi đua không hợp lệ: ${detail.vi}.`,
    en: `Invalid bloc members: ${detail.en}.`,
  });

export const blocLeaderRequired = (code: string, year: number) =>
  unprocessable('bloc-leader-required', {
    vi: `Chưa xác định được khối trưởng năm ${year}: không có kết quả xếp hạng đầy đủ của khối "${code}" năm ${year - 1} có đơn vị thuộc khối năm nay; hãy chỉ định khối trưởng.`,
    en: `No leader can be derived for ${year}: the bloc "${code}" has no complete ranking of ${year - 1} with a unit that is a member this year; name the leader.`,
  });

export const blocCriteriaInvalid = (detail: string) =>
  unprocessable('bloc-criteria-invalid', {
    vi: `Điểm hoặc tiêu chí không khớp bộ tiêu chí của khối: ${detail}.`,
    en: `The points or criteria do not fit the bloc's criteria: ${detail}.`,
  });

export const blocAdjustmentNeedsReason = (criterion: string) =>
  unprocessable('bloc-adjustment-needs-reason', {
    vi: `Tiêu chí "${criterion}" đã có điểm: sửa điểm phải nêu lý do.`,
    en: `The criterion "${criterion}" already has points: changing them needs a reason.`,
  });

export const blocScorerOnly = () =>
  new DomainError(
    'forbidden',
    'bloc-scorer-only',
    { vi: 'Không đủ quyền', en: 'Forbidden' },
    {
      vi: 'Chỉ khối trưởng hoặc cấp lập khối (và cấp trên) mới được chấm điểm các đơn vị trong khối.',
      en: 'Only the bloc leader, or the level that formed the bloc (or above it), scores its members.',
    },
  );

export const blocOrganiserOnly = () =>
  new DomainError(
    'forbidden',
    'bloc-organiser-only',
    { vi: 'Không đủ quyền', en: 'Forbidden' },
    {
      vi: 'Chỉ cấp lập khối (hoặc cấp trên) mới được đề nghị tặng Cờ thi đua cho đơn vị dẫn đầu khối.',
      en: 'Only the level that formed the bloc (or above it) proposes its top unit for the emulation flag.',
    },
  );

export const blocClosed = () =>
  conflict('bloc-closed', {
    vi: 'Khối đã đề nghị tặng Cờ thi đua: không sửa điểm được nữa.',
    en: 'The bloc has proposed its flag: its scores can no longer change.',
  });

export const blocFlagProposed = () =>
  conflict('bloc-flag-proposed', {
    vi: 'Khối đã đề nghị tặng Cờ thi đua năm này.',
    en: 'The bloc has already proposed its flag for the year.',
  });

export const blocRankingIncomplete = () =>
  conflict('bloc-scores-incomplete', {
    vi: 'Chưa chấm đủ điểm mọi tiêu chí cho mọi đơn vị trong khối: chưa xác định được đơn vị dẫn đầu.',
    en: 'Not every member is scored on every criterion yet: there is no top unit.',
  });

export const blocTopTied = (names: readonly string[]) =>
  conflict('bloc-top-tied', {
    vi: `Các đơn vị ${names.join(', ')} đồng hạng nhất (bằng điểm mọi tiêu chí): khối bình xét chọn đơn vị đề nghị.`,
    en: `${names.join(', ')} share the first rank (equal on every criterion): the bloc chooses whom to propose.`,
  });

export const notAFlag = (code: string) =>
  unprocessable('not-a-flag', {
    vi: `"${code}" không phải là Cờ thi đua trong danh mục.`,
    en: `"${code}" is not an emulation flag of the catalogue.`,
  });

/** A CĐCS not yet in operation long enough by the year's last day (since its founding or its last merger). */
export const ratingTooEarly = (
  since: 'founding' | 'merger',
  day: string,
  months: number,
  year: number,
  completeOn: string,
  firstYear: number,
) => {
  const d = vnDate;
  return unprocessable('rating-too-early', {
    vi: `Công đoàn cơ sở ${since === 'founding' ? 'thành lập' : 'sáp nhập'} ngày ${d(day)}: đến 31/12/${year} chưa đủ ${months} tháng hoạt động${since === 'merger' ? ' sau sáp nhập' : ''} (đủ vào ngày ${d(completeOn)}), được xếp loại từ năm ${firstYear}.`,
    en: `The grassroots union was ${since === 'founding' ? 'founded' : 'merged'} on ${day}: by 31 December ${year} it has not operated ${months} months${since === 'merger' ? ' since the merger' : ''} (complete on ${completeOn}); it can be rated from ${firstYear}.`,
  });
};

export const allocationExists = (code: string, year: number) =>
  conflict('allocation-exists', {
    vi: `Chỉ tiêu "${code}" năm ${year} đã được phân bổ theo số phiếu, hoặc đã thay đổi trong lúc phân bổ.`,
    en: `The seats of "${code}" for ${year} were already allocated by the votes, or the quota changed meanwhile.`,
  });

export const noQuotaToAllocate = (code: string, year: number) =>
  unprocessable('no-quota', {
    vi: `Đơn vị không có chỉ tiêu "${code}" năm ${year}: không có suất để phân bổ.`,
    en: `The unit has no quota of "${code}" for ${year}: no seats to allocate.`,
  });

export const notAllocatable = (nominationId: string) =>
  unprocessable('nomination-not-allocatable', {
    vi: `Đề nghị "${nominationId}" không phải đề nghị đã được hội đồng thông qua, do đơn vị này tiếp nhận, cho danh hiệu và năm này.`,
    en: `Nomination "${nominationId}" is not one approved by the council, received by this unit, for this title and year.`,
  });

export const workforceMismatch = (nominationId: string) =>
  unprocessable('workforce-mismatch', {
    vi: `Đề nghị "${nominationId}": số người và số nữ chỉ khai cho tập thể, và bắt buộc với tập thể.`,
    en: `Nomination "${nominationId}": a workforce (people, women) is declared for a collective only, and required for one.`,
  });

export const notSeated = (code: string, year: number) =>
  conflict('not-seated', {
    vi: `Chỉ tiêu "${code}" năm ${year} đã được phân bổ theo số phiếu và đề nghị này không được xét.`,
    en: `The seats of "${code}" for ${year} were allocated by the votes, and this nomination holds none.`,
  });
