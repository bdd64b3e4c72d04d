import {
  conflict,
  dayInVietnam,
  type ExitReason,
  type MemberState,
  type MemberStatus,
  unprocessable,
} from '@congdoan/contracts';
import { membershipPolicyOn } from '../policy.ts';
import { addMonths, displayDate, parseDate } from './dates.ts';

/**
 * The member lifecycle (DOMAIN.md, issue 3):
 *
 *   applicant ─admit→ active              applicant ─reject→ rejected
 *   active ─suspend→ suspended            suspended ─reinstate→ active
 *   active | suspended ─transfer→ the same status, in another unit
 *   active | suspended ─exit (with a reason)→ exited
 *   exited ─readmit (N months after the exit at the earliest)→ active
 *
 * `update` edits the record of an applicant, an active or
 * a suspended member. Exited and rejected records are history: they change only
 * by re-admission (exited) or not at all (rejected; a new application is a new record).
 */
export const MEMBER_ACTIONS = [
  'admit',
  'reject',
  'update',
  'transfer',
  'suspend',
  'reinstate',
  'exit',
  'readmit',
] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];

/** The status each legal action leads to; an action missing from a status's row is illegal there. */
export const TRANSITIONS: Readonly<Record<MemberStatus, Partial<Record<MemberAction, MemberStatus>>>> = {
  applicant: { admit: 'active', reject: 'rejected', update: 'applicant' },
  active: { update: 'active', transfer: 'active', suspend: 'suspended', exit: 'exited' },
  suspended: { update: 'suspended', transfer: 'suspended', reinstate: 'active', exit: 'exited' },
  exited: { readmit: 'active' },
  rejected: {},
};

export const allowedActions = (status: MemberStatus): MemberAction[] =>
  MEMBER_ACTIONS.filter((a) => TRANSITIONS[status][a] !== undefined);

export const canTransition = (status: MemberStatus, action: MemberAction) => TRANSITIONS[status][action] !== undefined;

/** The status after a legal action. */
export function nextStatus(status: MemberStatus, action: MemberAction): MemberStatus {
  assertTransition(status, action);
  return TRANSITIONS[status][action]!;
}

const ACTION_TEXT: Record<MemberAction, { vi: string; en: string }> = {
  admit: { vi: 'kết nạp', en: 'admit' },
  reject: { vi: 'từ chối kết nạp', en: 'reject' },
  update: { vi: 'sửa thông tin', en: 'update the record of' },
  transfer: { vi: 'chuyển sinh hoạt', en: 'transfer' },
  suspend: { vi: 'tạm dừng sinh hoạt', en: 'suspend' },
  reinstate: { vi: 'khôi phục sinh hoạt', en: 'reinstate' },
  exit: { vi: 'cho ra khỏi tổ chức', en: 'exit' },
  readmit: { vi: 'kết nạp lại', en: 'readmit' },
};

/** Who a person in each status is, as the object of a sentence. */
const STATUS_TEXT: Record<MemberStatus, { vi: string; en: string }> = {
  applicant: { vi: 'người xin gia nhập chưa được kết nạp', en: 'an applicant who has not been admitted' },
  active: { vi: 'đoàn viên đang sinh hoạt', en: 'an active member' },
  suspended: { vi: 'đoàn viên đang tạm dừng sinh hoạt', en: 'a suspended member' },
  exited: { vi: 'đoàn viên đã ra khỏi tổ chức', en: 'a member who has exited' },
  rejected: { vi: 'người đã bị từ chối kết nạp', en: 'an applicant who was rejected' },
};

/**
 * Refuses an action the status does not allow, with 409 `illegal-member-transition`:
 * "Không thể chuyển sinh hoạt đoàn viên đã ra khỏi tổ chức" / "Cannot transfer a
 * member who has exited", followed by what is allowed.
 */
export function assertTransition(status: MemberStatus, action: MemberAction): void {
  if (canTransition(status, action)) return;
  const allowed = allowedActions(status);
  const what = ACTION_TEXT[action];
  const who = STATUS_TEXT[status];
  throw conflict('illegal-member-transition', {
    vi: `Không thể ${what.vi} ${who.vi}. ${
      allowed.length > 0
        ? `Thao tác được phép: ${allowed.map((a) => ACTION_TEXT[a].vi).join(', ')}.`
        : 'Hồ sơ này không còn thay đổi được; muốn gia nhập lại thì nộp đơn mới.'
    }`,
    en: `Cannot ${what.en} ${who.en} (status "${status}", action "${action}"). ${
      allowed.length > 0
        ? `Allowed: ${allowed.join(', ')}.`
        : 'This record no longer changes; a new application starts a new record.'
    }`,
  });
}

/** Months between an exit and a re-admission; DOMAIN.md's default is 3. */
export interface ReadmissionPolicy {
  readmitAfterMonths: number;
}

export const DEFAULT_READMISSION_POLICY: ReadmissionPolicy = { readmitAfterMonths: 3 };

/** The first day a member who exited on `exitDate` may be re-admitted: the same day N months later (month end if shorter). */
export function earliestReadmissionDate(
  exitDate: string,
  policy: ReadmissionPolicy = DEFAULT_READMISSION_POLICY,
): string {
  const months = policy.readmitAfterMonths;
  if (!Number.isInteger(months) || months < 0) {
    throw new RangeError(`readmitAfterMonths must be a whole number of months ≥ 0, got ${months}`);
  }
  return addMonths(exitDate, months, 'exit.date');
}

/** Re-admission needs the exit to lie at least N months before it (409 `readmission-too-soon`). */
export function assertReadmissionAllowed(
  exitDate: string,
  readmitDate: string,
  policy: ReadmissionPolicy = DEFAULT_READMISSION_POLICY,
): void {
  parseDate(readmitDate, 'date');
  const earliest = earliestReadmissionDate(exitDate, policy);
  if (readmitDate < earliest) {
    const n = policy.readmitAfterMonths;
    throw conflict('readmission-too-soon', {
      vi: `Chưa thể kết nạp lại: đoàn viên ra khỏi tổ chức ngày ${displayDate(exitDate)}, phải sau ít nhất ${n} tháng, tức từ ngày ${displayDate(earliest)} trở đi (ngày kết nạp lại đề nghị: ${displayDate(readmitDate)}).`,
      en: `Too soon to readmit: the member exited on ${exitDate}, and at least ${n} month(s) must pass, so ${earliest} is the earliest date (requested: ${readmitDate}).`,
    });
  }
}

/** Chuyển sinh hoạt goes to another unit (422 `transfer-same-unit`). */
export function assertDifferentUnit(fromUnitId: string, toUnitId: string): void {
  if (fromUnitId === toUnitId) {
    throw unprocessable('transfer-same-unit', {
      vi: 'Không thể chuyển sinh hoạt đến chính đơn vị đoàn viên đang sinh hoạt.',
      en: 'Cannot transfer a member to the unit they already belong to.',
    });
  }
}

/**
 * What an exit does besides the status. Every exit releases the CCCD, so the person
 * may later apply elsewhere or be re-admitted. A deceased member's record is closed
 * for good: it cannot be re-admitted.
 */
export function exitMembershipEffects(reason: ExitReason): { releasesCccd: true; readmissible: boolean } {
  return { releasesCccd: true, readmissible: reason !== 'deceased' };
}

/** What the CCCD's lock remembers of the last membership that held the CCCD and ended by exit. */
export interface LastExit {
  memberId: string;
  date: string;
  reason: ExitReason;
}

/**
 * The day from which a change makes a record hold its CCCD: a new record's
 * application, an exited record's re-admission, or today for a record whose CCCD
 * is corrected.
 */
export function holdsCccdFrom(before: MemberState | null, after: MemberState, today: string): string {
  if (!before) return after.applicationDate;
  if (before.status === 'exited') return after.admission?.decisionDate ?? today;
  return today;
}

/**
 * The re-admission rule for every path that gives a CCCD a membership (an
 * application, a record created by upsert, bulk upsert or import, a re-admission):
 * a CCCD whose last membership exited less than the policy's months ago cannot
 * hold a new one, neither today nor from a day before then (422
 * `readmission-required`). The answer names the earliest day, and says that the
 * person comes back by re-admission of their record, not by a new application.
 */
export function assertMayHoldCccdAgain(
  lastExit: LastExit | null,
  on: { today: string; from: string },
  policy: ReadmissionPolicy = DEFAULT_READMISSION_POLICY,
): void {
  if (!lastExit) return;
  const earliest = earliestReadmissionDate(lastExit.date, policy);
  if (on.today >= earliest && on.from >= earliest) return;
  const n = policy.readmitAfterMonths;
  throw unprocessable('readmission-required', {
    vi: `Số CCCD này thuộc một đoàn viên đã ra khỏi tổ chức ngày ${displayDate(lastExit.date)}, chưa đủ ${n} tháng: chưa thể xin gia nhập hay thêm mới. Từ ngày ${displayDate(earliest)}, hãy kết nạp lại hồ sơ cũ (POST /v1/membership/members/{id}/readmit) thay vì tạo hồ sơ mới.`,
    en: `This CCCD belongs to a member who exited on ${lastExit.date}, less than ${n} month(s) ago: it cannot apply or be added yet. From ${earliest}, readmit their existing record (POST /v1/membership/members/{id}/readmit) instead of creating a new one.`,
  });
}

/**
 * The rule as every path that gives a record its CCCD calls it (the member store
 * when it takes the lock, an import's dry run, a batch before it is written): the
 * lock's last exit, the day the record holds the CCCD from, today in Vietnam, and
 * the policy in force today (the rule is asked now, whatever day a record says it
 * started).
 */
export function assertMayTakeCccd(
  lastExit: LastExit | null,
  before: MemberState | null,
  after: MemberState,
  now: Date,
): void {
  if (!lastExit) return;
  const today = dayInVietnam(now);
  assertMayHoldCccdAgain(lastExit, { today, from: holdsCccdFrom(before, after, today) }, membershipPolicyOn(today));
}
