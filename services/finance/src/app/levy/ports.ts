import type { FinanceUnitProfile } from '@congdoan/contracts';
import type { ChangeSet, WriteContext, WriteItem } from '@congdoan/ddb';
import type { UnitLookup } from '@congdoan/org-directory';
import type { LevyStore } from '../../adapters/levy-store.ts';
import type { Posting, PostingInput } from '../../domain/ledger/types.ts';
import type { Policy } from '../../domain/policy/types.ts';

/** What the levy use cases need. */
export interface LevyDeps {
  profiles: { get(unitId: string): Promise<FinanceUnitProfile | undefined> };
  directory: UnitLookup;
  loadPolicy: () => Promise<Policy>;
  levy: LevyStore;
  /** The ledger's transaction items for a posting, for the use case's own commit. */
  ledger: {
    prepare(input: PostingInput, ctx: WriteContext): Promise<{ items: WriteItem[]; posting: Posting }>;
    /** Whether the unit's books are closed (a dissolved unit settled to its upper level). */
    booksState(unitId: string): Promise<{ closed: boolean; closedAt: string | null }>;
  };
  /** Runs a read-prepare-commit again when another posting or change got in first. */
  retry: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Writes state, events and audit in one transaction. */
  commit(change: ChangeSet, ctx: WriteContext): Promise<unknown>;
}

/** The caller as a use case sees it. */
export interface LevyCaller {
  /** The root of the subtree they may act in (null: the whole tree). */
  unitId: string | null;
  write: WriteContext;
}
