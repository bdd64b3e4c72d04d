import { z } from 'zod';
import { defineEvent } from './envelope.ts';

/**
 * The employer levy (KPCĐ): declarations, payments received by the upper level
 * (typed in or matched from a bank statement), allocations of the CĐCS's share
 * back down, and bank-statement imports. Each is written in the transaction of
 * its change.
 */

const monthAmount = z.object({ month: z.string(), amount: z.number().int() });

export const LevyDeclared = defineEvent({
  service: 'finance',
  detailType: 'LevyDeclared',
  version: 1,
  description:
    'A CĐCS’s employing agency declared (or corrected) a month’s social-insurance payroll, making the levy due.',
  data: z.object({
    unitId: z.string(),
    month: z.string(),
    payroll: z.number().int(),
    headcount: z.number().int(),
    due: z.number().int(),
    liable: z.boolean(),
    version: z.number().int().positive(),
    /** The figures replaced, for a correction. */
    previous: z.object({ payroll: z.number().int(), headcount: z.number().int(), due: z.number().int() }).nullable(),
  }),
});

export const LevyPaymentRecorded = defineEvent({
  service: 'finance',
  detailType: 'LevyPaymentRecorded',
  version: 1,
  description:
    'The upper level received a levy payment for a CĐCS’s agency (typed in, or matched from a bank statement line), posted with its receipt voucher.',
  data: z.object({
    paymentId: z.string(),
    unitId: z.string(),
    upperUnitId: z.string(),
    date: z.iso.date(),
    amount: z.number().int(),
    months: z.array(monthAmount.extend({ late: z.boolean() })),
    penalties: z.array(monthAmount),
    source: z.enum(['manual', 'bank']),
    /** The bank statement line, when matched from one. */
    bankLineId: z.string().nullable(),
    postingId: z.string(),
  }),
});

export const LevyAllocated = defineEvent({
  service: 'finance',
  detailType: 'LevyAllocated',
  version: 1,
  description: 'The upper level allocated part of a month’s levy back to the CĐCS (payment voucher up, receipt down).',
  data: z.object({
    allocationId: z.string(),
    unitId: z.string(),
    upperUnitId: z.string(),
    month: z.string(),
    amount: z.number().int(),
    date: z.iso.date(),
  }),
});

export const BankLineMatched = defineEvent({
  service: 'finance',
  detailType: 'BankLineMatched',
  version: 1,
  description:
    'A credit of a bank statement was recorded as a levy payment, automatically from its memo or confirmed by a person.',
  data: z.object({
    lineId: z.string(),
    accountUnitId: z.string(),
    reference: z.string(),
    unitId: z.string(),
    paymentId: z.string(),
    amount: z.number().int(),
    months: z.array(monthAmount),
    by: z.enum(['memo', 'person']),
  }),
});

export const BankStatementImportRequested = defineEvent({
  service: 'finance',
  detailType: 'BankStatementImportRequested',
  version: 1,
  description:
    'A statement import still has lines to record after its request’s time budget; finance’s own subscription records the rest, in time-boxed slices, each queuing the next.',
  data: z.object({ statementId: z.string(), unitId: z.string(), processed: z.number().int().nonnegative() }),
});
