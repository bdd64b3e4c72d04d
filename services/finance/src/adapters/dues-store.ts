import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Month } from '@congdoan/contracts';
import {
  type AuditEntry,
  type ChangeSet,
  ConditionFailedError,
  commit,
  type Db,
  keyedTurns,
  queryAll,
  stripKeys,
  TransactionConflictError,
  type WriteContext,
  type WriteItem,
} from '@congdoan/ddb';
import type { DuesStore } from '../app/dues/ports.ts';
import {
  type DuesCollection,
  type DuesMonthState,
  type DuesRemittance,
  emptyMonthState,
} from '../domain/dues/types.ts';
import {
  DUES_COLLECTION_PREFIX,
  DUES_KIND,
  DUES_MONTH_PREFIX,
  DUES_REMITTANCE_PREFIX,
  duesCollectionKey,
  duesMonthKey,
  duesPk,
  duesRemittanceKey,
} from './dues-keys.ts';
import { postingWrites } from './ledger-store.ts';

/** Another collection or remittance of the month got in first: the whole read-plan-commit runs again. */
const monthRaced = (error: unknown) => error instanceof ConditionFailedError && error.item?.kind === DUES_KIND.month;

export function createDuesStore(db: Db): DuesStore {
  const table = db.tableName;

  const stateFrom = (unitId: string, item: Record<string, unknown>): DuesMonthState => ({
    ...emptyMonthState(unitId, item.month as Month),
    ...stripKeys<Partial<DuesMonthState>>(item),
    paid: (item.paid as Record<string, number> | undefined) ?? {},
  });

  function monthWrite(state: DuesMonthState): WriteItem {
    const read = state.version - 1;
    return {
      Put: {
        Item: { ...duesMonthKey(state.unitId, state.month), kind: DUES_KIND.month, ...state },
        ConditionExpression: read === 0 ? 'attribute_not_exists(pk)' : 'version = :read',
        ...(read === 0 ? {} : { ExpressionAttributeValues: { ':read': read } }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  function collectionWrite(collection: DuesCollection): WriteItem {
    return {
      Put: {
        Item: {
          ...duesCollectionKey(collection.unitId, collection.month, collection.id),
          kind: DUES_KIND.collection,
          ...collection,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  function remittanceWrite(remittance: DuesRemittance): WriteItem {
    return {
      Put: {
        Item: {
          ...duesRemittanceKey(remittance.unitId, remittance.month, remittance.id),
          kind: DUES_KIND.remittance,
          ...remittance,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** One transaction changing a dues month; losing the race on the month's version is a conflict to rerun. */
  async function commitMonthChange(change: ChangeSet, ctx: WriteContext): Promise<void> {
    try {
      await commit(db, change, ctx);
    } catch (error) {
      if (monthRaced(error)) throw new TransactionConflictError(error);
      throw error;
    }
  }

  return {
    async monthState(unitId, month) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: table, Key: duesMonthKey(unitId, month), ConsistentRead: true }),
      );
      return Item ? stateFrom(unitId, Item) : emptyMonthState(unitId, month);
    },

    async monthStates(unitId, from, to, memberId) {
      const projection = memberId
        ? {
            ProjectionExpression:
              '#month, collected, grassrootsCollected, upperCollected, remitted, collections, remittances, version, #paid.#member',
            ExpressionAttributeNames: { '#month': 'month', '#paid': 'paid', '#member': memberId },
          }
        : {};
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: {
          ':pk': duesPk(unitId),
          ':lo': `${DUES_MONTH_PREFIX}${from}`,
          ':hi': `${DUES_MONTH_PREFIX}${to}`,
        },
        ...projection,
      });
      return new Map(items.map((i) => [i.month as Month, stateFrom(unitId, i)]));
    },

    async collections(unitId, month) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': duesPk(unitId), ':prefix': `${DUES_COLLECTION_PREFIX}${month}#` },
      });
      return items
        .map((i) => stripKeys<DuesCollection>(i))
        .sort((a, b) => byCreation(a, b, a.voucherNumber ?? '', b.voucherNumber ?? ''));
    },

    async remittances(unitId, prefix) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': duesPk(unitId), ':prefix': `${DUES_REMITTANCE_PREFIX}${prefix}` },
      });
      return items
        .map((i) => stripKeys<DuesRemittance>(i))
        .sort((a, b) => byCreation(a, b, a.voucherNumbers.payment ?? '', b.voucherNumbers.payment ?? ''));
    },

    async saveCollection(collection, month, posting, events, ctx) {
      const postings = postingWrites([posting]);
      await commitMonthChange(
        {
          items: [collectionWrite(collection), monthWrite(month), ...postings.items],
          events,
          audit: [
            record('dues-collection', `${collection.unitId}:${collection.id}`, 'collect', collection),
            ...postings.audit,
          ],
        },
        ctx,
      );
    },

    async saveRemittance(remittance, month, postings, ctx) {
      const made = postingWrites(postings);
      await commitMonthChange(
        {
          items: [remittanceWrite(remittance), monthWrite(month), ...made.items],
          audit: [
            record('dues-remittance', `${remittance.unitId}:${remittance.id}`, 'remit', remittance),
            ...made.audit,
          ],
        },
        ctx,
      );
    },

    inMonthTurn: (unitId, month, run) => monthTurn(`${unitId}#${month}`, run),
  };
}

const record = (entityType: string, entityId: string, action: string, after: unknown): AuditEntry => ({
  entityType,
  entityId,
  action,
  before: null,
  after,
});

/** Oldest first; within the same instant, by voucher number (issued in commit order), then id. */
const byCreation = (
  a: { createdAt: string; id: string },
  b: { createdAt: string; id: string },
  voucherA: string,
  voucherB: string,
) => a.createdAt.localeCompare(b.createdAt) || voucherA.localeCompare(voucherB) || a.id.localeCompare(b.id);

/**
 * In-process turns per unit and month: collections and remittances of one month
 * rewrite the same month summary, so within one process they take turns instead
 * of colliding (see `keyedTurns`). Key: `<unitId>#<YYYY-MM>`.
 */
const monthTurn = keyedTurns();
