/**
 * Powertools Metrics, one instance per service (the local platform runs several in one
 * process). Loaded with `import()` by the first invocation that has something to publish, so
 * a function that counts nothing never loads it.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '@congdoan/contracts';

const byService = new Map<string, Metrics>();

function metricsOf(service: string): Metrics {
  let metrics = byService.get(service);
  if (!metrics) {
    // `serviceName` becomes the `service` dimension of every metric (METRICS_NAMESPACE's contract).
    metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
    byService.set(service, metrics);
  }
  return metrics;
}

/**
 * Writes one EMF record to stdout with every count: CloudWatch turns it into metrics; locally
 * it is a line of the log. Adding and publishing happen with no await in between, so
 * concurrent invocations of a service never publish each other's counts.
 */
export function publishCounts(service: string, counts: ReadonlyMap<string, number>): void {
  if (counts.size === 0) return;
  const metrics = metricsOf(service);
  for (const [name, value] of counts) metrics.addMetric(name, MetricUnit.Count, value);
  metrics.publishStoredMetrics();
}
