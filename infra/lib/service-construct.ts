/**
 * Builds one service from its manifest: the HTTP function and its routes (each
 * requiring the route's OAuth scopes, all sharing one invoke permission), one
 * function and rule per subscription, one function and schedule per schedule,
 * and the outbox pipe. A queued subscription puts an SQS queue between its rule
 * and its function. Every function reads and writes its own service's table
 * and nothing else. Nothing here is specific to a service.
 */
import {
  keyEnvVars,
  QUEUE_MAX_RECEIVE_COUNT,
  type QueueDefinition,
  queueDefinitionProblems,
  RESOURCE_SERVER_ID,
  type RouteDefinition,
  routeScopes,
  type ScheduleDefinition,
  type ServiceManifest,
  type SubscriptionDefinition,
  tableEnvVar,
} from '@congdoan/contracts';
import { Aws, Duration, TimeZone } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Alarms } from './alarms.ts';
import type { StageConfig } from './config.ts';
import { type LambdaSpec, lambdaSpecs } from './functions.ts';
import { keyRef, pascal, workQueueName } from './names.ts';
import { OutboxPipe } from './outbox-pipe.ts';
import { ServiceFunction } from './service-function.ts';
import { ServiceHttpIntegration } from './service-integration.ts';

/** How long, and how often, EventBridge and Scheduler retry delivering to a function. */
export const DELIVERY_RETRY = { maxEventAge: Duration.hours(2), retryAttempts: 8 } as const;

export interface ServiceConstructProps {
  manifest: ServiceManifest;
  config: StageConfig;
  table: dynamodb.ITable;
  /** The stateful stack's manifest keys, by `keyRef(service, name)`. */
  keys: ReadonlyMap<string, kms.IKey>;
  bus: events.IEventBus;
  /** The shared HTTP API (in the API stack); the routes are created here, in the service's stack. */
  api: apigw.IHttpApi;
  authorizer: apigw.IHttpRouteAuthorizer;
  /** Parses outbox details for the pipe; shared by every service. */
  outboxEnrichment: lambda.IFunction;
  alarms: Alarms;
}

/** A route's scopes as Cognito writes them in tokens (`congdoan-api/membership.write`); the token needs one. */
export function authorizationScopes(service: string, route: Pick<RouteDefinition, 'method' | 'scopes'>): string[] {
  return routeScopes(service, route).map((scope) => `${RESOURCE_SERVER_ID}/${scope}`);
}

export class ServiceConstruct extends Construct {
  readonly functions: ServiceFunction[] = [];
  readonly routes: apigw.HttpRoute[] = [];
  readonly rules: events.Rule[] = [];
  readonly schedules: scheduler.Schedule[] = [];
  /** The work queues of queued subscriptions. */
  readonly queues: sqs.Queue[] = [];
  readonly outbox: OutboxPipe;

  private readonly props: ServiceConstructProps;

  constructor(scope: Construct, id: string, props: ServiceConstructProps) {
    super(scope, id);
    this.props = props;
    for (const spec of lambdaSpecs(props.manifest)) {
      if (spec.kind === 'http') this.http(spec);
      else if (spec.subscription) this.subscription(spec, spec.subscription);
      else if (spec.schedule) this.schedule(spec, spec.schedule);
    }
    const { service } = props.manifest;
    this.outbox = new OutboxPipe(this, 'Outbox', {
      config: props.config,
      service,
      table: props.table,
      bus: props.bus,
      enrichment: props.outboxEnrichment,
      deadLetterQueue: props.alarms.deadLetterQueue(this, 'OutboxDlq', `${service}-outbox`),
    });
  }

  /** Construct ids inside the service's scope, without repeating the service: `Http`, `UnitProfiles`. */
  private localId(spec: LambdaSpec): string {
    const { service } = this.props.manifest;
    return pascal(spec.id.startsWith(`${service}-`) ? spec.id.slice(service.length + 1) : spec.id);
  }

  private fn(spec: LambdaSpec, onFailure?: sqs.IQueue): ServiceFunction {
    const { config, manifest, table, alarms } = this.props;
    const keys = this.keysOf(spec);
    const fn = new ServiceFunction(this, this.localId(spec), {
      spec,
      config,
      environment: {
        [tableEnvVar(manifest.service)]: table.tableName,
        ...Object.fromEntries(keys.map(({ name, key }) => [keyEnvVars(manifest.service, name).kmsKeyId, key.keyArn])),
      },
      ...(onFailure && { onFailure }),
    });
    fn.bindTable(table);
    // Encrypt and Decrypt on the keys the manifest gives this function, and nothing more.
    for (const { key } of keys) key.grant(fn, 'kms:Encrypt', 'kms:Decrypt');
    alarms.functionErrors(this, `${this.localId(spec)}Errors`, fn, spec.id);
    this.functions.push(fn);
    return fn;
  }

  /** The manifest keys this function uses (`usedBy`: `http`, or its subscription's or schedule's name). */
  private keysOf(spec: LambdaSpec): { name: string; key: kms.IKey }[] {
    const { manifest, keys } = this.props;
    const name = spec.kind === 'http' ? 'http' : (spec.subscription?.name ?? spec.schedule?.name);
    return (manifest.keys ?? [])
      .filter((def) => name !== undefined && def.usedBy.includes(name))
      .map((def) => {
        const key = keys.get(keyRef(manifest.service, def.name));
        if (!key)
          throw new Error(
            `No KMS key ${keyRef(manifest.service, def.name)}: the stateful stack was built from other manifests.`,
          );
        return { name: def.name, key };
      });
  }

  private http(spec: LambdaSpec): void {
    const { api, authorizer, manifest } = this.props;
    const fn = this.fn(spec);
    const integration = new ServiceHttpIntegration(`${this.localId(spec)}Integration`, fn, this, manifest.service);
    for (const route of manifest.routes) {
      // Named by method and path, as HttpApi.addRoutes names them: renaming an operation
      // must not replace a route, whose key would collide with itself during the swap.
      this.routes.push(
        new apigw.HttpRoute(this, `${route.method}${route.path}`, {
          httpApi: api,
          routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
          integration,
          authorizer,
          authorizationScopes: authorizationScopes(manifest.service, route),
        }),
      );
    }
  }

  private subscription(spec: LambdaSpec, subscription: SubscriptionDefinition): void {
    const { alarms } = this.props;
    const dlq = alarms.deadLetterQueue(this, `${this.localId(spec)}Dlq`, spec.id);
    if (subscription.queue) {
      this.queuedSubscription(spec, subscription, subscription.queue, dlq);
      return;
    }
    const fn = this.fn(spec, dlq);
    const rule = this.rule(spec, subscription);
    // The DLQ takes both events EventBridge could not deliver and, through the
    // function's on-failure destination, events the function kept failing on.
    rule.addTarget(new targets.LambdaFunction(fn, { deadLetterQueue: dlq, ...DELIVERY_RETRY }));
  }

  /**
   * rule → encrypted SQS queue → function, in batches, at most `maxConcurrency` at once. A
   * record the function reports failed (`batchItemFailures`) comes back after the visibility
   * timeout; after `QUEUE_MAX_RECEIVE_COUNT` receives SQS moves it to the subscription's DLQ,
   * which also takes the events EventBridge could not put on the queue.
   */
  private queuedSubscription(
    spec: LambdaSpec,
    subscription: SubscriptionDefinition,
    settings: QueueDefinition,
    dlq: sqs.IQueue,
  ): void {
    const { config } = this.props;
    const fn = this.fn(spec);
    const timeoutSeconds = fn.timeout?.toSeconds() ?? 3;
    const problems = queueDefinitionProblems(settings, timeoutSeconds);
    if (problems.length > 0) throw new Error(`${spec.id}: ${problems.join('; ')}`);
    const queue = new sqs.Queue(this, `${this.localId(spec)}Queue`, {
      queueName: workQueueName(config.prefix, spec.id),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(settings.visibilityTimeoutSeconds ?? 6 * timeoutSeconds),
      // Shorter than the DLQ's 14 days: a redriven message keeps its first enqueue time.
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: dlq, maxReceiveCount: QUEUE_MAX_RECEIVE_COUNT },
    });
    this.queues.push(queue);
    // Grants the function ReceiveMessage, DeleteMessage, ChangeMessageVisibility on this queue only.
    fn.addEventSource(
      new SqsEventSource(queue, {
        batchSize: settings.batchSize,
        maxConcurrency: settings.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    // Adds a queue policy letting events.amazonaws.com send, for this rule only (aws:SourceArn).
    this.rule(spec, subscription).addTarget(new targets.SqsQueue(queue, { deadLetterQueue: dlq, ...DELIVERY_RETRY }));
  }

  private rule(spec: LambdaSpec, subscription: SubscriptionDefinition): events.Rule {
    const { config, bus } = this.props;
    const rule = new events.Rule(this, `${this.localId(spec)}Rule`, {
      ruleName: `${config.prefix}-${spec.id}`,
      description: subscription.description,
      eventBus: bus,
      eventPattern: toCdkEventPattern(subscription.pattern),
    });
    this.rules.push(rule);
    return rule;
  }

  private schedule(spec: LambdaSpec, schedule: ScheduleDefinition): void {
    const { config, alarms } = this.props;
    const reserved = ['schedule', 'scheduledTime'].filter((k) => schedule.input && k in schedule.input);
    if (reserved.length > 0) {
      throw new Error(
        `${spec.id}: the schedule's input must not set ${reserved.join(', ')}; they are filled in by the scheduler.`,
      );
    }
    const dlq = alarms.deadLetterQueue(this, `${this.localId(spec)}Dlq`, spec.id);
    const fn = this.fn(spec, dlq);
    // One role per schedule, allowed to invoke this function only (and to dead-letter).
    const role = new iam.Role(this, `${this.localId(spec)}SchedulerRole`, {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `Invokes ${fn.spec.id} on its schedule`,
    });
    this.schedules.push(
      new scheduler.Schedule(this, `${this.localId(spec)}Schedule`, {
        scheduleName: `${config.prefix}-${spec.id}`,
        description: schedule.description,
        schedule: scheduler.ScheduleExpression.expression(schedule.cron, TimeZone.of(schedule.timezone)),
        timeWindow: scheduler.TimeWindow.off(),
        target: new schedulerTargets.LambdaInvoke(fn, {
          role,
          deadLetterQueue: dlq,
          ...DELIVERY_RETRY,
          input: scheduler.ScheduleTargetInput.fromObject({
            schedule: schedule.name,
            scheduledTime: scheduler.ContextAttribute.scheduledTime,
            ...schedule.input,
          }),
        }),
      }),
    );
  }
}

/**
 * The manifest's pattern in CDK's shape. CDK renders `detailType` as `detail-type`
 * and passes every other field through, so matchers (prefix, anything-but…) survive.
 */
export function toCdkEventPattern(pattern: SubscriptionDefinition['pattern']): events.EventPattern {
  const { 'detail-type': detailType, ...rest } = pattern;
  return { ...rest, ...(detailType && { detailType }) } as unknown as events.EventPattern;
}
