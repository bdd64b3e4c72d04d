/**
 * The invocation a piece of code runs in, so that code far below the handler (a commit in
 * `@congdoan/ddb`, a job runner) can count a business metric without being handed anything:
 * `observedHandler` opens a scope per invocation, `countCommittedEvents` and `countMetric` add to
 * it, and the handler publishes the counts at the end (`publishInvocationMetrics`).
 *
 * A scope per invocation, not a process-wide counter, because the local platform runs every
 * service's functions in one process, several at once: each count lands in the invocation (and
 * the service) that made it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MetricDefinition } from '@congdoan/contracts';

/** What a function says about itself: its service, and the business metrics its manifest declares. */
export interface Observed {
  /** The service, the metrics' `service` dimension and the tracer's service name. */
  service: string;
  /** The manifest's `metrics`. Omitted: the function publishes none. */
  metrics?: readonly MetricDefinition[];
}

export interface Invocation {
  readonly observed: Observed;
  /** Metric name → the count to publish. */
  readonly counts: Map<string, number>;
}

const scope = new AsyncLocalStorage<Invocation>();

/** Runs `fn` as one invocation of `observed`'s function; returns what it returns and the invocation's counts. */
export function runInvocation<T>(
  observed: Observed,
  fn: () => Promise<T>,
): { invocation: Invocation; result: Promise<T> } {
  const invocation: Invocation = { observed, counts: new Map() };
  return { invocation, result: scope.run(invocation, fn) };
}

/** The invocation around the caller, if any (none in scripts, seeds and unit tests). */
export function currentInvocation(): Invocation | undefined {
  return scope.getStore();
}

/** A metric the service did not declare in its manifest: it would never reach its dashboard. */
export class UndeclaredMetricError extends Error {
  constructor(service: string, name: string) {
    super(`${service} does not declare the metric ${name} in its manifest's metrics`);
    this.name = 'UndeclaredMetricError';
  }
}

function add(invocation: Invocation, name: string, value: number): void {
  invocation.counts.set(name, (invocation.counts.get(name) ?? 0) + value);
}

/**
 * Counts, in the current invocation, each event a commit wrote: every declared metric whose
 * `countsEvent` is the event's detail-type goes up by one. `@congdoan/ddb`'s `commit` calls it
 * once its transaction succeeded; outside an invocation it does nothing.
 */
export function countCommittedEvents(detailTypes: readonly string[]): void {
  const invocation = scope.getStore();
  const metrics = invocation?.observed.metrics;
  if (!invocation || !metrics || detailTypes.length === 0) return;
  for (const metric of metrics) {
    if (metric.countsEvent === undefined) continue;
    const n = detailTypes.filter((t) => t === metric.countsEvent).length;
    if (n > 0) add(invocation, metric.name, n);
  }
}

/**
 * Counts a declared metric that no event marks (a job found stalled, say), published with the
 * invocation's other metrics when it ends. Throws for a name the manifest does not declare.
 * Outside an invocation (a script, a unit test) there is nowhere to publish: it returns false.
 */
export function countMetric(name: string, value = 1): boolean {
  const invocation = scope.getStore();
  if (!invocation) return false;
  if (!invocation.observed.metrics?.some((m) => m.name === name)) {
    throw new UndeclaredMetricError(invocation.observed.service, name);
  }
  add(invocation, name, value);
  return true;
}
