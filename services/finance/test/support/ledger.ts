import type { LedgerStore as Ledger } from '../../src/adapters/ledger-store.ts';

/** One account's balance in a unit's books (0 when never posted to). */
export const balanceOf = async (ledger: Ledger, unitId: string, account: string): Promise<number> =>
  (await ledger.balances(unitId)).find((b) => b.account === account)?.balance ?? 0;
