import { z } from 'zod';
import { memberInputSchema, memberSchema } from './members.ts';

/** Most rows one bulk upsert takes (issue 3, section 8). */
export const BULK_UPSERT_MAX_ITEMS = 500;

/**
 * One row of a bulk upsert: the member record as a provincial system holds it,
 * keyed by CCCD. Each row is validated on its own, so a malformed row fails
 * alone instead of failing the request.
 */
export const bulkUpsertItemSchema = memberInputSchema.extend({
  /** When the person joined the union; defaults to the application date, then today. */
  joinDate: z.iso.date().nullable().optional(),
  applicationDate: z.iso.date().nullable().optional(),
});
export type BulkUpsertItem = z.infer<typeof bulkUpsertItemSchema>;

/** The envelope only: rows are checked one by one against `bulkUpsertItemSchema`. */
export const bulkUpsertBody = z.strictObject({
  items: z.array(z.unknown()).min(1).max(BULK_UPSERT_MAX_ITEMS),
});

export const BULK_UPSERT_OUTCOMES = ['created', 'updated', 'unchanged', 'failed'] as const;
export type BulkUpsertOutcome = (typeof BULK_UPSERT_OUTCOMES)[number];

/** Why a row failed, in the caller's language; `retryable` rows may simply be sent again. */
export const bulkUpsertRowError = z.object({
  code: z.string(),
  detail: z.string(),
  retryable: z.boolean(),
  /** For `validation-failed`: the failing fields of the row (at most a few). */
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export const bulkUpsertRowResult = z.object({
  /** The row's position in `items`, from 0. Results come in this order. */
  index: z.number().int().nonnegative(),
  /** The CCCD as sent (null when the row had none), so the sender can match its own record. */
  cccd: z.string().nullable(),
  outcome: z.enum(BULK_UPSERT_OUTCOMES),
  memberId: z.string().optional(),
  /** The member's version after the row: send it as `If-Match` to edit the member later. */
  version: z.number().int().positive().optional(),
  error: bulkUpsertRowError.optional(),
});
export type BulkUpsertRowResult = z.infer<typeof bulkUpsertRowResult>;

export const bulkUpsertResponse = z.object({
  unitId: z.string(),
  counts: z.object({
    created: z.number().int().nonnegative(),
    updated: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
  }),
  results: z.array(bulkUpsertRowResult),
});
export type BulkUpsertResponse = z.infer<typeof bulkUpsertResponse>;

export const CHANGES_MAX_LIMIT = 500;

export const changesQuery = z.strictObject({
  /** The previous page's `nextCursor`; omit it to read from the beginning of the feed. */
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(CHANGES_MAX_LIMIT).default(100),
});

/** One committed change to one member, in commit order. */
export const memberChangeSchema = z.object({
  memberId: z.string(),
  /** The member's unit after the change; for `member: null`, the unit in your subtree they left. */
  unitId: z.string(),
  /** The member's version after the change. Apply an entry only when it is newer than your copy. */
  version: z.number().int().positive(),
  /** What happened: `apply`, `admit`, `reject`, `update`, `transfer`, `suspend`, `reinstate`, `exit`, `readmit`, `upsert-create`, `upsert-update`, … */
  action: z.string(),
  /** When the change was written (UTC, millisecond precision). */
  at: z.iso.datetime(),
  /** The member after the change, as the caller may see them; null when the change took the member out of the caller's subtree. */
  member: memberSchema.nullable(),
});
export type MemberChangeEntry = z.infer<typeof memberChangeSchema>;

export const changesPage = z.object({
  items: z.array(memberChangeSchema),
  /** Always present: continue from here, now if `hasMore`, else after a pause. */
  nextCursor: z.string(),
  /** More changes are ready now; when false the caller has caught up. */
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof changesPage>;
