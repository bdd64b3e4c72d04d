/**
 * One CloudWatch dashboard per service, built from its manifest and what its stack
 * deploys: the API's requests, latency and 5xx on the service's paths (from the access
 * log, so no per-route metrics are paid for), errors and p50/p95/p99 duration of each
 * function, the depth of each dead-letter queue, and the business metrics the manifest
 * declares (`METRICS_NAMESPACE`, dimension `service`, summed).
 */
import { METRICS_NAMESPACE, type MetricDefinition } from '@congdoan/contracts';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from './config.ts';
import { servicePathPrefix } from './service-integration.ts';

const PERIOD = Duration.minutes(5);
const FULL = 24;
const HALF = 12;

export interface DashboardFunction {
  /** `<service>-<name>`, as the function is named after the stage prefix. */
  id: string;
  fn: lambda.IFunction;
}

export interface ServiceDashboardProps {
  config: StageConfig;
  service: string;
  functions: readonly DashboardFunction[];
  deadLetterQueues: readonly sqs.IQueue[];
  /** The API's access log (API stack); its lines carry routeKey, status and latencyMs. */
  accessLogs: logs.ILogGroup;
  metrics: readonly MetricDefinition[];
}

/** A business metric as Powertools Metrics publishes it for a service. */
export function businessMetric(service: string, metric: MetricDefinition): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: metric.name,
    dimensionsMap: { service },
    statistic: cloudwatch.Stats.SUM,
    period: PERIOD,
    label: metric.name,
  });
}

export class ServiceDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const { config, service } = props;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${config.prefix}-${service}`,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: `# ${service} (${config.stage})\nAPI on \`${servicePathPrefix(service)}\`, functions, dead letters and business metrics. Alarms notify \`${config.prefix}-alarms\`.`,
        width: FULL,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(...this.apiWidgets(props));
    for (const { id: fnId, fn } of props.functions) {
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: `${fnId}: errors and throttles`,
          width: HALF,
          left: [
            fn.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM, label: 'errors' }),
            fn.metricThrottles({ period: PERIOD, statistic: cloudwatch.Stats.SUM, label: 'throttles' }),
          ],
        }),
        new cloudwatch.GraphWidget({
          title: `${fnId}: duration (ms)`,
          width: HALF,
          left: (['p50', 'p95', 'p99'] as const).map((p) =>
            fn.metricDuration({ period: PERIOD, statistic: p, label: p }),
          ),
        }),
      );
    }
    if (props.deadLetterQueues.length > 0) {
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: 'Dead-letter queues: messages waiting',
          width: FULL,
          left: props.deadLetterQueues.map((queue) =>
            queue.metricApproximateNumberOfMessagesVisible({
              period: PERIOD,
              statistic: cloudwatch.Stats.MAXIMUM,
              label: queue.node.id,
            }),
          ),
        }),
      );
    }
    if (props.metrics.length > 0) {
      this.dashboard.addWidgets(
        ...props.metrics.map(
          (metric) =>
            new cloudwatch.GraphWidget({
              title: `${metric.name}: ${metric.description}`,
              width: 8,
              left: [businessMetric(service, metric)],
            }),
        ),
      );
    }
  }

  /** Requests, latency percentiles and 5xx on the service's routes, from the API access log. */
  private apiWidgets(props: ServiceDashboardProps): cloudwatch.IWidget[] {
    const onService = `filter routeKey like "${servicePathPrefix(props.service)}"`;
    const logGroupNames = [props.accessLogs.logGroupName];
    return [
      new cloudwatch.LogQueryWidget({
        title: `API ${servicePathPrefix(props.service)}…: requests and latency (ms)`,
        width: HALF,
        logGroupNames,
        view: cloudwatch.LogQueryVisualizationType.LINE,
        queryLines: [
          onService,
          'stats count(*) as requests, pct(latencyMs, 50) as p50, pct(latencyMs, 95) as p95, pct(latencyMs, 99) as p99 by bin(5m)',
        ],
      }),
      new cloudwatch.LogQueryWidget({
        title: `API ${servicePathPrefix(props.service)}…: 5xx answers`,
        width: HALF,
        logGroupNames,
        view: cloudwatch.LogQueryVisualizationType.LINE,
        queryLines: [`${onService} and status like /^5/`, 'stats count(*) as errors5xx by bin(5m)'],
      }),
    ];
  }
}
