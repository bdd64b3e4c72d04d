import { gunzipSync, gzipSync } from 'node:zlib';
import { BatchGetCommand, type BatchGetCommandOutput, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ReconciliationRequested } from '@congdoan/contracts';
import {
  type AuditEntry,
  ConditionFailedError,
  commit,
  type Db,
  event,
  JOB_LEASE_MS,
  jobLeaseIndex,
  queryAll,
  type WriteItem,
} from '@congdoan/ddb';
import { RECONCILIATION_RUN_JOB } from '../app/reconciliation/jobs.ts';
import {
  type ReconciliationStore,
  type ReportSummary,
  type RunFailure,
  RunLeaseLostError,
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
  RUN_UNIT_PREFIX,
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

/** The run item as stored; runs written before the background-job fields existed read as no lease held. */
function toRun(item: Record<string, unknown>): RunRecord {
  const { pk: _pk, sk: _sk, kind: _kind, gsi2pk: _gsi2pk, gsi2sk: _gsi2sk, ...run } = item;
  return {
    ...(run as unknown as RunRecord),
    failures: [],
    unitIds: (item.unitIds ?? null) as string[] | null,
    leaseHolder: (item.leaseHolder ?? null) as string | null,
    leaseUntil: Number(item.leaseUntil ?? 0),
    progressAt: String(item.progressAt ?? item.updatedAt),
    attempts: Number(item.attempts ?? 0),
  };
}

/** The lease index entry of a run whose lease lapses at `until`, as `SET` values. */
const leaseValues = (runId: string, until: number) => {
  const index = jobLeaseIndex(RECONCILIATION_RUN_JOB, runId, until) as { gsi2pk: string; gsi2sk: string };
  return { ':leasePk': index.gsi2pk, ':leaseSk': index.gsi2sk, ':leaseUntil': until };
};
const SET_LEASE = 'gsi2pk = :leasePk, gsi2sk = :leaseSk, leaseUntil = :leaseUntil';

/** The condition that `holder` still holds the run's lease: a failure means another took the run over. */
const held = (runId: string, error: unknown) => {
  throw error instanceof ConditionFailedError ? new RunLeaseLostError(runId) : error;
};

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

  /** ADD to counters of one of the run's counter shards (which the ADD creates). */
  const addTo = (key: { pk: string; sk: string }, add: Record<string, number>, at: string): WriteItem => {
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
        ExpressionAttributeNames: { ...names, '#kind': 'kind' },
        ExpressionAttributeValues: { ...values, ':kind': KIND.runCounter },
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
                Item: {
                  ...runKey(run.id),
                  kind: KIND.run,
                  ...fields,
                  // While queueing or running: found by finance's sweeper once its lease lapses.
                  ...jobLeaseIndex(RECONCILIATION_RUN_JOB, run.id, run.leaseUntil),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
          audit: [{ entityType: 'reconciliation-run', entityId: run.id, action: 'created', before: null, after: run }],
        },
        ctx,
      );
    },

    /**
     * The run, its counter shards summed and its failures: one Query (`COUNT#` …
     * `FAILED#` … `RUN`). A shard changes only when a unit settles, so the last
     * shard written is the run's last progress.
     */
    async getRun(runId) {
      const parts = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': runKey(runId).pk, ':lo': RUN_COUNTER_PREFIX, ':hi': runKey(runId).sk },
      });
      const item = parts.find((part) => part.sk === runKey(runId).sk);
      if (!item) return undefined;
      const run = toRun(item);
      for (const field of SHARDED) run[field] = 0;
      for (const part of parts) {
        if (part === item) continue;
        if (part.kind === KIND.runFailure) {
          run.failures.push(toFailure(part));
          continue;
        }
        for (const field of SHARDED) run[field] += Number(part[field] ?? 0);
        const at = String(part.updatedAt);
        if (at > run.updatedAt) run.updatedAt = at;
        if (at > run.progressAt) run.progressAt = at;
      }
      return run;
    },

    async pendingUnits(runId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :unit)',
        FilterExpression: '#state = :queued',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':pk': runKey(runId).pk, ':unit': RUN_UNIT_PREFIX, ':queued': 'queued' },
        ProjectionExpression: 'unitId',
      });
      return items.map((item) => String(item.unitId));
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

    async queueUnits(run, unitIds, holder, ctx) {
      const now = ctx.now();
      const at = now.toISOString();
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
            {
              Update: {
                Key: runKey(run.id),
                // A checkpoint: the holder's lease renewed with the units it queued.
                UpdateExpression: `ADD unitsQueued :n SET updatedAt = :at, progressAt = :at, ${SET_LEASE}`,
                ConditionExpression: 'leaseHolder = :holder',
                ExpressionAttributeValues: {
                  ':n': unitIds.length,
                  ':at': at,
                  ':holder': holder,
                  ...leaseValues(run.id, now.getTime() + JOB_LEASE_MS),
                },
              },
            },
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
        if (error instanceof ConditionFailedError && error.index === unitIds.length) held(run.id, error);
        const queued = error instanceof ConditionFailedError ? unitIds[error.index] : undefined;
        throw queued === undefined ? error : new UnitAlreadyQueuedError(queued);
      });
    },

    async markFannedOut(runId, holder, ctx) {
      const now = ctx.now();
      const at = now.toISOString();
      await commit(
        db,
        {
          items: [
            {
              Update: {
                Key: runKey(runId),
                // No one holds the lease from now on: it runs a lease's time after the last progress.
                UpdateExpression: `SET fannedOut = :yes, leaseHolder = :none, updatedAt = :at, progressAt = :at, ${SET_LEASE}`,
                ConditionExpression: 'leaseHolder = :holder',
                ExpressionAttributeValues: {
                  ':yes': true,
                  ':none': null,
                  ':at': at,
                  ':holder': holder,
                  ...leaseValues(runId, now.getTime() + JOB_LEASE_MS),
                },
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
      ).catch((error: unknown) => held(runId, error));
    },

    async takeOver(run, holder, events, ctx) {
      const now = ctx.now();
      const legacy = run.attempts === 0;
      await commit(
        db,
        {
          items: [
            {
              Update: {
                Key: runKey(run.id),
                UpdateExpression: `SET leaseHolder = :holder, attempts = :next, updatedAt = :at, ${SET_LEASE}`,
                // Nobody claimed or renewed the lease since it was read.
                ConditionExpression: legacy
                  ? 'attribute_exists(pk) AND attribute_not_exists(attempts)'
                  : 'attempts = :read AND leaseUntil = :readUntil',
                ExpressionAttributeValues: {
                  ':holder': holder,
                  ':next': run.attempts + 1,
                  ':at': now.toISOString(),
                  ...(legacy ? {} : { ':read': run.attempts, ':readUntil': run.leaseUntil }),
                  ...leaseValues(run.id, now.getTime() + JOB_LEASE_MS),
                },
              },
            },
          ],
          events,
          audit: [
            {
              entityType: 'reconciliation-run',
              entityId: run.id,
              action: 'taken-over',
              before: { leaseHolder: run.leaseHolder, leaseUntil: run.leaseUntil, progressAt: run.progressAt },
              after: { fannedOut: run.fannedOut, attempts: run.attempts + 1, requeued: events.length },
            },
          ],
        },
        ctx,
      ).catch((error: unknown) => held(run.id, error));
    },

    async requeueUnits(run, unitIds, ctx) {
      await commit(
        db,
        {
          items: [{ ConditionCheck: { Key: runKey(run.id), ConditionExpression: 'attribute_exists(pk)' } }],
          events: unitIds.map((unitId) =>
            event(ReconciliationRequested, { runId: run.id, unitId, month: run.month, asOf: run.asOf }),
          ),
          audit: [
            {
              entityType: 'reconciliation-run',
              entityId: run.id,
              action: 'units-requeued',
              before: null,
              after: { month: run.month, unitIds },
            },
          ],
        },
        ctx,
      );
    },

    async extendLease(runId, until, ctx) {
      await commit(
        db,
        {
          items: [
            {
              Update: {
                Key: runKey(runId),
                UpdateExpression: `SET ${SET_LEASE}`,
                // Only a fanned-out run on the index, and only later: a holder's lease is its own to renew.
                ConditionExpression: 'attribute_exists(gsi2pk) AND fannedOut = :yes AND leaseUntil < :leaseUntil',
                ExpressionAttributeValues: { ':yes': true, ...leaseValues(runId, until) },
              },
            },
          ],
        },
        ctx,
      ).catch((error: unknown) => {
        if (!(error instanceof ConditionFailedError)) throw error;
      });
    },

    async finishRun(runId, ctx) {
      await commit(
        db,
        {
          items: [
            {
              Update: {
                Key: runKey(runId),
                UpdateExpression: 'SET updatedAt = :at REMOVE gsi2pk, gsi2sk',
                ConditionExpression: 'attribute_exists(gsi2pk)',
                ExpressionAttributeValues: { ':at': ctx.now().toISOString() },
              },
            },
          ],
          audit: [
            { entityType: 'reconciliation-run', entityId: runId, action: 'settled', before: null, after: { runId } },
          ],
        },
        ctx,
      ).catch((error: unknown) => {
        // Already off the index.
        if (!(error instanceof ConditionFailedError)) throw error;
      });
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
