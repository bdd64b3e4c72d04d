import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Month } from '@congdoan/contracts';
import {
  ConditionFailedError,
  type Db,
  keyedTurns,
  queryAll,
  stripKeys,
  TransactionConflictError,
  type WriteItem,
} from '@congdoan/ddb';
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

export interface DuesStore {
  /** The month as stored now (consistent read); an empty month with version 0 before any collection. */
  monthState(unitId: string, month: Month): Promise<DuesMonthState>;
  /**
   * Every stored month from `from` to `to`: one Query, paged. With `memberId`,
   * only that member's entry of `paid` is read.
   */
  monthStates(unitId: string, from: Month, to: Month, memberId?: string): Promise<Map<Month, DuesMonthState>>;
  collections(unitId: string, month: Month): Promise<DuesCollection[]>;
  /** Remittances whose dues month starts with `prefix` (a year `2025` or a month `2025-07`). */
  remittances(unitId: string, prefix: string): Promise<DuesRemittance[]>;
  /** The write of the month's new state, guarded by the version it was read at. */
  monthWrite(state: DuesMonthState): WriteItem;
  collectionWrite(collection: DuesCollection): WriteItem;
  remittanceWrite(remittance: DuesRemittance): WriteItem;
}

/**
 * Maps "another collection or remittance of the month got in first" to a
 * transaction conflict, which `withLedgerRetry` answers by rerunning the whole
 * read-prepare-commit.
 */
export function monthRaceAsConflict(error: unknown): unknown {
  if (error instanceof ConditionFailedError && error.item?.kind === DUES_KIND.month) {
    return new TransactionConflictError(error);
  }
  return error;
}

export function createDuesStore(db: Db): DuesStore {
  const table = db.tableName;

  const stateFrom = (unitId: string, item: Record<string, unknown>): DuesMonthState => ({
    ...emptyMonthState(unitId, item.month as Month),
    ...stripKeys<Partial<DuesMonthState>>(item),
    paid: (item.paid as Record<string, number> | undefined) ?? {},
  });

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

    monthWrite(state) {
      const read = state.version - 1;
      return {
        Put: {
          Item: { ...duesMonthKey(state.unitId, state.month), kind: DUES_KIND.month, ...state },
          ConditionExpression: read === 0 ? 'attribute_not_exists(pk)' : 'version = :read',
          ...(read === 0 ? {} : { ExpressionAttributeValues: { ':read': read } }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      };
    },

    collectionWrite(collection) {
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
    },

    remittanceWrite(remittance) {
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
    },
  };
}

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
export const monthTurn = keyedTurns();
