import type { FinanceUnitProfile, Role } from '@congdoan/contracts';
import type { UnitLookup } from '@congdoan/org-directory';
import type { ClosingStore } from '../../adapters/closing-store.ts';
import type { Ledger } from '../../adapters/ledger-store.ts';

/** What closing the books needs: the unit profiles, the ledger, the closings and the directory for scope checks. */
export interface ClosingDeps {
  profiles: { get(unitId: string): Promise<FinanceUnitProfile | undefined> };
  ledger: Pick<Ledger, 'balances' | 'booksState' | 'prepare' | 'listPostings' | 'closeBooksItem' | 'get'>;
  closings: ClosingStore;
  directory: UnitLookup;
  /** The CĐCS's share of levy its upper level received and has not allocated back, as of a day. */
  levyUnallocated: (unitId: string, asOf: string) => Promise<number>;
}

/** The caller: the root of their subtree (null: the whole tree) and their roles. */
export interface ClosingCaller {
  unitId: string | null;
  roles: readonly Role[];
}
