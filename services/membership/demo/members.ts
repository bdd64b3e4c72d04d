import type { MemberInput } from '@congdoan/contracts';

/**
 * Seed 001's CĐCS (Liên hiệp các Hội Khoa học và Kỹ thuật): 7 members, of whom
 * 2 master's, 3 bachelor's, 1 college and 1 vocational; 5 viên chức and 2 công
 * chức; political theory 2 cử nhân, 2 trung cấp, 3 sơ cấp. The article gives no
 * names: these are made up, and so are the CCCDs (valid for their birth dates).
 */
export type DemoMember = MemberInput & { joinDate: string };

export const SEED_001_MEMBERS: readonly DemoMember[] = [
  member(
    'Nguyễn Thị Thu Hà',
    'female',
    '1978-03-12',
    '024178004512',
    'master',
    'bachelor',
    'public-employee',
    'Phó Chủ tịch',
    8_100_000,
    '2005-05-19',
  ),
  member(
    'Trần Văn Hùng',
    'male',
    '1972-09-02',
    '024072001234',
    'master',
    'bachelor',
    'civil-servant',
    'Chủ tịch',
    9_300_000,
    '2001-03-08',
  ),
  member(
    'Lê Thị Mai',
    'female',
    '1985-11-20',
    '024185007788',
    'bachelor',
    'intermediate',
    'public-employee',
    'Chuyên viên',
    6_200_000,
    '2010-07-01',
  ),
  member(
    'Phạm Văn Nam',
    'male',
    '1982-06-15',
    '024082003456',
    'bachelor',
    'intermediate',
    'public-employee',
    'Chuyên viên',
    6_500_000,
    '2009-01-05',
  ),
  member(
    'Hoàng Thị Lan',
    'female',
    '1988-01-30',
    '024188009012',
    'bachelor',
    'elementary',
    'civil-servant',
    'Kế toán',
    5_200_000,
    '2012-09-10',
  ),
  member(
    'Vũ Văn Toàn',
    'male',
    '1990-04-08',
    '024090005678',
    'college',
    'elementary',
    'public-employee',
    'Lái xe',
    4_800_000,
    '2014-02-17',
  ),
  member(
    'Đỗ Thị Hằng',
    'female',
    '1993-12-25',
    '024193002468',
    'vocational',
    'elementary',
    'public-employee',
    'Văn thư',
    4_500_000,
    '2016-08-22',
  ),
];

/**
 * Seed 003's Khánh Hòa CĐCS, one member each: the Treasury's union chair is named in the article
 * (Đỗ Thị Thu Trang); the others, and every CCCD (Khánh Hòa's 056), are made up.
 */
export const SEED_003_MEMBERS: Readonly<Record<string, readonly DemoMember[]>> = {
  'CDCS-KBNN-KH': [
    member(
      'Đỗ Thị Thu Trang',
      'female',
      '1980-07-14',
      '056180003317',
      'master',
      'intermediate',
      'civil-servant',
      'Chủ tịch Công đoàn cơ sở',
      9_000_000,
      '2004-09-01',
    ),
  ],
  'CDCS-BQLKKT-VP': [
    member(
      'Nguyễn Văn Khải',
      'male',
      '1986-02-03',
      '056086004521',
      'bachelor',
      'elementary',
      'civil-servant',
      'Chuyên viên',
      6_800_000,
      '2011-03-15',
    ),
  ],
  'CDCS-HND-KH': [
    member(
      'Trần Thị Ngọc Hân',
      'female',
      '1990-10-09',
      '056190002784',
      'bachelor',
      'elementary',
      'civil-servant',
      'Chuyên viên',
      5_600_000,
      '2015-06-01',
    ),
  ],
};

/** Every demo member by the code of the CĐCS that admits them. */
export const DEMO_MEMBERS: Readonly<Record<string, readonly DemoMember[]>> = {
  'CDCS-LHHKHKT-BG': SEED_001_MEMBERS,
  ...SEED_003_MEMBERS,
};

function member(
  fullName: string,
  gender: 'male' | 'female',
  dateOfBirth: string,
  cccd: string,
  educationLevel: MemberInput['educationLevel'],
  politicalTheoryLevel: MemberInput['politicalTheoryLevel'],
  employmentCategory: MemberInput['employmentCategory'],
  jobTitle: string,
  duesSalary: number,
  joinDate: string,
): DemoMember {
  return {
    fullName,
    gender,
    dateOfBirth,
    cccd,
    ethnicity: 'Kinh',
    phone: null,
    email: null,
    educationLevel,
    professionalQualification: null,
    politicalTheoryLevel,
    employmentCategory,
    jobTitle,
    partyMember: politicalTheoryLevel !== 'elementary',
    partyJoinDate: politicalTheoryLevel !== 'elementary' ? '2008-02-03' : null,
    duesSalary,
    joinDate,
  };
}
