import type { Month } from '@congdoan/contracts';
import { type ChangeSet, commit, type Db, type WriteContext } from '@congdoan/ddb';
import { monthRaceAsConflict, monthTurn } from '../../adapters/dues-store.ts';
import { withLedgerRetry } from '../../adapters/ledger-store.ts';

/** `2025-07` → `07/2025`, as memos write a month. */
export const displayMonth = (month: Month) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/**
 * Runs a read-plan-commit on a unit's dues month: in this process's turn for the
 * month (`monthTurn`), and again from the start when another collection or
 * remittance of the month, or another posting's voucher number, got in first
 * (`withLedgerRetry`). The commit inside is `commitMonthChange`.
 */
export function onDuesMonth<T>(unitId: string, month: Month, run: () => Promise<T>): Promise<T> {
  return withLedgerRetry(() => monthTurn(`${unitId}#${month}`, run));
}

/** One transaction changing a dues month; losing the race on the month's version is a conflict `onDuesMonth` reruns. */
export async function commitMonthChange(db: Db, change: ChangeSet, ctx: WriteContext): Promise<void> {
  try {
    await commit(db, change, ctx);
  } catch (error) {
    throw monthRaceAsConflict(error);
  }
}
