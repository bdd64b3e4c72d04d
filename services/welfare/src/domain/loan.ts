import type { Instalment, Loan } from '@congdoan/contracts';

/** `YYYY-MM-DD` plus whole months, the day kept or clamped to the month's last (31/1 + 1 month = 28/2 or 29/2). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/**
 * An interest-free loan's repayment schedule: `n` monthly instalments of whole đồng, the
 * first due a month after the loan's date. Each is the amount divided by `n` rounded down, and
 * the last takes the remainder, so they add up to the amount exactly (1,000,000 in 3: 333,333,
 * 333,333, 333,334).
 */
export function scheduleOf(amount: number, n: number, date: string): Instalment[] {
  const base = Math.floor(amount / n);
  return Array.from({ length: n }, (_, i) => ({
    number: i + 1,
    due: addMonths(date, i + 1),
    amount: i === n - 1 ? amount - base * (n - 1) : base,
  }));
}

/** Repayments go to the instalments in order: the first not fully covered by `repaid`, with what is left of it; null when all are. */
export function nextDueOf(schedule: readonly Instalment[], repaid: number): Loan['nextDue'] {
  let through = 0;
  for (const i of schedule) {
    through += i.amount;
    if (through > repaid) return { number: i.number, due: i.due, remaining: through - repaid };
  }
  return null;
}

/** A loan is overdue when its next instalment's due date is before today. */
export const isOverdue = (loan: Pick<Loan, 'nextDue'>, today: string) =>
  loan.nextDue !== null && loan.nextDue.due < today;

/** The loan after a repayment applied to its schedule (the caller checked it does not overpay). */
export function applyRepayment(loan: Loan, amount: number, at: string): Loan {
  const repaid = loan.repaid + amount;
  const closed = repaid === loan.amount;
  return {
    ...loan,
    repaid,
    outstanding: loan.amount - repaid,
    nextDue: nextDueOf(loan.schedule, repaid),
    status: closed ? 'closed' : 'open',
    closedAt: closed ? at : null,
    version: loan.version + 1,
  };
}
