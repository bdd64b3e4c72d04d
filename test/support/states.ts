/**
 * Whole unit and member states as membership's events carry them, for tests of any
 * service or package that consumes those events. Every field has a plausible value;
 * a test overrides what it is about.
 */
import { randomUUID } from 'node:crypto';
import type { MemberState, Unit } from '@congdoan/contracts';

const at = '2025-01-01T00:00:00.000Z';

/** An active CĐCS with no parent and no agency, unless `overrides` say otherwise. */
export function unitState(overrides: Partial<Unit> = {}): Unit {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    code: `U-${id.slice(0, 8).toUpperCase()}`,
    name: 'Đơn vị',
    level: 'grassroots',
    parentId: null,
    agency: null,
    status: 'active',
    childCount: 0,
    memberCount: 0,
    dissolution: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/**
 * A member just admitted to `unitId` on `admittedOn` (version 2: the application was 1), with
 * every piece of personal data membership keeps, so a consumer's test can check what it drops.
 */
export function admittedMember(unitId: string, admittedOn: string, overrides: Partial<MemberState> = {}): MemberState {
  return {
    id: randomUUID(),
    unitId,
    status: 'active',
    fullName: 'Nguyễn Thị Thu Hà',
    gender: 'female',
    dateOfBirth: '1978-03-12',
    cccd: '024178004512',
    ethnicity: 'Kinh',
    phone: '0912345678',
    email: 'ha.nguyen@example.vn',
    educationLevel: 'master',
    professionalQualification: 'Thạc sĩ Kinh tế',
    politicalTheoryLevel: 'intermediate',
    employmentCategory: 'public-employee',
    jobTitle: 'Phó Chủ tịch',
    partyMember: true,
    partyJoinDate: '2004-05-19',
    duesSalary: 8_137_500,
    cardNumber: `${admittedOn.slice(0, 4)}000042`,
    joinDate: admittedOn,
    applicationDate: admittedOn,
    admission: { decisionNumber: '01/QĐ-CĐCS', decisionDate: admittedOn },
    suspension: null,
    exit: null,
    accountSubject: null,
    version: 2,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
