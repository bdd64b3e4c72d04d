import { gunzipSync, gzipSync } from 'node:zlib';
import { BatchGetCommand, type BatchGetCommandOutput, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ReconciliationRequested } from '@congdoan/contracts';
import { type AuditEntry, ConditionFailedError, commit, type Db, event, queryAll, type WriteItem } from '@congdoan/ddb';
import {
  type ReconciliationStore,
  type ReportSummary,
  type RunFailure,
  type RunRecord,
  type RunUnitState,
  StaleReportError,
  type StoredReport,
  summaryOf,
  UnitAlreadyQueuedError,
} from '../app/reconciliation/ports.ts';
import type { Discrepancy } from '../domain/reconciliation/reconcile.ts';
import { commitOnce } from './commit-once.ts';
import {
  REPORT_SK_PREFIX,
  RUN_COUNTER_PREFIX,
  RUN_FAILURE_PREFIX,
  reportKey,
  reportPk,
  runCounterKey,
  runFailureKey,
  runKey,
  runUnitKey,
} from './reconciliation-keys.ts';

const KIND = {
  run: 'reconciliation-run',
  runCounter: 'reconciliation-run-counter',
  runUnit: 'reconciliation-run-unit',
  runFailure: 'reconciliation-run-failure',
  report: 'reconciliation-report',
};

/** Counters the workers raise, in the run's shards; `unitsQueued` stays on the run (the fan-out is sequential). */
const SHARDED = ['unitsDone', 'unitsFailed', 'unitsWithDiscrepancies', 'discrepancies'] as const;

/** BatchGetItem takes at most 100 keys. */
const BATCH_GET_KEYS = 100;

const SUMMARY_FIELDS = ['unitId', 'month', 'runId', 'version', 'generatedAt', 'asOf', 'totals', 'counts'] as const;

function toRun(item: Record<string, unknown>): RunRecord {
  const { pk: _pk, sk: _sk, kind: _kind, ...run } = item;
  return { ...(run as unknown as RunRecord), failures: [] };
}

function toFailure(item: Record<string, unknown>): RunFailure {
  return {
    unitId: String(item.unitId),
    code: String(item.code),
    message: item.message as RunFailure['message'],
    attempts: Number(item.attempts ?? 1),
    at: String(item.at),
  };
}

function toSummary(item: Record<string, unknown>): ReportSummary {
  return Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, item[f]])) as unknown as ReportSummary;
}

/**
 * The discrepancies are stored gzipped in one attribute: a CĐCS of a thousand
 * members who all paid short gives a thousand dues discrepancies, each with its
 * formula, far under DynamoDB's 400 KB item limit once compressed (they repeat).
 */
const pack = (discrepancies: readonly Discrepancy[]) => gzipSync(Buffer.from(JSON.stringify(discrepancies), 'utf8'));
const unpack = (body: unknown): Discrepancy[] =>
  body instanceof Uint8Array ? (JSON.parse(gunzipSync(body).toString('utf8')) as Discrepancy[]) : [];

function reportAudit(
  report: StoredReport,
  action: string,
  before: ReportSummary | undefined,
  extra: Record<string, unknown> = {},
): AuditEntry {
  return {
    entityType: 'reconciliation-report',
    entityId: `${report.unitId}#${report.month}`,
    action,
    before: before ?? null,
    after: { ...summaryOf(report), ...extra },
  };
}

export function createReconciliationStore(db: Db): ReconciliationStore {
  const { client, tableName } = db;

  /** ADD to counters of `key` (the run, or one of its counter shards, which the ADD creates). */
  const addTo = (
    key: { pk: string; sk: string },
    add: Record<string, number>,
    at: string,
    condition?: string,
  ): WriteItem => {
    const names: Record<string, string> = { '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':at': at };
    const adds = Object.entries(add).map(([field, n]) => {
      names[`#${field}`] = field;
      values[`:${field}`] = n;
      return `#${field} :${field}`;
    });
    return {
      Update: {
        Key: key,
        UpdateExpression: `ADD ${adds.join(', ')} SET #updatedAt = :at, #kind = :kind`,
        ...(condition ? { ConditionExpression: condition } : {}),
        ExpressionAttributeNames: { ...names, '#kind': 'kind' },
        ExpressionAttributeValues: { ...values, ':kind': key.sk === 'RUN' ? KIND.run : KIND.runCounter },
      },
    };
  };

  return {
    async createRun(run, ctx) {
      // The failures are items of their own, written by each unit's failure.
      const { failures: _failures, ...fields } = run;
      return commitOnce(
        db,
        {
          items: [
            {
              Put: {
                Item: { ...runKey(run.id), kind: KIND.run, ...fields },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
          audit: [{ entityType: 'reconciliation-run', entityId: run.id, action: 'created', before: null, after: run }],
        },
        ctx,
      );
    },

    /** The run, its counter shards summed and its failures: a GetItem and one Query (`COUNT#` … `FAILED#`). */
    async getRun(runId) {
      const [{ Item }, parts] = await Promise.all([
        client.send(new GetCommand({ TableName: tableName, Key: runKey(runId), ConsistentRead: true })),
        queryAll(db, {
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
          ExpressionAttributeValues: {
            ':pk': runKey(runId).pk,
            ':lo': RUN_COUNTER_PREFIX,
            ':hi': `${RUN_FAILURE_PREFIX}\uffff`,
          },
        }),
      ]);
      if (!Item) return undefined;
      const run = toRun(Item);
      for (const field of SHARDED) run[field] = 0;
      for (const part of parts) {
        if (part.kind === KIND.runFailure) {
          run.failures.push(toFailure(part));
          continue;
        }
        for (const field of SHARDED) run[field] += Number(part[field] ?? 0);
        if (String(part.updatedAt) > run.updatedAt) run.updatedAt = String(part.updatedAt);
      }
      return run;
    },

    async queuedUnits(runId, unitIds) {
      const found = new Set<string>();
      for (let i = 0; i < unitIds.length; i += BATCH_GET_KEYS) {
        let keys: Record<string, unknown>[] | undefined = unitIds
          .slice(i, i + BATCH_GET_KEYS)
          .map((unitId) => runUnitKey(runId, unitId));
        while (keys && keys.length > 0) {
          const out: BatchGetCommandOutput = await client.send(
            new BatchGetCommand({
              RequestItems: { [tableName]: { Keys: keys, ProjectionExpression: 'unitId', ConsistentRead: true } },
            }),
          );
          for (const item of out.Responses?.[tableName] ?? []) found.add(String(item.unitId));
          keys = out.UnprocessedKeys?.[tableName]?.Keys;
        }
      }
      return found;
    },

    async queueUnits(run, unitIds, ctx) {
      const at = ctx.now().toISOString();
      // Markers first: a failed condition's index is the unit's position.
      await commit(
        db,
        {
          items: [
            ...unitIds.map(
              (unitId): WriteItem => ({
                Put: {
                  Item: {
                    ...runUnitKey(run.id, unitId),
                    kind: KIND.runUnit,
                    runId: run.id,
                    unitId,
                    state: 'queued',
                    queuedAt: at,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              }),
            ),
            addTo(runKey(run.id), { unitsQueued: unitIds.length }, at, 'attribute_exists(pk)'),
          ],
          events: unitIds.map((unitId) =>
            event(ReconciliationRequested, { runId: run.id, unitId, month: run.month, asOf: run.asOf }),
          ),
          audit: [
            {
              entityType: 'reconciliation-run',
              entityId: run.id,
              action: 'units-queued',
              before: null,
              after: { month: run.month, unitIds },
            },
          ],
        },
        ctx,
      ).catch((error: unknown) => {
        const queued = error instanceof ConditionFailedError ? unitIds[error.index] : undefined;
        throw queued === undefined ? error : new UnitAlreadyQueuedError(queued);
      });
    },

    async markFannedOut(runId, ctx) {
      const at = ctx.now().toISOString();
      await commit(
        db,
        {
          items: [
            {
              Update: {
                Key: runKey(runId),
                UpdateExpression: 'SET fannedOut = :yes, updatedAt = :at',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':yes': true, ':at': at },
              },
            },
          ],
          audit: [
            {
              entityType: 'reconciliation-run',
              entityId: runId,
              action: 'fanned-out',
              before: null,
              after: { fannedOut: true },
            },
          ],
        },
        ctx,
      );
    },

    async unitState(runId, unitId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: runUnitKey(runId, unitId), ConsistentRead: true }),
      );
      return Item ? (Item.state as RunUnitState) : undefined;
    },

    async getReport(unitId, month) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: reportKey(unitId, month), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return {
        ...toSummary(Item),
        contentHash: String(Item.contentHash),
        fingerprints: (Item.fingerprints ?? []) as string[],
        pending: (Item.pending ?? []) as string[],
        discrepancies: unpack(Item.body),
      };
    },

    async listReports(unitId, year) {
      const names = Object.fromEntries(SUMMARY_FIELDS.map((f) => [`#${f}`, f]));
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': reportPk(unitId),
          ':from': `${REPORT_SK_PREFIX}${year}-01`,
          ':to': `${REPORT_SK_PREFIX}${year}-12`,
        },
        ProjectionExpression: Object.keys(names).join(', '),
        ExpressionAttributeNames: names,
        ConsistentRead: false,
      });
      return items.map(toSummary);
    },

    async saveReport({ runId, report, previousVersion, events, before }, ctx) {
      const at = ctx.now().toISOString();
      const n = report.discrepancies.length;
      const { discrepancies, ...fields } = report;
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: {
                    ...reportKey(report.unitId, report.month),
                    kind: KIND.report,
                    ...fields,
                    body: pack(discrepancies),
                  },
                  ...(previousVersion === undefined
                    ? { ConditionExpression: 'attribute_not_exists(pk)' }
                    : {
                        ConditionExpression: '#version = :read',
                        ExpressionAttributeNames: { '#version': 'version' },
                        ExpressionAttributeValues: { ':read': previousVersion },
                      }),
                },
              },
              {
                Update: {
                  Key: runUnitKey(runId, report.unitId),
                  UpdateExpression: 'SET #state = :done, doneAt = :at, discrepancies = :n, reportVersion = :v',
                  ConditionExpression: '#state = :queued',
                  ExpressionAttributeNames: { '#state': 'state' },
                  ExpressionAttributeValues: {
                    ':done': 'done',
                    ':queued': 'queued',
                    ':at': at,
                    ':n': n,
                    ':v': report.version,
                  },
                },
              },
              addTo(
                runCounterKey(runId, report.unitId),
                { unitsDone: 1, discrepancies: n, unitsWithDiscrepancies: n > 0 ? 1 : 0 },
                at,
              ),
            ],
            events,
            audit: [reportAudit(report, before ? 'replaced' : 'created', before, { pending: report.pending.length })],
          },
          ctx,
        );
        return 'saved';
      } catch (error) {
        if (error instanceof ConditionFailedError) {
          if (error.index === 0) throw new StaleReportError(report.unitId, report.month);
          if (error.index === 1) return 'duplicate';
        }
        throw error;
      }
    },

    async announce(report, events, remaining, ctx) {
      await commit(
        db,
        {
          items: [
            {
              Update: {
                Key: reportKey(report.unitId, report.month),
                UpdateExpression: 'SET pending = :rest, #version = :next',
                ConditionExpression: '#version = :read',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: {
                  ':rest': [...remaining],
                  ':next': report.version + 1,
                  ':read': report.version,
                },
              },
            },
          ],
          events,
          audit: [
            reportAudit({ ...report, version: report.version + 1 }, 'discrepancies-announced', undefined, {
              announced: events.length,
              pending: remaining.length,
            }),
          ],
        },
        ctx,
      ).catch((error: unknown) => {
        // Another run replaced the report meanwhile: what is still owed is that run's to announce.
        throw error instanceof ConditionFailedError ? new StaleReportError(report.unitId, report.month) : error;
      });
    },

    async recordFailure(runId, unitId, reason, ctx) {
      const at = ctx.now().toISOString();
      try {
        await commit(
          db,
          {
            items: [
              {
                Update: {
                  Key: runUnitKey(runId, unitId),
                  UpdateExpression: 'SET #state = :failed, failedAt = :at, #error = :error',
                  ConditionExpression: '#state = :queued',
                  ExpressionAttributeNames: { '#state': 'state', '#error': 'error' },
                  ExpressionAttributeValues: { ':failed': 'failed', ':queued': 'queued', ':at': at, ':error': reason },
                },
              },
              addTo(runCounterKey(runId, unitId), { unitsFailed: 1 }, at),
              {
                Put: {
                  Item: { ...runFailureKey(runId, unitId), kind: KIND.runFailure, runId, unitId, ...reason, at },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
            audit: [
              {
                entityType: 'reconciliation-run',
                entityId: runId,
                action: 'unit-failed',
                before: null,
                after: { unitId, ...reason },
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        // Already done or failed by an earlier delivery.
        if (error instanceof ConditionFailedError && error.index === 0) return;
        throw error;
      }
    },
  };
}
