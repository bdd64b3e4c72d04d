/**
 * Issue 9, item 13 in AWS: `npm run redrive -- <service> <subscription>` moves a
 * subscription's dead letters back: through the bus for a plain subscription, through an SQS
 * message move task for a queued one. SQS and EventBridge are mocked; the queue and bus names
 * are checked against what CDK synthesizes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { buildApp, SKIP_BUNDLING_CONTEXT } from '@congdoan/infra';
import { MANIFESTS } from '@congdoan/registry';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { eventOfMessage, parseCli, RedriveError, redrive } from '../../scripts/redrive.ts';

const sqs = mockClient(SQSClient);
const eventBridge = mockClient(EventBridgeClient);
const clients = () => ({
  sqs: new SQSClient({ region: 'ap-southeast-1' }),
  eventBridge: new EventBridgeClient({ region: 'ap-southeast-1' }),
  sleep: async () => {},
});

const ACCOUNT = '123456789012';
const urlOf = (name: string) => `https://sqs.ap-southeast-1.example/${ACCOUNT}/${name}`;
const arnOf = (name: string) => `arn:aws:sqs:ap-southeast-1:${ACCOUNT}:${name}`;

/** Queues exist with these many messages waiting. */
function givenQueues(waiting: Record<string, number>) {
  sqs.on(GetQueueUrlCommand).callsFake(({ QueueName }: { QueueName: string }) => {
    if (!(QueueName in waiting)) throw new QueueDoesNotExist({ message: 'no such queue', $metadata: {} });
    return { QueueUrl: urlOf(QueueName) };
  });
  sqs.on(GetQueueAttributesCommand).callsFake(({ QueueUrl }: { QueueUrl: string }) => {
    const name = QueueUrl.split('/').at(-1)!;
    return { Attributes: { QueueArn: arnOf(name), ApproximateNumberOfMessages: String(waiting[name]) } };
  });
}

const detail = (eventId: string) => ({
  metadata: {
    eventId,
    eventVersion: 1,
    occurredAt: '2026-03-01T01:00:00.000Z',
    correlationId: 'c-1',
    actor: { id: 'u-1', roles: ['admin'], unitId: '*' },
  },
  data: { unit: { id: 'U-1', version: 1 } },
});
const busEvent = (eventId: string) => ({
  version: '0',
  id: `eb-${eventId}`,
  'detail-type': 'UnitCreated',
  source: 'congdoan.membership',
  account: ACCOUNT,
  time: '2026-03-01T01:00:01Z',
  region: 'ap-southeast-1',
  resources: [],
  detail: detail(eventId),
});
/** What Lambda's on-failure destination writes after the function kept failing. */
const invocationRecord = (eventId: string) => ({
  version: '1.0',
  timestamp: '2026-03-01T01:05:00.000Z',
  requestContext: {
    requestId: 'r-1',
    functionArn: `arn:aws:lambda:ap-southeast-1:${ACCOUNT}:function:x:$LATEST`,
    condition: 'RetriesExhausted',
    approximateInvokeCount: 3,
  },
  requestPayload: busEvent(eventId),
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  responsePayload: { errorType: 'Error', errorMessage: 'table unavailable' },
});
const message = (id: string, body: unknown) => ({
  MessageId: id,
  ReceiptHandle: `rh-${id}`,
  Body: typeof body === 'string' ? body : JSON.stringify(body),
});

const DLQ = 'congdoan-dev-finance-unit-profiles-dlq';

beforeEach(() => {
  sqs.reset();
  eventBridge.reset();
});

describe('the names', () => {
  it('are those CDK gives every subscription’s dead-letter queue, work queue and the bus', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'redrive-synth-'));
    let queueNames: Set<string>;
    let busNames: Set<string>;
    try {
      const { app } = buildApp({ context: { ...SKIP_BUNDLING_CONTEXT, stage: 'dev' }, outdir });
      const resources = app
        .synth()
        .stacks.flatMap((s) =>
          Object.values(
            (s.template as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> })
              .Resources,
          ),
        );
      const named = (type: string, key: string) =>
        new Set(resources.filter((r) => r.Type === type).map((r) => String(r.Properties?.[key])));
      queueNames = named('AWS::SQS::Queue', 'QueueName');
      busNames = named('AWS::Events::EventBus', 'Name');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }

    const subscriptions = MANIFESTS.flatMap((m) => m.subscriptions.map((s) => ({ service: m.service, s })));
    expect(subscriptions.some(({ s }) => s.queue)).toBe(true);
    for (const { service, s } of subscriptions) {
      sqs.reset();
      const asked: string[] = [];
      sqs.on(GetQueueUrlCommand).callsFake(({ QueueName }: { QueueName: string }) => {
        asked.push(QueueName);
        return { QueueUrl: urlOf(QueueName) };
      });
      sqs
        .on(GetQueueAttributesCommand)
        .resolves({ Attributes: { QueueArn: arnOf('q'), ApproximateNumberOfMessages: '3' } });
      const result = await redrive({ service, subscription: s.name, stage: 'dev', dryRun: true }, clients());
      expect(asked.length, `${service} ${s.name}`).toBe(s.queue ? 2 : 1);
      for (const name of asked) expect(queueNames, `${service} ${s.name}: ${name}`).toContain(name);
      expect(result.mode).toBe(s.queue ? 'message-move-task' : 'put-events');
      if (!s.queue) expect(busNames).toContain(result.destination);
    }
  }, 120_000);
});

describe('a plain subscription', () => {
  it('puts each event back on the bus as it was, then deletes its message', async () => {
    givenQueues({ [DLQ]: 2 });
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message('m-1', busEvent('e-1')), message('m-2', invocationRecord('e-2'))] })
      .resolves({ Messages: [] });
    const order: string[] = [];
    eventBridge.on(PutEventsCommand).callsFake(() => {
      order.push('put');
      return { FailedEntryCount: 0, Entries: [{ EventId: 'n-1' }, { EventId: 'n-2' }] };
    });
    sqs.on(DeleteMessageBatchCommand).callsFake(({ Entries }: { Entries: { Id: string }[] }) => {
      order.push('delete');
      return { Successful: Entries.map((e) => ({ Id: e.Id })), Failed: [] };
    });

    const result = await redrive(
      { service: 'finance', subscription: 'finance-unit-profiles', stage: 'dev' },
      clients(),
    );

    expect(result).toMatchObject({ mode: 'put-events', deadLetterQueue: DLQ, destination: 'congdoan-dev' });
    expect(result).toMatchObject({ waiting: 2, moved: 2, left: [] });
    const [put] = eventBridge.commandCalls(PutEventsCommand);
    expect(put!.args[0].input.Entries).toEqual(
      ['e-1', 'e-2'].map((id) => ({
        EventBusName: 'congdoan-dev',
        Source: 'congdoan.membership',
        DetailType: 'UnitCreated',
        Detail: JSON.stringify(detail(id)),
        Time: new Date('2026-03-01T01:00:01Z'),
      })),
    );
    const deletes = sqs.commandCalls(DeleteMessageBatchCommand).map((c) => c.args[0].input);
    expect(deletes).toEqual([
      {
        QueueUrl: urlOf(DLQ),
        Entries: [
          { Id: '0', ReceiptHandle: 'rh-m-1' },
          { Id: '1', ReceiptHandle: 'rh-m-2' },
        ],
      },
    ]);
    expect(order).toEqual(['put', 'delete']); // deleted only once PutEvents accepted them
  });

  it('leaves in the queue what PutEvents refused and what holds no event', async () => {
    givenQueues({ [DLQ]: 3 });
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [message('m-1', busEvent('e-1')), message('m-2', 'not json'), message('m-3', busEvent('e-3'))],
      })
      .resolves({ Messages: [] });
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'n-1' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    });
    sqs.on(DeleteMessageBatchCommand).callsFake(({ Entries }: { Entries: { Id: string }[] }) => ({
      Successful: Entries.map((e) => ({ Id: e.Id })),
    }));

    const result = await redrive(
      { service: 'finance', subscription: 'finance-unit-profiles', stage: 'dev' },
      clients(),
    );

    expect(result.moved).toBe(1);
    expect(result.left).toEqual([
      { messageId: 'm-2', reason: 'the message body is not JSON' },
      { messageId: 'm-3', reason: 'PutEvents refused it: InternalFailure try again' },
    ]);
    expect(eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries).toHaveLength(2);
    const deleted = sqs.commandCalls(DeleteMessageBatchCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(deleted.map((e) => e.ReceiptHandle)).toEqual(['rh-m-1']);
  });

  it('deletes nothing when PutEvents fails, and takes each message once per run', async () => {
    givenQueues({ [DLQ]: 1 });
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [message('m-1', busEvent('e-1'))] });
    eventBridge.on(PutEventsCommand).rejects(new Error('throttled'));
    await expect(
      redrive({ service: 'finance', subscription: 'finance-unit-profiles', stage: 'dev' }, clients()),
    ).rejects.toThrow('throttled');
    expect(sqs.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);

    // A message seen again in the same run (its visibility timeout passed) is not sent twice.
    eventBridge.on(PutEventsCommand).resolves({ Entries: [{ EventId: 'n-1' }] });
    sqs
      .on(DeleteMessageBatchCommand)
      .resolves({ Successful: [], Failed: [{ Id: '0', Code: 'ReceiptHandleIsInvalid', SenderFault: true }] });
    givenQueues({ [DLQ]: 5 });
    const result = await redrive(
      { service: 'finance', subscription: 'finance-unit-profiles', stage: 'dev' },
      clients(),
    );
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
    expect(result.moved).toBe(0);
    expect(result.left).toEqual([
      { messageId: 'm-1', reason: expect.stringContaining('not deleted (ReceiptHandleIsInvalid)') },
    ]);
  });

  it('only reports in a dry run', async () => {
    givenQueues({ [DLQ]: 4 });
    const result = await redrive(
      { service: 'finance', subscription: 'finance-unit-profiles', stage: 'prod', dryRun: true },
      clients(),
    ).catch((e: Error) => e);
    expect(result).toBeInstanceOf(RedriveError); // prod's queue is not in this account
    const dev = await redrive(
      { service: 'finance', subscription: 'finance-unit-profiles', stage: 'dev', dryRun: true },
      clients(),
    );
    expect(dev).toMatchObject({ waiting: 4, moved: 0, left: [] });
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(0);
    expect(eventBridge.calls()).toHaveLength(0);
  });
});

describe('a queued subscription', () => {
  const queued = MANIFESTS.flatMap((m) =>
    m.subscriptions.filter((s) => s.queue).map((s) => ({ service: m.service, s })),
  )[0]!;
  const id = queued.s.name.startsWith(`${queued.service}-`) ? queued.s.name : `${queued.service}-${queued.s.name}`;
  const dlq = `congdoan-dev-${id}-dlq`;
  const work = `congdoan-dev-${id}-queue`;

  it('moves the dead letters back to its queue with an SQS message move task, and waits for it', async () => {
    givenQueues({ [dlq]: 3, [work]: 0 });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [{ Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 1 }] })
      .resolves({ Results: [{ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 3 }] });

    const result = await redrive({ service: queued.service, subscription: queued.s.name, stage: 'dev' }, clients());

    expect(sqs.commandCalls(StartMessageMoveTaskCommand).map((c) => c.args[0].input)).toEqual([
      { SourceArn: arnOf(dlq), DestinationArn: arnOf(work) },
    ]);
    expect(sqs.commandCalls(ListMessageMoveTasksCommand)).toHaveLength(2);
    expect(result).toMatchObject({ mode: 'message-move-task', destination: work, waiting: 3, moved: 3, left: [] });
    expect(eventBridge.calls()).toHaveLength(0);
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(0);
  });

  it('reports a move task that failed', async () => {
    givenQueues({ [dlq]: 3, [work]: 0 });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
    sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [{ Status: 'FAILED', ApproximateNumberOfMessagesMoved: 1, FailureReason: 'AccessDenied' }],
    });
    const result = await redrive({ service: queued.service, subscription: queued.s.name, stage: 'dev' }, clients());
    expect(result.moved).toBe(1);
    expect(result.left).toEqual([{ messageId: '*', reason: 'the move task ended FAILED: AccessDenied' }]);
  });
});

describe('the command line', () => {
  it('names what it does not know', async () => {
    await expect(redrive({ service: 'payroll', subscription: 'x', stage: 'dev' }, clients())).rejects.toThrow(
      /no service "payroll"; services: membership, finance/,
    );
    await expect(redrive({ service: 'finance', subscription: 'nope', stage: 'dev' }, clients())).rejects.toThrow(
      /finance has no subscription "nope"; its subscriptions: .*finance-unit-profiles/,
    );
    expect(() => parseCli(['finance'])).toThrow(/usage: npm run redrive/);
    expect(parseCli(['finance', 'finance-unit-profiles', '--stage', 'prod', '--dry-run'])).toMatchObject({
      service: 'finance',
      subscription: 'finance-unit-profiles',
      stage: 'prod',
      dryRun: true,
    });
  });

  it('reads the event out of either kind of dead-letter message', () => {
    expect(eventOfMessage(JSON.stringify(busEvent('e-1')))).toMatchObject({ event: { detail: detail('e-1') } });
    expect(eventOfMessage(JSON.stringify(invocationRecord('e-2')))).toMatchObject({ event: { detail: detail('e-2') } });
    expect(eventOfMessage('{"hello":1}')).toEqual({ reason: expect.stringContaining('no EventBridge event') });
  });
});
