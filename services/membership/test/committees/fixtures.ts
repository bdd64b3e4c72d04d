import { type CommitteeTerm, DomainError, type MemberState, type OfficerAppointment } from '@congdoan/contracts';
import type { Holding } from '../../src/domain/committee/holdings.ts';

export const now = new Date('2026-03-10T03:00:00Z');

export function term(overrides: Partial<CommitteeTerm> = {}): CommitteeTerm {
  return {
    id: 'term-1',
    unitId: 'cdcs-a',
    name: 'Nhiệm kỳ 2023–2028',
    congressDate: '2023-05-10',
    startDate: '2023-05-10',
    endDate: '2028-05-10',
    decisionNumber: null,
    closure: null,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

export function member(overrides: Partial<MemberState> = {}): MemberState {
  return {
    id: 'm-1',
    unitId: 'cdcs-a',
    accountSubject: null,
    status: 'active',
    fullName: 'Nguyễn Thị Hồng Nhung',
    gender: 'female',
    dateOfBirth: '1988-07-24',
    cccd: '024188012345',
    ethnicity: 'Kinh',
    phone: null,
    email: null,
    educationLevel: 'master',
    professionalQualification: null,
    politicalTheoryLevel: 'intermediate',
    employmentCategory: 'public-employee',
    jobTitle: null,
    partyMember: false,
    partyJoinDate: null,
    duesSalary: 5_200_000,
    cardNumber: '2020000001',
    joinDate: '2020-02-01',
    applicationDate: '2020-01-05',
    admission: { decisionNumber: '1/QĐ', decisionDate: '2020-02-01' },
    suspension: null,
    exit: null,
    version: 2,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

export function appointment(overrides: Partial<OfficerAppointment> = {}): OfficerAppointment {
  return {
    id: 'a-1',
    termId: 'term-1',
    unitId: 'cdcs-a',
    memberId: 'm-1',
    memberUnitId: 'cdcs-a',
    fullName: 'Nguyễn Thị Hồng Nhung',
    position: 'committee-member',
    from: '2023-05-10',
    decisionNumber: '12/QĐ-CĐVC',
    decisionDate: null,
    note: null,
    end: null,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

let seq = 0;
export function holding(position: Holding['position'], from: string, until: string): Holding {
  return { appointmentId: `h-${++seq}`, termId: 'term-1', position, from, until };
}

/** The DomainError a function throws; fails the test if it throws nothing or something else. */
export function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}
