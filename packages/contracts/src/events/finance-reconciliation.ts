import { z } from 'zod';
import { DISCREPANCY_KINDS } from '../finance/reconciliation.ts';
import { defineEvent } from './envelope.ts';

/**
 * Events of the monthly reconciliation (finance). They carry amounts, counts and
 * ids only: a member appears by id (the subject of a `dues-member` discrepancy),
 * never by name, CCCD or salary; the formulas, which show dues salaries, stay in
 * the report.
 */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const id = z.string().min(1);
const dong = () => z.number().int();

export const ReconciliationRequested = defineEvent({
  service: 'finance',
  detailType: 'ReconciliationRequested',
  version: 1,
  description:
    'One CĐCS is to be reconciled for a month within a run: the finance reconciliation worker (a queued subscription) handles it.',
  data: z.object({
    runId: id,
    unitId: id,
    month,
    /** The day (Vietnam) the levy penalty is computed as of: the same for every unit of the run. */
    asOf: z.iso.date(),
  }),
});

export const ReconciliationCompleted = defineEvent({
  service: 'finance',
  detailType: 'ReconciliationCompleted',
  version: 1,
  description:
    'A CĐCS’s reconciliation report for a month was written and differs from the previous one (or is the first): its counts and totals.',
  data: z.object({
    runId: id,
    unitId: id,
    month,
    reportVersion: z.number().int().positive(),
    discrepancies: z.number().int().nonnegative(),
    byKind: z.partialRecord(z.enum(DISCREPANCY_KINDS), z.number().int().positive()),
    /** Discrepancies not in the previous report. */
    added: z.number().int().nonnegative(),
    /** Discrepancies of the previous report that are gone. */
    resolved: z.number().int().nonnegative(),
    totals: z.object({
      duesExpected: dong(),
      duesCollected: dong(),
      remitted: dong(),
      levyDue: dong().nullable(),
      levyPaid: dong(),
      allocationDue: dong(),
      allocated: dong(),
    }),
  }),
});

export const DiscrepancyFound = defineEvent({
  service: 'finance',
  detailType: 'DiscrepancyFound',
  version: 1,
  description:
    'A reconciliation found a discrepancy the previous report of the period did not have (same kind, subject and amounts are announced once).',
  data: z.object({
    runId: id,
    unitId: id,
    month,
    kind: z.enum(DISCREPANCY_KINDS),
    /** A member id, an account code, or `unit`. */
    subject: z.string().min(1),
    fingerprint: z.string().min(1),
    expected: dong(),
    actual: dong(),
    difference: dong(),
    /** Ids of the policy versions that produced the expected figure. */
    ruleVersionIds: z.array(z.string()),
  }),
});
