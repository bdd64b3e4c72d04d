import type { Month } from '@congdoan/contracts';
import type { DuesDeps } from './ports.ts';

/** `2025-07` → `07/2025`, as memos write a month. */
export const displayMonth = (month: Month) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/**
 * Runs a read-plan-commit on a unit's dues month: in this process's turn for the
 * month, and again from the start when another collection or remittance of the
 * month, or another posting's voucher number, got in first (the ledger's retry).
 */
export function onDuesMonth<T>(
  deps: Pick<DuesDeps, 'dues' | 'ledger'>,
  unitId: string,
  month: Month,
  run: () => Promise<T>,
): Promise<T> {
  return deps.ledger.retry(() => deps.dues.inMonthTurn(unitId, month, run));
}
