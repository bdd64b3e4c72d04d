/**
 * The local EventBridge bus: rules with patterns, one target each, retries with exponential
 * backoff and jitter, and a dead-letter list standing in for each rule's SQS DLQ.
 *
 * Every published event and each rule's outcome is kept in a bounded history (newest last)
 * and appended to `<dataDir>/events.jsonl`; dead letters go to `<dataDir>/dead-letters.jsonl`.
 * Both are reloaded when the bus starts, so `/_local/events` and `/_local/dead-letters`
 * survive a restart.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { appendFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BusEvent, EventDetail, EventPattern } from '@congdoan/contracts';
import { matchesPattern, validatePattern } from './pattern.ts';

export interface BusTarget {
  ruleName: string;
  /** The consuming service, for the record. */
  service: string;
  pattern: EventPattern;
  invoke(event: BusEvent): Promise<void>;
}

export interface DeliveryOutcome {
  rule: string;
  service: string;
  status: 'delivered' | 'dead-lettered';
  attempts: number;
  lastError?: string;
  at: string;
}

export interface BusRecord {
  event: BusEvent;
  outcomes: DeliveryOutcome[];
}

export interface DeadLetter {
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
  private readonly rules = new Map<string, BusTarget>();
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
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const history = readJsonLines<BusRecord>(this.file(EVENTS_FILE), this.log);
    this.records = history.slice(-this.historySize);
    this.dead = readJsonLines<DeadLetter>(this.file(DEAD_LETTERS_FILE), this.log);
    // Keep events.jsonl from growing without bound: rewrite it with what is kept.
    if (history.length > 2 * this.historySize) this.rewrite(EVENTS_FILE, this.records);
  }

  /** Adds a rule and its target. Throws on a malformed pattern or a rule name already taken. */
  addRule(target: BusTarget): void {
    if (this.rules.has(target.ruleName)) throw new Error(`rule "${target.ruleName}" is already on the bus`);
    try {
      validatePattern(target.pattern);
    } catch (error) {
      throw new Error(`rule "${target.ruleName}" (${target.service}): ${(error as Error).message}`, { cause: error });
    }
    this.rules.set(target.ruleName, target);
  }

  /** The rules on the bus, in the order they were added. */
  listRules(): { ruleName: string; service: string; pattern: EventPattern }[] {
    return [...this.rules.values()].map(({ ruleName, service, pattern }) => ({ ruleName, service, pattern }));
  }

  /**
   * Sends an event to every rule it matches, in parallel, and resolves once each delivery has
   * either succeeded or been dead-lettered. A failing target never makes this reject.
   */
  publish(entry: PublishEntry): Promise<BusRecord> {
    if (this.closed) return Promise.reject(new Error('the event bus is closed'));
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
    return this.track(this.deliverEvent(event));
  }

  /** Published events with each matching rule's outcome, oldest first, newest last. */
  history(): BusRecord[] {
    return structuredClone(this.records);
  }

  /** Deliveries that failed every attempt, oldest first. */
  deadLetters(): DeadLetter[] {
    return structuredClone(this.dead);
  }

  /**
   * Delivers dead letter `index` (as `deadLetters()` lists it) to its rule again, with the
   * usual retries. It leaves the dead-letter list on success; on failure it is dead-lettered
   * again (at the end of the list).
   */
  redrive(index: number): Promise<DeliveryOutcome> {
    const letter = this.dead[index];
    if (!letter) return Promise.reject(new Error(`no dead letter at index ${index} (there are ${this.dead.length})`));
    const target = this.rules.get(letter.rule);
    if (!target)
      return Promise.reject(new Error(`dead letter ${index} belongs to rule "${letter.rule}", not on the bus`));
    this.dead.splice(index, 1);
    this.rewrite(DEAD_LETTERS_FILE, this.dead);
    return this.track(this.deliver(target, letter.event));
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

  private async deliverEvent(event: BusEvent): Promise<BusRecord> {
    const targets = [...this.rules.values()].filter((rule) => {
      try {
        return matchesPattern(rule.pattern, event as unknown as Record<string, unknown>);
      } catch {
        return false;
      }
    });
    const outcomes = await Promise.all(targets.map((target) => this.deliver(target, event)));
    const record: BusRecord = { event: structuredClone(event), outcomes };
    this.records.push(record);
    if (this.records.length > this.historySize) this.records.splice(0, this.records.length - this.historySize);
    this.append(EVENTS_FILE, record);
    return structuredClone(record);
  }

  private async deliver(target: BusTarget, event: BusEvent): Promise<DeliveryOutcome> {
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
    const letter: DeadLetter = {
      rule: target.ruleName,
      service: target.service,
      event: structuredClone(event),
      attempts: this.maxAttempts,
      error: lastError,
      at,
    };
    this.dead.push(letter);
    this.append(DEAD_LETTERS_FILE, letter);
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
      appendFile(path, line, 'utf8').catch((error) => this.log(`bus: could not write ${path}: ${describe(error)}`)),
    );
  }

  private rewrite(name: string, values: readonly unknown[]): void {
    const path = this.file(name);
    if (!path) return;
    const text = values.map((v) => `${JSON.stringify(v)}\n`).join('');
    const tmp = `${path}.${process.pid}.tmp`;
    this.writes = this.writes.then(() =>
      writeFile(tmp, text, 'utf8')
        .then(() => rename(tmp, path))
        .catch((error) => this.log(`bus: could not write ${path}: ${describe(error)}`)),
    );
  }
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

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
