import type { Unit } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import type { UnitLookup } from '@congdoan/org-directory';

export type PageKey = Record<string, unknown>;

export interface Page<T> {
  items: T[];
  /** The key of each item, to resume right after it. */
  keys: PageKey[];
  lastKey: PageKey | undefined;
}

/**
 * The organisation tree as use cases see it. Every write is one transaction with
 * its outbox event and audit record. Failed preconditions come back as domain
 * errors, or as TransactionConflictError when re-reading and retrying is right.
 */
export interface UnitStore extends UnitLookup {
  get(id: string): Promise<Unit | undefined>;
  getNode(id: string): Promise<Unit | undefined>;
  listChildren(
    parentId: string | null,
    page: { limit: number; startKey?: PageKey },
    options?: { includeDissolved?: boolean },
  ): Promise<Page<Unit>>;
  listAll(page: { limit: number; startKey?: PageKey }): Promise<Page<Unit>>;
  countActiveChildren(parentId: string): Promise<number>;
  create(unit: Unit, parent: Unit | null, ctx: WriteContext): Promise<void>;
  update(before: Unit, after: Unit, changed: string[], ctx: WriteContext, ifMatch: number | undefined): Promise<void>;
  /** `newParentChain` is the new parent and its ancestors as read; each must be unchanged at commit. */
  move(
    before: Unit,
    after: Unit,
    newParentChain: readonly Unit[],
    ctx: WriteContext,
    ifMatch: number | undefined,
  ): Promise<void>;
  /**
   * `mergedInto`: a merger, the absorbing unit as read and with its `lastMerger` recorded, written
   * (if unchanged since read) with the dissolution in one transaction, publishing `UnitMerged`.
   */
  dissolve(
    before: Unit,
    after: Unit,
    ctx: WriteContext,
    ifMatch: number | undefined,
    mergedInto?: { before: Unit; after: Unit },
  ): Promise<void>;
  repairChildCount(unit: Unit, actual: number, ctx: WriteContext): Promise<void>;
}
