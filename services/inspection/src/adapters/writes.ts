import { staleVersion } from '@congdoan/contracts';
import {
  type ChangeSet,
  ConditionFailedError,
  commit,
  type Db,
  TransactionConflictError,
  type WriteContext,
  type WriteItem,
} from '@congdoan/ddb';

/** A write item labelled with what it is, so a failed condition can say which. */
export type Labelled = [label: 'record' | 'other', item: WriteItem];

/**
 * Commits the items: a failed condition on the record a caller named with If-Match is a 412;
 * any other (another request moved it since it was read) becomes a conflict to re-read and
 * retry, where the rules decide again.
 */
export async function write(
  db: Db,
  labelled: Labelled[],
  change: Omit<ChangeSet, 'items'>,
  ctx: WriteContext,
  ifMatch?: number,
) {
  try {
    await commit(db, { ...change, items: labelled.map(([, item]) => item) }, ctx);
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    if (labelled[error.index]?.[0] === 'record' && ifMatch !== undefined) {
      throw staleVersion(ifMatch, Number(error.item?.version ?? Number.NaN));
    }
    throw new TransactionConflictError(error);
  }
}

/** A Put of `item` conditioned on the stored version being `read` (or on the item being new when `read` is 0). */
export function versioned(item: Record<string, unknown>, read: number): WriteItem {
  return read === 0
    ? { Put: { Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }
    : {
        Put: {
          Item: item,
          ConditionExpression: '#version = :read',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':read': read },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      };
}
