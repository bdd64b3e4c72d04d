/**
 * The Lambda entry point of a queued subscription (a manifest subscription with `queue`): the
 * rule puts each EventBridge event on an SQS queue, and the function receives them in batches.
 * Each record is handled on its own (Powertools batch processing), and the ones that failed are
 * returned in `batchItemFailures`, so only they come back, and after `QUEUE_MAX_RECEIVE_COUNT`
 * receives go to the subscription's dead-letter queue. Records of a batch are handled one after
 * another unless asked otherwise, so `maxConcurrency` bounds the handler calls in flight. Logs
 * name records by message and event id, never by content.
 */
import { BatchProcessor, EventType, FullBatchFailureError, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type BusEvent, type MetricDefinition, QUEUE_MAX_RECEIVE_COUNT } from '@congdoan/contracts';
import { observedHandler } from '@congdoan/telemetry';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createLogger } from './logger.ts';

/** Where a queued event came from, for handlers that care (e.g. to log the attempt). */
export interface QueuedDelivery {
  /** The SQS message id; the event's own id when invoked directly. */
  messageId: string;
  /** 1 on the first receive; `QUEUE_MAX_RECEIVE_COUNT` on the last before dead-lettering. */
  receiveCount: number;
}

export type QueuedEventHandler = (event: BusEvent, delivery: QueuedDelivery) => Promise<void>;

/**
 * Takes an SQS batch (as the event source mapping sends, with `reportBatchItemFailures`) and
 * answers the failed records; or, for tests and manual runs, one plain bus event, which it
 * handles directly and whose failure it throws.
 */
export type QueuedLambdaHandler = (
  event: SQSEvent | BusEvent,
  context?: Context,
) => Promise<SQSBatchResponse | undefined>;

export type QueueLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface QueuedHandlerOptions {
  /** The owning service, for its metrics and traces. Default: `POWERTOOLS_SERVICE_NAME`, which CDK sets. */
  service?: string;
  /** The service manifest's business metrics, counted from the events the batch commits and published once per batch. */
  metrics?: readonly MetricDefinition[];
  /** Default: the service's logger (`POWERTOOLS_SERVICE_NAME`), with personal data redacted. */
  logger?: QueueLogger;
  /**
   * Handle a batch's records all at once instead of one after another (the default). One after
   * another, at most `maxConcurrency` handler calls run at once across the subscription, which is
   * what bounds the load on the table; in parallel, up to `batchSize` times that.
   */
  inParallel?: boolean;
}

/** A record whose body is not an EventBridge event: it fails, and ends in the dead-letter queue. */
export class MalformedQueuedRecordError extends Error {
  constructor(messageId: string, reason: string) {
    super(`queued record ${messageId} is not an EventBridge event: ${reason}`);
    this.name = 'MalformedQueuedRecordError';
  }
}

/** Every record of a batch failed: thrown so that Lambda counts an error; the whole batch comes back. */
export class QueuedBatchFailedError extends Error {
  constructor(name: string, count: number) {
    super(`${name}: all ${count} records of the batch failed; see the log lines before this one`);
    this.name = 'QueuedBatchFailedError';
  }
}

/**
 * `export const onUnitMonth = queuedHandler('finance-reconcile-unit', async (event) => { … }, observed)`.
 * `name` is the subscription's, for the logs. The whole batch is one observed invocation
 * (`observedHandler`): traced, and its business metrics published once at its end.
 */
export function queuedHandler(
  name: string,
  handle: QueuedEventHandler,
  options: QueuedHandlerOptions = {},
): QueuedLambdaHandler {
  let logger = options.logger;
  const log = (): QueueLogger => {
    logger ??= createLogger(process.env.POWERTOOLS_SERVICE_NAME ?? 'congdoan');
    return logger;
  };

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? 1);
    const event = parseBody(record);
    const where = {
      subscription: name,
      messageId: record.messageId,
      eventId: eventIdOf(event),
      detailType: event['detail-type'],
      receiveCount,
    };
    try {
      await handle(event, { messageId: record.messageId, receiveCount });
      log().debug('queued event handled', where);
    } catch (error) {
      log().error('queued event failed', {
        ...where,
        // The last receive: SQS moves it to the dead-letter queue after this.
        deadLetteredNext: receiveCount >= QUEUE_MAX_RECEIVE_COUNT,
        error,
      });
      throw error;
    }
  };

  const service = options.service ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'congdoan';
  return observedHandler({ service, metrics: options.metrics }, async (event: SQSEvent | BusEvent, context) => {
    if (isSqsEvent(event)) {
      const records = event.Records.length;
      // A processor per call: it keeps the batch's state, and the local platform runs batches concurrently.
      const processor = new BatchProcessor(EventType.SQS);
      let response: SQSBatchResponse;
      try {
        response = (await processPartialResponse(event, handleRecord, processor, {
          ...(context && { context }),
          processInParallel: options.inParallel ?? false,
        })) as SQSBatchResponse;
      } catch (error) {
        if (error instanceof FullBatchFailureError) {
          log().warn('queued batch failed', { subscription: name, records, failed: records });
          throw new QueuedBatchFailedError(name, records);
        }
        throw error;
      }
      const failed = response.batchItemFailures.length;
      log().info('queued batch', { subscription: name, records, failed });
      return response;
    }
    if (isBusEvent(event)) {
      await handle(event, { messageId: event.id, receiveCount: 1 });
      return undefined;
    }
    throw new Error(`${name}: expected an SQS batch or an EventBridge event`);
  });
}

function isSqsEvent(event: unknown): event is SQSEvent {
  return typeof event === 'object' && event !== null && Array.isArray((event as SQSEvent).Records);
}

function isBusEvent(event: unknown): event is BusEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return (
    typeof e.id === 'string' &&
    typeof e['detail-type'] === 'string' &&
    typeof e.source === 'string' &&
    typeof e.detail === 'object' &&
    e.detail !== null
  );
}

function parseBody(record: SQSRecord): BusEvent {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new MalformedQueuedRecordError(record.messageId, 'the body is not JSON');
  }
  if (!isBusEvent(body)) {
    throw new MalformedQueuedRecordError(record.messageId, 'no id, source, detail-type or detail');
  }
  return body;
}

function eventIdOf(event: BusEvent): string | undefined {
  const id = (event.detail as { metadata?: { eventId?: unknown } } | undefined)?.metadata?.eventId;
  return typeof id === 'string' ? id : undefined;
}
