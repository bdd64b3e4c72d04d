/**
 * The local stand-in for a queued subscription's SQS queue and its Lambda event source mapping:
 * events wait in the queue, are handed to the function in SQS-shaped batches of up to
 * `batchSize`, at most `maxConcurrency` batches at once, and the records the function names in
 * `batchItemFailures` (all of them when it throws) come back after a backoff, until their
 * `maxReceiveCount`-th receive, after which they are dead-lettered.
 *
 * A batch response is read as Lambda reads it: nothing, or an empty `batchItemFailures`, is
 * success; an `itemIdentifier` that is not a message of the batch fails the whole batch.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { BusEvent } from '@congdoan/contracts';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describeError as describe } from '../mask.ts';

export interface LocalQueueOptions {
  /** The queue's name, as in its ARN. */
  name: string;
  batchSize: number;
  maxConcurrency: number;
  /** Receives of a record before it is dead-lettered. */
  maxReceiveCount: number;
  /** Calls the function with a batch; resolves to its response, rejects when it throws or times out. */
  receive(batch: SQSEvent): Promise<unknown>;
  /** How long a failed record stays invisible after its `receiveCount`-th receive. */
  retryDelay(receiveCount: number): number;
  account: string;
  region: string;
  log?: (line: string) => void;
}

export interface QueueOutcome {
  status: 'delivered' | 'dead-lettered';
  /** How many times the record was received: 1 when the first batch took it. */
  receives: number;
  lastError?: string;
}

export interface LocalQueueStats {
  /** Waiting to be received, including those waiting out a retry delay. */
  waiting: number;
  /** Batches being processed now. */
  inFlightBatches: number;
  /** The most batches ever processed at once. */
  maxInFlightBatchesSeen: number;
  batches: number;
}

interface Message {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentTimestamp: number;
  firstReceiveTimestamp?: number;
  receiveCount: number;
  lastError?: string;
  settle(outcome: QueueOutcome): void;
}

export const REPORTED_FAILED = 'the function reported the record in batchItemFailures';

export class LocalQueue {
  private readonly visible: Message[] = [];
  private delayed = 0;
  private inFlightBatches = 0;
  private maxInFlightBatchesSeen = 0;
  private batches = 0;
  private scheduled = false;
  private readonly arn: string;
  private readonly log: (line: string) => void;

  constructor(private readonly options: LocalQueueOptions) {
    this.arn = `arn:aws:sqs:${options.region}:${options.account}:${options.name}`;
    this.log = options.log ?? (() => {});
  }

  /** Puts an event on the queue; resolves once it was processed or dead-lettered. */
  send(event: BusEvent): Promise<QueueOutcome> {
    return new Promise((settle) => {
      const body = JSON.stringify(event);
      this.visible.push({
        messageId: randomUUID(),
        body,
        md5OfBody: createHash('md5').update(body).digest('hex'),
        sentTimestamp: Date.now(),
        receiveCount: 0,
        settle,
      });
      this.schedule();
    });
  }

  stats(): LocalQueueStats {
    return {
      waiting: this.visible.length + this.delayed,
      inFlightBatches: this.inFlightBatches,
      maxInFlightBatchesSeen: this.maxInFlightBatchesSeen,
      batches: this.batches,
    };
  }

  /** Polls on the next turn of the event loop, so that a burst of sends fills batches. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.poll();
    });
  }

  private poll(): void {
    while (this.inFlightBatches < this.options.maxConcurrency && this.visible.length > 0) {
      const messages = this.visible.splice(0, this.options.batchSize);
      this.inFlightBatches++;
      this.batches++;
      this.maxInFlightBatchesSeen = Math.max(this.maxInFlightBatchesSeen, this.inFlightBatches);
      void this.process(messages).finally(() => {
        this.inFlightBatches--;
        this.schedule();
      });
    }
  }

  private async process(messages: Message[]): Promise<void> {
    const now = Date.now();
    for (const m of messages) {
      m.receiveCount++;
      m.firstReceiveTimestamp ??= now;
    }
    let failed: Map<string, string>;
    try {
      const response = await this.options.receive({ Records: messages.map((m) => this.record(m)) });
      failed = this.failuresOf(response, messages);
    } catch (error) {
      const reason = describe(error);
      failed = new Map(messages.map((m) => [m.messageId, reason]));
    }
    for (const m of messages) {
      const error = failed.get(m.messageId);
      if (error === undefined) {
        m.settle({
          status: 'delivered',
          receives: m.receiveCount,
          ...(m.lastError !== undefined && { lastError: m.lastError }),
        });
        continue;
      }
      m.lastError = error;
      if (m.receiveCount >= this.options.maxReceiveCount) {
        m.settle({ status: 'dead-lettered', receives: m.receiveCount, lastError: error });
        continue;
      }
      const delay = this.options.retryDelay(m.receiveCount);
      this.log(
        `queue ${this.options.name}: message ${m.messageId} failed (receive ${m.receiveCount}/${this.options.maxReceiveCount}), visible again in ${delay} ms: ${error}`,
      );
      this.delayed++;
      setTimeout(() => {
        this.delayed--;
        this.visible.push(m);
        this.schedule();
      }, delay);
    }
  }

  /** The failed records of a batch response, each with the reason kept as its last error. */
  private failuresOf(response: unknown, messages: Message[]): Map<string, string> {
    const failures = (response as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
    if (failures === undefined || failures === null) return new Map();
    const ids = new Set(messages.map((m) => m.messageId));
    const named = Array.isArray(failures)
      ? failures.map((f) => (f as { itemIdentifier?: unknown } | null)?.itemIdentifier)
      : [undefined];
    const invalid = named.findIndex((id) => typeof id !== 'string' || !ids.has(id));
    if (invalid >= 0) {
      const reason = `the batch response names ${JSON.stringify(named[invalid] ?? null)}, not a message of the batch: the whole batch failed`;
      return new Map(messages.map((m) => [m.messageId, reason]));
    }
    return new Map(named.map((id) => [id as string, REPORTED_FAILED]));
  }

  private record(m: Message): SQSRecord {
    return {
      messageId: m.messageId,
      receiptHandle: randomUUID(),
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentTimestamp),
        SenderId: 'events.amazonaws.com',
        ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestamp),
      },
      messageAttributes: {},
      md5OfBody: m.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: this.options.region,
    };
  }
}
