import {
  conflict,
  dayInVietnam,
  type ExitReason,
  type Member,
  type MemberInput,
  type MemberState,
  normalizeCccd,
  unprocessable,
} from '@congdoan/contracts';
import { ageOn } from './age.ts';
import { maskCccd, validateCccd } from './cccd.ts';
import { displayDate, parseDate } from './dates.ts';
import {
  assertDifferentUnit,
  assertReadmissionAllowed,
  assertTransition,
  exitMembershipEffects,
  type ReadmissionPolicy,
} from './lifecycle.ts';

/**
 * Pure state changes of a member record. Each takes the stored state and returns
 * the next one, with `version` bumped and `updatedAt` set; none reads or writes
 * anything. The stored shape is the contracts' `MemberState`: `Member` without
 * `masked`, with the full CCCD and the dues salary.
 */
export type { MemberState };

/**
 * Age at application. Union members are workers; the Labour Code lets people work
 * from 15, so a younger applicant is refused. Over 100 is taken for a typing error.
 */
export const MEMBER_AGE_LIMITS = { min: 15, max: 100 } as const;

type PersonFields = Pick<
  MemberState,
  | 'fullName'
  | 'gender'
  | 'dateOfBirth'
  | 'cccd'
  | 'ethnicity'
  | 'phone'
  | 'email'
  | 'educationLevel'
  | 'professionalQualification'
  | 'politicalTheoryLevel'
  | 'employmentCategory'
  | 'jobTitle'
  | 'partyMember'
  | 'partyJoinDate'
  | 'duesSalary'
>;

/** The editable fields, in the order `changed` lists them. */
const PERSON_FIELDS = [
  'fullName',
  'gender',
  'dateOfBirth',
  'cccd',
  'ethnicity',
  'phone',
  'email',
  'educationLevel',
  'professionalQualification',
  'politicalTheoryLevel',
  'employmentCategory',
  'jobTitle',
  'partyMember',
  'partyJoinDate',
  'duesSalary',
] as const satisfies readonly (keyof PersonFields & keyof MemberInput)[];

/** Names are stored in NFC with single spaces, so equal names are equal strings. */
const text = (s: string) => s.normalize('NFC').trim().replace(/\s+/gu, ' ');
const optionalText = (s: string | null | undefined) => {
  const t = s == null ? '' : text(s);
  return t === '' ? null : t;
};

/** How each field is stored; `undefined` (not given) has been dropped before. */
const NORMALISE: { [K in keyof PersonFields]: (v: NonNullable<MemberInput[K]> | null) => PersonFields[K] } = {
  fullName: (v) => text(v ?? ''),
  gender: (v) => v!,
  dateOfBirth: (v) => v!,
  cccd: (v) => normalizeCccd(v ?? ''),
  ethnicity: (v) => text(v ?? 'Kinh') || 'Kinh',
  phone: (v) => optionalText(v),
  email: (v) => optionalText(v),
  educationLevel: (v) => v!,
  professionalQualification: (v) => optionalText(v),
  politicalTheoryLevel: (v) => v ?? 'none',
  employmentCategory: (v) => v!,
  jobTitle: (v) => optionalText(v),
  partyMember: (v) => v ?? false,
  partyJoinDate: (v) => v ?? null,
  duesSalary: (v) => v!,
};

function normalise<K extends keyof PersonFields>(field: K, value: MemberInput[K]): PersonFields[K] {
  return NORMALISE[field]((value ?? null) as NonNullable<MemberInput[K]> | null);
}

function bump(m: MemberState, changes: Partial<MemberState>, now: Date): MemberState {
  return { ...m, ...changes, version: m.version + 1, updatedAt: now.toISOString() };
}

function required(value: string, field: string, label: { vi: string; en: string }): string {
  const t = text(value ?? '');
  if (t === '') {
    throw unprocessable('missing-field', {
      vi: `Cần nhập ${label.vi} (${field}).`,
      en: `The ${label.en} (${field}) is required.`,
    });
  }
  return t;
}

/** A date that may not fall before another one (422 `date-out-of-order`). */
function assertNotBefore(
  date: string,
  field: string,
  bound: string | null,
  boundLabel: { vi: string; en: string },
): void {
  parseDate(date, field);
  if (bound !== null && date < bound) {
    throw unprocessable('date-out-of-order', {
      vi: `Ngày ${field} (${displayDate(date)}) không thể trước ${boundLabel.vi} (${displayDate(bound)}).`,
      en: `The ${field} date (${date}) cannot fall before ${boundLabel.en} (${bound}).`,
    });
  }
}

/**
 * Business dates of the lifecycle (application, admission and re-admission
 * decisions, transfer, suspension, reinstatement, exit, and a dissolution's date)
 * have happened: none is after today in Vietnam (422 `date-in-future`).
 */
export function assertNotFuture(date: string, field: string, now: Date): void {
  parseDate(date, field);
  const today = dayInVietnam(now);
  if (date > today) {
    throw unprocessable('date-in-future', {
      vi: `Ngày "${field}" (${displayDate(date)}) ở sau hôm nay (${displayDate(today)}, giờ Việt Nam): chỉ ghi nhận việc đã xảy ra.`,
      en: `"${field}" (${date}) is after today (${today} in Vietnam): record only what has happened.`,
    });
  }
}

/** The day of the latest (re-)admission: transfers, suspensions and exits cannot come before it. */
const memberSince = (m: MemberState) => m.admission?.decisionDate ?? m.joinDate;
const SINCE = { vi: 'ngày kết nạp', en: 'the admission date' };

function assertDuesSalary(salary: number): void {
  if (!Number.isSafeInteger(salary) || salary < 0) {
    throw unprocessable('invalid-dues-salary', {
      vi: `Lương làm căn cứ đóng đoàn phí phải là số đồng nguyên, không âm; nhận được ${salary}.`,
      en: `The dues salary must be a whole, non-negative number of đồng; got ${salary}.`,
    });
  }
}

function assertAge(dateOfBirth: string, applicationDate: string): void {
  const age = ageOn(dateOfBirth, applicationDate);
  if (age < MEMBER_AGE_LIMITS.min) {
    throw unprocessable('applicant-too-young', {
      vi: `Người xin gia nhập công đoàn phải đủ ${MEMBER_AGE_LIMITS.min} tuổi vào ngày nộp đơn; sinh ngày ${displayDate(dateOfBirth)}, đến ngày ${displayDate(applicationDate)} mới ${Math.max(age, 0)} tuổi.`,
      en: `An applicant must be at least ${MEMBER_AGE_LIMITS.min} on the application date; born ${dateOfBirth}, they are ${Math.max(age, 0)} on ${applicationDate}.`,
    });
  }
  if (age > MEMBER_AGE_LIMITS.max) {
    throw unprocessable('implausible-date-of-birth', {
      vi: `Ngày sinh ${displayDate(dateOfBirth)} cho ${age} tuổi vào ngày nộp đơn; hãy kiểm tra lại ngày sinh.`,
      en: `A date of birth of ${dateOfBirth} makes the applicant ${age} on the application date; check the date of birth.`,
    });
  }
}

function assertParty(p: Pick<PersonFields, 'partyMember' | 'partyJoinDate' | 'dateOfBirth'>): void {
  if (p.partyJoinDate === null) return;
  parseDate(p.partyJoinDate, 'partyJoinDate');
  if (!p.partyMember) {
    throw unprocessable('party-date-without-membership', {
      vi: 'Chỉ ghi ngày vào Đảng khi là đảng viên (partyMember = true).',
      en: 'A Party join date is recorded only for a Party member (partyMember = true).',
    });
  }
  if (p.partyJoinDate <= p.dateOfBirth) {
    throw unprocessable('party-date-before-birth', {
      vi: `Ngày vào Đảng (${displayDate(p.partyJoinDate)}) phải sau ngày sinh (${displayDate(p.dateOfBirth)}).`,
      en: `The Party join date (${p.partyJoinDate}) must come after the date of birth (${p.dateOfBirth}).`,
    });
  }
}

/** Đơn xin gia nhập: an applicant's record, checked (CCCD against birth date and gender, age, Party date). */
export function newApplication(
  input: MemberInput,
  unitId: string,
  id: string,
  applicationDate: string,
  now: Date,
): MemberState {
  assertNotFuture(applicationDate, 'applicationDate', now);
  const person = Object.fromEntries(PERSON_FIELDS.map((f) => [f, normalise(f, input[f])])) as PersonFields;
  parseDate(person.dateOfBirth, 'dateOfBirth');
  validateCccd(person.cccd, person);
  assertAge(person.dateOfBirth, applicationDate);
  assertParty(person);
  assertDuesSalary(person.duesSalary);
  const at = now.toISOString();
  return {
    id,
    unitId,
    status: 'applicant',
    accountSubject: null,
    ...person,
    cardNumber: null,
    joinDate: null,
    applicationDate,
    admission: null,
    suspension: null,
    exit: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** Kết nạp: the committee's decision, on or after the application; the decision date is the join date. */
export function admit(
  m: MemberState,
  decision: { decisionNumber: string; decisionDate: string; cardNumber: string },
  now: Date,
): MemberState {
  assertTransition(m.status, 'admit');
  assertNotFuture(decision.decisionDate, 'decisionDate', now);
  assertNotBefore(decision.decisionDate, 'decisionDate', m.applicationDate, {
    vi: 'ngày nộp đơn',
    en: 'the application date',
  });
  const decisionNumber = required(decision.decisionNumber, 'decisionNumber', {
    vi: 'số quyết định kết nạp',
    en: 'admission decision number',
  });
  const cardNumber = required(decision.cardNumber, 'cardNumber', { vi: 'số thẻ đoàn viên', en: 'card number' });
  return bump(
    m,
    {
      status: 'active',
      admission: { decisionNumber, decisionDate: decision.decisionDate },
      joinDate: m.joinDate ?? decision.decisionDate,
      cardNumber,
    },
    now,
  );
}

/** Từ chối kết nạp, with a reason (the reason travels in the audit and event, not on the record). */
export function reject(m: MemberState, reason: string, now: Date): MemberState {
  assertTransition(m.status, 'reject');
  required(reason, 'reason', { vi: 'lý do từ chối', en: 'reason' });
  return bump(m, { status: 'rejected' }, now);
}

/**
 * Edits the person's fields. Returns the fields that really changed; with none,
 * the member comes back as it was (nothing to write). A change to the CCCD, birth
 * date or gender re-checks the CCCD; a birth date is re-checked against the age at
 * application. Setting `partyMember` to false clears the Party join date.
 */
export function applyUpdate(
  m: MemberState,
  patch: Partial<MemberInput>,
  now: Date,
): { member: MemberState; changed: string[] } {
  assertTransition(m.status, 'update');
  const next: MemberState = { ...m };
  const changed: string[] = [];
  const set = <K extends keyof PersonFields>(field: K, value: PersonFields[K]) => {
    (next as PersonFields)[field] = value;
  };
  for (const field of PERSON_FIELDS) {
    if (patch[field] === undefined) continue;
    const value = normalise(field, patch[field]);
    if (value !== m[field]) {
      set(field, value);
      changed.push(field);
    }
  }
  if (
    changed.includes('partyMember') &&
    !next.partyMember &&
    next.partyJoinDate !== null &&
    patch.partyJoinDate === undefined
  ) {
    next.partyJoinDate = null;
    changed.push('partyJoinDate');
  }
  if (changed.length === 0) return { member: m, changed };

  const touched = (...fields: (keyof PersonFields)[]) => fields.some((f) => changed.includes(f));
  if (touched('dateOfBirth')) {
    parseDate(next.dateOfBirth, 'dateOfBirth');
    assertAge(next.dateOfBirth, m.applicationDate);
  }
  if (touched('cccd', 'dateOfBirth', 'gender')) validateCccd(next.cccd, next);
  if (touched('partyMember', 'partyJoinDate', 'dateOfBirth')) assertParty(next);
  if (touched('duesSalary')) assertDuesSalary(next.duesSalary);
  const order = (f: string) => (PERSON_FIELDS as readonly string[]).indexOf(f);
  changed.sort((a, b) => order(a) - order(b));
  return { member: bump(next, {}, now), changed };
}

/** Chuyển sinh hoạt to another unit: the status and the original join date stay. */
export function transfer(m: MemberState, toUnitId: string, date: string, now: Date): MemberState {
  assertTransition(m.status, 'transfer');
  assertDifferentUnit(m.unitId, toUnitId);
  assertNotFuture(date, 'date', now);
  assertNotBefore(date, 'date', memberSince(m), SINCE);
  return bump(m, { unitId: toUnitId }, now);
}

/** Tạm dừng sinh hoạt, from a date and for a reason; a suspended member owes no dues. */
export function suspend(m: MemberState, input: { from: string; reason: string }, now: Date): MemberState {
  assertTransition(m.status, 'suspend');
  assertNotFuture(input.from, 'from', now);
  assertNotBefore(input.from, 'from', memberSince(m), SINCE);
  const reason = required(input.reason, 'reason', { vi: 'lý do tạm dừng sinh hoạt', en: 'suspension reason' });
  return bump(m, { status: 'suspended', suspension: { from: input.from, reason } }, now);
}

/** Khôi phục sinh hoạt, on or after the suspension's start. */
export function reinstate(m: MemberState, date: string, now: Date): MemberState {
  assertTransition(m.status, 'reinstate');
  assertNotFuture(date, 'date', now);
  assertNotBefore(date, 'date', m.suspension?.from ?? null, {
    vi: 'ngày bắt đầu tạm dừng sinh hoạt',
    en: 'the start of the suspension',
  });
  return bump(m, { status: 'active', suspension: null }, now);
}

/** Ra khỏi tổ chức, with a reason; from active or suspended. The CCCD is released (see `exitMembershipEffects`). */
export function exit(
  m: MemberState,
  input: { date: string; reason: ExitReason; note?: string | null },
  now: Date,
): MemberState {
  assertTransition(m.status, 'exit');
  assertNotFuture(input.date, 'date', now);
  assertNotBefore(input.date, 'date', memberSince(m), SINCE);
  return bump(
    m,
    {
      status: 'exited',
      suspension: null,
      exit: { date: input.date, reason: input.reason, note: optionalText(input.note) },
    },
    now,
  );
}

/**
 * Kết nạp lại: no sooner than the policy's months after the exit (409
 * `readmission-too-soon`), by a decision taken after the exit. The member becomes
 * active again, in `unitId` if given; the join date stays the first admission's,
 * the card stays unless a new `cardNumber` is given. A deceased member's record is
 * never re-admitted.
 */
export function readmit(
  m: MemberState,
  input: { decisionNumber: string; decisionDate: string; date: string; unitId?: string; cardNumber?: string },
  policy: ReadmissionPolicy,
  now: Date,
): MemberState {
  assertTransition(m.status, 'readmit');
  if (!m.exit) throw new Error(`member ${m.id} is exited but has no exit record`);
  if (!exitMembershipEffects(m.exit.reason).readmissible) {
    throw conflict('readmission-not-possible', {
      vi: 'Không thể kết nạp lại: đoàn viên đã ra khỏi tổ chức vì đã từ trần.',
      en: 'Cannot readmit: the member left because they died.',
    });
  }
  const exitLabel = { vi: 'ngày ra khỏi tổ chức', en: 'the exit date' };
  assertNotBefore(input.decisionDate, 'decisionDate', m.exit.date, exitLabel);
  assertNotBefore(input.date, 'date', m.exit.date, exitLabel);
  assertReadmissionAllowed(m.exit.date, input.date, policy);
  assertNotFuture(input.decisionDate, 'decisionDate', now);
  assertNotFuture(input.date, 'date', now);
  const decisionNumber = required(input.decisionNumber, 'decisionNumber', {
    vi: 'số quyết định kết nạp lại',
    en: 'readmission decision number',
  });
  const cardNumber =
    input.cardNumber === undefined
      ? m.cardNumber
      : required(input.cardNumber, 'cardNumber', { vi: 'số thẻ đoàn viên', en: 'card number' });
  return bump(
    m,
    {
      status: 'active',
      unitId: input.unitId ?? m.unitId,
      admission: { decisionNumber, decisionDate: input.decisionDate },
      joinDate: m.joinDate ?? input.date,
      cardNumber,
      suspension: null,
      exit: null,
    },
    now,
  );
}

/** The member as a caller sees them: without `full`, the CCCD shows its last four digits and the salary is null. */
export function maskMember(m: MemberState, view: { full: boolean }): Member {
  return {
    ...m,
    cccd: view.full ? m.cccd : maskCccd(m.cccd),
    duesSalary: view.full ? m.duesSalary : null,
    masked: !view.full,
  };
}
