import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { BooksClosing } from '@congdoan/contracts';
import {
  type AuditEntry,
  ConditionFailedError,
  commit,
  type Db,
  queryAll,
  type WriteContext,
  type WriteItem,
} from '@congdoan/ddb';
import { CHART } from '../domain/ledger/chart.ts';
import { CLOSING_KIND, closingRecordKey, toCloseIndex, toCloseKey, toClosePartition } from './closing-keys.ts';
import { commitOnce } from './commit-once.ts';
import { BALANCE_PREFIX, balanceKey, KIND } from './ledger-keys.ts';
import type { AccountFigures } from './ledger-store.ts';

/** A dissolved unit whose books are still open, as its upper level sees it. */
export interface BooksToClose {
  unitId: string;
  code: string;
  name: string;
  parentId: string;
  /** The dissolution's effective date, or when it was recorded. */
  dissolvedAt: string;
}

export interface ClosingCommit {
  record: BooksClosing;
  /** The prepared items of the unit's closing posting (it closes the books), or its `closeBooksItem` alone. */
  unitItems: WriteItem[];
  /** The prepared items of the upper level's receipt; empty when nothing is handed up. */
  upperItems: WriteItem[];
  /** The unit's balances the plan was computed from: the commit fails if any has moved since. */
  balancesRead: readonly AccountFigures[];
  audit: AuditEntry[];
}

export interface ClosingStore {
  get(unitId: string): Promise<BooksClosing | undefined>;
  /** Whether the unit was recorded as dissolved with its books still open. */
  isToClose(unitId: string): Promise<boolean>;
  /** The upper level's dissolved units whose books are still open, oldest first; one Query (paged through). */
  listToClose(upperId: string): Promise<BooksToClose[]>;
  /** Records a dissolved unit as "to close"; false when already recorded or already closed. */
  markToClose(item: BooksToClose, ctx: WriteContext): Promise<boolean>;
  /**
   * Writes the closing in ONE transaction: both postings, the books closed, the
   * record (once per unit), the "to close" mark removed, the audit. Throws
   * `ConditionFailedError` when a balance moved since it was read (kind
   * `ledger-balance`), the books were closed meanwhile (`ledger-books`), or the
   * record exists (`books-closing`).
   */
  commitClosing(change: ClosingCommit, ctx: WriteContext): Promise<void>;
}

const ALL_OLD = 'ALL_OLD' as const;

/**
 * Guards every account of the unit's chart against a posting made between the
 * read and the commit: an account the closing posts to gets a condition on its
 * prepared balance update (the turnover read is still there); one it does not
 * post to gets a ConditionCheck (unchanged, or still absent). A transaction may
 * not touch one item twice, hence the two forms.
 */
export function guardBalances(
  unitId: string,
  read: readonly AccountFigures[],
  items: readonly WriteItem[],
): WriteItem[] {
  const before = new Map(read.map((a) => [a.account, a]));
  const touched = new Set<string>();
  const guarded = items.map((item): WriteItem => {
    if (!('Update' in item)) return item;
    const key = item.Update.Key as { pk?: string; sk?: string } | undefined;
    if (key?.pk !== balanceKey(unitId, '').pk || !String(key.sk).startsWith(BALANCE_PREFIX)) return item;
    const account = String(key.sk).slice(BALANCE_PREFIX.length);
    touched.add(account);
    return { Update: { ...item.Update, ...condition(before.get(account), item.Update.ExpressionAttributeValues) } };
  });
  const accounts = new Set([...CHART.map((a) => a.code), ...before.keys()]);
  for (const account of accounts) {
    if (touched.has(account)) continue;
    guarded.push({ ConditionCheck: { Key: balanceKey(unitId, account), ...condition(before.get(account), {}) } });
  }
  return guarded;
}

function condition(read: AccountFigures | undefined, values: Record<string, unknown> | undefined) {
  if (!read) {
    return {
      ConditionExpression: 'attribute_not_exists(pk)',
      ...(values && Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
      ReturnValuesOnConditionCheckFailure: ALL_OLD,
    };
  }
  return {
    ConditionExpression: 'debit = :guardDebit AND credit = :guardCredit',
    ExpressionAttributeValues: { ...values, ':guardDebit': read.debit, ':guardCredit': read.credit },
    ReturnValuesOnConditionCheckFailure: ALL_OLD,
  };
}

export function createClosingStore(db: Db): ClosingStore {
  const table = db.tableName;

  return {
    async get(unitId) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: table, Key: closingRecordKey(unitId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return Item.record as BooksClosing;
    },

    async isToClose(unitId) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: table, Key: toCloseKey(unitId), ConsistentRead: true }),
      );
      return Item !== undefined;
    },

    async listToClose(upperId) {
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': toClosePartition(upperId) },
      });
      return items.map(
        (i): BooksToClose => ({
          unitId: String(i.unitId),
          code: String(i.code),
          name: String(i.name),
          parentId: String(i.parentId),
          dissolvedAt: String(i.dissolvedAt),
        }),
      );
    },

    async markToClose(item, ctx) {
      return commitOnce(
        db,
        {
          items: [
            {
              Put: {
                Item: {
                  ...toCloseKey(item.unitId),
                  ...toCloseIndex(item.parentId, item.dissolvedAt, item.unitId),
                  kind: CLOSING_KIND.toClose,
                  ...item,
                  recordedAt: ctx.now().toISOString(),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            // Not again once the books are closed.
            {
              ConditionCheck: { Key: closingRecordKey(item.unitId), ConditionExpression: 'attribute_not_exists(pk)' },
            },
          ],
          audit: [{ entityType: 'books', entityId: item.unitId, action: 'mark-to-close', before: null, after: item }],
        },
        ctx,
      );
    },

    async commitClosing(change, ctx) {
      const { record } = change;
      const unitItems = guardBalances(record.unitId, change.balancesRead, change.unitItems);
      await commit(
        db,
        {
          items: [
            {
              Put: {
                Item: { ...closingRecordKey(record.unitId), kind: CLOSING_KIND.record, unitId: record.unitId, record },
                ConditionExpression: 'attribute_not_exists(pk)',
                ReturnValuesOnConditionCheckFailure: ALL_OLD,
              },
            },
            { Delete: { Key: toCloseKey(record.unitId) } },
            ...unitItems,
            ...change.upperItems,
          ],
          audit: change.audit,
        },
        ctx,
      );
    },
  };
}

/** Which guarded item failed: a balance moved, the books closed, or the closing already recorded. */
export function closingFailure(error: unknown): 'balance-moved' | 'books-closed' | 'already-closed' | undefined {
  if (!(error instanceof ConditionFailedError)) return undefined;
  const kind = error.item?.kind;
  if (kind === KIND.balance) return 'balance-moved';
  if (kind === KIND.books) return 'books-closed';
  if (kind === CLOSING_KIND.record || kind === KIND.postingId) return 'already-closed';
  return undefined;
}
