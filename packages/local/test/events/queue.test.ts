import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BusEvent, QUEUE_MAX_RECEIVE_COUNT } from '@congdoan/contracts';
import { queuedHandler } from '@congdoan/http-kit';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { eventDetail } from '../../../../test/support/bus-events.ts';
import { LocalEventBus, type QueuedBusTarget } from '../../src/events/bus.ts';
import { REPORTED_FAILED } from '../../src/events/queue.ts';

const detail = (eventId: string, data: Record<string, unknown> = {}) =>
  eventDetail(eventId, data, { correlationId: 'c-1' });

const dirs: string[] = [];
const buses: LocalEventBus[] = [];
afterEach(async () => {
  for (const bus of buses.splice(0)) await bus.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newBus(dataDir: string | null = null): LocalEventBus {
  const bus = new LocalEventBus({ dataDir, baseDelayMs: 1, maxDelayMs: 5 });
  buses.push(bus);
  return bus;
}

const eventIdOf = (event: BusEvent) => (event.detail.metadata as { eventId: string }).eventId;
const bodies = (batch: SQSEvent) => batch.Records.map((r) => JSON.parse(r.body) as BusEvent);

/** A queued rule on `UnitMonthDue`, whose batches go to `invokeBatch`. */
function queuedRule(
  invokeBatch: (batch: SQSEvent) => Promise<unknown>,
  queue: QueuedBusTarget['queue'] = { batchSize: 10, maxConcurrency: 2 },
): QueuedBusTarget {
  return {
    ruleName: 'finance-reconcile-unit',
    service: 'finance',
    pattern: { source: ['congdoan.finance'], 'detail-type': ['UnitMonthDue'] },
    queue,
    invokeBatch,
  };
}

const publishUnits = (bus: LocalEventBus, count: number, prefix = 'ev') =>
  Array.from({ length: count }, (_, i) =>
    bus.publish({
      source: 'congdoan.finance',
      detailType: 'UnitMonthDue',
      detail: detail(`${prefix}-${i}`, { unitId: `u-${i}` }),
    }),
  );

describe('a queued rule on the local bus', () => {
  it('hands the function SQS-shaped batches of up to batchSize, whose bodies are the EventBridge events', async () => {
    const bus = newBus();
    const batches: SQSEvent[] = [];
    bus.addRule(
      queuedRule(async (batch) => {
        batches.push(batch);
        return { batchItemFailures: [] };
      }),
    );

    const records = await Promise.all(publishUnits(bus, 25));

    expect(batches.map((b) => b.Records.length).sort((a, b) => a - b)).toEqual([5, 10, 10]);
    const all = batches.flatMap((b) => b.Records);
    expect(new Set(all.map((r) => r.messageId)).size).toBe(25);
    const first = all[0]!;
    expect(first).toMatchObject({
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      receiptHandle: expect.any(String),
      attributes: { ApproximateReceiveCount: '1', SenderId: 'events.amazonaws.com' },
      messageAttributes: {},
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:finance-reconcile-unit-queue',
      awsRegion: 'local',
    });
    expect(first.md5OfBody).toBe(createHash('md5').update(first.body).digest('hex'));
    // The body is the whole event the bus built, as EventBridge sends it to an SQS target.
    const delivered = batches.flatMap(bodies);
    expect(delivered.map(eventIdOf).sort()).toEqual(records.map((r) => eventIdOf(r.event)).sort());
    expect(delivered.find((e) => e.id === records[3]!.event.id)).toEqual(records[3]!.event);
    for (const record of records) {
      expect(record.outcomes).toEqual([
        {
          rule: 'finance-reconcile-unit',
          service: 'finance',
          status: 'delivered',
          attempts: 1,
          at: expect.any(String),
        },
      ]);
    }
    expect(bus.history()).toHaveLength(25);
    expect(bus.queueStats('finance-reconcile-unit')).toMatchObject({ waiting: 0, inFlightBatches: 0, batches: 3 });
  });

  it('redelivers only the records named in batchItemFailures, with their receive count, until they succeed', async () => {
    const bus = newBus();
    const receives = new Map<string, string[]>();
    bus.addRule(
      queuedRule(async (batch) => {
        const failures: SQSBatchResponse['batchItemFailures'] = [];
        for (const record of batch.Records) {
          const id = eventIdOf(JSON.parse(record.body));
          const counts = receives.get(id) ?? [];
          counts.push(record.attributes.ApproximateReceiveCount);
          receives.set(id, counts);
          if (id === 'ev-2' && counts.length < 3) failures.push({ itemIdentifier: record.messageId });
        }
        return { batchItemFailures: failures };
      }),
    );

    const records = await Promise.all(publishUnits(bus, 5));

    expect(receives.get('ev-2')).toEqual(['1', '2', '3']);
    for (const id of ['ev-0', 'ev-1', 'ev-3', 'ev-4']) expect(receives.get(id), id).toEqual(['1']);
    const outcome = (id: string) => records.find((r) => eventIdOf(r.event) === id)!.outcomes[0];
    expect(outcome('ev-2')).toMatchObject({ status: 'delivered', attempts: 3, lastError: REPORTED_FAILED });
    expect(outcome('ev-1')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(outcome('ev-1')).not.toHaveProperty('lastError');
    expect(bus.deadLetters()).toEqual([]);
  });

  it('dead-letters a record after the receive limit, keeps the others, and lets it be redriven', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'queue-test-'));
    dirs.push(dataDir);
    const bus = newBus(dataDir);
    let broken = true;
    const receivesOfBad: string[] = [];
    bus.addRule(
      queuedRule(async (batch) => ({
        batchItemFailures: batch.Records.filter((r) => {
          if (eventIdOf(JSON.parse(r.body)) !== 'ev-1') return false;
          receivesOfBad.push(r.attributes.ApproximateReceiveCount);
          return broken;
        }).map((r) => ({ itemIdentifier: r.messageId })),
      })),
    );

    const records = await Promise.all(publishUnits(bus, 3));

    expect(receivesOfBad).toEqual(['1', '2', '3', '4', '5']);
    expect(QUEUE_MAX_RECEIVE_COUNT).toBe(5);
    expect(records.map((r) => r.outcomes[0]!.status)).toEqual(['delivered', 'dead-lettered', 'delivered']);
    expect(records[1]!.outcomes[0]).toMatchObject({ attempts: 5, lastError: REPORTED_FAILED });
    const [letter] = bus.deadLetters();
    expect(bus.deadLetters()).toHaveLength(1);
    expect(letter).toMatchObject({ rule: 'finance-reconcile-unit', service: 'finance', attempts: 5 });
    expect(letter!.event).toEqual(records[1]!.event);
    await bus.close();
    const persisted = readFileSync(join(dataDir, 'dead-letters.jsonl'), 'utf8').trim().split('\n');
    expect(persisted.map((l) => JSON.parse(l).event.id)).toEqual([records[1]!.event.id]);

    // After a restart, with the consumer fixed, the dead letter goes through the queue again.
    const again = newBus(dataDir);
    again.addRule(queuedRule(async () => ({ batchItemFailures: [] })));
    expect(again.deadLetters()).toHaveLength(1);
    broken = false;
    expect(await again.redrive(again.deadLetters()[0]!.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(again.deadLetters()).toEqual([]);
  });

  it.each([
    ['throws', () => Promise.reject(new Error('table unavailable')), 'table unavailable'],
    [
      'names a record not in it',
      () => Promise.resolve({ batchItemFailures: [{ itemIdentifier: 'not-a-message-of-this-batch' }] }),
      'not a message of the batch',
    ],
  ] as const)('counts a batch that %s as failed in full', async (_, firstAnswer, reason) => {
    const bus = newBus();
    const receives = new Map<string, string[]>();
    let first = true;
    bus.addRule(
      queuedRule(async (batch) => {
        for (const record of batch.Records) {
          const id = eventIdOf(JSON.parse(record.body));
          receives.set(id, [...(receives.get(id) ?? []), record.attributes.ApproximateReceiveCount]);
        }
        if (first) {
          first = false;
          return firstAnswer();
        }
        return undefined; // no response: every record succeeded
      }),
    );

    const records = await Promise.all(publishUnits(bus, 3));

    // The burst makes one batch of three; all three come back, whichever record was fine.
    expect([...receives.values()]).toEqual([
      ['1', '2'],
      ['1', '2'],
      ['1', '2'],
    ]);
    for (const record of records) {
      expect(record.outcomes[0]).toMatchObject({
        status: 'delivered',
        attempts: 2,
        lastError: expect.stringContaining(reason),
      });
    }
  });

  it('keeps a thrown error as the dead letter’s reason', async () => {
    const bus = newBus();
    bus.addRule(
      queuedRule(
        async () => {
          throw new Error('LambdaTimeoutError: finance-reconcile-unit timed out');
        },
        { batchSize: 1, maxConcurrency: 2, maxReceiveCount: 2 },
      ),
    );
    const [record] = await Promise.all(publishUnits(bus, 1));
    expect(record!.outcomes[0]).toMatchObject({ status: 'dead-lettered', attempts: 2 });
    expect(bus.deadLetters()[0]!.error).toContain('timed out');
  });

  it('processes a burst of 1,000 events with at most maxConcurrency batches at once', async () => {
    const bus = newBus();
    let inFlight = 0;
    let maxInFlight = 0;
    const handled = new Map<string, number>();
    bus.addRule(
      queuedRule(
        async (batch) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          try {
            await new Promise((resolve) => setTimeout(resolve, 1));
            const failures: { itemIdentifier: string }[] = [];
            for (const record of batch.Records) {
              const id = eventIdOf(JSON.parse(record.body));
              const seen = (handled.get(id) ?? 0) + 1;
              handled.set(id, seen);
              // Every 97th event fails its first receive: retries share the same bound.
              if (Number(id.slice(3)) % 97 === 0 && seen === 1) failures.push({ itemIdentifier: record.messageId });
            }
            return { batchItemFailures: failures };
          } finally {
            inFlight--;
          }
        },
        { batchSize: 10, maxConcurrency: 4 },
      ),
    );

    const records = await Promise.all(publishUnits(bus, 1000));

    expect(records.every((r) => r.outcomes[0]!.status === 'delivered')).toBe(true);
    expect(handled.size).toBe(1000);
    const retried = [...handled].filter(([, n]) => n > 1).map(([id]) => id);
    expect(retried.sort()).toEqual(
      Array.from({ length: 11 }, (_, i) => `ev-${i * 97}`).sort(), // 0, 97, …, 970
    );
    expect(maxInFlight).toBe(4);
    expect(bus.queueStats('finance-reconcile-unit')).toMatchObject({ maxInFlightBatchesSeen: 4, inFlightBatches: 0 });
  });

  it('delivers to queued and direct rules side by side; `accepted` waits only for the direct ones', async () => {
    const bus = newBus();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const direct: string[] = [];
    bus.addRule({
      ruleName: 'finance-direct',
      service: 'finance',
      pattern: { 'detail-type': ['UnitMonthDue'] },
      async invoke(event) {
        direct.push(eventIdOf(event));
      },
    });
    bus.addRule(
      queuedRule(async () => {
        await gate;
        return { batchItemFailures: [] };
      }),
    );

    const delivery = bus.send({ source: 'congdoan.finance', detailType: 'UnitMonthDue', detail: detail('ev-x') });
    expect(delivery.queued).toBe(1);
    const accepted = await delivery.accepted;
    expect(accepted).toEqual([expect.objectContaining({ rule: 'finance-direct', status: 'delivered' })]);
    expect(direct).toEqual(['ev-x']);
    expect(bus.history()).toEqual([]); // the queued delivery has not settled yet
    release();
    const record = await delivery.settled;
    expect(record.outcomes.map((o) => [o.rule, o.status])).toEqual([
      ['finance-direct', 'delivered'],
      ['finance-reconcile-unit', 'delivered'],
    ]);
    expect(bus.history()).toHaveLength(1);
  });

  it('runs the queuedHandler wrapper end to end: one failing record is retried alone', async () => {
    const bus = newBus();
    const attempts = new Map<string, number>();
    const handler = queuedHandler(
      'finance-reconcile-unit',
      async (event, delivery) => {
        const id = eventIdOf(event);
        attempts.set(id, delivery.receiveCount);
        if (id === 'ev-3' && delivery.receiveCount < 2) throw new Error('conflict on unit u-3');
      },
      { logger: { debug() {}, info() {}, warn() {}, error() {} } },
    );
    bus.addRule(queuedRule((batch) => handler(batch)));

    const records = await Promise.all(publishUnits(bus, 8));

    expect(records.map((r) => r.outcomes[0]!.attempts)).toEqual([1, 1, 1, 2, 1, 1, 1, 1]);
    expect(attempts.get('ev-3')).toBe(2);
    expect(attempts.get('ev-4')).toBe(1);
  });

  it('refuses queue settings AWS would refuse', () => {
    const bus = newBus();
    expect(() => bus.addRule(queuedRule(async () => {}, { batchSize: 11, maxConcurrency: 2 }))).toThrow(
      /batchSize must be an integer from 1 to 10/,
    );
    expect(() => bus.addRule(queuedRule(async () => {}, { batchSize: 10, maxConcurrency: 1 }))).toThrow(
      /maxConcurrency must be an integer from 2 to 1000/,
    );
  });
});
