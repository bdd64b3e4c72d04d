import { AsyncLocalStorage } from 'node:async_hooks';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  boundStartKey,
  conflict,
  DomainError,
  dayInVietnam,
  firstDayOf,
  lastDayOf,
  type Month,
  monthOf,
  notFound,
} from '@congdoan/contracts';
import {
  type AuditEntry,
  ConditionFailedError,
  commit,
  type Db,
  type PendingEvent,
  queryAll,
  stripKeys,
  TransactionConflictError,
  type WriteContext,
  type WriteItem,
} from '@congdoan/ddb';
import type {
  AccountFigures,
  BooksState,
  Ledger,
  LockChangeRecord,
  MovementFigures,
  Page,
  PageKey,
  PostingQuery,
  PreparedPosting,
  PrepareOptions,
  StoredPosting,
  Voucher,
} from '../app/ledger/ports.ts';
import {
  booksClosed,
  booksRefusal,
  MAX_BOOKS_AMOUNT,
  moneyOut,
  storedAmountOutOfRange,
} from '../domain/ledger/books.ts';
import { MONEY_ACCOUNTS } from '../domain/ledger/chart.ts';
import {
  assertValidPosting,
  movementsByAccount,
  reversalOf,
  totalsOf,
  voucherNumber,
} from '../domain/ledger/posting.ts';
import type { Posting, PostingInput, VoucherKind } from '../domain/ledger/types.ts';
import type { LedgerAccountCheck, LedgerCheck } from '../domain/reconciliation/sources.ts';
import {
  BALANCE_PREFIX,
  balanceKey,
  booksKey,
  END,
  KIND,
  ledgerPk,
  MOVEMENT_PREFIX,
  movementKey,
  PERIOD_LOG_PREFIX,
  POSTING_PREFIX,
  periodLogKey,
  postingIdKey,
  postingKey,
  voucherCounterKey,
  voucherKey,
  voucherPrefix,
} from './ledger-keys.ts';

/** The ledger check of one account, with the figures it was computed from. */
export interface LedgerAccountDetail extends LedgerAccountCheck {
  /** Sum of the account's movement items over every period. */
  movements: number;
  /** The month's movement item (debit minus credit). */
  monthMovement: number;
  /** The month's posting lines on the account (debit minus credit). */
  monthPostings: number;
}

export interface LedgerCheckDetail extends LedgerCheck {
  month: Month;
  accounts: LedgerAccountDetail[];
  /** Number of the month's postings read. */
  postings: number;
  /** Whether every check held: balances = movements, month's movements = month's postings, debits = credits. */
  consistent: boolean;
}

const ALL_OLD = 'ALL_OLD' as const;
/** A ledger list's key attributes: every list is a Query of the unit's partition. */
const KEY = ['pk', 'sk'] as const;

/** Attempts of `withLedgerRetry`: enough that 50 concurrent postings on one unit's voucher counter all succeed. */
export const LEDGER_ATTEMPTS = 120;
const BACKOFF_BASE_MS = 8;
const BACKOFF_CAP_MS = 250;

/**
 * Within one process, postings that take numbers from the same voucher counter
 * queue for it from the counter's read to their commit, so they do not all
 * read the same number and all but one fail. Across processes (Lambda
 * instances) the counter's condition alone orders them, with retries. The
 * queue only saves work: correctness never depends on it, so a posting that
 * has waited `COUNTER_WAIT_MS` (a transaction that takes two counters in the
 * opposite order of another, a posting nested in another's retry) goes ahead
 * without it.
 */
interface RetryScope {
  held: Map<string, () => void>;
}
const retryScope = new AsyncLocalStorage<RetryScope>();
const COUNTER_WAIT_MS = 10_000;

function counterQueue() {
  const tails = new Map<string, Promise<void>>();
  return async function enter(key: string): Promise<void> {
    const scope = retryScope.getStore();
    if (!scope || scope.held.has(key)) return;
    const before = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => mine);
    tails.set(key, tail);
    scope.held.set(key, () => {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([before, new Promise<void>((r) => (timer = setTimeout(r, COUNTER_WAIT_MS)))]);
    clearTimeout(timer);
  };
}

/**
 * Reruns a whole read-prepare-commit when another posting got in first: on a
 * transaction conflict (two transactions on the same balance items at once),
 * when the voucher counter moved since it was read (another posting took the
 * number; the number is only ever taken by a committed transaction, so the
 * sequence has no gaps), or when what the books allow changed since it was
 * read (a month locked, the turnover or a money balance moved): the next
 * attempt reads again, and `prepare` refuses with the precise reason (422
 * `period-locked`, `money-balance-negative`, `ledger-amount-out-of-range`).
 * Backoff is full jitter, capped. Each attempt holds the in-process queue of
 * the voucher counters it prepares until it settles.
 *
 * A posting on closed books becomes a 409 `books-closed`; every other error,
 * a duplicate posting included (see `isDuplicatePosting`), passes through.
 */
export async function withLedgerRetry<T>(fn: () => Promise<T>, attempts = LEDGER_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const scope: RetryScope = { held: new Map() };
    try {
      return await retryScope.run(scope, fn);
    } catch (error) {
      if (isBooksClosedFailure(error)) throw booksClosed(String(error.item?.unitId));
      const retryable =
        error instanceof TransactionConflictError || isVoucherCounterFailure(error) || isBooksLimitFailure(error);
      if (!retryable || attempt >= attempts) throw error;
      for (const release of scope.held.values()) release();
      scope.held.clear();
      // Full jitter: contenders spread over the window, so one of them usually finds the counter free.
      const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 8));
      await new Promise((r) => setTimeout(r, Math.random() * ceiling));
    } finally {
      for (const release of scope.held.values()) release();
    }
  }
}

/** The posting's id was taken: the same posting was already made (or, for a reversal, the posting was already reversed). */
export function isDuplicatePosting(error: unknown): boolean {
  if (error instanceof DomainError) return error.code === 'duplicate-posting' || error.code === 'already-reversed';
  return error instanceof ConditionFailedError && error.item?.kind === KIND.postingId;
}

function isVoucherCounterFailure(error: unknown): error is ConditionFailedError {
  return error instanceof ConditionFailedError && error.item?.kind === KIND.voucherCounter;
}

/** The books were closed under the posting: final. */
function isBooksClosedFailure(error: unknown): error is ConditionFailedError {
  return error instanceof ConditionFailedError && error.item?.kind === KIND.books && error.item.closedAt !== undefined;
}

/**
 * A limit of the books held by the transaction failed: the month was locked,
 * the turnover grew, or a money balance fell since they were read. Read again.
 */
function isBooksLimitFailure(error: unknown): error is ConditionFailedError {
  if (!(error instanceof ConditionFailedError)) return false;
  const kind = error.item?.kind;
  return (
    (kind === KIND.books && error.item?.closedAt === undefined) ||
    (kind === KIND.balance && MONEY_ACCOUNTS.includes(String(error.item?.account)))
  );
}

const duplicatePosting = (id: string) =>
  conflict('duplicate-posting', {
    vi: `Bút toán "${id}" đã được ghi sổ.`,
    en: `Posting "${id}" has already been recorded.`,
  });

const alreadyReversed = (id: string) =>
  conflict('already-reversed', {
    vi: `Bút toán "${id}" đã được đảo; mỗi bút toán chỉ đảo một lần.`,
    en: `Posting "${id}" has already been reversed; a posting is reversed once.`,
  });

const POSTING = { vi: 'bút toán', en: 'posting' };

const figures = (account: string, debit: number, credit: number): AccountFigures => ({
  account,
  debit,
  credit,
  balance: debit - credit,
});

/**
 * A figure of a stored ledger item as a number, or 422 `ledger-amount-out-of-range`
 * when it lies beyond the safe integers (the document client reads those as a
 * BigInt, which `Number()` would round, losing đồng without a word).
 */
function stored(item: Record<string, unknown>, field: string): number {
  const value = item[field];
  if (value === undefined || value === null) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    const what = item.account !== undefined ? `${field} of account ${String(item.account)}` : field;
    throw storedAmountOutOfRange(String(item.unitId), what, String(value));
  }
  return n;
}

/** An item's turnover on both sides, checked by `stored`. */
const figuresOf = (item: Record<string, unknown>): AccountFigures =>
  figures(String(item.account), stored(item, 'debit'), stored(item, 'credit'));

/**
 * Marks the unit's books closed, for the closing use case's own transaction;
 * fails (ConditionFailedError on a `ledger-books` item) when already closed.
 * Every later posting on the unit is refused with 409 `books-closed`.
 */
export function closeBooksItem(unitId: string, closedAt: string): WriteItem {
  return {
    Update: {
      Key: booksKey(unitId),
      UpdateExpression: 'SET #kind = :kind, unitId = :unitId, closedAt = :at',
      ConditionExpression: 'attribute_not_exists(closedAt)',
      ExpressionAttributeNames: { '#kind': 'kind' },
      ExpressionAttributeValues: { ':kind': KIND.books, ':unitId': unitId, ':at': closedAt },
      ReturnValuesOnConditionCheckFailure: ALL_OLD,
    },
  };
}

/**
 * The books' item in a posting's transaction: it adds the posting's total to
 * the books' turnover, on the conditions that the books are open (or, with
 * `closeAt`, closes them), that the posting's month is not locked and that the
 * turnover stays a safe integer. The item is written by every posting of the
 * unit, so a lock and a posting are ordered by DynamoDB, never interleaved.
 */
function booksPostingItem(unitId: string, period: Month, total: number, closeAt?: string): WriteItem {
  return {
    Update: {
      Key: booksKey(unitId),
      UpdateExpression: `SET #kind = :kind, unitId = :unitId${closeAt !== undefined ? ', closedAt = :at' : ''} ADD turnover :total`,
      ConditionExpression:
        'attribute_not_exists(closedAt) AND (attribute_not_exists(lockedThrough) OR lockedThrough < :period) AND (attribute_not_exists(turnover) OR turnover <= :cap)',
      ExpressionAttributeNames: { '#kind': 'kind' },
      ExpressionAttributeValues: {
        ':kind': KIND.books,
        ':unitId': unitId,
        ':period': period,
        ':total': total,
        ':cap': MAX_BOOKS_AMOUNT - total,
        ...(closeAt !== undefined ? { ':at': closeAt } : {}),
      },
      ReturnValuesOnConditionCheckFailure: ALL_OLD,
    },
  };
}

/**
 * The audit record of a ledger posting (`action` "post", or "reverse" for a
 * reversal): the one builder every transaction that posts uses.
 */
export const postingAudit = (posting: Posting, action = 'post'): AuditEntry => ({
  entityType: 'ledger-posting',
  entityId: `${posting.unitId}:${posting.id}`,
  action,
  before: null,
  after: posting,
});

/** The writes and audit records of postings made in another change's transaction, in order. */
export const postingWrites = (postings: readonly (PreparedPosting | null)[]) => {
  const made = postings.filter((p): p is PreparedPosting => p !== null);
  return { items: made.flatMap((p) => p.items), audit: made.map((p) => postingAudit(p.posting)) };
};

export function createLedger(db: Db) {
  const table = db.tableName;
  const enterCounter = counterQueue();

  async function getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const { Item } = await db.client.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
    return Item as Record<string, unknown> | undefined;
  }

  /**
   * The transaction items that record a posting, for the caller's own `commit`:
   * the posting and its id, the balance and the period's movement of each
   * account (ADD), the books' item (open or closing, the month not locked, the
   * turnover safe), the balance of each money account it takes money out of
   * kept at or above zero, and for a voucher the next number of the unit's
   * counter for the year (read now, taken only if the transaction commits: run
   * the caller's read-prepare-commit under `withLedgerRetry`).
   *
   * Reads the posting's id, the books, the money balances and the counter
   * first, so a refusal is precise and nothing is tried (unless the id is
   * taken: the commit then fails on it as a duplicate): 422 `invalid-posting` when the posting breaks
   * a rule (dated after today in Vietnam included), 409 `books-closed`, 422
   * `period-locked`, `ledger-amount-out-of-range`, `money-balance-negative`.
   * The reads only inform: the transaction's conditions hold the rules.
   */
  async function prepare(
    input: PostingInput,
    ctx: WriteContext,
    options: PrepareOptions = {},
  ): Promise<PreparedPosting> {
    assertValidPosting(input, dayInVietnam(ctx.now()));
    const { unitId, id } = input;
    const period = monthOf(input.date);
    const createdAt = ctx.now().toISOString();
    const items: WriteItem[] = [];
    const out = moneyOut(input.lines);
    const total = totalsOf(input.lines).debit;

    const year = Number(input.date.slice(0, 4));
    const counterKey = input.voucher ? voucherCounterKey(unitId, year, input.voucher) : undefined;
    if (counterKey) await enterCounter(`${counterKey.pk}|${counterKey.sk}`);
    const [taken, books, counter, ...money] = await Promise.all([
      getItem(postingIdKey(unitId, id)),
      getItem(booksKey(unitId)),
      counterKey ? getItem(counterKey) : Promise.resolve(undefined),
      ...out.map((o) => getItem(balanceKey(unitId, o.account))),
    ]);
    const refusal = booksRefusal(input, {
      // Closing is the closing's own question: it prepares the posting that closes the books.
      closedAt: (books?.closedAt as string | undefined) ?? null,
      lockedThrough: (books?.lockedThrough as Month | undefined) ?? null,
      turnover: books ? stored(books, 'turnover') : 0,
      money: Object.fromEntries(out.map((o, i) => [o.account, money[i] ? stored(money[i], 'balance') : 0])),
    });
    // A posting already made is a duplicate before anything else: its id's condition fails first at commit,
    // and each caller answers that in its own words (duplicate-posting, already-reversed, a redelivery).
    if (refusal && !taken) throw refusal;
    const moneyRead = new Set(out.filter((_, i) => money[i] !== undefined).map((o) => o.account));

    let number: string | null = null;
    if (input.voucher && counterKey) {
      const current = Number(counter?.n ?? 0);
      const next = current + 1;
      number = voucherNumber(input.voucher, year, next);
      items.push({
        Update: {
          Key: counterKey,
          UpdateExpression: 'SET #kind = :kind, unitId = :unitId, #year = :year, voucherKind = :vk, n = :next',
          ConditionExpression: current === 0 ? 'attribute_not_exists(pk)' : 'n = :current',
          ExpressionAttributeNames: { '#kind': 'kind', '#year': 'year' },
          ExpressionAttributeValues: {
            ':kind': KIND.voucherCounter,
            ':unitId': unitId,
            ':year': year,
            ':vk': input.voucher,
            ':next': next,
            ...(current === 0 ? {} : { ':current': current }),
          },
          ReturnValuesOnConditionCheckFailure: ALL_OLD,
        },
      });
      const money = input.lines.filter((l) => MONEY_ACCOUNTS.includes(l.account));
      const voucher: Voucher = {
        number,
        kind: input.voucher,
        year,
        n: next,
        postingId: id,
        date: input.date,
        memo: input.memo,
        amount: money.reduce((s, l) => s + (input.voucher === 'receipt' ? l.debit : l.credit), 0),
        reversedBy: null,
        createdAt,
        createdBy: ctx.actor.id,
      };
      items.push({
        Put: {
          Item: { ...voucherItem(voucher), ...voucherKey(unitId, year, input.voucher, next), unitId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }

    const posting: Posting = {
      id,
      unitId,
      date: input.date,
      memo: input.memo,
      lines: input.lines.map((l) => ({
        account: l.account,
        debit: l.debit,
        credit: l.credit,
        ...(l.memo !== undefined ? { memo: l.memo } : {}),
      })),
      ...(input.voucher ? { voucher: input.voucher } : {}),
      source: { service: input.source.service, kind: input.source.kind, id: input.source.id },
      ...(input.reverses ? { reverses: input.reverses } : {}),
      period,
      voucherNumber: number,
      createdAt,
      createdBy: ctx.actor.id,
    };

    // The id first: a duplicate is the failure callers most often look for.
    items.unshift({
      Put: {
        Item: { ...postingIdKey(unitId, id), kind: KIND.postingId, unitId, postingId: id, date: posting.date },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: ALL_OLD,
      },
    });
    items.push({
      Put: {
        Item: { ...postingKey(unitId, posting.date, id), kind: KIND.posting, ...posting },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });

    const outOf = new Map(out.map((o) => [o.account, o.amount]));
    for (const m of movementsByAccount(posting.lines)) {
      const values = { ':d': m.debit, ':c': m.credit, ':net': m.debit - m.credit, ':unitId': unitId, ':a': m.account };
      const taken = outOf.get(m.account);
      // Money taken out of 111 or 112: only while the balance covers it (the read found the item, so it exists).
      const keepsPositive =
        taken !== undefined && moneyRead.has(m.account)
          ? {
              ConditionExpression: 'balance >= :taken',
              ExpressionAttributeValues: { ...values, ':kind': KIND.balance, ':taken': taken },
              ReturnValuesOnConditionCheckFailure: ALL_OLD,
            }
          : { ExpressionAttributeValues: { ...values, ':kind': KIND.balance } };
      items.push({
        Update: {
          Key: balanceKey(unitId, m.account),
          UpdateExpression: 'SET #kind = :kind, unitId = :unitId, account = :a ADD debit :d, credit :c, balance :net',
          ExpressionAttributeNames: { '#kind': 'kind' },
          ...keepsPositive,
        },
      });
      items.push({
        Update: {
          Key: movementKey(unitId, period, m.account),
          UpdateExpression:
            'SET #kind = :kind, unitId = :unitId, account = :a, period = :p ADD debit :d, credit :c, postings :one',
          ExpressionAttributeNames: { '#kind': 'kind' },
          ExpressionAttributeValues: {
            ':d': m.debit,
            ':c': m.credit,
            ':unitId': unitId,
            ':a': m.account,
            ':kind': KIND.movement,
            ':p': period,
            ':one': 1,
          },
        },
      });
    }

    items.push(booksPostingItem(unitId, period, total, options.closeBooksAt));
    return { items, posting };
  }

  /** Records a posting on its own: prepare and commit (with its audit record), retried as `withLedgerRetry` says. */
  async function post(
    input: PostingInput,
    ctx: WriteContext,
    extra: { events?: PendingEvent[] } = {},
  ): Promise<Posting> {
    try {
      return await withLedgerRetry(async () => {
        const { items, posting } = await prepare(input, ctx);
        await commit(db, { items, events: extra.events, audit: [postingAudit(posting, 'post')] }, ctx);
        return posting;
      });
    } catch (error) {
      if (error instanceof ConditionFailedError && error.item?.kind === KIND.postingId)
        throw duplicatePosting(input.id);
      // Made meanwhile by a concurrent request with the same id: a duplicate before anything else,
      // e.g. the money its reads found already gone with that other posting.
      if (error instanceof DomainError && error.code !== 'duplicate-posting') {
        if (await getItem(postingIdKey(input.unitId, input.id)).catch(() => undefined))
          throw duplicatePosting(input.id);
      }
      throw error;
    }
  }

  async function get(unitId: string, postingId: string): Promise<StoredPosting | undefined> {
    const ref = await getItem(postingIdKey(unitId, postingId));
    if (!ref) return undefined;
    const item = await getItem(postingKey(unitId, String(ref.date), postingId));
    if (!item) return undefined;
    return { ...stripKeys<Posting>(item), reversedBy: (ref.reversedBy as string | undefined) ?? null };
  }

  /**
   * Posts the reversal of a posting: the same lines, sides swapped, on `at.date`,
   * under an id derived from the original's. A second reversal is a 409
   * `already-reversed`; reversing a reversal is a 422.
   */
  async function reverse(
    unitId: string,
    postingId: string,
    at: { date: string; memo?: string },
    ctx: WriteContext,
  ): Promise<Posting> {
    try {
      return await withLedgerRetry(async () => {
        const original = await get(unitId, postingId);
        if (!original) throw notFound(POSTING, postingId);
        if (original.reversedBy) throw alreadyReversed(postingId);
        const { items, posting } = await prepare(reversalOf(original, at), ctx);
        items.push({
          Update: {
            Key: postingIdKey(unitId, postingId),
            UpdateExpression: 'SET reversedBy = :by',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(reversedBy)',
            ExpressionAttributeValues: { ':by': posting.id },
            ReturnValuesOnConditionCheckFailure: ALL_OLD,
          },
        });
        if (original.voucherNumber && original.voucher) {
          const n = Number(original.voucherNumber.slice(-6));
          items.push({
            Update: {
              Key: voucherKey(unitId, Number(original.date.slice(0, 4)), original.voucher, n),
              UpdateExpression: 'SET reversedBy = :by',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':by': posting.id },
            },
          });
        }
        await commit(
          db,
          {
            items,
            audit: [
              postingAudit(posting, 'reverse'),
              {
                entityType: 'ledger-posting',
                entityId: `${unitId}:${postingId}`,
                action: 'reversed',
                before: { reversedBy: null },
                after: { reversedBy: posting.id },
              },
            ],
          },
          ctx,
        );
        return posting;
      });
    } catch (error) {
      if (error instanceof ConditionFailedError && error.item?.kind === KIND.postingId)
        throw alreadyReversed(postingId);
      // Reversed meanwhile by a concurrent request: that is the answer, before whatever this
      // attempt ran into on the way (the cash it would take back left with the other reversal).
      if (!(error instanceof DomainError && (error.kind === 'not-found' || error.code === 'already-reversed'))) {
        if ((await get(unitId, postingId).catch(() => undefined))?.reversedBy) throw alreadyReversed(postingId);
      }
      throw error;
    }
  }

  /** A unit's postings by accounting date, newest first unless `order: 'asc'`; one Query per page. */
  async function listPostings(unitId: string, q: PostingQuery = {}): Promise<Page<Posting>> {
    const from = q.period ? firstDayOf(q.period) : q.from;
    const to = q.period ? lastDayOf(q.period) : q.to;
    const pk = ledgerPk(unitId);
    const startKey = boundStartKey(q.startKey, { pk, sk: { prefix: POSTING_PREFIX } }, KEY);
    const page = await db.client.send(
      new QueryCommand({
        TableName: table,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: {
          ':pk': pk,
          ':lo': `${POSTING_PREFIX}${from ?? ''}`,
          ':hi': `${POSTING_PREFIX}${to ?? '9999-12-31'}#${END}`,
        },
        ScanIndexForward: q.order === 'asc',
        Limit: q.limit ?? 50,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      items: (page.Items ?? []).map((i) => stripKeys<Posting>(i)),
      lastKey: page.LastEvaluatedKey as PageKey | undefined,
    };
  }

  /** Every account that has ever moved, with turnover and balance; one Query. */
  async function balances(unitId: string): Promise<AccountFigures[]> {
    const items = await queryAll(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': ledgerPk(unitId), ':prefix': BALANCE_PREFIX },
    });
    return items.map(figuresOf);
  }

  /** The movement of each account in a period, or in every period from `from` to `to` (months, inclusive); one Query. */
  async function movements(unitId: string, from: Month, to: Month = from): Promise<MovementFigures[]> {
    const items = await queryAll(db, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: {
        ':pk': ledgerPk(unitId),
        ':lo': `${MOVEMENT_PREFIX}${from}#`,
        ':hi': `${MOVEMENT_PREFIX}${to}#${END}`,
      },
    });
    return items.map((i) => ({ ...figuresOf(i), period: i.period as Month }));
  }

  /** A unit's vouchers of one kind and year, in number order; one Query per page. */
  async function vouchers(
    unitId: string,
    year: number,
    kind: VoucherKind,
    page: { limit?: number; startKey?: PageKey } = {},
  ): Promise<Page<Voucher>> {
    const prefix = voucherPrefix(year, kind);
    const startKey = boundStartKey(page.startKey, { pk: ledgerPk(unitId), sk: { prefix } }, KEY);
    const result = await db.client.send(
      new QueryCommand({
        TableName: table,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': ledgerPk(unitId), ':prefix': prefix },
        Limit: page.limit ?? 100,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      items: (result.Items ?? []).map(voucherFromItem),
      lastKey: result.LastEvaluatedKey as PageKey | undefined,
    };
  }

  async function booksState(unitId: string): Promise<BooksState> {
    const item = await getItem(booksKey(unitId));
    const closedAt = (item?.closedAt as string | undefined) ?? null;
    return { closed: closedAt !== null, closedAt, lockedThrough: (item?.lockedThrough as Month | undefined) ?? null };
  }

  /**
   * Moves the books' lock from `previousLockedThrough` to `lockedThrough` (a
   * lock or a reopening), in ONE transaction with its log entry, `events` and
   * the audit. The books' item is the one every posting writes, so a posting
   * commits wholly before or wholly after the change. TransactionConflictError
   * when the lock moved since it was read; 409 `books-closed` when the books
   * were closed meanwhile.
   */
  async function changeLock(change: LockChangeRecord, ctx: WriteContext, events: readonly PendingEvent[]) {
    const { unitId, previousLockedThrough, lockedThrough } = change;
    const values: Record<string, unknown> = { ':kind': KIND.books, ':unitId': unitId };
    if (lockedThrough !== null) values[':after'] = lockedThrough;
    if (previousLockedThrough !== null) values[':before'] = previousLockedThrough;
    try {
      await commit(
        db,
        {
          items: [
            {
              Update: {
                Key: booksKey(unitId),
                UpdateExpression: `SET #kind = :kind, unitId = :unitId${lockedThrough !== null ? ', lockedThrough = :after' : ''}${lockedThrough === null ? ' REMOVE lockedThrough' : ''}`,
                ConditionExpression: `attribute_not_exists(closedAt) AND ${previousLockedThrough === null ? 'attribute_not_exists(lockedThrough)' : 'lockedThrough = :before'}`,
                ExpressionAttributeNames: { '#kind': 'kind' },
                ExpressionAttributeValues: values,
                ReturnValuesOnConditionCheckFailure: ALL_OLD,
              },
            },
            {
              Put: {
                Item: {
                  ...periodLogKey(unitId, change.month, change.at, ctx.newId()),
                  kind: KIND.periodLog,
                  ...change,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
          events: [...events],
          audit: [
            {
              entityType: 'books',
              entityId: unitId,
              action: change.action === 'lock' ? 'lock-period' : 'reopen-period',
              before: { lockedThrough: previousLockedThrough },
              after: { lockedThrough, month: change.month, note: change.note, reason: change.reason },
            },
          ],
        },
        ctx,
      );
    } catch (error) {
      if (isBooksClosedFailure(error)) throw booksClosed(unitId);
      if (error instanceof ConditionFailedError && error.index === 0) throw new TransactionConflictError(error);
      throw error;
    }
  }

  /** The locks and reopenings of a year's months, oldest first; one Query. */
  async function periodLog(unitId: string, year: number): Promise<LockChangeRecord[]> {
    const items = await queryAll(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': ledgerPk(unitId), ':prefix': `${PERIOD_LOG_PREFIX}${year}-` },
    });
    return items.map((i) => stripKeys<LockChangeRecord>(i)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  /**
   * The ledger's own consistency for the monthly reconciliation, in two
   * Queries whatever the number of postings before the month: one for the
   * balance and movement items, one for the month's postings.
   *
   * Per account, `sumOfPostings` is the movements of every other period plus
   * the month's posting lines: it equals the stored balance exactly when the
   * balance matches its movements and the month's movements match the month's
   * postings. The trial balance sums debit and credit balances, equal when the
   * books balance. Queries are not snapshots, so a posting committing between
   * them can make a run look inconsistent: a run that finds a difference reads
   * again, up to three times, and reports the last.
   */
  async function ledgerCheck(unitId: string, month: Month): Promise<LedgerCheckDetail> {
    let result = await checkOnce(unitId, month);
    for (let again = 0; again < 2 && !result.consistent; again++) result = await checkOnce(unitId, month);
    return result;
  }

  async function checkOnce(unitId: string, month: Month): Promise<LedgerCheckDetail> {
    const pk = ledgerPk(unitId);
    const [accountItems, postingItems] = await Promise.all([
      queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': pk, ':lo': BALANCE_PREFIX, ':hi': 'MOV$' },
      }),
      queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: {
          ':pk': pk,
          ':lo': `${POSTING_PREFIX}${firstDayOf(month)}`,
          ':hi': `${POSTING_PREFIX}${lastDayOf(month)}#${END}`,
        },
        ProjectionExpression: '#lines',
        ExpressionAttributeNames: { '#lines': 'lines' },
      }),
    ]);
    const detail = new Map<string, LedgerAccountDetail>();
    const of = (account: string) => {
      let d = detail.get(account);
      if (!d) {
        d = { account, balance: 0, sumOfPostings: 0, movements: 0, monthMovement: 0, monthPostings: 0 };
        detail.set(account, d);
      }
      return d;
    };
    let debitTurnover = 0;
    let creditTurnover = 0;
    for (const item of accountItems) {
      if (item.kind !== KIND.balance && item.kind !== KIND.movement) continue;
      const { debit: d, credit: c } = figuresOf(item);
      const net = d - c;
      if (item.kind === KIND.balance) {
        of(String(item.account)).balance = stored(item, 'balance');
        debitTurnover += d;
        creditTurnover += c;
      } else {
        const d = of(String(item.account));
        d.movements += net;
        if (item.period === month) d.monthMovement = net;
      }
    }
    for (const item of postingItems) {
      for (const line of (item.lines ?? []) as { account: string; debit: number; credit: number }[]) {
        of(line.account).monthPostings += line.debit - line.credit;
      }
    }
    let debit = 0;
    let credit = 0;
    const accounts = [...detail.values()].sort((a, b) => a.account.localeCompare(b.account));
    for (const a of accounts) {
      a.sumOfPostings = a.movements - a.monthMovement + a.monthPostings;
      if (a.balance > 0) debit += a.balance;
      else credit -= a.balance;
    }
    const consistent =
      debit === credit &&
      debitTurnover === creditTurnover &&
      accounts.every((a) => a.balance === a.movements && a.monthMovement === a.monthPostings);
    return { unitId, month, accounts, trialBalance: { debit, credit }, postings: postingItems.length, consistent };
  }

  return {
    prepare,
    post,
    reverse,
    get,
    listPostings,
    balances,
    movements,
    vouchers,
    booksState,
    changeLock,
    periodLog,
    retry: withLedgerRetry,
    closeBooksItem,
    ledgerCheck,
  } satisfies Ledger & Record<string, unknown>;
}

/** The ledger over the finance table: the `Ledger` port, and what other adapters and tests reach for. */
export type LedgerStore = ReturnType<typeof createLedger>;

/** The voucher item keeps the item kind in `kind`, so the voucher's own kind is stored as `voucherKind`. */
const voucherItem = ({ kind, ...v }: Voucher) => ({ ...v, kind: KIND.voucher, voucherKind: kind });

function voucherFromItem(item: Record<string, unknown>): Voucher {
  return {
    number: String(item.number),
    kind: item.voucherKind as VoucherKind,
    year: Number(item.year),
    n: Number(item.n),
    postingId: String(item.postingId),
    date: String(item.date),
    memo: String(item.memo),
    amount: Number(item.amount),
    reversedBy: (item.reversedBy as string | undefined) ?? null,
    createdAt: String(item.createdAt),
    createdBy: String(item.createdBy),
  };
}
