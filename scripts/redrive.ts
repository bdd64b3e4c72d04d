/**
 * Replays what a subscription's dead-letter queue holds, once its consumer is fixed:
 *
 *   npm run redrive -- <service> <subscription> [--stage dev|prod] [--region <region>] [--dry-run]
 *
 * The queue names come from the same functions CDK names them with (`infra/lib/names.ts`).
 *
 * - A plain subscription (rule → function): each message is the event EventBridge could not
 *   deliver, or the Lambda on-failure record holding it (`requestPayload`). The event is put
 *   back on the stage's bus with its source, detail-type, detail, time and resources (PutEvents,
 *   ten at a time), and its message is deleted only once PutEvents accepted that entry. Every
 *   rule matching the event gets it again, not only this one: consumers are idempotent (upsert
 *   by version, `applyOnce` by the detail's eventId, which is kept). A message that is not an
 *   event, or whose entry PutEvents refused, stays in the queue and is reported.
 * - A queued subscription (rule → queue → function): SQS moves the messages back to the
 *   subscription's queue itself (StartMessageMoveTask); this waits until the task ends.
 *
 * Messages are taken at most once per run (those that fail again later are not cycled).
 * Exit code: 0 everything moved, 2 some messages stayed in the dead-letter queue, 1 an error.
 * Credentials and region come from the usual AWS environment (profile, variables, SSO).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { ServiceManifest, SubscriptionDefinition } from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { z } from 'zod';
import { functionId } from '../infra/lib/functions.ts';
import { deadLetterQueueName, eventBusName, stagePrefix, workQueueName } from '../infra/lib/names.ts';

/** PutEvents takes at most 10 entries; ReceiveMessage gives at most 10 messages. */
const BATCH = 10;
/** Long enough to put a batch back on the bus before SQS shows its messages again. */
const VISIBILITY_TIMEOUT_SECONDS = 120;
const MOVE_TASK_POLL_MS = 2000;

export interface RedriveOptions {
  service: string;
  subscription: string;
  stage: string;
  dryRun?: boolean;
}

export interface RedriveClients {
  sqs: SQSClient;
  eventBridge: EventBridgeClient;
  log?: (line: string) => void;
  /** Waits between move-task polls; a test passes one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export interface RedriveResult {
  mode: 'put-events' | 'message-move-task';
  deadLetterQueue: string;
  /** The bus (put-events) or the subscription's queue (message-move-task). */
  destination: string;
  /** Messages in the dead-letter queue when the run started (approximate, as SQS counts). */
  waiting: number;
  moved: number;
  /** Messages left in the dead-letter queue, each with the reason. */
  left: { messageId: string; reason: string }[];
}

export class RedriveError extends Error {
  override name = 'RedriveError';
}

/** The event EventBridge hands a target; what a dead-letter message holds, one way or another. */
const busEventSchema = z.looseObject({
  source: z.string().min(1),
  'detail-type': z.string().min(1),
  detail: z.record(z.string(), z.unknown()),
  time: z.string().optional(),
  resources: z.array(z.string()).optional(),
});
type BusEventShape = z.infer<typeof busEventSchema>;

/** A Lambda on-failure destination record: the event is its `requestPayload`. */
const invocationRecordSchema = z.looseObject({
  requestContext: z.looseObject({ functionArn: z.string().optional(), condition: z.string().optional() }),
  requestPayload: z.unknown(),
});

/** The event a dead-letter message holds, or why there is none. */
export function eventOfMessage(body: string | undefined): { event: BusEventShape } | { reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return { reason: 'the message body is not JSON' };
  }
  const record = invocationRecordSchema.safeParse(parsed);
  const candidate = record.success ? record.data.requestPayload : parsed;
  const event = busEventSchema.safeParse(candidate);
  if (!event.success) return { reason: 'the message holds no EventBridge event (source, detail-type, detail)' };
  return { event: event.data };
}

/** The subscription named `name` (its manifest name or its function id) of `service`. */
export function findSubscription(
  service: string,
  name: string,
  manifests: readonly ServiceManifest[] = MANIFESTS,
): { manifest: ServiceManifest; subscription: SubscriptionDefinition; id: string } {
  const manifest = manifests.find((m) => m.service === service);
  if (!manifest) {
    throw new RedriveError(`no service "${service}"; services: ${manifests.map((m) => m.service).join(', ')}`);
  }
  const subscription = manifest.subscriptions.find(
    (s) => s.name === name || functionId(manifest.service, s.name) === name,
  );
  if (!subscription) {
    const names = manifest.subscriptions.map((s) => s.name).join(', ');
    throw new RedriveError(`${service} has no subscription "${name}"; its subscriptions: ${names}`);
  }
  return { manifest, subscription, id: functionId(manifest.service, subscription.name) };
}

export async function redrive(options: RedriveOptions, clients: RedriveClients): Promise<RedriveResult> {
  const log = clients.log ?? (() => {});
  const { subscription, id } = findSubscription(options.service, options.subscription);
  const prefix = stagePrefix(options.stage);
  const dlqName = deadLetterQueueName(prefix, id);
  const dlq = await queue(clients.sqs, dlqName);
  const waiting = Number(dlq.attributes.ApproximateNumberOfMessages ?? 0);

  if (subscription.queue) {
    const target = await queue(clients.sqs, workQueueName(prefix, id));
    const result: RedriveResult = {
      mode: 'message-move-task',
      deadLetterQueue: dlqName,
      destination: target.name,
      waiting,
      moved: 0,
      left: [],
    };
    log(`${dlqName}: ${waiting} message(s); SQS moves them back to ${target.name}`);
    if (options.dryRun || waiting === 0) return result;
    return moveBack(clients, dlq, target, result, log);
  }

  const bus = eventBusName(prefix);
  const result: RedriveResult = {
    mode: 'put-events',
    deadLetterQueue: dlqName,
    destination: bus,
    waiting,
    moved: 0,
    left: [],
  };
  log(`${dlqName}: ${waiting} message(s); each event goes back on the bus ${bus}`);
  if (options.dryRun || waiting === 0) return result;

  const seen = new Set<string>();
  while (seen.size < waiting) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlq.url,
        MaxNumberOfMessages: Math.min(BATCH, waiting - seen.size),
        VisibilityTimeout: VISIBILITY_TIMEOUT_SECONDS,
        WaitTimeSeconds: 2,
      }),
    );
    const fresh = Messages.filter((m) => m.MessageId && m.ReceiptHandle && !seen.has(m.MessageId));
    if (fresh.length === 0) break;
    for (const m of fresh) seen.add(m.MessageId!);
    await putBack(clients, dlq.url, bus, fresh, result, log);
  }
  log(`moved ${result.moved} of ${waiting}; ${result.left.length} left in ${dlqName}`);
  return result;
}

/** Puts a batch's events on the bus and deletes the messages whose entry was accepted. */
async function putBack(
  clients: RedriveClients,
  queueUrl: string,
  bus: string,
  messages: Message[],
  result: RedriveResult,
  log: (line: string) => void,
): Promise<void> {
  const sendable: { message: Message; entry: PutEventsRequestEntry; label: string }[] = [];
  for (const message of messages) {
    const parsed = eventOfMessage(message.Body);
    if ('reason' in parsed) {
      result.left.push({ messageId: message.MessageId!, reason: parsed.reason });
      log(`left ${message.MessageId}: ${parsed.reason}`);
      continue;
    }
    const { event } = parsed;
    const eventId = (event.detail.metadata as { eventId?: unknown } | undefined)?.eventId;
    sendable.push({
      message,
      label: `${event['detail-type']} ${typeof eventId === 'string' ? eventId : '(no eventId)'}`,
      entry: {
        EventBusName: bus,
        Source: event.source,
        DetailType: event['detail-type'],
        Detail: JSON.stringify(event.detail),
        ...(event.time && { Time: new Date(event.time) }),
        ...(event.resources?.length && { Resources: event.resources }),
      },
    });
  }
  if (sendable.length === 0) return;
  const response = await clients.eventBridge.send(new PutEventsCommand({ Entries: sendable.map((s) => s.entry) }));
  const accepted: { Id: string; ReceiptHandle: string }[] = [];
  sendable.forEach((s, i) => {
    const outcome = response.Entries?.[i];
    if (outcome?.EventId && !outcome.ErrorCode) {
      accepted.push({ Id: String(i), ReceiptHandle: s.message.ReceiptHandle! });
      log(`put back ${s.label}`);
      return;
    }
    const reason = `PutEvents refused it: ${outcome?.ErrorCode ?? 'no answer'} ${outcome?.ErrorMessage ?? ''}`.trim();
    result.left.push({ messageId: s.message.MessageId!, reason });
    log(`left ${s.message.MessageId} (${s.label}): ${reason}`);
  });
  if (accepted.length === 0) return;
  const deleted = await clients.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: accepted }));
  result.moved += deleted.Successful?.length ?? 0;
  for (const failure of deleted.Failed ?? []) {
    const message = sendable[Number(failure.Id)]!.message;
    // Already on the bus: the message comes back after its visibility timeout, and a second
    // redrive would deliver it twice (harmless to idempotent consumers). Say so.
    result.left.push({
      messageId: message.MessageId!,
      reason: `put back on the bus, but not deleted (${failure.Code}): a later redrive would send it again`,
    });
  }
}

/** Starts an SQS message move task from the DLQ to the subscription's queue and waits for its end. */
async function moveBack(
  clients: RedriveClients,
  dlq: QueueInfo,
  target: QueueInfo,
  result: RedriveResult,
  log: (line: string) => void,
): Promise<RedriveResult> {
  const sleep = clients.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const { TaskHandle } = await clients.sqs.send(
    new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: target.arn }),
  );
  log(`move task ${TaskHandle ?? ''} started`);
  for (;;) {
    const { Results = [] } = await clients.sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: dlq.arn, MaxResults: 1 }),
    );
    const task = Results[0];
    if (task && task.Status !== 'RUNNING' && task.Status !== 'CANCELLING') {
      result.moved = task.ApproximateNumberOfMessagesMoved ?? 0;
      if (task.Status !== 'COMPLETED') {
        result.left.push({ messageId: '*', reason: `the move task ended ${task.Status}: ${task.FailureReason ?? ''}` });
      } else if (result.moved < result.waiting) {
        const rest = result.waiting - result.moved;
        result.left.push({ messageId: '*', reason: `${rest} message(s) were not moved` });
      }
      log(`move task ${task.Status}: ${result.moved} of ${result.waiting} moved`);
      return result;
    }
    await sleep(MOVE_TASK_POLL_MS);
  }
}

interface QueueInfo {
  name: string;
  url: string;
  arn: string;
  attributes: Record<string, string | undefined>;
}

async function queue(sqs: SQSClient, name: string): Promise<QueueInfo> {
  let url: string | undefined;
  try {
    ({ QueueUrl: url } = await sqs.send(new GetQueueUrlCommand({ QueueName: name })));
  } catch (error) {
    const code = (error as { name?: string }).name;
    if (code === 'QueueDoesNotExist' || code === 'AWS.SimpleQueueService.NonExistentQueue') {
      throw new RedriveError(`no queue ${name} in this account and region: is the stage deployed here?`);
    }
    throw error;
  }
  if (!url) throw new RedriveError(`no queue ${name}`);
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'] }),
  );
  if (!Attributes.QueueArn) throw new RedriveError(`queue ${name} has no ARN`);
  return { name, url, arn: Attributes.QueueArn, attributes: Attributes };
}

export function parseCli(argv: readonly string[]): RedriveOptions & { region?: string } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      stage: { type: 'string', default: process.env.STAGE ?? 'dev' },
      region: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const [service, subscription, ...rest] = positionals;
  if (!service || !subscription || rest.length > 0) {
    throw new RedriveError(
      'usage: npm run redrive -- <service> <subscription> [--stage dev|prod] [--region <region>] [--dry-run]',
    );
  }
  return { service, subscription, stage: values.stage, dryRun: values['dry-run'], region: values.region };
}

async function main(): Promise<void> {
  try {
    const { region, ...options } = parseCli(process.argv.slice(2));
    const config = region ? { region } : {};
    const sqs = new SQSClient(config);
    const eventBridge = new EventBridgeClient(config);
    const result = await redrive(options, { sqs, eventBridge, log: (line) => console.log(line) });
    sqs.destroy();
    eventBridge.destroy();
    process.exitCode = result.left.length > 0 ? 2 : 0;
  } catch (error) {
    console.error(error instanceof RedriveError ? error.message : error);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
