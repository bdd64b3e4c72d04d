import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionFailedError, commit, type Db, jobLeaseIndex } from '@congdoan/ddb';
import { type ImportJobState, type ImportRow, importLeaseExpiry, type StoredRowError } from '../app/imports/model.ts';
import { ImportJobChangedError, type ImportStore } from '../app/imports/ports.ts';
import type { Page, PageKey } from '../app/ports.ts';
import {
  IMPORT_CHUNK_PREFIX,
  IMPORT_ERROR_PREFIX,
  importChunkKey,
  importErrorKey,
  importJobKey,
  importPartition,
  importRowsKey,
  unitImportsIndex,
} from './import-keys.ts';

/** The job kind on the lease index (the sweeper's resumers are keyed by it). */
export const IMPORT_JOB_KIND = 'member-import';

const DAY_SECONDS = 24 * 3600;
/** Uploaded chunks are needed until `start`: a day. */
const CHUNK_TTL_SECONDS = DAY_SECONDS;
/** Parsed rows hold personal data and are needed only while the job runs: a week. */
const ROWS_TTL_SECONDS = 7 * DAY_SECONDS;
/** The job and its report stay readable for a month. */
const JOB_TTL_SECONDS = 30 * DAY_SECONDS;

const ttl = (now: Date, seconds: number) => Math.floor(now.getTime() / 1000) + seconds;

const JOB_FIELDS: readonly (keyof ImportJobState)[] = [
  'id',
  'unitId',
  'filename',
  'format',
  'dryRun',
  'status',
  'size',
  'sha256',
  'chunks',
  'sheet',
  'headerRow',
  'headerErrors',
  'letters',
  'pages',
  'nextPage',
  'counts',
  'slice',
  'runId',
  'leaseUntil',
  'attempts',
  'failure',
  'createdBy',
  'createdAt',
  'updatedAt',
  'progressAt',
  'stallSignalledFor',
  'startedAt',
  'finishedAt',
  'version',
];

function toItem(job: ImportJobState): Record<string, unknown> {
  return {
    ...importJobKey(job.id),
    kind: 'member-import',
    ...job,
    ...unitImportsIndex(job.unitId, job.createdAt, job.id),
    // While queued or running: found by the sweeper once its lease lapses.
    ...jobLeaseIndex(IMPORT_JOB_KIND, job.id, importLeaseExpiry(job)),
    ttl: ttl(new Date(job.createdAt), JOB_TTL_SECONDS),
  };
}

function fromItem(item: Record<string, unknown>): ImportJobState {
  const job: Record<string, unknown> = {};
  for (const field of JOB_FIELDS) job[field] = item[field] ?? null;
  return job as unknown as ImportJobState;
}

/** Writes items 25 at a time, retrying what DynamoDB leaves unprocessed, a few batches at once. */
async function batchPut(db: Db, items: readonly Record<string, unknown>[], concurrency = 4): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        if (attempt > 10) throw new Error('BatchWriteItem kept leaving items unprocessed');
        const out = await db.client.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }));
        requests = (out.UnprocessedItems?.[db.tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
}

/** Every item of a partition whose sort key starts with `prefix`, in key order. */
async function queryAll(db: Db, pk: string, prefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export function createImportStore(db: Db): ImportStore {
  const { client, tableName } = db;

  return {
    async get(id) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: importJobKey(id), ConsistentRead: true }),
      );
      return Item ? fromItem(Item) : undefined;
    },

    async listByUnit(unitId, page): Promise<Page<ImportJobState>> {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': unitImportsIndex(unitId, '', '').gsi1pk },
          ScanIndexForward: false,
          Limit: page.limit,
          // A cursor is the client's input: it may only resume within this unit's imports.
          ExclusiveStartKey: page.startKey && {
            pk: String(page.startKey.pk),
            sk: String(page.startKey.sk),
            gsi1pk: unitImportsIndex(unitId, '', '').gsi1pk,
            gsi1sk: String(page.startKey.gsi1sk),
          },
        }),
      );
      const items = out.Items ?? [];
      return {
        items: items.map(fromItem),
        keys: items.map((i) => ({ pk: i.pk, sk: i.sk, gsi1pk: i.gsi1pk, gsi1sk: i.gsi1sk })),
        lastKey: out.LastEvaluatedKey as PageKey | undefined,
      };
    },

    async save(job, expectedVersion, ctx, options = {}) {
      const condition =
        expectedVersion === null
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } };
      const summary = {
        id: job.id,
        unitId: job.unitId,
        filename: job.filename,
        dryRun: job.dryRun,
        status: job.status,
        counts: job.counts,
      };
      try {
        await commit(
          db,
          {
            items: [{ Put: { Item: toItem(job), ...condition } }],
            events: options.events ?? [],
            audit: options.audit
              ? [{ entityType: 'member-import', entityId: job.id, action: options.audit, before: null, after: summary }]
              : [],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError && error.index === 0) throw new ImportJobChangedError(job.id);
        throw error;
      }
    },

    async putChunk(id, index, bytes, now) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...importChunkKey(id, index),
            kind: 'member-import-chunk',
            index,
            data: bytes,
            ttl: ttl(now, CHUNK_TTL_SECONDS),
          },
        }),
      );
    },

    async readChunks(id) {
      const items = await queryAll(db, importPartition(id), IMPORT_CHUNK_PREFIX);
      return new Map(items.map((i) => [Number(i.index), i.data as Uint8Array]));
    },

    async putRowPages(id, pages, now) {
      await batchPut(
        db,
        pages.map((rows, page) => ({
          ...importRowsKey(id, page),
          kind: 'member-import-rows',
          rows: JSON.stringify(rows),
          ttl: ttl(now, ROWS_TTL_SECONDS),
        })),
      );
    },

    async readRowPage(id, page) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: importRowsKey(id, page), ConsistentRead: true }),
      );
      if (!Item) throw new Error(`import ${id}: row page ${page} is missing`);
      return JSON.parse(Item.rows as string) as ImportRow[];
    },

    async putRowErrors(id, rows, now) {
      await batchPut(
        db,
        rows.map(({ row, errors }) => ({
          ...importErrorKey(id, row),
          kind: 'member-import-error',
          row,
          errors: JSON.stringify(errors),
          ttl: ttl(now, JOB_TTL_SECONDS),
        })),
      );
    },

    async listRowErrors(id, page) {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': importPartition(id), ':prefix': IMPORT_ERROR_PREFIX },
          Limit: page.limit,
          // A cursor is the client's input: it may only resume within this job's errors.
          ExclusiveStartKey: page.startKey && { pk: importPartition(id), sk: String(page.startKey.sk) },
        }),
      );
      const items = out.Items ?? [];
      return {
        items: items.map((i) => ({ row: Number(i.row), errors: JSON.parse(i.errors as string) as StoredRowError[] })),
        keys: items.map((i) => ({ pk: i.pk, sk: i.sk })),
        lastKey: out.LastEvaluatedKey as PageKey | undefined,
      };
    },
  };
}
