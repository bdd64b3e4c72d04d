import { z } from 'zod';
import { defineEvent } from './envelope.ts';

/**
 * Events of the welfare service (its posting requests are finance's ledger's, in
 * `finance-ledger.ts`). They carry ids, dates and amounts only: no member's name, and not
 * which member owes, since a debt is the member's own business.
 */

const id = z.string().min(1).max(64);

export const SavingsLoanOverdue = defineEvent({
  service: 'welfare',
  detailType: 'SavingsLoanOverdue',
  version: 1,
  description:
    'An instalment of a women’s savings-fund loan passed its due date not fully repaid (announced once per instalment by the daily schedule).',
  data: z.object({
    loanId: id,
    fundId: id,
    /** The unit owning the fund. */
    unitId: id,
    /** The instalment's number in the loan's schedule, from 1. */
    instalment: z.number().int().positive(),
    due: z.iso.date(),
    /** What is left of the instalment, whole đồng. */
    remaining: z.number().int().positive(),
  }),
});
