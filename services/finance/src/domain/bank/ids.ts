import { createHash } from 'node:crypto';

/**
 * A line's id: the same account and bank reference always give the same id, so
 * the line can be recorded only once however many statements carry it.
 */
export function bankLineId(unitId: string, account: string, reference: string): string {
  return createHash('sha256').update(`${unitId}\u0000${account}\u0000${reference}`).digest('base64url').slice(0, 24);
}

/** The payment a matched line records: one per line, so a line can never pay twice. */
export const bankPaymentId = (lineId: string) => `bank-${lineId}`;
