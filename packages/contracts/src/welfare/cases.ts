import { z } from 'zod';
import { requestedPostingSchema } from '../events/finance-ledger.ts';
import { textSchema } from '../text.ts';
import { paymentMethodSchema, supportCaseTypeSchema } from './index.ts';

/**
 * Support cases (issue 12, item 3): a member's request for support from a fund, from a CĐCS
 * officer's draft to its disbursement. Health details and circumstances are personal data:
 * a case shows them only to the welfare desk and the approvers (`personal` is null otherwise).
 */

const id = z.string().min(1).max(64);
const positiveDong = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const supportCaseIdParams = z.strictObject({ id });

/** Where a case is: draft → submitted → verified → approved → disbursed → closed; or returned, rejected, withdrawn. */
export const SUPPORT_CASE_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'verified',
  'approved',
  'disbursed',
  'closed',
  'rejected',
  'withdrawn',
] as const;
export type SupportCaseStatus = (typeof SUPPORT_CASE_STATUSES)[number];
export const supportCaseStatusSchema = z.enum(SUPPORT_CASE_STATUSES);

/** A document of a type's checklist (policy data), e.g. `application`, `hospital-papers`. */
const documentKind = z.string().regex(/^[a-z][a-z-]{0,39}$/, 'a checklist item, e.g. hospital-papers');
const reason = textSchema({ min: 1, max: 500, multiline: true });
/** Personal data: what happened to the member's health, and their circumstances. */
const personalText = textSchema({ max: 2000, multiline: true });

export const createSupportCaseBody = z.strictObject({
  /** The fund it is paid from: the fund's unit is the member's CĐCS or above it. */
  fundId: id,
  /** The beneficiary (member directory). */
  memberId: id,
  type: supportCaseTypeSchema,
  amount: positiveDong,
  /** The day of the incident (illness, accident, death, the hardship): duplicates are looked for around it. */
  incidentDate: z.iso.date(),
  /** What happened, without health details (e.g. "Nhà bị tốc mái sau bão"). */
  summary: textSchema({ min: 1, max: 200 }),
  health: personalText.optional(),
  circumstances: personalText.optional(),
  /** Payment method of the disbursement. */
  method: paymentMethodSchema.default('cash'),
  /** Confirms the case although a case of the same member, type and incident exists (409 `case-possible-duplicate` otherwise). */
  duplicateReason: reason.optional(),
  /** Why a member in dues arrears is supported, where the rules allow it (422 `beneficiary-in-arrears` otherwise). */
  arrearsReason: reason.optional(),
});
export type CreateSupportCaseInput = z.infer<typeof createSupportCaseBody>;

export const submitSupportCaseBody = z.strictObject({
  /** Changes asked for when the case was returned. */
  amount: positiveDong.optional(),
  summary: textSchema({ min: 1, max: 200 }).optional(),
  health: personalText.optional(),
  circumstances: personalText.optional(),
  /** Confirms a possible duplicate found on submission. */
  duplicateReason: reason.optional(),
});
export type SubmitSupportCaseInput = z.infer<typeof submitSupportCaseBody>;

/** The welfare desk's verification: the documents of the type's checklist it has seen. */
export const verifySupportCaseBody = z.strictObject({
  documents: z.array(documentKind).max(20),
  note: textSchema({ max: 500, multiline: true }).optional(),
});
export type VerifySupportCaseInput = z.infer<typeof verifySupportCaseBody>;

export const supportCaseReasonBody = z.strictObject({ reason });
export type SupportCaseReasonInput = z.infer<typeof supportCaseReasonBody>;
export const supportCaseNoteBody = z.strictObject({ note: textSchema({ max: 500, multiline: true }).optional() });
export type SupportCaseNoteInput = z.infer<typeof supportCaseNoteBody>;
export const disburseSupportCaseBody = z.strictObject({
  /** The accounting date, `YYYY-MM-DD`; default today in Vietnam. */
  date: z.iso.date().optional(),
});
export type DisburseSupportCaseInput = z.infer<typeof disburseSupportCaseBody>;

const stepSchema = z.object({
  step: z.enum(['create', 'submit', 'return', 'verify', 'approve', 'reject', 'withdraw', 'disburse', 'close']),
  status: supportCaseStatusSchema,
  by: z.string(),
  at: z.iso.datetime({ offset: true }),
  /** A return's or rejection's reason, a note. */
  note: z.string().nullable(),
});

export const supportCaseSchema = z.object({
  id: z.string(),
  fundId: z.string(),
  /** The fund's unit. */
  fundUnitId: z.string(),
  /** The member's CĐCS when the case was opened: whose subtree sees the case. */
  unitId: z.string(),
  memberId: z.string(),
  type: supportCaseTypeSchema,
  amount: positiveDong,
  method: paymentMethodSchema,
  incidentDate: z.iso.date(),
  summary: z.string(),
  /** Health details and circumstances: null for a caller who may not see them (not the desk, not an approver). */
  personal: z.object({ health: z.string().nullable(), circumstances: z.string().nullable() }).nullable(),
  status: supportCaseStatusSchema,
  /** The checklist of the type (policy) and what the desk has seen of it. */
  checklist: z.object({ required: z.array(z.string()), seen: z.array(z.string()) }),
  /** Other open cases of the member, type and incident window, confirmed with a reason. */
  duplicate: z.object({ of: z.array(z.string()), reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  /** The member was in arrears when the case was opened, allowed by the rules with a reason. */
  arrears: z
    .object({ monthsInArrears: z.number().int().nonnegative(), reason: z.string(), by: z.string(), at: z.string() })
    .nullable(),
  /** The approval: by whom, at which level, within which limit. */
  approval: z
    .object({ by: z.string(), level: z.string(), limit: positiveDong.nullable(), source: z.string() })
    .nullable(),
  /** The disbursement's movement of the fund, with finance's answer to its posting. */
  disbursement: z
    .object({
      movementId: z.string(),
      at: z.iso.datetime({ offset: true }),
      date: z.iso.date(),
      posting: requestedPostingSchema.optional(),
    })
    .nullable(),
  rejection: z.string().nullable(),
  history: z.array(stepSchema),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  version: z.number().int().positive(),
});
export type SupportCase = z.infer<typeof supportCaseSchema>;
export type SupportCaseStep = z.infer<typeof stepSchema>;

export const supportCaseListQuery = z.strictObject({
  status: supportCaseStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export const supportCaseList = z.object({ items: z.array(supportCaseSchema), nextCursor: z.string().nullable() });
