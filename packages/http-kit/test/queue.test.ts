import type { BusEvent } from '@congdoan/contracts';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { busEvent as testBusEvent } from '../../../test/support/bus-events.ts';
import { createLogger, MalformedQueuedRecordError, QueuedBatchFailedError, queuedHandler } from '../src/index.ts';
import { captureLogs } from './logs.ts';
import { lambdaContext } from './support.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const busEvent = (eventId: string, data: Record<string, unknown> = {}): BusEvent =>
  testBusEvent('congdoan.finance', 'UnitMonthDue', data, {
    eventId,
    id: `bus-${eventId}`,
    time: '2026-12-01T00:00:00Z',
    region: 'ap-southeast-1',
    correlationId: 'c-1',
  });

function record(messageId: string, body: unknown, receiveCount = 1): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1764547200000',
      SenderId: 'AIDAEVENTBRIDGE',
      ApproximateFirstReceiveTimestamp: '1764547200001',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:q',
    awsRegion: 'ap-southeast-1',
  };
}

const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe('queuedHandler', () => {
  it('hands each record’s event to the handler and reports only the failed ones', async () => {
    const seen: { eventId: string; messageId: string; receiveCount: number }[] = [];
    const handler = queuedHandler(
      'finance-test',
      async (event, delivery) => {
        const eventId = (event.detail.metadata as { eventId: string }).eventId;
        seen.push({ eventId, ...delivery });
        if (eventId === 'ev-2') throw new Error('unit u-2 is locked');
      },
      { logger: quiet },
    );

    const response = await handler(
      batch(record('m-1', busEvent('ev-1')), record('m-2', busEvent('ev-2'), 3), record('m-3', busEvent('ev-3'))),
      lambdaContext(),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    expect(seen.sort((a, b) => a.eventId.localeCompare(b.eventId))).toEqual([
      { eventId: 'ev-1', messageId: 'm-1', receiveCount: 1 },
      { eventId: 'ev-2', messageId: 'm-2', receiveCount: 3 },
      { eventId: 'ev-3', messageId: 'm-3', receiveCount: 1 },
    ]);
  });

  it('answers an empty failure list when every record succeeds', async () => {
    const handler = queuedHandler('finance-test', async () => {}, { logger: quiet });
    expect(await handler(batch(record('m-1', busEvent('ev-1'))))).toEqual({ batchItemFailures: [] });
  });

  it('fails a record whose body is not an EventBridge event, without calling the handler for it', async () => {
    const handle = vi.fn(async () => {});
    const handler = queuedHandler('finance-test', handle, { logger: quiet });
    const response = await handler(
      batch(record('m-1', 'not json'), record('m-2', { hello: 'world' }), record('m-3', busEvent('ev-3'))),
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-2' }] });
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('throws when the whole batch fails, so Lambda counts an error and the batch comes back', async () => {
    const handler = queuedHandler(
      'finance-test',
      async () => {
        throw new Error('table unavailable');
      },
      { logger: quiet },
    );
    await expect(handler(batch(record('m-1', busEvent('ev-1')), record('m-2', busEvent('ev-2'))))).rejects.toThrow(
      QueuedBatchFailedError,
    );
  });

  it('keeps concurrent batches apart (the local platform runs them in one process)', async () => {
    const handler = queuedHandler(
      'finance-test',
      async (event) => {
        const eventId = (event.detail.metadata as { eventId: string }).eventId;
        await new Promise((resolve) => setTimeout(resolve, eventId.endsWith('a') ? 20 : 1));
        if (eventId.startsWith('bad')) throw new Error('no');
      },
      { logger: quiet },
    );
    const [first, second] = await Promise.all([
      handler(batch(record('a-1', busEvent('ok-a')), record('a-2', busEvent('bad-a')))),
      handler(
        batch(record('b-1', busEvent('bad-b')), record('b-2', busEvent('ok-b')), record('b-3', busEvent('ok-c'))),
      ),
    ]);
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 'a-2' }] });
    expect(second).toEqual({ batchItemFailures: [{ itemIdentifier: 'b-1' }] });
  });

  it('handles a batch’s records one after another, unless asked to run them in parallel', async () => {
    const peak = async (inParallel?: boolean) => {
      let running = 0;
      let max = 0;
      const handler = queuedHandler(
        'finance-test',
        async () => {
          running++;
          max = Math.max(max, running);
          await new Promise((resolve) => setTimeout(resolve, 1));
          running--;
        },
        { logger: quiet, ...(inParallel !== undefined && { inParallel }) },
      );
      await handler(batch(...['1', '2', '3', '4'].map((n) => record(`m-${n}`, busEvent(`ev-${n}`)))));
      return max;
    };
    expect(await peak()).toBe(1);
    expect(await peak(true)).toBe(4);
  });

  it('takes a plain bus event directly, and throws its failure', async () => {
    const seen: unknown[] = [];
    const handler = queuedHandler(
      'finance-test',
      async (event, delivery) => {
        seen.push([event.id, delivery]);
        if ((event.detail.data as { fail?: boolean }).fail) throw new Error('boom');
      },
      { logger: quiet },
    );
    expect(await handler(busEvent('ev-1'))).toBeUndefined();
    expect(seen).toEqual([['bus-ev-1', { messageId: 'bus-ev-1', receiveCount: 1 }]]);
    await expect(handler(busEvent('ev-2', { fail: true }))).rejects.toThrow('boom');
    await expect(handler({ hello: 'world' } as never)).rejects.toThrow('expected an SQS batch or an EventBridge event');
  });

  it('logs failures by message and event id, never the event’s personal data', async () => {
    const logs = captureLogs();
    const handler = queuedHandler(
      'finance-test',
      async (event) => {
        const { cccd } = event.detail.data as { cccd?: string };
        if (cccd) throw new Error(`no member with CCCD ${cccd}`);
      },
      { logger: createLogger('finance', { logLevel: 'DEBUG' }) },
    );
    const personal = { fullName: 'Nguyễn Thị Lan', cccd: '001203004567', phone: '0912345678' };
    const response = await handler(
      batch(record('m-1', busEvent('ev-1', personal), 5), record('m-2', busEvent('ev-2', {}))),
    ).finally(() => logs.restore());

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    const text = logs.text();
    for (const secret of ['Nguyễn Thị Lan', '001203004567', '0912345678']) expect(text).not.toContain(secret);
    const failed = logs.lines.find((l) => l.message === 'queued event failed' && l.messageId === 'm-1');
    expect(failed).toMatchObject({
      subscription: 'finance-test',
      eventId: 'ev-1',
      detailType: 'UnitMonthDue',
      receiveCount: 5,
      deadLetteredNext: true,
    });
    expect(JSON.stringify(failed)).toContain('no member with CCCD ***');
  });

  it('names a malformed record in its error', () => {
    expect(new MalformedQueuedRecordError('m-9', 'the body is not JSON').message).toBe(
      'queued record m-9 is not an EventBridge event: the body is not JSON',
    );
  });
});
