import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type LevyAllocationView, type LevyPaymentView, type Month, staleVersion } from '@congdoan/contracts';
import {
  type AuditEntry,
  ConditionFailedError,
  commit,
  type Db,
  TransactionConflictError,
  type WriteItem,
} from '@congdoan/ddb';
import type { LevyPaymentChange, LevyStore, MonthGuard, MonthPaymentChange } from '../app/levy/ports.ts';
import {
  emptyLevyMonth,
  type LevyAllocationEntry,
  type LevyCorrection,
  type LevyDeclaration,
  type LevyMonthState,
  type LevyPaymentEntry,
  type LevyPenaltyEntry,
} from '../domain/levy/types.ts';
import { postingAudit, postingWrites } from './ledger-store.ts';
import {
  levyAllocationKey,
  levyAllocationsIndex,
  levyMonthKey,
  levyPaymentKey,
  levyPaymentsIndex,
  levyPk,
} from './levy-keys.ts';

export const LEVY_KIND = {
  month: 'levy-month',
  payment: 'levy-payment',
  allocation: 'levy-allocation',
} as const;

const ALL_OLD = 'ALL_OLD' as const;

function toState(unitId: string, month: Month, item: Record<string, unknown> | undefined): LevyMonthState {
  if (!item) return emptyLevyMonth(unitId, month);
  return {
    unitId,
    month,
    declaration: (item.declaration as LevyDeclaration | undefined) ?? null,
    corrections: (item.corrections as LevyCorrection[] | undefined) ?? [],
    payments: (item.payments as LevyPaymentEntry[] | undefined) ?? [],
    penaltyPayments: (item.penaltyPayments as LevyPenaltyEntry[] | undefined) ?? [],
    allocations: (item.allocations as LevyAllocationEntry[] | undefined) ?? [],
    paid: Number(item.paid ?? 0),
    penaltyPaid: Number(item.penaltyPaid ?? 0),
    allocated: Number(item.allocated ?? 0),
  };
}

/** `attr = :v`, or absent when the expected value is 0 (the item or the attribute not written yet). */
function equalsOrAbsent(attr: string, placeholder: string, expected: number): string {
  return expected === 0 ? `(attribute_not_exists(${attr}) OR ${attr} = ${placeholder})` : `${attr} = ${placeholder}`;
}

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, kind: _kind, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest as T;
}

/**
 * Files or corrects a declaration: the new figures, the version bumped, the
 * replaced figures appended to `corrections`; only if the version is still `expected`.
 */
function declarationItem(
  unitId: string,
  month: Month,
  declaration: LevyDeclaration,
  replaced: LevyCorrection | null,
): WriteItem {
  const expected = declaration.version - 1;
  return {
    Update: {
      Key: levyMonthKey(unitId, month),
      UpdateExpression:
        'SET #kind = :kind, unitId = :unitId, #month = :month, declaration = :d, #version = :v, ' +
        'corrections = list_append(if_not_exists(corrections, :empty), :c)',
      ConditionExpression: expected === 0 ? 'attribute_not_exists(#version)' : '#version = :expected',
      ExpressionAttributeNames: { '#kind': 'kind', '#month': 'month', '#version': 'version' },
      ExpressionAttributeValues: {
        ':kind': LEVY_KIND.month,
        ':unitId': unitId,
        ':month': month,
        ':d': declaration,
        ':v': declaration.version,
        ':empty': [],
        ':c': replaced ? [replaced] : [],
        ...(expected === 0 ? {} : { ':expected': expected }),
      },
      ReturnValuesOnConditionCheckFailure: ALL_OLD,
    },
  };
}

/** Credits a payment (and/or a penalty) to a month: list entry and running total in one update. */
function monthPaymentItem(unitId: string, month: Month, change: MonthPaymentChange): WriteItem {
  const sets = ['#kind = :kind', 'unitId = :unitId', '#month = :month'];
  const adds: string[] = [];
  const values: Record<string, unknown> = { ':kind': LEVY_KIND.month, ':unitId': unitId, ':month': month };
  if (change.payment) {
    sets.push('payments = list_append(if_not_exists(payments, :empty), :p)');
    adds.push('paid :pAmount');
    values[':p'] = [change.payment];
    values[':pAmount'] = change.payment.amount;
    values[':empty'] = [];
  }
  if (change.penalty) {
    sets.push('penaltyPayments = list_append(if_not_exists(penaltyPayments, :empty), :pp)');
    adds.push('penaltyPaid :ppAmount');
    values[':pp'] = [change.penalty];
    values[':ppAmount'] = change.penalty.amount;
    values[':empty'] = [];
  }
  const conditions: string[] = [];
  if (change.guard?.paid !== undefined) {
    conditions.push(equalsOrAbsent('paid', ':guardPaid', change.guard.paid));
    values[':guardPaid'] = change.guard.paid;
  }
  return {
    Update: {
      Key: levyMonthKey(unitId, month),
      UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: { '#kind': 'kind', '#month': 'month' },
      ExpressionAttributeValues: values,
      ...(conditions.length > 0
        ? { ConditionExpression: conditions.join(' AND '), ReturnValuesOnConditionCheckFailure: ALL_OLD }
        : {}),
    },
  };
}

/** Records an allocation on the month, only if what was paid and allocated is still what the limit was computed on. */
function monthAllocationItem(
  unitId: string,
  month: Month,
  entry: LevyAllocationEntry,
  guard: Required<MonthGuard>,
): WriteItem {
  return {
    Update: {
      Key: levyMonthKey(unitId, month),
      UpdateExpression: 'SET allocations = list_append(if_not_exists(allocations, :empty), :a) ADD allocated :amount',
      ConditionExpression: `paid = :paid AND ${equalsOrAbsent('allocated', ':allocated', guard.allocated)}`,
      ExpressionAttributeValues: {
        ':empty': [],
        ':a': [entry],
        ':amount': entry.amount,
        ':paid': guard.paid,
        ':allocated': guard.allocated,
      },
      ReturnValuesOnConditionCheckFailure: ALL_OLD,
    },
  };
}

function paymentItem(payment: LevyPaymentView): WriteItem {
  return {
    Put: {
      Item: {
        ...levyPaymentKey(payment.id),
        kind: LEVY_KIND.payment,
        ...payment,
        ...levyPaymentsIndex(payment.unitId, payment.date, payment.id),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: ALL_OLD,
    },
  };
}

function allocationItem(allocation: LevyAllocationView): WriteItem {
  return {
    Put: {
      Item: {
        ...levyAllocationKey(allocation.id),
        kind: LEVY_KIND.allocation,
        ...allocation,
        ...levyAllocationsIndex(allocation.unitId, allocation.date, allocation.id),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A guarded month's figures moved since they were read. */
export const levyMonthMoved = (error: unknown) =>
  error instanceof ConditionFailedError && error.item?.kind === LEVY_KIND.month;

/** The payment's id is taken: it was recorded already. */
export const levyPaymentRecorded = (error: unknown) =>
  error instanceof ConditionFailedError && error.item?.kind === LEVY_KIND.payment;

/**
 * The writes and audit records of a levy payment, for its own transaction or a
 * bank line's: the payment, each month's credit, the receipt posting.
 */
export function paymentWrites(change: LevyPaymentChange): { items: WriteItem[]; audit: AuditEntry[] } {
  const { payment } = change;
  const monthItems = [...change.months].map(([month, credit]) => monthPaymentItem(payment.unitId, month, credit));
  return {
    items: [paymentItem(payment), ...monthItems, ...change.posting.items],
    audit: [
      { entityType: 'levy-payment', entityId: payment.id, action: 'record', before: null, after: payment },
      postingAudit(change.posting.posting),
    ],
  };
}

/** A guarded month that moved is a conflict the use case answers by reading again. */
function monthMovedAsConflict(error: unknown): unknown {
  return levyMonthMoved(error) ? new TransactionConflictError(error) : error;
}

export function createLevyStore(db: Db): LevyStore {
  const { client, tableName } = db;

  async function getItem(key: { pk: string; sk: string }) {
    return (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  }

  return {
    /** One month of a CĐCS (one GetItem). */
    async getMonth(unitId: string, month: Month): Promise<LevyMonthState> {
      return toState(unitId, month, await getItem(levyMonthKey(unitId, month)));
    },

    /** The months `from`…`to` of a CĐCS that have anything stored, ascending (one Query; pages only past 1 MB). */
    async getMonths(unitId: string, from: Month, to: Month): Promise<LevyMonthState[]> {
      const out: LevyMonthState[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': levyPk(unitId),
              ':from': levyMonthKey(unitId, from).sk,
              ':to': levyMonthKey(unitId, to).sk,
            },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) out.push(toState(unitId, item.month as Month, item));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return out;
    },

    async getPayment(paymentId: string): Promise<LevyPaymentView | undefined> {
      const item = await getItem(levyPaymentKey(paymentId));
      return item ? strip<LevyPaymentView>(item) : undefined;
    },

    async getAllocation(allocationId: string): Promise<LevyAllocationView | undefined> {
      const item = await getItem(levyAllocationKey(allocationId));
      return item ? strip<LevyAllocationView>(item) : undefined;
    },

    async saveDeclaration(change, ctx, events, ifMatch) {
      const { unitId, month, before, declaration, replaced } = change;
      try {
        await commit(
          db,
          {
            items: [declarationItem(unitId, month, declaration, replaced)],
            events,
            audit: [
              {
                entityType: 'levy-declaration',
                entityId: `${unitId}:${month}`,
                action: before ? 'correct' : 'declare',
                before,
                after: declaration,
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        // Someone declared at the same time: with If-Match that is a 412, without it read again.
        if (ifMatch !== undefined) throw staleVersion(ifMatch, Number(error.item?.version ?? 0));
        throw new TransactionConflictError(error);
      }
    },

    async savePayment(change, ctx) {
      await commit(db, { ...paymentWrites(change), events: change.events }, ctx).catch((error: unknown) => {
        throw monthMovedAsConflict(error);
      });
    },

    async saveAllocation(change, ctx, events) {
      const { allocation, entry, guard } = change;
      const postings = postingWrites(change.postings);
      await commit(
        db,
        {
          items: [
            monthAllocationItem(allocation.unitId, allocation.month as Month, entry, guard),
            allocationItem(allocation),
            ...postings.items,
          ],
          events,
          audit: [
            {
              entityType: 'levy-allocation',
              entityId: allocation.id,
              action: 'allocate',
              before: null,
              after: allocation,
            },
            ...postings.audit,
          ],
        },
        ctx,
      ).catch((error: unknown) => {
        throw monthMovedAsConflict(error);
      });
    },
  };
}
