import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { BooksClosing } from '@congdoan/contracts';
import {
  ConditionFailedError,
  commit,
  type Db,
  queryAll,
  TransactionConflictError,
  type WriteItem,
} from '@congdoan/ddb';
import { BooksClosedMeanwhileError, type BooksToClose, type ClosingStore } from '../app/closing/ports.ts';
import type { AccountFigures } from '../app/ledger/ports.ts';
import { CHART } from '../domain/ledger/chart.ts';
import { CLOSING_KIND, closingRecordKey, toCloseIndex, toCloseKey, toClosePartition } from './closing-keys.ts';
import { commitOnce } from './commit-once.ts';
import { BALANCE_PREFIX, balanceKey, KIND } from './ledger-keys.ts';
import { closeBooksItem, postingWrites } from './ledger-store.ts';

const ALL_OLD = 'ALL_OLD' as const;

/**
 * Guards every account of the unit's chart against a posting made between the
 * read and the commit: an account the closing posts to gets a condition on its
 * prepared balance update (the turnover read is still there); one it does not
 * post to gets a ConditionCheck (unchanged, or still absent). A transaction may
 * not touch one item twice, hence the two forms. A condition the ledger put on
 * the update (money never below zero) is kept, joined to the guard.
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
    const guard = condition(before.get(account), item.Update.ExpressionAttributeValues);
    const own = item.Update.ConditionExpression;
    return {
      Update: {
        ...item.Update,
        ...guard,
        ...(own ? { ConditionExpression: `(${guard.ConditionExpression}) AND (${own})` } : {}),
      },
    };
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

    async close(change, ctx) {
      const { record } = change;
      // Books with nothing left to post get only the close itself.
      const closing = change.unitPosting?.items ?? [closeBooksItem(record.unitId, record.closedAt)];
      const unitItems = guardBalances(record.unitId, change.balancesRead, closing);
      const postings = postingWrites([change.unitPosting, change.upperPosting]);
      const balances = Object.fromEntries(change.balancesRead.map((f) => [f.account, f.balance]));
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: {
                    ...closingRecordKey(record.unitId),
                    kind: CLOSING_KIND.record,
                    unitId: record.unitId,
                    record,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                  ReturnValuesOnConditionCheckFailure: ALL_OLD,
                },
              },
              { Delete: { Key: toCloseKey(record.unitId) } },
              ...unitItems,
              ...(change.upperPosting?.items ?? []),
            ],
            audit: [
              {
                entityType: 'books',
                entityId: record.unitId,
                action: 'close',
                before: { closed: false, balances },
                after: record,
              },
              ...postings.audit,
            ],
          },
          ctx,
        );
      } catch (error) {
        throw closingFailure(error, record.upperUnitId);
      }
    },
  };
}

/**
 * What a failed closing transaction means: a balance moved, a voucher number
 * was taken, or a month was locked (compute again: the ledger then says which),
 * or books were closed meanwhile (the closing record or posting id exists, or a
 * `BOOKS` item is closed: the unit's, or the upper level's).
 */
function closingFailure(error: unknown, upperId: string): unknown {
  if (!(error instanceof ConditionFailedError)) return error;
  const kind = error.item?.kind;
  if (kind === KIND.balance || kind === KIND.voucherCounter) return new TransactionConflictError(error);
  if (kind === CLOSING_KIND.record || kind === KIND.postingId) return new BooksClosedMeanwhileError('unit');
  if (kind === KIND.books && error.item?.closedAt === undefined) return new TransactionConflictError(error);
  if (kind === KIND.books) return new BooksClosedMeanwhileError(error.item?.unitId === upperId ? 'upper' : 'unit');
  return error;
}
