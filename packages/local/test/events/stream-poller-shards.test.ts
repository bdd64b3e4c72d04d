/**
 * Shard handling that DynamoDB Local never exercises (it keeps one open shard): splits into
 * child shards, closed shards, pagination of DescribeStream, expired iterators and trimmed
 * data. These run against an in-memory stand-in for the two APIs the poller calls.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { fileCheckpointStore, type OutboxEntry, OutboxStreamPoller } from '../../src/events/stream-poller.ts';

const STREAM_ARN = 'arn:aws:dynamodb:local:000000000000:table/t/stream/2026-11-22T00:00:00.000';

interface FakeShard {
  id: string;
  parent?: string;
  records: { seq: number; record: _Record }[];
  closed: boolean;
  /** Records with a lower sequence number have been trimmed. */
  trimmedBelow: number;
}

class FakeStreams {
  readonly shards: FakeShard[] = [];
  readonly calls: string[] = [];
  private seq = 100;
  /** GetRecords calls to fail with ExpiredIteratorException. */
  expireNext = 0;
  /** Called once a closed shard has been read to its end. */
  onEnd: ((shard: FakeShard) => void) | undefined;

  shard(id: string, parent?: string): FakeShard {
    const shard: FakeShard = { id, ...(parent ? { parent } : {}), records: [], closed: false, trimmedBelow: 0 };
    this.shards.push(shard);
    return shard;
  }

  /** Appends an outbox insert carrying `n`, or a plain insert when `outbox` is false. */
  put(shard: FakeShard, n: number, outbox = true): void {
    const seq = this.seq++;
    shard.records.push({
      seq,
      record: {
        eventName: 'INSERT',
        dynamodb: {
          SequenceNumber: String(seq).padStart(21, '0'),
          NewImage: {
            kind: { S: outbox ? 'outbox' : 'member' },
            source: { S: 'congdoan.test' },
            detailType: { S: 'Numbered' },
            detail: { S: JSON.stringify({ n }) },
          },
        },
      },
    });
  }

  readonly dynamodb = {
    send: async (command: unknown) => {
      if (command instanceof DescribeTableCommand) {
        return { Table: { LatestStreamArn: STREAM_ARN, StreamSpecification: { StreamEnabled: true } } };
      }
      throw new Error('unexpected DynamoDB command');
    },
  } as unknown as DynamoDBClient;

  readonly client = {
    send: async (command: unknown) => {
      if (command instanceof DescribeStreamCommand) return this.describe(command.input.ExclusiveStartShardId);
      if (command instanceof GetShardIteratorCommand) return this.iterator(command.input);
      if (command instanceof GetRecordsCommand) return this.getRecords(command.input.ShardIterator!);
      throw new Error('unexpected Streams command');
    },
  } as unknown as DynamoDBStreamsClient;

  /** One shard per page, to exercise pagination. */
  private describe(exclusiveStart: string | undefined) {
    this.calls.push(`describe:${exclusiveStart ?? ''}`);
    const start = exclusiveStart ? this.shards.findIndex((s) => s.id === exclusiveStart) + 1 : 0;
    const shard = this.shards[start];
    const more = start + 1 < this.shards.length;
    return {
      StreamDescription: {
        StreamArn: STREAM_ARN,
        Shards: shard ? [{ ShardId: shard.id, ParentShardId: shard.parent }] : [],
        ...(more ? { LastEvaluatedShardId: shard!.id } : {}),
      },
    };
  }

  private iterator(input: { ShardId?: string; ShardIteratorType?: string; SequenceNumber?: string }) {
    const shard = this.find(input.ShardId!);
    this.calls.push(`iterator:${shard.id}:${input.ShardIteratorType}`);
    let position: number;
    if (input.ShardIteratorType === 'TRIM_HORIZON') {
      position = shard.records.findIndex((r) => r.seq >= shard.trimmedBelow);
      if (position < 0) position = shard.records.length;
    } else {
      const after = Number(input.SequenceNumber);
      if (after < shard.trimmedBelow - 1) {
        throw new TrimmedDataAccessException({ message: 'trimmed', $metadata: {} });
      }
      position = shard.records.findIndex((r) => r.seq > after);
      if (position < 0) position = shard.records.length;
    }
    return { ShardIterator: `${shard.id}@${position}` };
  }

  private getRecords(iterator: string) {
    if (this.expireNext > 0) {
      this.expireNext--;
      throw new ExpiredIteratorException({ message: 'expired', $metadata: {} });
    }
    const [id, at] = iterator.split('@') as [string, string];
    const shard = this.find(id);
    const position = Number(at);
    const page = shard.records.slice(position, position + 2).map((r) => r.record); // small pages
    const next = position + page.length;
    const end = next >= shard.records.length;
    this.calls.push(`records:${id}:${page.length}`);
    if (end && shard.closed) this.onEnd?.(shard);
    return { Records: page, ...(end && shard.closed ? {} : { NextShardIterator: `${id}@${next}` }) };
  }

  private find(id: string): FakeShard {
    const shard = this.shards.find((s) => s.id === id);
    if (!shard) throw new Error(`no shard ${id}`);
    return shard;
  }
}

async function setup(fake: FakeStreams, log: string[] = []) {
  const published: number[] = [];
  const checkpoints = await fileCheckpointStore(null);
  const poller = new OutboxStreamPoller({
    tableName: 't',
    dynamodb: fake.dynamodb,
    streams: fake.client,
    checkpoints,
    publish: async (entry: OutboxEntry) => void published.push((entry.detail as { n: number }).n),
    intervalMs: 5,
    log: (line) => log.push(line),
  });
  return { poller, published, checkpoints };
}

describe('OutboxStreamPoller shards', () => {
  it('reads a closed parent to its end before its children, whatever order they are listed in', async () => {
    const fake = new FakeStreams();
    const child = fake.shard('shard-2', 'shard-1');
    const parent = fake.shard('shard-1');
    for (let n = 1; n <= 5; n++) fake.put(parent, n);
    parent.closed = true;
    fake.put(child, 6);
    fake.put(child, 7, false);
    fake.put(child, 8);
    const { poller, published, checkpoints } = await setup(fake);

    await poller.drain();

    expect(published).toEqual([1, 2, 3, 4, 5, 6, 8]);
    expect(checkpoints.get(`${STREAM_ARN}|shard-1`)).toBe('000000000000000000104');
    expect(checkpoints.get(`${STREAM_ARN}|shard-2`)).toBe('000000000000000000107');
    // DescribeStream was paged through
    expect(fake.calls.filter((c) => c.startsWith('describe'))).toContain('describe:shard-2');
  });

  it('discovers shards that appear later and stops reading a finished closed shard', async () => {
    const fake = new FakeStreams();
    const first = fake.shard('shard-1');
    fake.put(first, 1);
    const { poller, published } = await setup(fake);
    await poller.drain();
    expect(published).toEqual([1]);

    fake.put(first, 2);
    first.closed = true;
    const next = fake.shard('shard-2', 'shard-1');
    fake.put(next, 3);
    await poller.drain();
    expect(published).toEqual([1, 2, 3]);

    fake.calls.length = 0;
    fake.put(next, 4);
    await poller.drain();
    expect(published).toEqual([1, 2, 3, 4]);
    expect(fake.calls.some((c) => c.includes('shard-1') && !c.startsWith('describe'))).toBe(false);
  });

  it('drain keeps going when a shard ends, to read the children listed after it', async () => {
    const fake = new FakeStreams();
    const parent = fake.shard('shard-1');
    fake.put(parent, 1);
    const { poller, published } = await setup(fake);
    await poller.drain();
    parent.closed = true; // no new records: the end is all there is to read
    fake.onEnd = () => {
      fake.onEnd = undefined;
      const child = fake.shard('shard-2', 'shard-1');
      fake.put(child, 2);
    };
    await poller.drain();
    expect(published).toEqual([1, 2]);
  });

  it('holds a child back while its parent cannot be read', async () => {
    const fake = new FakeStreams();
    const parent = fake.shard('shard-1');
    fake.put(parent, 1);
    fake.put(parent, 2);
    parent.closed = true;
    const child = fake.shard('shard-2', 'shard-1');
    fake.put(child, 3);
    let failOn2 = true;
    const published: number[] = [];
    const poller = new OutboxStreamPoller({
      tableName: 't',
      dynamodb: fake.dynamodb,
      streams: fake.client,
      checkpoints: await fileCheckpointStore(null),
      publish: async (entry) => {
        const n = (entry.detail as { n: number }).n;
        if (n === 2 && failOn2) throw new Error('bus down');
        published.push(n);
      },
      intervalMs: 5,
    });
    await expect(poller.drain({ timeoutMs: 30 })).rejects.toThrow(/bus down/);
    expect(published).toEqual([1]);
    failOn2 = false;
    await poller.drain();
    expect(published).toEqual([1, 2, 3]);
  });

  it('gets a fresh iterator from the checkpoint when one expires', async () => {
    const fake = new FakeStreams();
    const shard = fake.shard('shard-1');
    fake.put(shard, 1);
    fake.put(shard, 2);
    fake.put(shard, 3);
    const { poller, published } = await setup(fake);
    await poller.drain();
    fake.put(shard, 4);
    fake.expireNext = 1;
    fake.calls.length = 0;
    await poller.drain();
    expect(published).toEqual([1, 2, 3, 4]);
    expect(fake.calls).toContain('iterator:shard-1:AFTER_SEQUENCE_NUMBER');
  });

  it('reads from the oldest record kept when its checkpoint was trimmed away', async () => {
    const fake = new FakeStreams();
    const shard = fake.shard('shard-1');
    fake.put(shard, 1);
    const log: string[] = [];
    const { poller, published, checkpoints } = await setup(fake, log);
    await poller.drain();
    expect(published).toEqual([1]);
    for (let n = 2; n <= 5; n++) fake.put(shard, n);
    shard.trimmedBelow = 103; // records 2 and 3 (seq 101, 102) are gone
    // a restarted poller, holding only the checkpoint
    const restarted = new OutboxStreamPoller({
      tableName: 't',
      dynamodb: fake.dynamodb,
      streams: fake.client,
      checkpoints,
      publish: async (entry) => void published.push((entry.detail as { n: number }).n),
      log: (line) => log.push(line),
    });
    await restarted.drain();
    expect(published).toEqual([1, 4, 5]);
    expect(log.some((l) => l.includes('trimmed'))).toBe(true);
  });

  it('skips a malformed outbox record with a log line instead of blocking the table', async () => {
    const fake = new FakeStreams();
    const shard = fake.shard('shard-1');
    fake.put(shard, 1);
    shard.records.push({
      seq: 999,
      record: {
        eventName: 'INSERT',
        dynamodb: { SequenceNumber: '999', NewImage: { kind: { S: 'outbox' }, source: { S: 's' } } },
      },
    });
    const log: string[] = [];
    const { poller, published } = await setup(fake, log);
    await poller.drain();
    fake.put(shard, 2);
    await poller.drain();
    expect(published).toEqual([1, 2]);
    expect(log.some((l) => l.includes('skipped a malformed outbox record'))).toBe(true);
  });
});
