import type { MemberInput, MemberState } from '@congdoan/contracts';
import { centuryGenderDigit } from '../../../src/domain/member/cccd.ts';
import { addMonths } from '../../../src/domain/member/dates.ts';
import type { MemberAction } from '../../../src/domain/member/lifecycle.ts';
import {
  admit,
  applyUpdate,
  exit,
  newApplication,
  readmit,
  reinstate,
  reject,
  suspend,
  transfer,
} from '../../../src/domain/member/member.ts';

export const now = new Date('2026-03-10T03:00:00Z');
/** A later moment, after every date the tests give (dates of the lifecycle may not be after today). */
export const later = new Date('2027-03-11T04:00:00Z');
/** Far enough ahead for a property test's long runs of dated actions. */
export const muchLater = new Date('2099-01-01T00:00:00Z');

/** A CCCD that agrees with the birth date and gender (Bắc Giang by default). */
export function cccdFor(dateOfBirth: string, gender: 'male' | 'female', province = '024', random = '012345'): string {
  const year = Number(dateOfBirth.slice(0, 4));
  return `${province}${centuryGenderDigit(year, gender)}${dateOfBirth.slice(2, 4)}${random}`;
}

export function input(overrides: Partial<MemberInput> = {}): MemberInput {
  const dateOfBirth = overrides.dateOfBirth ?? '1988-07-24';
  const gender = overrides.gender ?? 'female';
  return {
    fullName: 'Nguyễn Thị Hồng Nhung',
    gender,
    dateOfBirth,
    cccd: cccdFor(dateOfBirth, gender),
    ethnicity: 'Kinh',
    phone: '0912345678',
    email: null,
    educationLevel: 'master',
    professionalQualification: 'Thạc sĩ Quản lý giáo dục',
    politicalTheoryLevel: 'intermediate',
    employmentCategory: 'public-employee',
    jobTitle: 'Chuyên viên',
    partyMember: true,
    partyJoinDate: '2012-05-19',
    duesSalary: 7_020_000,
    ...overrides,
  };
}

export const applicant = (overrides: Partial<MemberInput> = {}): MemberState =>
  newApplication(input(overrides), 'cdcs-1', 'm-1', '2026-01-05', now);

export const active = (overrides: Partial<MemberInput> = {}): MemberState =>
  admit(
    applicant(overrides),
    { decisionNumber: '15/QĐ-CĐCS', decisionDate: '2026-02-02', cardNumber: '2026000001' },
    now,
  );

export function inStatus(status: MemberState['status']): MemberState {
  switch (status) {
    case 'applicant':
      return applicant();
    case 'active':
      return active();
    case 'suspended':
      return suspend(active(), { from: '2026-03-01', reason: 'Nghỉ không lương 6 tháng' }, now);
    case 'exited':
      return exit(active(), { date: '2026-03-05', reason: 'moved-out', note: null }, now);
    case 'rejected':
      return reject(applicant(), 'Chưa đủ điều kiện', now);
  }
}

/** The error's code, or undefined when nothing was thrown. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

export function errorOf(fn: () => unknown): { code: string; kind: string; detail: { vi: string; en: string } } {
  try {
    fn();
  } catch (error) {
    return error as never;
  }
  throw new Error('expected an error');
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The last date on the record: the next step happens after it. */
const lastDate = (m: MemberState) =>
  [m.applicationDate, m.admission?.decisionDate, m.suspension?.from, m.exit?.date]
    .filter((d): d is string => typeof d === 'string')
    .sort()
    .at(-1)!;

/** Applies any action with plausible arguments, the day after the record's last date, so property tests reach every transition. */
export function act(m: MemberState, action: MemberAction, at: Date): MemberState {
  const day = addDays(lastDate(m), 1);
  switch (action) {
    case 'admit':
      return admit(m, { decisionNumber: 'QĐ', decisionDate: day, cardNumber: 'C-1' }, at);
    case 'reject':
      return reject(m, 'lý do', at);
    case 'update':
      return applyUpdate(m, { duesSalary: m.duesSalary + 1 }, at).member;
    case 'transfer':
      return transfer(m, m.unitId === 'cdcs-1' ? 'cdcs-2' : 'cdcs-1', day, at);
    case 'suspend':
      return suspend(m, { from: day, reason: 'lý do' }, at);
    case 'reinstate':
      return reinstate(m, day, at);
    case 'exit':
      return exit(m, { date: day, reason: 'resigned' }, at);
    case 'readmit': {
      const date = m.exit ? addMonths(m.exit.date, 3) : day;
      return readmit(m, { decisionNumber: 'QĐ', decisionDate: date, date }, { readmitAfterMonths: 3 }, at);
    }
  }
}
