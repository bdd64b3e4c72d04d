import { randomInt, randomUUID } from 'node:crypto';
import type { MemberInput } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import { centuryGenderDigit } from '../../src/domain/member/cccd.ts';

const issued = new Set<string>();

/**
 * A valid CCCD for a person registered in Bắc Giang (024), consistent with their birth date and
 * gender, never the same twice in a process (500 random serials would repeat one in 12% of runs).
 */
export function cccdFor(dateOfBirth: string, gender: 'male' | 'female'): string {
  const year = Number(dateOfBirth.slice(0, 4));
  for (;;) {
    const cccd = `024${centuryGenderDigit(year, gender)}${dateOfBirth.slice(2, 4)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    if (issued.has(cccd)) continue;
    issued.add(cccd);
    return cccd;
  }
}

export function person(overrides: Partial<MemberInput> = {}): MemberInput {
  const gender = overrides.gender ?? 'female';
  const dateOfBirth = overrides.dateOfBirth ?? '1988-04-12';
  return {
    fullName: 'Nguyễn Thị Hồng Nhung',
    gender,
    dateOfBirth,
    cccd: cccdFor(dateOfBirth, gender),
    ethnicity: 'Kinh',
    phone: '0912345678',
    email: null,
    educationLevel: 'master',
    professionalQualification: 'Quản lý khoa học',
    politicalTheoryLevel: 'intermediate',
    employmentCategory: 'public-employee',
    jobTitle: 'Chuyên viên',
    partyMember: false,
    partyJoinDate: null,
    duesSalary: 5_200_000,
    ...overrides,
  };
}

export function writeContext(now = new Date('2026-11-22T03:00:00Z')): WriteContext {
  return {
    actor: { id: 'tester', roles: ['admin'], unitId: null },
    correlationId: randomUUID(),
    now: () => now,
    newId: randomUUID,
  };
}
