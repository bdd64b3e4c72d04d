/**
 * The local EventBridge bus: rules with patterns, one target each, retries with exponential
 * backoff and jitter, and a dead-letter list standing in for each rule's SQS DLQ. A queued
 * target (a manifest subscription with `queue`) gets an in-process queue instead, which hands
 * the function SQS-shaped batches (see queue.ts); its dead letters join the same list.
 *
 * Every published event and each rule's outcome is kept in a bounded history (newest last)
 * and appended to `<dataDir>/events.jsonl`; dead letters go to `<dataDir>/dead-letters.jsonl`.
 * Both are reloaded when the bus starts, so `/_local/events` and `/_local/dead-letters`
 * survive a restart. The history is a log: its events have their personal fields masked as
 * the services' logs have (http-kit's list), and error texts lose ID numbers and emails. A
 * dead letter keeps its event whole, to be redriven; its file is the owner's only (0600).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { appendFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type BusEvent,
  type EventDetail,
  type EventPattern,
  QUEUE_MAX_RECEIVE_COUNT,
  type QueueDefinition,
  queueDefinitionProblems,
} from '@congdoan/contracts';
import type { SQSEvent } from 'aws-lambda';
import { describeError as describe, maskPersonalData, scrubPersonalText } from '../mask.ts';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files.ts';
import { matchesPattern, validatePattern } from './pattern.ts';
import { LocalQueue, type LocalQueueStats } from './queue.ts';

export interface BusTarget {
  ruleName: string;
  /** The consuming service, for the record. */
  service: string;
  pattern: EventPattern;
  invoke(event: BusEvent): Promise<void>;
}

/** A rule whose target is a queue, consumed by a function in batches (a queued subscription). */
export interface QueuedBusTarget {
  ruleName: string;
  service: string;
  pattern: EventPattern;
  queue: QueueDefinition & {
    /** Receives before dead-lettering; default `QUEUE_MAX_RECEIVE_COUNT`, as in AWS. */
    maxReceiveCount?: number;
  };
  /** Calls the function with an SQS batch; resolves to its response (`{ batchItemFailures }`). */
  invokeBatch(batch: SQSEvent): Promise<unknown>;
}

export type AnyBusTarget = BusTarget | QueuedBusTarget;

/** What `send` gives: the event, and when it was taken and when every delivery settled. */
export interface BusDelivery {
  event: BusEvent;
  /** How many matching rules are queued; their deliveries settle after `accepted`. */
  queued: number;
  /**
   * Resolves once the direct targets' deliveries settled (their outcomes) and the queued
   * targets hold the event: the moment EventBridge would have acknowledged it.
   */
  accepted: Promise<DeliveryOutcome[]>;
  /** Resolves once every delivery, queued ones included, succeeded or was dead-lettered. */
  settled: Promise<BusRecord>;
}

export interface DeliveryOutcome {
  rule: string;
  service: string;
  status: 'delivered' | 'dead-lettered';
  /** Invocations of the target; for a queued target, receives of the event's record. */
  attempts: number;
  lastError?: string;
  at: string;
}

export interface BusRecord {
  event: BusEvent;
  outcomes: DeliveryOutcome[];
  /** Set on the record of a redelivery: the dead letter it replayed. */
  redriveOf?: string;
}

export interface DeadLetter {
  /** Names it for `redrive` and `discard` (`/_local/dead-letters/{id}`). */
  id: string;
  rule: string;
  service: string;
  event: BusEvent;
  attempts: number;
  error: string;
  at: string;
}

export interface PublishEntry {
  source: string;
  detailType: string;
  detail: unknown;
  id?: string;
  time?: string;
}

export interface LocalEventBusOptions {
  /** Folder for `events.jsonl` and `dead-letters.jsonl`; `null` keeps everything in memory. */
  dataDir: string | null;
  /** Attempts per target before dead-lettering, the first included. Default 6. */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt. Default 200 ms. */
  baseDelayMs?: number;
  /** Ceiling of a retry delay. Default 5000 ms. */
  maxDelayMs?: number;
  log?: (line: string) => void;
  /** Records kept in memory (and in the file after compaction). Default 1000. */
  historySize?: number;
}

export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'local';

const EVENTS_FILE = 'events.jsonl';
const DEAD_LETTERS_FILE = 'dead-letters.jsonl';

export class LocalEventBus {
  private readonly rules = new Map<string, AnyBusTarget>();
  private readonly queues = new Map<string, LocalQueue>();
  private readonly records: BusRecord[];
  private readonly dead: DeadLetter[];
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly historySize: number;
  private readonly log: (line: string) => void;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Appends and rewrites run one at a time, in order. */
  private writes: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: LocalEventBusOptions) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.historySize = Math.max(1, options.historySize ?? 1000);
    this.log = options.log ?? (() => {});
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const history = readJsonLines<BusRecord>(this.file(EVENTS_FILE), this.log);
    // A log written by an earlier version held events whole: mask it on the way in.
    this.records = history.slice(-this.historySize).map(maskRecord);
    const letters = readJsonLines<Omit<DeadLetter, 'id'> & { id?: string }>(this.file(DEAD_LETTERS_FILE), this.log);
    this.dead = letters.map((letter) => ({ ...letter, id: letter.id ?? randomUUID() }));
    if (letters.some((letter) => letter.id === undefined)) this.rewrite(DEAD_LETTERS_FILE, this.dead);
    // Keep events.jsonl from growing without bound, and masked: rewrite it with what is kept.
    const unmasked = history.some((record) => JSON.stringify(record) !== JSON.stringify(maskRecord(record)));
    if (history.length > 2 * this.historySize || unmasked) this.rewrite(EVENTS_FILE, this.records);
  }

  /** Adds a rule and its target. Throws on a malformed pattern or queue, or a rule name already taken. */
  addRule(target: AnyBusTarget): void {
    if (this.rules.has(target.ruleName)) throw new Error(`rule "${target.ruleName}" is already on the bus`);
    try {
      validatePattern(target.pattern);
    } catch (error) {
      throw new Error(`rule "${target.ruleName}" (${target.service}): ${(error as Error).message}`, { cause: error });
    }
    if (isQueued(target)) {
      const { maxReceiveCount = QUEUE_MAX_RECEIVE_COUNT } = target.queue;
      const problems = queueDefinitionProblems(target.queue);
      if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < 1)
        problems.push(`maxReceiveCount must be a positive integer, not ${maxReceiveCount}`);
      if (problems.length > 0) throw new Error(`rule "${target.ruleName}" (${target.service}): ${problems.join('; ')}`);
      this.queues.set(
        target.ruleName,
        new LocalQueue({
          name: `${target.ruleName}-queue`,
          batchSize: target.queue.batchSize,
          maxConcurrency: target.queue.maxConcurrency,
          maxReceiveCount,
          receive: (batch) => target.invokeBatch(batch),
          retryDelay: (receives) => this.backoff(receives),
          account: LOCAL_ACCOUNT,
          region: LOCAL_REGION,
          log: this.log,
        }),
      );
    }
    this.rules.set(target.ruleName, target);
  }

  /** The rules on the bus, in the order they were added. */
  listRules(): { ruleName: string; service: string; pattern: EventPattern; queue?: QueuedBusTarget['queue'] }[] {
    return [...this.rules.values()].map((rule) => {
      const { ruleName, service, pattern } = rule;
      return { ruleName, service, pattern, ...(isQueued(rule) && { queue: { ...rule.queue } }) };
    });
  }

  /** A queued rule's queue: how much waits, how many batches run. */
  queueStats(ruleName: string): LocalQueueStats | undefined {
    return this.queues.get(ruleName)?.stats();
  }

  /**
   * Sends an event to every rule it matches, in parallel, and resolves once each delivery has
   * either succeeded or been dead-lettered. A failing target never makes this reject.
   */
  publish(entry: PublishEntry): Promise<BusRecord> {
    if (this.closed) return Promise.reject(new Error('the event bus is closed'));
    return this.send(entry).settled;
  }

  /**
   * Like `publish`, but also tells when the event was taken (`accepted`): a caller that
   * checkpoints, like the outbox poller, moves on then, and queued targets fill their batches
   * with the events that follow. Throws when the bus is closed.
   */
  send(entry: PublishEntry): BusDelivery {
    if (this.closed) throw new Error('the event bus is closed');
    const event: BusEvent = {
      version: '0',
      id: entry.id ?? randomUUID(),
      'detail-type': entry.detailType,
      source: entry.source,
      account: LOCAL_ACCOUNT,
      time: entry.time ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: LOCAL_REGION,
      resources: [],
      detail: entry.detail as EventDetail<unknown>,
    };
    const targets = this.matching(event);
    // Started in the targets' order, so the record lists outcomes as the rules were added.
    const deliveries = targets.map((target) => ({ target, outcome: this.track(this.deliver(target, event)) }));
    const direct = deliveries.filter((d) => !isQueued(d.target)).map((d) => d.outcome);
    const settled = this.track(
      this.record(
        event,
        deliveries.map((d) => d.outcome),
      ),
    );
    return {
      event: structuredClone(event),
      queued: deliveries.length - direct.length,
      accepted: Promise.all(direct),
      settled,
    };
  }

  /** Published events with each matching rule's outcome, oldest first, newest last. */
  history(): BusRecord[] {
    return structuredClone(this.records);
  }

  /** Deliveries that failed every attempt, oldest first, with their events whole. */
  deadLetters(): DeadLetter[] {
    return structuredClone(this.dead);
  }

  /**
   * Delivers dead letter `id` to its rule again, and to that rule only, with the usual retries
   * (for a queued rule, as a new message with its receives counted afresh). It leaves the list
   * at once, so a second redrive of the same id finds nothing; if the delivery fails again it
   * is dead-lettered again, under a new id (`outcome.deadLetterId`). The redelivery joins the
   * history with `redriveOf`. Throws `UnknownDeadLetterError` for an id not on the list.
   */
  redrive(id: string): Promise<RedriveOutcome> {
    const index = this.dead.findIndex((letter) => letter.id === id);
    const letter = this.dead[index];
    if (!letter) return Promise.reject(new UnknownDeadLetterError(id));
    const target = this.rules.get(letter.rule);
    if (!target) return Promise.reject(new Error(`dead letter ${id} belongs to rule "${letter.rule}", not on the bus`));
    this.dead.splice(index, 1);
    this.rewrite(DEAD_LETTERS_FILE, this.dead);
    const before = new Set(this.dead.map((d) => d.id));
    return this.track(
      this.deliver(target, letter.event).then((outcome) => {
        this.remember({ event: structuredClone(letter.event), outcomes: [outcome], redriveOf: id });
        const again = this.dead.find(
          (d) => !before.has(d.id) && d.event.id === letter.event.id && d.rule === letter.rule,
        );
        return { ...outcome, ...(again && { deadLetterId: again.id }) };
      }),
    );
  }

  /** Removes dead letter `id` without delivering it. Throws `UnknownDeadLetterError` for an id not on the list. */
  discard(id: string): DeadLetter {
    const index = this.dead.findIndex((letter) => letter.id === id);
    const [letter] = index === -1 ? [] : this.dead.splice(index, 1);
    if (!letter) throw new UnknownDeadLetterError(id);
    this.rewrite(DEAD_LETTERS_FILE, this.dead);
    return letter;
  }

  /** Stops accepting events and waits for deliveries in flight and for the files to be written. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.writes;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
    return work;
  }

  private matching(event: BusEvent): AnyBusTarget[] {
    return [...this.rules.values()].filter((rule) => {
      try {
        return matchesPattern(rule.pattern, event as unknown as Record<string, unknown>);
      } catch {
        return false;
      }
    });
  }

  private async record(event: BusEvent, deliveries: Promise<DeliveryOutcome>[]): Promise<BusRecord> {
    const outcomes = await Promise.all(deliveries);
    return this.remember({ event, outcomes });
  }

  /** Adds a record, masked, to the history and its file. */
  private remember(record: BusRecord): BusRecord {
    const masked = maskRecord(record);
    this.records.push(masked);
    if (this.records.length > this.historySize) this.records.splice(0, this.records.length - this.historySize);
    this.append(EVENTS_FILE, masked);
    return structuredClone(masked);
  }

  private deliver(target: AnyBusTarget, event: BusEvent): Promise<DeliveryOutcome> {
    return isQueued(target) ? this.deliverQueued(target, event) : this.deliverDirect(target, event);
  }

  /** Through the rule's queue: the outcome is the record's, after its last receive. */
  private async deliverQueued(target: QueuedBusTarget, event: BusEvent): Promise<DeliveryOutcome> {
    const queue = this.queues.get(target.ruleName);
    if (!queue) throw new Error(`rule "${target.ruleName}" has no queue`);
    const outcome = await queue.send(structuredClone(event));
    const at = new Date().toISOString();
    if (outcome.status === 'dead-lettered') {
      const error = scrubPersonalText(outcome.lastError ?? 'unknown error');
      this.deadLetter({ rule: target.ruleName, service: target.service, event, attempts: outcome.receives, error, at });
      this.log(
        `bus: ${target.ruleName} dead-lettered ${event['detail-type']} ${event.id} after ${outcome.receives} receives: ${error}`,
      );
    }
    return {
      rule: target.ruleName,
      service: target.service,
      status: outcome.status,
      attempts: outcome.receives,
      ...(outcome.lastError !== undefined && { lastError: outcome.lastError }),
      at,
    };
  }

  private deadLetter(letter: Omit<DeadLetter, 'id'>): void {
    const copy: DeadLetter = {
      id: randomUUID(),
      ...letter,
      error: scrubPersonalText(letter.error),
      event: structuredClone(letter.event),
    };
    this.dead.push(copy);
    this.append(DEAD_LETTERS_FILE, copy);
  }

  private async deliverDirect(target: BusTarget, event: BusEvent): Promise<DeliveryOutcome> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        // Each attempt gets its own copy: a target that mutates the event affects nobody else.
        await target.invoke(structuredClone(event));
        return {
          rule: target.ruleName,
          service: target.service,
          status: 'delivered',
          attempts: attempt,
          ...(lastError ? { lastError } : {}),
          at: new Date().toISOString(),
        };
      } catch (error) {
        lastError = describe(error);
        if (attempt < this.maxAttempts) {
          const delay = this.backoff(attempt);
          this.log(
            `bus: ${target.ruleName} failed on ${event['detail-type']} ${event.id} (attempt ${attempt}/${this.maxAttempts}), retrying in ${delay} ms: ${lastError}`,
          );
          await sleep(delay);
        }
      }
    }
    const at = new Date().toISOString();
    this.deadLetter({
      rule: target.ruleName,
      service: target.service,
      event,
      attempts: this.maxAttempts,
      error: lastError,
      at,
    });
    this.log(
      `bus: ${target.ruleName} dead-lettered ${event['detail-type']} ${event.id} after ${this.maxAttempts} attempts: ${lastError}`,
    );
    return {
      rule: target.ruleName,
      service: target.service,
      status: 'dead-lettered',
      attempts: this.maxAttempts,
      lastError,
      at,
    };
  }

  /** Exponential backoff with equal jitter: half the step fixed, half random. */
  private backoff(attempt: number): number {
    const step = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(step / 2 + Math.random() * (step / 2));
  }

  private file(name: string): string | null {
    return this.options.dataDir ? join(this.options.dataDir, name) : null;
  }

  private append(name: string, value: unknown): void {
    const path = this.file(name);
    if (!path) return;
    const line = `${JSON.stringify(value)}\n`;
    this.writes = this.writes.then(() =>
      appendFile(path, line, { encoding: 'utf8', mode: PRIVATE_FILE_MODE }).catch((error) =>
        this.log(`bus: could not write ${path}: ${describe(error)}`),
      ),
    );
  }

  private rewrite(name: string, values: readonly unknown[]): void {
    const path = this.file(name);
    if (!path) return;
    const text = values.map((v) => `${JSON.stringify(v)}\n`).join('');
    const tmp = `${path}.${process.pid}.tmp`;
    this.writes = this.writes.then(() =>
      writeFile(tmp, text, { encoding: 'utf8', mode: PRIVATE_FILE_MODE })
        .then(() => rename(tmp, path))
        .catch((error) => this.log(`bus: could not write ${path}: ${describe(error)}`)),
    );
  }
}

/** What a redrive did; `deadLetterId` names the new dead letter when it failed again. */
export type RedriveOutcome = DeliveryOutcome & { deadLetterId?: string };

export class UnknownDeadLetterError extends Error {
  constructor(readonly id: string) {
    super(`no dead letter has the id ${id}`);
    this.name = 'UnknownDeadLetterError';
  }
}

/** A history record as the log keeps it: personal fields masked, error texts scrubbed. */
function maskRecord(record: BusRecord): BusRecord {
  return {
    ...record,
    event: maskPersonalData(record.event),
    outcomes: record.outcomes.map((o) =>
      o.lastError === undefined ? o : { ...o, lastError: scrubPersonalText(o.lastError) },
    ),
  };
}

function isQueued(target: AnyBusTarget): target is QueuedBusTarget {
  return 'queue' in target && target.queue !== undefined;
}

function readJsonLines<T>(path: string | null, log: (line: string) => void): T[] {
  if (!path || !existsSync(path)) return [];
  const values: T[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      values.push(JSON.parse(line) as T);
    } catch {
      // A line cut short by a crash mid-append: skip it, keep the rest.
      log(`bus: skipped unreadable line ${i + 1} of ${path}`);
    }
  });
  return values;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
