/**
 * Does the EventBridge Pipe's job for one table: reads the table's stream, keeps outbox
 * inserts, and publishes each one to the bus, in stream order, shard by shard.
 *
 * Delivery is at least once: a shard's checkpoint moves past a record only after `publish`
 * resolved for it, so a crash or a failed publish re-sends rather than loses. Consumers are
 * idempotent on `detail.metadata.eventId`; the bus event id is fresh on each delivery, as in AWS.
 *
 * Checkpoints are keyed `<streamArn>|<shardId>`, so one store can serve every table, and a
 * table recreated with a new stream starts afresh.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { CheckpointStore } from './checkpoints.ts';

export { type CheckpointStore, fileCheckpointStore } from './checkpoints.ts';

export interface OutboxEntry {
  source: string;
  detailType: string;
  detail: unknown;
}

export interface OutboxStreamPollerOptions {
  tableName: string;
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  checkpoints: CheckpointStore;
  publish(entry: OutboxEntry): Promise<unknown>;
  /** Pause between polls while started. Default 250 ms. */
  intervalMs?: number;
  log?: (line: string) => void;
}

interface ShardState {
  shardId: string;
  parentShardId: string | undefined;
  /** Where the next GetRecords reads; dropped after an error so the next poll restarts at the checkpoint. */
  iterator: string | undefined;
  /** Closed and read to its end. */
  finished: boolean;
}

interface PollResult {
  /** Stream records read (outbox or not). */
  records: number;
  /** Shards read to their end in this poll: their children are yet to be listed. */
  ended: number;
  /** The first error of the poll, when a shard could not be read or a publish failed. */
  error: unknown;
}

const PAGE_LIMIT = 1000;
const SHARD_REFRESH_MS = 5000;

export class OutboxStreamPoller {
  private readonly intervalMs: number;
  private readonly log: (line: string) => void;
  private readonly shards = new Map<string, ShardState>();
  private streamArn: string | undefined;
  /** When the shard list was last read; it is re-read every `SHARD_REFRESH_MS` and when a shard ends. */
  private refreshedAt = Number.NEGATIVE_INFINITY;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Polls run one at a time, whoever asks for them (the loop or `drain`). */
  private lock: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OutboxStreamPollerOptions) {
    this.intervalMs = options.intervalMs ?? 250;
    this.log = options.log ?? (() => {});
  }

  /** Starts polling every `intervalMs` until `stop`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops polling and waits for the poll in progress, if any, to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /**
   * Polls until one poll reads nothing new from any shard, so every record that was in the
   * stream when it was called has been published. A publish that keeps failing makes it
   * retry until `timeoutMs` (default 30 s), then reject with that failure.
   */
  async drain(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    let first = true;
    for (;;) {
      const result = await this.pollOnce(first);
      first = false;
      if (!result.error && result.records === 0 && result.ended === 0) return;
      if (result.error && Date.now() >= deadline) {
        throw new Error(`stream of ${this.options.tableName} did not drain: ${describe(result.error)}`, {
          cause: result.error,
        });
      }
      if (result.error) await sleep(Math.min(this.intervalMs, 100));
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const result = await this.pollOnce();
      if (result.error) this.log(`pipe ${this.options.tableName}: ${describe(result.error)}`);
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.intervalMs);
      });
      this.wake = undefined;
    }
  }

  private pollOnce(refresh = false): Promise<PollResult> {
    const poll = this.lock.then(() => this.poll(refresh));
    this.lock = poll.catch(() => {});
    return poll;
  }

  private async poll(refresh: boolean): Promise<PollResult> {
    const result: PollResult = { records: 0, ended: 0, error: undefined };
    try {
      if (refresh || this.shards.size === 0 || Date.now() - this.refreshedAt >= SHARD_REFRESH_MS) {
        await this.refreshShards();
      }
    } catch (error) {
      result.error = error;
      return result;
    }
    for (const shard of this.readOrder()) {
      try {
        result.records += await this.readShard(shard);
      } catch (error) {
        shard.iterator = undefined;
        result.error ??= error;
      }
      if (shard.finished) result.ended++;
      // A shard that ends has children to find; a failure may mean the stream changed.
      if (shard.finished || result.error) this.refreshedAt = Number.NEGATIVE_INFINITY;
    }
    return result;
  }

  /** Looks up the table's current stream and its shards, new shards included. */
  private async refreshShards(): Promise<void> {
    const { Table } = await this.options.dynamodb.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    const arn = Table?.LatestStreamArn;
    if (!arn || !Table?.StreamSpecification?.StreamEnabled) {
      throw new Error(`table ${this.options.tableName} has no stream enabled`);
    }
    if (arn !== this.streamArn) {
      this.streamArn = arn;
      this.shards.clear();
    }
    const listed: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.options.streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      listed.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    const present = new Set<string>();
    for (const shard of listed) {
      if (!shard.ShardId) continue;
      present.add(shard.ShardId);
      if (!this.shards.has(shard.ShardId)) {
        this.shards.set(shard.ShardId, {
          shardId: shard.ShardId,
          parentShardId: shard.ParentShardId,
          iterator: undefined,
          finished: false,
        });
      }
    }
    // Shards trimmed away (older than the retention period) are gone for good.
    for (const id of this.shards.keys()) if (!present.has(id)) this.shards.delete(id);
    this.refreshedAt = Date.now();
  }

  /** Shards to read now: parents before children, and a child only once its parent is finished. */
  private readOrder(): ShardState[] {
    const order: ShardState[] = [];
    const visited = new Set<string>();
    const visit = (shard: ShardState) => {
      if (visited.has(shard.shardId)) return;
      visited.add(shard.shardId);
      const parent = shard.parentShardId ? this.shards.get(shard.parentShardId) : undefined;
      if (parent) visit(parent);
      order.push(shard);
    };
    for (const shard of this.shards.values()) visit(shard);
    return order.filter((shard) => !shard.finished);
  }

  private parentPending(shard: ShardState): boolean {
    const parent = shard.parentShardId ? this.shards.get(shard.parentShardId) : undefined;
    return parent !== undefined && !parent.finished;
  }

  /** Reads a shard from its checkpoint to its current end. Returns the records read. */
  private async readShard(shard: ShardState): Promise<number> {
    if (this.parentPending(shard)) return 0;
    let count = 0;
    let fromOldest = false;
    let trims = 0;
    let expirations = 0;
    for (;;) {
      let page: { Records?: _Record[]; NextShardIterator?: string };
      try {
        shard.iterator ??= await this.iteratorFor(shard, fromOldest);
        page = await this.options.streams.send(
          new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: PAGE_LIMIT }),
        );
      } catch (error) {
        if (error instanceof ExpiredIteratorException && expirations++ < 3) {
          shard.iterator = undefined; // a fresh one from the checkpoint
          continue;
        }
        if (error instanceof TrimmedDataAccessException && trims++ < 3) {
          // With a checkpoint: the records after it outlived the stream's retention and are gone.
          // Without one, DynamoDB Local answers this to an iterator taken while the shard was still
          // empty; a fresh iterator reads from the oldest record, and nothing was lost.
          if (this.options.checkpoints.get(this.key(shard.shardId)) !== undefined) {
            this.log(
              `pipe ${this.options.tableName}: records of ${shard.shardId} after its checkpoint were trimmed; reading from the oldest kept`,
            );
          }
          shard.iterator = undefined;
          fromOldest = true;
          continue;
        }
        throw error;
      }
      fromOldest = false;
      const records = page.Records ?? [];
      for (const record of records) {
        let entry: OutboxEntry | undefined;
        try {
          entry = toOutboxEntry(record);
        } catch (error) {
          // A producer bug; holding the whole table's outbox back for it would help nobody.
          this.log(`pipe ${this.options.tableName}: skipped a malformed outbox record: ${describe(error)}`);
        }
        if (entry) await this.options.publish(entry); // a throw leaves the checkpoint before this record
        const sequenceNumber = record.dynamodb?.SequenceNumber;
        if (sequenceNumber) await this.options.checkpoints.set(this.key(shard.shardId), sequenceNumber);
        count++;
      }
      shard.iterator = page.NextShardIterator;
      if (!shard.iterator) {
        shard.finished = true; // closed, and read to its end
        return count;
      }
      if (records.length === 0) return count; // caught up with an open shard
    }
  }

  private async iteratorFor(shard: ShardState, fromOldest = false): Promise<string> {
    const checkpoint = fromOldest ? undefined : this.options.checkpoints.get(this.key(shard.shardId));
    const { ShardIterator } = await this.options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shard.shardId,
        ...(checkpoint
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: checkpoint }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    if (!ShardIterator) throw new Error(`no shard iterator for ${shard.shardId} of ${this.options.tableName}`);
    return ShardIterator;
  }

  private key(shardId: string): string {
    return `${this.streamArn}|${shardId}`;
  }
}

/** The bus entry for an outbox insert, or `undefined` for any other stream record. */
export function toOutboxEntry(record: _Record): OutboxEntry | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  const image = record.dynamodb?.NewImage;
  if (image?.kind?.S !== 'outbox') return undefined;
  const source = image.source?.S;
  const detailType = image.detailType?.S;
  const detail = image.detail?.S;
  const keys = JSON.stringify(record.dynamodb?.Keys);
  if (!source || !detailType || detail === undefined) {
    throw new Error(`outbox item ${keys} lacks source, detailType or detail`);
  }
  try {
    return { source, detailType, detail: JSON.parse(detail) };
  } catch {
    throw new Error(`outbox item ${keys} has a detail that is not JSON`);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
