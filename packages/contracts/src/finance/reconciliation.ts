// Finance reconciliation schemas: requests, responses.
import { z } from 'zod';
import { explainedSchema } from './policy.ts';

/**
 * The monthly reconciliation of each CĐCS (DOMAIN.md, Finance): dues expected vs
 * collected vs remitted, levy declared vs paid, allocations due vs made, and the
 * books. `docs/finance-reconciliation.md` describes each comparison.
 */
export const DISCREPANCY_KINDS = [
  /** One member: dues expected (roster × policy) vs collected for the member. */
  'dues-member',
  /** The unit: dues expected in total vs collected in total. */
  'dues-total',
  /** The upper level's share of dues collected (policy dues split) vs remitted upward. */
  'dues-remittance',
  /** The agency owes the levy that month and filed no payroll declaration. */
  'levy-declaration-missing',
  /** The levy made due by the declaration vs paid. */
  'levy-payment',
  /** The CĐCS's share of the levy paid (policy levy split) vs allocated back down. */
  'levy-allocation',
  /** One ledger account: stored balance vs the sum of its postings. */
  'ledger-account',
  /** The books: total debit balances vs total credit balances. */
  'trial-balance',
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'tháng dạng YYYY-MM / month as YYYY-MM');
const idSchema = z.string().min(1).max(64);
const dong = () => z.number().int();

/** POST /v1/finance/reconciliations */
export const startReconciliationBody = z.strictObject({
  /** The period, `YYYY-MM`: the current month or one before it. */
  month: monthSchema,
  /** The CĐCS to reconcile; omitted: every CĐCS in the caller's subtree. */
  unitIds: z
    .array(idSchema)
    .min(1)
    .max(1000)
    .refine((ids) => new Set(ids).size === ids.length, 'mỗi đơn vị một lần / each unit once')
    .optional(),
});
export type StartReconciliationInput = z.infer<typeof startReconciliationBody>;

export const RECONCILIATION_TRIGGERS = ['request', 'schedule'] as const;
export const RECONCILIATION_RUN_STATUSES = ['queueing', 'running', 'completed', 'completed-with-failures'] as const;

/** A unit a run could not reconcile, and why. */
export const reconciliationFailureSchema = z.object({
  unitId: z.string(),
  /** Stable: the domain error's code (e.g. `policy-rule-missing`), or `amount-out-of-range`, `unexpected-error`. */
  code: z.string(),
  message: z.object({ vi: z.string(), en: z.string() }),
  /** Deliveries of the unit's message before it was given up. */
  attempts: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
});
export type ReconciliationFailureView = z.infer<typeof reconciliationFailureSchema>;

export const reconciliationRunSchema = z.object({
  id: z.string(),
  month: z.string(),
  trigger: z.enum(RECONCILIATION_TRIGGERS),
  /**
   * `queueing` while messages are written, `running` until every unit is done or failed, then
   * `completed`, or `completed-with-failures` when any unit failed (see `failures`).
   */
  status: z.enum(RECONCILIATION_RUN_STATUSES),
  /** The caller's unit the run was limited to (null: the whole tree). */
  scopeUnitId: z.string().nullable(),
  /** The day the levy penalty is computed as of (Vietnam). */
  asOf: z.iso.date(),
  units: z.object({
    /** Units queued (one message each). */
    total: z.number().int().nonnegative(),
    done: z.number().int().nonnegative(),
    /** Units that could not be reconciled (e.g. no policy for the period, unit unknown); see `failures`. */
    failed: z.number().int().nonnegative(),
    withDiscrepancies: z.number().int().nonnegative(),
  }),
  /** Discrepancies found over the units done. */
  discrepancies: z.number().int().nonnegative(),
  /** Each unit that failed, with the reason, by unit id. */
  failures: z.array(reconciliationFailureSchema),
  requestedBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type ReconciliationRunView = z.infer<typeof reconciliationRunSchema>;

export const reconciliationRunParams = z.strictObject({ runId: z.string().min(1).max(80) });

export const discrepancySchema = z.object({
  kind: z.enum(DISCREPANCY_KINDS),
  /** A member id (`dues-member`), an account code (`ledger-account`), or `unit`. */
  subject: z.string(),
  /** The figure the rules give: amount, formula and the policy versions that produced it. */
  expected: explainedSchema,
  actual: dong(),
  /** actual − expected: negative when short, positive when over. */
  difference: dong(),
  fingerprint: z.string(),
});
export type DiscrepancyView = z.infer<typeof discrepancySchema>;

export const reconciliationTotalsSchema = z.object({
  duesExpected: dong(),
  duesCollected: dong(),
  membersExpected: z.number().int().nonnegative(),
  upperShareDue: dong(),
  remitted: dong(),
  levyDue: dong().nullable(),
  levyPaid: dong(),
  allocationDue: dong(),
  allocated: dong(),
  levyPenalty: z.object({ amount: dong(), status: z.enum(['on-time', 'late', 'unpaid']) }),
  trialBalance: z.object({ debit: dong(), credit: dong() }),
});

const kindCountsSchema = z.partialRecord(z.enum(DISCREPANCY_KINDS), z.number().int().positive());

export const reconciliationReportSchema = z.object({
  unitId: z.string(),
  month: z.string(),
  /** The run that wrote this version of the report. */
  runId: z.string(),
  /** Bumped on every replacement. */
  version: z.number().int().positive(),
  generatedAt: z.iso.datetime({ offset: true }),
  asOf: z.iso.date(),
  totals: reconciliationTotalsSchema,
  counts: z.object({ discrepancies: z.number().int().nonnegative(), byKind: kindCountsSchema }),
  discrepancies: z.array(discrepancySchema),
  /** True when dues formulas were withheld because they show members' dues salaries. */
  masked: z.boolean(),
});
export type ReconciliationReportView = z.infer<typeof reconciliationReportSchema>;

export const reconciliationReportSummarySchema = reconciliationReportSchema.omit({ discrepancies: true, masked: true });
export type ReconciliationReportSummary = z.infer<typeof reconciliationReportSummarySchema>;

export const unitReconciliationParams = z.strictObject({ id: idSchema, month: monthSchema });
export const unitReconciliationsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2199),
});
export const reconciliationReportListSchema = z.object({ items: z.array(reconciliationReportSummarySchema) });
