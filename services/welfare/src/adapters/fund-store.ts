import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Fund, type FundMovement, MOVEMENT_TYPES, unprocessable } from '@congdoan/contracts';
import {
  applyOnce,
  ConditionFailedError,
  commit,
  type Db,
  keyedTurns,
  type PendingEvent,
  queryAll,
  queryPage,
  retryOnConflict,
  stripKeys,
  TransactionConflictError,
  type WriteContext,
  type WriteItem,
} from '@congdoan/ddb';
import type { FundStore } from '../app/ports.ts';
import { insufficientBalance, memberYearCapReached } from '../domain/errors.ts';
import { isOutflow, type YearCap } from '../domain/fund.ts';
import type { FundDay } from '../domain/report.ts';
import {
  FUND_DAY_SK_PREFIX,
  fundDayKey,
  fundKey,
  MOVEMENT_SK_PREFIX,
  memberDepositKey,
  memberYearKey,
  movementKey,
  movementKeyOfRequest,
  unitFundsIndex,
} from './keys.ts';

const CONSUMER = 'welfare-ledger-answers';
/** Conflicts on one hot fund are retried this many times before the caller is told to try again. */
const ATTEMPTS = 12;

/** The item's `kind` is the storage's (stripped on reading): the fund's own kind is kept as `fundKind`. */
const fundItem = ({ kind, ...f }: Fund) => ({
  ...fundKey(f.id),
  kind: 'fund',
  ...unitFundsIndex(f.unitId, f.createdAt, f.id),
  ...f,
  fundKind: kind,
});
type SavingsTotal = 'deposited' | 'lent' | 'repaid';
function fundOf(item: Record<string, unknown>): Fund {
  const { fundKind, ...rest } = stripKeys<
    Omit<Fund, 'kind' | SavingsTotal> & Partial<Pick<Fund, SavingsTotal>> & { fundKind: Fund['kind'] }
  >(item);
  // The savings totals are absent from a fund that has had none of those movements since they came.
  return { ...rest, deposited: rest.deposited ?? 0, lent: rest.lent ?? 0, repaid: rest.repaid ?? 0, kind: fundKind };
}
const movementItem = (m: FundMovement) => ({ ...movementKey(m.fundId, m.at, m.id), kind: 'fund-movement', ...m });

/** Which running total of the fund a movement adds to. */
const TOTAL = {
  receipt: 'received',
  allocation: 'allocated',
  disbursement: 'disbursed',
  deposit: 'deposited',
  loan: 'lent',
  repayment: 'repaid',
} as const;

const balanceOutOfRange = () =>
  unprocessable('fund-balance-out-of-range', {
    vi: 'Số dư quỹ sau khi ghi nhận sẽ vượt quá giới hạn số nguyên an toàn.',
    en: 'The fund’s balance would go beyond the safe integer range.',
  });

/**
 * The fund's balance item, changed by the movement in place (no read-modify-write of the
 * balance): an outflow's condition is that the balance covers it, so concurrent outflows
 * that together exceed it cannot all commit, and none half-commits.
 */
function balanceUpdate(m: FundMovement): WriteItem {
  const outflow = isOutflow(m.type);
  return {
    Update: {
      Key: fundKey(m.fundId),
      // A fund opened before the savings totals existed has none: it starts at zero.
      UpdateExpression: `SET balance = balance ${outflow ? '-' : '+'} :amount, #total = if_not_exists(#total, :zero) + :amount, movementCount = movementCount + :one, version = version + :one`,
      ConditionExpression: outflow
        ? 'attribute_exists(pk) AND balance >= :amount'
        : 'attribute_exists(pk) AND balance <= :room AND (attribute_not_exists(#total) OR #total <= :room)',
      ExpressionAttributeNames: { '#total': TOTAL[m.type] },
      ExpressionAttributeValues: {
        ':amount': m.amount,
        ':one': 1,
        ':zero': 0,
        ...(outflow ? {} : { ':room': Number.MAX_SAFE_INTEGER - m.amount }),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** Adds a disbursement to its beneficiary's yearly total of its type, on condition it stays within the cap. */
function yearTotalUpdate(m: FundMovement, yearCap: YearCap): WriteItem {
  return {
    Update: {
      Key: memberYearKey(m.fundId, yearCap.year, String(m.caseType), String(m.beneficiaryId)),
      UpdateExpression: 'ADD #total :amount SET #kind = :kind',
      ConditionExpression: 'attribute_not_exists(#total) OR #total <= :room',
      ExpressionAttributeNames: { '#total': 'total', '#kind': 'kind' },
      ExpressionAttributeValues: { ':amount': m.amount, ':room': yearCap.cap - m.amount, ':kind': 'member-year-total' },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** Adds a deposit to its member's deposited total in the fund. */
function depositTotalUpdate(m: FundMovement): WriteItem {
  return {
    Update: {
      Key: memberDepositKey(m.fundId, String(m.memberId)),
      UpdateExpression: 'ADD #total :amount SET #kind = :kind, memberId = :member',
      ExpressionAttributeNames: { '#total': 'total', '#kind': 'kind' },
      ExpressionAttributeValues: { ':amount': m.amount, ':kind': 'member-deposit-total', ':member': m.memberId },
    },
  };
}

/** Adds a movement to its fund's totals of its day, by type: a report reads days, never movements. */
function dayTotalUpdate(m: FundMovement): WriteItem {
  return {
    Update: {
      Key: fundDayKey(m.fundId, m.date),
      UpdateExpression: 'ADD #amount :amount, #count :one SET #kind = :kind, #day = :day',
      ExpressionAttributeNames: { '#amount': m.type, '#count': `${m.type}Count`, '#kind': 'kind', '#day': 'day' },
      ExpressionAttributeValues: { ':amount': m.amount, ':one': 1, ':kind': 'fund-day', ':day': m.date },
    },
  };
}

/** A day's item as the report reads it. */
function fundDayOf(item: Record<string, unknown>): FundDay {
  const amounts: FundDay['amounts'] = {};
  const counts: FundDay['counts'] = {};
  for (const type of MOVEMENT_TYPES) {
    if (typeof item[type] === 'number') amounts[type] = item[type];
    if (typeof item[`${type}Count`] === 'number') counts[type] = item[`${type}Count`] as number;
  }
  return { day: String(item.day), amounts, counts };
}

/**
 * The domain error a failed condition of one of the `also` items means (by its index among
 * them), or undefined for a clash worth retrying.
 */
export type ExplainFailure = (alsoIndex: number, item: Record<string, unknown> | undefined) => Error | undefined;

/**
 * Writes a movement: the fund's balance item changed in place, the movement, its events and
 * audit, and whatever else the movement's cause changes (`also`: a pledge's counters, a loan),
 * in one transaction; a deposit adds to its member's deposited total there too. A disbursement the balance cannot cover is the conflict naming the balance.
 * Requests on one fund in this process take turns; across processes the condition decides.
 */
export function movementWriter(db: Db) {
  const turn = keyedTurns();
  return (
    fundId: string,
    movement: FundMovement,
    events: readonly PendingEvent[],
    ctx: WriteContext,
    also: readonly WriteItem[] = [],
    yearCap: YearCap | null = null,
    explain?: ExplainFailure,
  ): Promise<void> => {
    const extra = [
      ...(yearCap ? [yearTotalUpdate(movement, yearCap)] : []),
      ...(movement.type === 'deposit' ? [depositTotalUpdate(movement)] : []),
      dayTotalUpdate(movement),
    ];
    return turn(fundId, () =>
      retryOnConflict(async () => {
        try {
          await commit(
            db,
            {
              items: [
                balanceUpdate(movement),
                { Put: { Item: movementItem(movement), ConditionExpression: 'attribute_not_exists(pk)' } },
                ...extra,
                ...also,
              ],
              events,
              audit: [
                {
                  entityType: 'fund-movement',
                  entityId: movement.id,
                  action: movement.type,
                  before: null,
                  after: movement,
                },
              ],
            },
            ctx,
          );
        } catch (error) {
          if (!(error instanceof ConditionFailedError)) throw error;
          if (error.index === 0 && error.item) {
            const balance = Number(error.item.balance);
            if (isOutflow(movement.type)) throw insufficientBalance(fundId, balance, movement.amount);
            throw balanceOutOfRange();
          }
          if (error.index === 2 && yearCap) {
            const total = error.item ? Number(error.item.total) : undefined;
            throw memberYearCapReached(String(movement.caseType), yearCap.year, yearCap.cap, movement.amount, total);
          }
          const explained = explain?.(error.index - 2 - extra.length, error.item);
          if (explained) throw explained;
          // Another item's condition (a clash of generated ids, a counter): nothing was written; try again.
          throw new TransactionConflictError(error);
        }
      }, ATTEMPTS),
    );
  };
}

export function createFundStore(db: Db): FundStore {
  const writeMovement = movementWriter(db);
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: fundKey(id), ConsistentRead: true }),
      );
      return Item ? fundOf(Item) : undefined;
    },
    async create(fund, ctx) {
      await commit(
        db,
        {
          items: [{ Put: { Item: fundItem(fund), ConditionExpression: 'attribute_not_exists(pk)' } }],
          audit: [{ entityType: 'fund', entityId: fund.id, action: 'create', before: null, after: fund }],
        },
        ctx,
      );
    },
    async listOfUnit(unitId) {
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': unitFundsIndex(unitId, '', '').gsi1pk },
      });
      return items.map(fundOf);
    },
    record: (fund, movement, events, ctx, yearCap) => writeMovement(fund.id, movement, events, ctx, [], yearCap),
    async daysFrom(fundId, from) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': fundKey(fundId).pk,
          ':from': fundDayKey(fundId, from).sk,
          ':to': `${FUND_DAY_SK_PREFIX}\uffff`,
        },
      });
      return items.map(fundDayOf);
    },
    async movements(fundId, page) {
      const pk = fundKey(fundId).pk;
      const { items, nextCursor } = await queryPage(
        db,
        {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': MOVEMENT_SK_PREFIX },
          ScanIndexForward: false,
          ConsistentRead: true,
        },
        page,
        // A cursor is the client's input: it must continue this fund's movements.
        { pk, sk: { prefix: MOVEMENT_SK_PREFIX } },
      );
      return { items: items.map((i) => stripKeys<FundMovement>(i)), nextCursor };
    },
    async recordAnswer(requestId, answer, eventId, ctx) {
      const key = movementKeyOfRequest(requestId);
      if (!key) return 'unknown';
      const posting =
        answer.status === 'posted'
          ? { status: 'posted', postingId: answer.postingId, voucherNumber: answer.voucherNumber, reason: null }
          : { status: 'unposted', postingId: null, voucherNumber: null, reason: answer.reason };
      try {
        const result = await applyOnce(
          db,
          CONSUMER,
          eventId,
          {
            items: [
              {
                Update: {
                  Key: key,
                  UpdateExpression:
                    'SET posting.#status = :status, posting.postingId = :postingId, posting.voucherNumber = :voucher, posting.reason = :reason',
                  // Finance answers a request once; a movement already answered keeps its answer.
                  ConditionExpression: 'attribute_exists(pk) AND posting.#status = :pending',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':status': posting.status,
                    ':postingId': posting.postingId,
                    ':voucher': posting.voucherNumber,
                    ':reason': posting.reason,
                    ':pending': 'pending',
                  },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
            ],
          },
          ctx,
        );
        return result.applied ? 'applied' : 'duplicate';
      } catch (error) {
        if (error instanceof ConditionFailedError && error.index === 1) return error.item ? 'duplicate' : 'unknown';
        throw error;
      }
    },
  };
}
