import { z } from 'zod';
import { textSchema } from '../text.ts';

/**
 * Positions of a unit's executive committee (Ban chấp hành) and its inspection
 * committee (Ủy ban kiểm tra, UBKT), in the order officer lists show them.
 */
export const COMMITTEE_POSITIONS = [
  'chair', // Chủ tịch
  'vice-chair', // Phó Chủ tịch
  'committee-member', // Ủy viên Ban chấp hành
  'womens-affairs-lead', // Trưởng ban Nữ công
  'inspection-member', // Ủy viên Ủy ban kiểm tra
] as const;

/**
 * Standing financial roles. They are recorded because the charter keeps them off
 * the inspection committee of the same unit (DOMAIN.md: UBKT).
 */
export const FINANCE_ROLES = [
  'account-holder', // Chủ tài khoản
  'accountant', // Kế toán
  'treasurer', // Thủ quỹ
] as const;

export const OFFICER_POSITIONS = [...COMMITTEE_POSITIONS, ...FINANCE_ROLES] as const;
export type OfficerPosition = (typeof OFFICER_POSITIONS)[number];

/** Why an appointment ended (thôi giữ chức vụ). */
export const APPOINTMENT_END_REASONS = [
  'resigned', // xin thôi
  'reassigned', // chuyển chức danh khác
  'dismissed', // cách chức, bãi nhiệm
  'transferred', // chuyển công tác, chuyển sinh hoạt
  'left-union', // ra khỏi tổ chức công đoàn
  'retired', // nghỉ hưu
  'deceased', // từ trần
  'term-ended', // hết nhiệm kỳ
  'other',
] as const;
export type AppointmentEndReason = (typeof APPOINTMENT_END_REASONS)[number];

const isoDate = z.iso.date();
const decisionNumber = textSchema({ min: 1, max: 100 });

/**
 * A committee term (nhiệm kỳ) of one unit. It covers the days from `startDate`
 * up to, not including, `endDate`: the congress that ends one term may open the
 * next on the same day. Terms of one unit never overlap.
 */
export const committeeTermSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  /** "Nhiệm kỳ 2023–2028" unless given. */
  name: z.string(),
  /** The congress (Đại hội) that elected the committee. */
  congressDate: isoDate,
  startDate: isoDate,
  /** The first day after the term; brought forward when the term closes early. */
  endDate: isoDate,
  /** The upper level's decision recognising the committee, when recorded. */
  decisionNumber: z.string().nullable(),
  /** Set when the term closed before its planned end (the unit dissolved or merged, the committee was dissolved). */
  closure: z
    .object({
      date: isoDate,
      reason: z.string(),
      decisionNumber: z.string().nullable(),
      plannedEndDate: isoDate,
    })
    .nullable(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type CommitteeTerm = z.infer<typeof committeeTermSchema>;

/**
 * One person in one position of one term, from a date, by a decision. The person
 * is in office from `from` up to, not including, `end.date` (or the term's end).
 */
export const officerAppointmentSchema = z.object({
  id: z.string(),
  termId: z.string(),
  /** The unit whose committee it is. */
  unitId: z.string(),
  memberId: z.string(),
  /** The officer's own unit: the committee's unit or one above it. */
  memberUnitId: z.string(),
  /** The name at the time of the appointment, as the decision wrote it. */
  fullName: z.string(),
  position: z.enum(OFFICER_POSITIONS),
  from: isoDate,
  decisionNumber: z.string(),
  decisionDate: isoDate.nullable(),
  note: z.string().nullable(),
  end: z
    .object({
      /** The first day out of office. */
      date: isoDate,
      reason: z.enum(APPOINTMENT_END_REASONS),
      decisionNumber: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type OfficerAppointment = z.infer<typeof officerAppointmentSchema>;

export const committeeTermIdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const appointmentIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const createCommitteeTermBody = z.strictObject({
  name: textSchema({ min: 1, max: 200 }).optional(),
  congressDate: isoDate,
  startDate: isoDate,
  endDate: isoDate,
  decisionNumber: decisionNumber.optional(),
});

export const closeCommitteeTermBody = z.strictObject({
  /** The term's new end: the first day without it. */
  date: isoDate,
  reason: textSchema({ min: 1, max: 1000, multiline: true }),
  decisionNumber: decisionNumber.optional(),
});

export const appointOfficerBody = z.strictObject({
  memberId: z.string().min(1).max(64),
  position: z.enum(OFFICER_POSITIONS),
  from: isoDate,
  decisionNumber,
  decisionDate: isoDate.optional(),
  note: textSchema({ max: 1000, multiline: true }).optional(),
});

export const endAppointmentBody = z.strictObject({
  date: isoDate,
  reason: z.enum(APPOINTMENT_END_REASONS),
  decisionNumber: decisionNumber.optional(),
  note: textSchema({ max: 1000, multiline: true }).optional(),
});

/** The day the officers are asked for; today (UTC) when absent. */
export const officersOnQuery = z.strictObject({ on: isoDate.optional() });

export const committeeTermPage = z.object({ items: z.array(committeeTermSchema), nextCursor: z.string().nullable() });

export const committeeTermWithOfficersSchema = committeeTermSchema.extend({
  /** The day `officers` describes. */
  on: isoDate,
  /** In office on `on`, by position then in Vietnamese name order. */
  officers: z.array(officerAppointmentSchema),
  /** Every appointment of the term, ended ones included, by position then start. */
  appointments: z.array(officerAppointmentSchema),
});

export const unitOfficersSchema = z.object({
  unitId: z.string(),
  on: isoDate,
  /** The term covering `on`; null when none does. */
  term: committeeTermSchema.nullable(),
  officers: z.array(officerAppointmentSchema),
});
