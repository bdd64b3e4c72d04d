import { z } from 'zod';
import { textSchema } from '../text.ts';

export const GENDERS = ['male', 'female'] as const;

/** Trình độ học vấn/chuyên môn cao nhất, as union statistics count it (seed 001: 2 thạc sĩ, 3 đại học, 1 cao đẳng, 1 trung cấp). */
export const EDUCATION_LEVELS = [
  'doctorate', // Tiến sĩ
  'master', // Thạc sĩ
  'bachelor', // Đại học
  'college', // Cao đẳng
  'vocational', // Trung cấp
  'upper-secondary', // THPT
  'lower-secondary', // THCS
  'primary', // Tiểu học
] as const;

/** Trình độ lý luận chính trị. */
export const POLITICAL_THEORY_LEVELS = ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'] as const;

/** CCVCLĐ: công chức, viên chức, lao động hợp đồng. */
export const EMPLOYMENT_CATEGORIES = ['civil-servant', 'public-employee', 'contract-worker'] as const;

export const MEMBER_STATUSES = ['applicant', 'active', 'suspended', 'exited', 'rejected'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Why a member left (ra khỏi tổ chức, xóa tên, khai trừ…). */
export const EXIT_REASONS = [
  'retired',
  'moved-out', // moved out of the union system
  'resigned',
  'unpaid-dues', // xóa tên for unpaid dues
  'expelled', // khai trừ
  'deceased',
  'unit-dissolved',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** Age bands of union statistics (tuổi đời). */
export const AGE_BANDS = ['under-30', '30-39', '40-49', '50-59', '60-plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/**
 * The one CCCD rule of every path (the API, bulk upsert, the file import): the
 * spaces and dots people type between groups of digits ("001 190 012 345",
 * "001.190.012.345") are dropped, then exactly 12 digits must remain. Nothing else
 * is dropped: a dash or a letter makes the number invalid.
 */
export const normalizeCccd = (text: string): string => text.replace(/[\s.]/gu, '');

export const cccdSchema = z
  .string()
  .max(64)
  .transform(normalizeCccd)
  .pipe(z.string().regex(/^\d{12}$/, 'CCCD gồm đúng 12 chữ số (dấu cách và dấu chấm được bỏ qua)'));

/** Integer đồng; VND has no minor unit. */
export const dongSchema = z.number().int().nonnegative().max(10_000_000_000);

const personFields = {
  fullName: textSchema({ min: 2, max: 100 }),
  gender: z.enum(GENDERS),
  dateOfBirth: z.iso.date(),
  cccd: cccdSchema,
  ethnicity: textSchema({ min: 1, max: 50 }).default('Kinh'),
  phone: z
    .string()
    .regex(/^(\+84|0)\d{9,10}$/, 'số điện thoại Việt Nam: 0xxxxxxxxx hoặc +84xxxxxxxxx')
    .nullable()
    .optional(),
  email: z.email().max(200).nullable().optional(),
  educationLevel: z.enum(EDUCATION_LEVELS),
  professionalQualification: textSchema({ max: 200 }).nullable().optional(),
  politicalTheoryLevel: z.enum(POLITICAL_THEORY_LEVELS).default('none'),
  employmentCategory: z.enum(EMPLOYMENT_CATEGORIES),
  jobTitle: textSchema({ max: 200 }).nullable().optional(),
  partyMember: z.boolean().default(false),
  partyJoinDate: z.iso.date().nullable().optional(),
  duesSalary: dongSchema,
};

/** A person's record as an officer enters it (application, import row, integration upsert). */
export const memberInputSchema = z.strictObject(personFields);
export type MemberInput = z.infer<typeof memberInputSchema>;

export const memberSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  status: z.enum(MEMBER_STATUSES),
  fullName: z.string(),
  gender: z.enum(GENDERS),
  dateOfBirth: z.string(),
  /** Masked (`••••••••1234`) for roles that do not need it. */
  cccd: z.string(),
  ethnicity: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  educationLevel: z.enum(EDUCATION_LEVELS),
  professionalQualification: z.string().nullable(),
  politicalTheoryLevel: z.enum(POLITICAL_THEORY_LEVELS),
  employmentCategory: z.enum(EMPLOYMENT_CATEGORIES),
  jobTitle: z.string().nullable(),
  partyMember: z.boolean(),
  partyJoinDate: z.string().nullable(),
  /** null when masked for the caller's role. */
  duesSalary: z.number().int().nullable(),
  cardNumber: z.string().nullable(),
  /** The first admission's date; kept through transfers. */
  joinDate: z.string().nullable(),
  applicationDate: z.string(),
  admission: z.object({ decisionNumber: z.string(), decisionDate: z.string() }).nullable(),
  suspension: z.object({ from: z.string(), reason: z.string() }).nullable(),
  exit: z.object({ date: z.string(), reason: z.enum(EXIT_REASONS), note: z.string().nullable() }).nullable(),
  /** The user account (token `sub`) of the member themself, linked by an officer; it sees the record in full. */
  accountSubject: z.string().nullable(),
  masked: z.boolean(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

/** A member's full state as stored and as events carry it: nothing masked. */
export const memberStateSchema = memberSchema
  .omit({ masked: true })
  .extend({ duesSalary: z.number().int().nonnegative() });
export type MemberState = z.infer<typeof memberStateSchema>;

export const memberIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const applyForMembershipBody = memberInputSchema.extend({ applicationDate: z.iso.date().optional() });

export const updateMemberBody = z
  .strictObject(
    Object.fromEntries(Object.entries(memberInputSchema.shape).map(([k, v]) => [k, (v as z.ZodType).optional()])) as {
      [K in keyof typeof memberInputSchema.shape]: z.ZodOptional<(typeof memberInputSchema.shape)[K]>;
    },
  )
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'cần ít nhất một trường để sửa' });

const decision = { decisionNumber: textSchema({ min: 1, max: 100 }), decisionDate: z.iso.date() };
export const admitMemberBody = z.strictObject(decision);
export const rejectApplicationBody = z.strictObject({ reason: textSchema({ min: 1, max: 1000, multiline: true }) });
export const transferMemberBody = z.strictObject({ toUnitId: z.string().min(1).max(64), date: z.iso.date() });
export const suspendMemberBody = z.strictObject({
  from: z.iso.date(),
  reason: textSchema({ min: 1, max: 1000, multiline: true }),
});
export const reinstateMemberBody = z.strictObject({ date: z.iso.date() });
export const exitMemberBody = z.strictObject({
  date: z.iso.date(),
  reason: z.enum(EXIT_REASONS),
  note: textSchema({ max: 1000, multiline: true }).optional(),
});
export const readmitMemberBody = z.strictObject({ ...decision, unitId: z.string().min(1).max(64).optional() });

export const memberListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  gender: z.enum(GENDERS).optional(),
  employmentCategory: z.enum(EMPLOYMENT_CATEGORIES).optional(),
  educationLevel: z.enum(EDUCATION_LEVELS).optional(),
  partyMember: z.enum(['true', 'false']).optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  q: textSchema({ min: 1, max: 100 }).optional(),
  /** `true`: the members of the unit and of every unit below it, dissolved ones included. */
  subtree: z.enum(['true', 'false']).optional(),
});

export const memberPage = z.object({ items: z.array(memberSchema), nextCursor: z.string().nullable() });
export const cccdParams = z.strictObject({ cccd: cccdSchema });
export const cardParams = z.strictObject({ cardNumber: z.string().regex(/^\d{10}$/) });

const countBy = z.record(z.string(), z.number().int());
export const statisticsQuery = z
  .strictObject({
    asOf: z.iso.date().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'from và to đi cùng nhau' })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from phải trước hoặc bằng to' });

export const statisticsReportSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  asOf: z.string(),
  unitsCounted: z.number().int(),
  totals: z.object({
    members: z.number().int(),
    women: z.number().int(),
    partyMembers: z.number().int(),
    suspended: z.number().int(),
  }),
  byEducation: countBy,
  byPoliticalTheory: countBy,
  byEmploymentCategory: countBy,
  byAgeBand: countBy,
  byEthnicity: countBy,
  movements: z
    .object({
      from: z.string(),
      to: z.string(),
      admitted: z.number().int(),
      readmitted: z.number().int(),
      exited: z.number().int(),
      exitedByReason: countBy,
      transferredIn: z.number().int(),
      transferredOut: z.number().int(),
    })
    .nullable(),
});

export const rebuildStatisticsBody = z.strictObject({ repair: z.boolean().default(false) });
export const rebuildStatisticsResult = z.object({
  unitsChecked: z.number().int(),
  membersCounted: z.number().int(),
  drift: z.array(z.object({ unitId: z.string(), unitCode: z.string(), delta: countBy })),
});

export const linkAccountBody = z.strictObject({
  /** The `sub` of the member's own user account; null unlinks. */
  subject: z.string().min(1).max(128).nullable(),
});
