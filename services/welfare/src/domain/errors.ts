import { conflict, DomainError, unprocessable } from '@congdoan/contracts';

const vnd = (n: number) => n.toLocaleString('en-US');

/** Welfare's domain errors, each defined once with its Vietnamese and English text. */
export const insufficientBalance = (fundId: string, balance: number, amount: number) =>
  conflict('fund-balance-insufficient', {
    vi: `Số dư quỹ "${fundId}" là ${vnd(balance)} đồng, không đủ để chi ${vnd(amount)} đồng: số dư quỹ không được âm.`,
    en: `Fund "${fundId}" holds ${vnd(balance)} đồng, not enough to pay ${vnd(amount)} đồng: a fund's balance never goes below zero.`,
  });

export const overCapPerOccasion = (caseType: string, cap: number, amount: number, source: string) =>
  unprocessable('over-cap-per-occasion', {
    vi: `Mức chi ${vnd(amount)} đồng vượt mức tối đa mỗi lần ${vnd(cap)} đồng cho loại hỗ trợ "${caseType}" (${source}).`,
    en: `${vnd(amount)} đồng is above the cap per occasion of ${vnd(cap)} đồng for support of type "${caseType}" (${source}).`,
  });

export const movementDateInFuture = (date: string, today: string) =>
  unprocessable('movement-date-in-future', {
    vi: `Ngày ghi sổ ${date} sau ngày hôm nay (${today}): chỉ ghi nhận khoản tiền đã thu hoặc đã chi.`,
    en: `The accounting date ${date} is after today (${today}): only money already received or paid is recorded.`,
  });

export const beneficiaryRequired = (caseType: string, cap: number) =>
  unprocessable('beneficiary-required', {
    vi: `Loại hỗ trợ "${caseType}" có mức tối đa mỗi đoàn viên mỗi năm (${vnd(cap)} đồng): hãy ghi đoàn viên được hỗ trợ (beneficiaryId).`,
    en: `Support of type "${caseType}" has a cap per member per year (${vnd(cap)} đồng): name the member paid (beneficiaryId).`,
  });

export const memberYearCapReached = (caseType: string, year: string, cap: number, amount: number, total?: number) =>
  conflict('member-year-cap-reached', {
    vi: `Đoàn viên đã nhận ${total === undefined ? '' : `${vnd(total)} đồng `}hỗ trợ loại "${caseType}" năm ${year}; thêm ${vnd(amount)} đồng sẽ vượt mức tối đa ${vnd(cap)} đồng mỗi năm.`,
    en: `The member ${total === undefined ? '' : `has had ${vnd(total)} đồng of `}support of type "${caseType}" in ${year}; ${vnd(amount)} đồng more would pass the cap of ${vnd(cap)} đồng a year.`,
  });

export const outsideDrivePeriod = (day: string, from: string, to: string) =>
  unprocessable('outside-drive-period', {
    vi: `Ngày ${day} nằm ngoài thời gian của đợt vận động (${from} – ${to}).`,
    en: `The day ${day} is outside the drive's period (${from} – ${to}).`,
  });

export const beforeDriveStart = (day: string, from: string) =>
  unprocessable('before-drive-start', {
    vi: `Ngày thu ${day} trước ngày bắt đầu đợt vận động (${from}).`,
    en: `The receipt's day ${day} is before the drive starts (${from}).`,
  });

export const pledgerOutsideDrive = () =>
  unprocessable('pledger-outside-drive', {
    vi: 'Đơn vị hoặc đoàn viên đăng ký ủng hộ không thuộc đơn vị tổ chức đợt vận động hay các đơn vị trực thuộc.',
    en: 'The pledging unit or member is not in the subtree of the unit running the drive.',
  });

export const notASavingsFund = (fundId: string) =>
  unprocessable('not-a-savings-fund', {
    vi: `Quỹ "${fundId}" không phải quỹ tiết kiệm phụ nữ: chỉ quỹ này nhận gửi tiết kiệm và cho vay.`,
    en: `Fund "${fundId}" is not a women's savings fund: only such a fund takes deposits and lends.`,
  });

export const memberOutsideFund = () =>
  unprocessable('member-outside-fund', {
    vi: 'Đoàn viên không thuộc đơn vị sở hữu quỹ hay các đơn vị trực thuộc.',
    en: 'The member is not in the subtree of the unit owning the fund.',
  });

export const memberNotActive = () =>
  unprocessable('member-not-active', {
    vi: 'Đoàn viên không còn sinh hoạt (tạm dừng hoặc đã ra khỏi tổ chức): không thể gửi hay vay.',
    en: 'The member is not active (suspended or exited): they cannot deposit or borrow.',
  });

export const loanAlreadyOpen = () =>
  conflict('loan-already-open', {
    vi: 'Đoàn viên đang có một khoản vay chưa trả hết từ quỹ này: mỗi đoàn viên chỉ vay một khoản một lúc.',
    en: 'The member already has a loan from this fund not yet repaid: one open loan per member at a time.',
  });

export const loanOverpayment = (loanId: string, outstanding: number, amount: number) =>
  unprocessable('loan-overpayment', {
    vi: `Khoản vay "${loanId}" còn nợ ${vnd(outstanding)} đồng: không nhận trả ${vnd(amount)} đồng.`,
    en: `Loan "${loanId}" has ${vnd(outstanding)} đồng outstanding: a repayment of ${vnd(amount)} đồng is refused.`,
  });

export const loanBusy = (loanId: string) =>
  conflict('loan-busy', {
    vi: `Khoản vay "${loanId}" đang được ghi nhận khoản trả khác: hãy thử lại.`,
    en: `Loan "${loanId}" is taking another repayment: try again.`,
  });

export const memberOutsideUnit = () =>
  unprocessable('member-outside-unit', {
    vi: 'Đoàn viên không thuộc đơn vị này hay các đơn vị trực thuộc.',
    en: 'The member is not in the subtree of this unit.',
  });

export const fundOfAnotherUnit = (fundId: string) =>
  unprocessable('fund-of-another-unit', {
    vi: `Quỹ "${fundId}" không phải quỹ của đơn vị thăm hỏi: quà được chi từ quỹ của chính đơn vị đó.`,
    en: `Fund "${fundId}" is not the visiting unit's: a gift is paid from that unit's own fund.`,
  });

export const savingsFundNotForGifts = (fundId: string) =>
  unprocessable('savings-fund-not-for-gifts', {
    vi: `Quỹ "${fundId}" là quỹ tiết kiệm phụ nữ, giữ tiền gửi của đoàn viên: không chi quà thăm hỏi từ quỹ này.`,
    en: `Fund "${fundId}" is a women's savings fund holding members' deposits: gifts are not paid from it.`,
  });

export const visitAlreadyRecorded = () =>
  conflict('visit-already-recorded', {
    vi: 'Lượt thăm hỏi này đã được ghi nhận (cùng Idempotency-Key): không ghi hai lần.',
    en: 'This visit was already recorded (same Idempotency-Key): it is not recorded twice.',
  });

export const donorOutsideDrive = () =>
  unprocessable('donor-outside-drive', {
    vi: 'Đoàn viên không thuộc đơn vị tổ chức đợt hiến máu hay các đơn vị trực thuộc.',
    en: 'The member is not in the subtree of the unit running the blood drive.',
  });

export const donorAlreadyRecorded = () =>
  conflict('donor-already-recorded', {
    vi: 'Đoàn viên đã được ghi nhận hiến máu trong đợt này: mỗi người một lượt mỗi đợt.',
    en: 'The member’s donation at this drive is already recorded: one per member and drive.',
  });

export const bloodDriveNotYetHeld = (date: string) =>
  unprocessable('blood-drive-not-yet-held', {
    vi: `Đợt hiến máu diễn ra ngày ${date}: chỉ ghi nhận người hiến từ ngày đó.`,
    en: `The blood drive is held on ${date}: donors are recorded from that day on.`,
  });
/* ---------- support cases (issue 12, item 3): never a health detail, a circumstance or a name ---------- */

export const caseStepNotAllowed = (caseId: string, step: string, status: string) =>
  conflict('case-step-not-allowed', {
    vi: `Hồ sơ hỗ trợ "${caseId}" đang ở trạng thái "${status}": không thể thực hiện bước "${step}".`,
    en: `Support case "${caseId}" is "${status}": the step "${step}" is not allowed from there.`,
  });

export const caseChanged = (caseId: string) =>
  conflict('case-changed', {
    vi: `Hồ sơ hỗ trợ "${caseId}" vừa được người khác cập nhật: hãy tải lại rồi thử lại.`,
    en: `Support case "${caseId}" was just changed by someone else: reload it and try again.`,
  });

export const casePossibleDuplicate = (others: readonly string[], windowDays: number) =>
  conflict('case-possible-duplicate', {
    vi: `Đoàn viên đã có hồ sơ cùng loại cho sự việc trong vòng ${windowDays} ngày (${others.join(', ')}): nếu không trùng, hãy xác nhận kèm lý do (duplicateReason).`,
    en: `The member has a case of the same type for an incident within ${windowDays} days (${others.join(', ')}): if it is not a duplicate, confirm with a reason (duplicateReason).`,
  });

export const beneficiaryNotActive = () =>
  unprocessable('beneficiary-not-active', {
    vi: 'Đoàn viên không còn sinh hoạt (tạm dừng hoặc đã ra khỏi tổ chức): không thể lập hồ sơ hỗ trợ.',
    en: 'The member is not active (suspended or exited): no support case can be opened.',
  });

export const beneficiaryInArrears = (months: number, max: number, overridable: boolean) =>
  unprocessable('beneficiary-in-arrears', {
    vi: `Đoàn viên nợ đoàn phí ${months} tháng (tối đa ${max} tháng)${overridable ? ': chỉ lập hồ sơ khi ghi rõ lý do (arrearsReason).' : ': quy định hiện hành không cho phép hỗ trợ.'}`,
    en: `The member is ${months} months in dues arrears (at most ${max})${overridable ? ': a case needs a recorded reason (arrearsReason).' : ': the rules in force allow no support.'}`,
  });

export const checklistIncomplete = (missing: readonly string[]) =>
  unprocessable('checklist-incomplete', {
    vi: `Hồ sơ còn thiếu giấy tờ: ${missing.join(', ')}.`,
    en: `The case lacks documents of its checklist: ${missing.join(', ')}.`,
  });

export const approvalAboveLimit = (
  amount: number,
  limit: number | null,
  needed: { vi: string; en: string },
  neededLevel: string,
) =>
  new DomainError(
    'forbidden',
    'approval-above-limit',
    { vi: 'Vượt thẩm quyền phê duyệt', en: 'Above the approval limit' },
    {
      vi: `Khoản hỗ trợ ${vnd(amount)} đồng vượt thẩm quyền phê duyệt của cấp bạn (${limit === null ? 'không áp dụng cho quỹ này' : `tối đa ${vnd(limit)} đồng`}): cần ${needed.vi} (cấp "${neededLevel}") phê duyệt.`,
      en: `${vnd(amount)} đồng is above your level’s approval limit (${limit === null ? 'not for this fund' : `up to ${vnd(limit)} đồng`}): it needs ${needed.en} (level "${neededLevel}").`,
    },
  );

export const notTheFundsDesk = (step: string) =>
  new DomainError(
    'forbidden',
    'fund-desk-only',
    { vi: 'Không thuộc cấp quản lý quỹ', en: 'Not the fund’s level' },
    {
      vi: `Bước "${step}" do bộ phận chăm lo của đơn vị sở hữu quỹ (hoặc cấp trên) thực hiện.`,
      en: `The step "${step}" is the welfare desk’s of the unit owning the fund (or a level above it).`,
    },
  );
