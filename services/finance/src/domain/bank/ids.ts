import { createHash } from 'node:crypto';
import type { LineContent } from './matching.ts';

/**
 * A line's id: the same account and bank reference always give the same id, so
 * the line can be recorded only once however many statements carry it.
 */
export function bankLineId(unitId: string, account: string, reference: string): string {
  return createHash('sha256').update(`${unitId}\u0000${account}\u0000${reference}`).digest('base64url').slice(0, 24);
}

/**
 * A line whose reference the account already had with other content: its own
 * id, from the known line's and the content, so importing the same file again
 * finds it as a plain duplicate.
 */
export function bankConflictLineId(knownLineId: string, content: LineContent): string {
  const digest = createHash('sha256')
    .update(
      [knownLineId, content.date, content.credit, content.debit, content.description.normalize('NFC')].join('\u0000'),
    )
    .digest('base64url')
    .slice(0, 24);
  return `${knownLineId.slice(0, 24)}~${digest}`;
}

/** The payment a matched line records: one per line, so a line can never pay twice. */
export const bankPaymentId = (lineId: string) => `bank-${lineId}`;
