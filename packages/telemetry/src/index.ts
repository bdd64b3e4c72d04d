/**
 * Traces and business metrics for every Lambda function, the Powertools way (Tracer, Metrics
 * with EMF), loaded lazily so that cold starts stay lean. See README.md.
 */
export { type LambdaFunction, observedHandler, observedOf, publishInvocationMetrics } from './handler.ts';
export {
  countCommittedEvents,
  countMetric,
  currentInvocation,
  type Invocation,
  type Observed,
  runInvocation,
  UndeclaredMetricError,
} from './invocation.ts';
export { loadTracer, traceClient, tracingEnabled } from './tracing.ts';
