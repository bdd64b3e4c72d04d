import type { Context } from 'aws-lambda';
import { type Invocation, type Observed, runInvocation } from './invocation.ts';
import { loadTracer } from './tracing.ts';

/** A Lambda handler: the event, and the context Lambda passes (tests and scripts may leave it out). */
export type LambdaFunction<E, R> = (event: E, context?: Context) => Promise<R>;

const OBSERVED = Symbol.for('congdoan.telemetry.observed');

/**
 * Every function's outermost wrapper, whatever its kind (http-kit's HTTP stack and queued
 * handlers use it; plain subscription and schedule handlers are written with it):
 * - traces the invocation with Powertools Tracer (a `## <handler>` subsegment, cold start and
 *   service annotations, the error if it fails) when the process traces (`tracingEnabled`);
 * - runs it as one invocation (`runInvocation`), so that commits count the manifest's
 *   `countsEvent` metrics and code may `countMetric`;
 * - at the end, succeeded or failed, publishes the counts as one EMF record (Powertools
 *   Metrics, namespace `Congdoan`, dimension `service`). Events committed before a failure did
 *   happen, so they are counted.
 */
export function observedHandler<E, R>(observed: Observed, handler: LambdaFunction<E, R>): LambdaFunction<E, R> {
  let traced: LambdaFunction<E, R> | undefined;
  const run = async (event: E, context?: Context): Promise<R> => {
    const tracing = await loadTracer(observed.service);
    if (tracing) traced ??= tracing.module.captureHandler(tracing.tracer, handler);
    const call = traced ?? handler;
    const { invocation, result } = runInvocation(observed, () => call(event, context));
    try {
      return await result;
    } finally {
      await publishInvocationMetrics(invocation);
    }
  };
  return Object.defineProperty(run, OBSERVED, { value: observed, enumerable: false });
}

/** The metrics an invocation counted, as one EMF record; nothing (and nothing loaded) when it counted none. */
export async function publishInvocationMetrics(invocation: Invocation): Promise<void> {
  if (invocation.counts.size === 0) return;
  const { publishCounts } = await import('./emf.ts');
  publishCounts(invocation.observed.service, invocation.counts);
  invocation.counts.clear();
}

/** What `observedHandler` was given for `fn`, or undefined when `fn` is not observed (a check that every deployed function is). */
export function observedOf(fn: unknown): Observed | undefined {
  if (typeof fn !== 'function') return undefined;
  return (fn as { [OBSERVED]?: Observed })[OBSERVED];
}
