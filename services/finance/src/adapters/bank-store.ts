import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type BankLineView, type BankStatementView, boundStartKey } from '@congdoan/contracts';
import {
  type AuditEntry,
  ConditionFailedError,
  commit,
  type Db,
  TransactionConflictError,
  type WriteItem,
} from '@congdoan/ddb';
import {
  BankLineRecordedError,
  type BankStore,
  StatementOvertakenError,
  type SummaryDelta,
} from '../app/bank/ports.ts';
import type { StatementLine } from '../domain/bank/statement.ts';
import { taxIdIndex } from './keys.ts';
import {
  BANK_CHUNK_PREFIX,
  bankLineKey,
  bankLinesIndex,
  bankStatementChunkKey,
  bankStatementKey,
  bankStatementsIndex,
  statementLinesIndex,
} from './levy-keys.ts';
import { levyMonthMoved, levyPaymentRecorded, paymentWrites } from './levy-store.ts';

const BANK_KIND = { statement: 'bank-statement', line: 'bank-line', chunk: 'bank-statement-chunk' } as const;

/** Parsed lines per stored chunk: 250 lines of at most ~1.3 KB stay far below DynamoDB's 400 KB item limit. */
const CHUNK_LINES = 250;

const ALL_OLD = 'ALL_OLD' as const;
/** The key attributes of a page of a gsi1 list: the table's key and the index's. */
const INDEX_KEY = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

/** Which of a line transaction's conditions failed. */
const failedKind = (error: unknown) => (error instanceof ConditionFailedError ? error.item?.kind : undefined);

const lineAudit = (line: BankLineView, action: string, before: BankLineView | null = null): AuditEntry => ({
  entityType: 'bank-line',
  entityId: line.id,
  action,
  before,
  after: line,
});

function strip<T>(item: Record<string, unknown>): T {
  const {
    pk: _pk,
    sk: _sk,
    kind: _kind,
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    continuations: _e,
    ...rest
  } = item;
  return rest as T;
}

const lineItem = (line: BankLineView) => ({
  ...bankLineKey(line.id),
  kind: BANK_KIND.line,
  ...line,
  ...bankLinesIndex(line.unitId, line.status, line.date, line.id),
  ...statementLinesIndex(line.statementId, line.row),
});

function statementPut(statement: BankStatementView): WriteItem {
  return {
    Put: {
      Item: {
        ...bankStatementKey(statement.id),
        kind: BANK_KIND.statement,
        ...statement,
        ...bankStatementsIndex(statement.unitId, statement.importedAt, statement.id),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Adds one line's outcome to the statement's summary (ADD, so lines never overwrite each other). */
function statementCountersItem(statementId: string, delta: SummaryDelta): WriteItem {
  const entries = Object.entries(delta).filter(([, v]) => v !== undefined && v !== 0) as [string, number][];
  return {
    Update: {
      Key: bankStatementKey(statementId),
      UpdateExpression: `ADD ${entries.map(([k]) => `summary.#${k} :${k}`).join(', ')}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k]) => [`#${k}`, k])),
      ReturnValuesOnConditionCheckFailure: ALL_OLD,
      ExpressionAttributeValues: Object.fromEntries(entries.map(([k, v]) => [`:${k}`, v])),
    },
  };
}

/**
 * Moves an import past line `index` (0-based), adding the line's outcome to
 * the summary, only if nobody else handled that line first: the condition on
 * `processed` lets a single worker advance an import, however often its
 * continuation is delivered. The last line completes it.
 */
function statementProgressItem(
  statementId: string,
  index: number,
  total: number,
  delta: SummaryDelta,
  duplicate?: BankStatementView['duplicates'][number],
  conflict?: BankStatementView['conflicts'][number],
): WriteItem {
  const entries = Object.entries(delta).filter(([, v]) => v !== undefined && v !== 0) as [string, number][];
  const sets = ['#processed = :next'];
  const values: Record<string, unknown> = { ':next': index + 1, ':index': index };
  if (index + 1 === total) {
    sets.push('#status = :complete');
    values[':complete'] = 'complete';
  }
  if (duplicate) {
    sets.push('duplicates = list_append(duplicates, :dup)');
    values[':dup'] = [duplicate];
  }
  if (conflict) {
    sets.push('conflicts = list_append(if_not_exists(conflicts, :none), :conflict)');
    values[':conflict'] = [conflict];
    values[':none'] = [];
  }
  for (const [k, v] of entries) values[`:${k}`] = v;
  return {
    Update: {
      Key: bankStatementKey(statementId),
      UpdateExpression: `SET ${sets.join(', ')}${entries.length > 0 ? ` ADD ${entries.map(([k]) => `summary.#${k} :${k}`).join(', ')}` : ''}`,
      ConditionExpression: '#processed = :index',
      ExpressionAttributeNames: {
        '#processed': 'processed',
        ...(index + 1 === total ? { '#status': 'status' } : {}),
        ...Object.fromEntries(entries.map(([k]) => [`#${k}`, k])),
      },
      ExpressionAttributeValues: values,
      ReturnValuesOnConditionCheckFailure: ALL_OLD,
    },
  };
}

/** Notes that the import's continuation was queued at line `index`, only if it still stands there. */
function statementContinuationItem(statementId: string, index: number): WriteItem {
  return {
    Update: {
      Key: bankStatementKey(statementId),
      UpdateExpression: 'ADD continuations :one',
      ConditionExpression: '#processed = :index',
      ExpressionAttributeNames: { '#processed': 'processed' },
      ExpressionAttributeValues: { ':one': 1, ':index': index },
      ReturnValuesOnConditionCheckFailure: ALL_OLD,
    },
  };
}

/** The file's parsed lines, stored with the import for the background to continue from. */
function chunkItems(statementId: string, lines: readonly StatementLine[]): WriteItem[] {
  const items: WriteItem[] = [];
  for (let n = 0; n * CHUNK_LINES < lines.length; n++) {
    items.push({
      Put: {
        Item: {
          ...bankStatementChunkKey(statementId, n),
          kind: BANK_KIND.chunk,
          lines: lines.slice(n * CHUNK_LINES, (n + 1) * CHUNK_LINES),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  return items;
}

/** Records a line seen for the first time; fails (kind `bank-line`) when the account already has its reference. */
function linePut(line: BankLineView): WriteItem {
  return {
    Put: {
      Item: lineItem(line),
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: ALL_OLD,
    },
  };
}

/** Rewrites a line only if it is still at `expectedVersion` and not matched. */
function lineUpdate(line: BankLineView, expectedVersion: number): WriteItem {
  return {
    Put: {
      Item: lineItem(line),
      ConditionExpression: '#version = :v AND #status <> :matched',
      ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
      ExpressionAttributeValues: { ':v': expectedVersion, ':matched': 'matched' },
      ReturnValuesOnConditionCheckFailure: ALL_OLD,
    },
  };
}

export function createBankStore(db: Db): BankStore {
  const { client, tableName } = db;

  async function getItem(key: { pk: string; sk: string }) {
    return (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  }

  return {
    async getStatement(id) {
      const item = await getItem(bankStatementKey(id));
      return item ? strip<BankStatementView>(item) : undefined;
    },

    async statementFileLines(statementId) {
      const lines: StatementLine[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :chunk)',
            ExpressionAttributeValues: { ':pk': bankStatementKey(statementId).pk, ':chunk': BANK_CHUNK_PREFIX },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of out.Items ?? []) lines.push(...(item.lines as StatementLine[]));
        startKey = out.LastEvaluatedKey;
      } while (startKey);
      return lines;
    },

    async listStatements(unitId, limit, startKey) {
      const gsi1pk = bankStatementsIndex(unitId, '', '').gsi1pk;
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': gsi1pk },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: boundStartKey(startKey, { gsi1pk }, INDEX_KEY),
        }),
      );
      return {
        items: (out.Items ?? []).map((i) => strip<BankStatementView>(i)),
        lastKey: out.LastEvaluatedKey,
      };
    },

    async getLine(id) {
      const item = await getItem(bankLineKey(id));
      return item ? strip<BankLineView>(item) : undefined;
    },

    /** Lines of the account's unit with a status, oldest first (gsi1). */
    async listLines(unitId, status, limit, startKey) {
      const gsi1pk = bankLinesIndex(unitId, status, '', '').gsi1pk;
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': gsi1pk },
          Limit: limit,
          ExclusiveStartKey: boundStartKey(startKey, { gsi1pk }, INDEX_KEY),
        }),
      );
      return { items: (out.Items ?? []).map((i) => strip<BankLineView>(i)), lastKey: out.LastEvaluatedKey };
    },

    /** Every line an import recorded, in file order (gsi2). */
    async statementLines(statementId) {
      const lines: BankLineView[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': statementLinesIndex(statementId, 0).gsi2pk },
            ExclusiveStartKey: startKey,
          }),
        );
        lines.push(...(out.Items ?? []).map((i) => strip<BankLineView>(i)));
        startKey = out.LastEvaluatedKey;
      } while (startKey);
      return lines;
    },

    /** The units whose agency has the tax ID (the profiles' gsi1), as matching needs them. */
    async taxIdHolders(taxId) {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': taxIdIndex(taxId, '').gsi1pk },
        }),
      );
      return (out.Items ?? []).map((i) => ({
        unitId: String(i.unitId),
        level: String(i.level),
        parentId: (i.parentId as string | null | undefined) ?? null,
      }));
    },

    async saveStatement(statement, lines, ctx) {
      await commit(
        db,
        {
          items: [statementPut(statement), ...chunkItems(statement.id, lines)],
          audit: [
            { entityType: 'bank-statement', entityId: statement.id, action: 'import', before: null, after: statement },
          ],
        },
        ctx,
      );
    },

    async recordKnownLine(progress, known, ctx) {
      try {
        await commit(
          db,
          {
            items: [statementProgressItem(progress.statementId, progress.index, progress.total, progress.delta, known)],
            audit: [
              {
                entityType: 'bank-statement',
                entityId: progress.statementId,
                action: 'duplicate-line',
                before: null,
                after: known,
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        if (failedKind(error) === BANK_KIND.statement) throw new StatementOvertakenError(progress.statementId);
        throw error;
      }
    },

    async recordLine(line, progress, ctx, payment) {
      const paid = payment ? paymentWrites(payment.change) : { items: [], audit: [] };
      try {
        await commit(
          db,
          {
            items: [
              linePut(line),
              ...paid.items,
              statementProgressItem(
                progress.statementId,
                progress.index,
                progress.total,
                progress.delta,
                undefined,
                progress.conflict,
              ),
            ],
            events: payment?.events ?? [],
            audit: [...paid.audit, lineAudit(line, payment ? 'match' : 'import')],
          },
          ctx,
        );
      } catch (error) {
        if (failedKind(error) === BANK_KIND.statement) throw new StatementOvertakenError(progress.statementId);
        // Another import recorded the same line (or its payment) first.
        if (failedKind(error) === BANK_KIND.line || levyPaymentRecorded(error))
          throw new BankLineRecordedError(line.id);
        // A month the amount was fitted to was paid meanwhile: fit it again.
        if (levyMonthMoved(error)) throw new TransactionConflictError(error);
        throw error;
      }
    },

    async decideLine(before, after, decision, ctx) {
      const paid = decision.payment ? paymentWrites(decision.payment.change) : { items: [], audit: [] };
      const counters = decision.counters ? [statementCountersItem(after.statementId, decision.counters)] : [];
      try {
        await commit(
          db,
          {
            items: [lineUpdate(after, before.version), ...paid.items, ...counters],
            events: decision.payment?.events ?? [],
            audit: [...paid.audit, lineAudit(after, decision.action, before)],
          },
          ctx,
        );
      } catch (error) {
        // The line moved (another confirmation or an ignore) or a month's figure did: read again.
        if (failedKind(error) === BANK_KIND.line || levyMonthMoved(error)) throw new TransactionConflictError(error);
        if (levyPaymentRecorded(error)) throw new BankLineRecordedError(after.id);
        throw error;
      }
    },

    async queueContinuation(statementId, index, ctx, events) {
      try {
        await commit(db, { items: [statementContinuationItem(statementId, index)], events }, ctx);
        return true;
      } catch (error) {
        if (failedKind(error) === BANK_KIND.statement) return false;
        throw error;
      }
    },
  };
}
