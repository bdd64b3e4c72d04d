/**
 * The transactional outbox's relay: an EventBridge Pipe from a service table's
 * stream to the bus. It keeps only outbox inserts, parses their JSON detail in
 * the enrichment function (see outbox-enrichment/handler.ts for why a template
 * cannot) and puts each event on the bus with the source and detail-type stored
 * in the item. Batches that still fail after retries go to an SQS dead-letter queue.
 */
import { OUTBOX_KIND } from '@congdoan/ddb';
import { Aws } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { dataRemovalPolicy, type StageConfig } from './config.ts';

/** Stream records the pipe forwards: new items whose `kind` is `outbox`. */
export const OUTBOX_FILTER_PATTERN = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { kind: { S: [OUTBOX_KIND] } } },
} as const;

/** Where the bus target finds each event's parts in the (enriched) record. */
export const OUTBOX_TARGET = {
  source: '$.dynamodb.NewImage.source.S',
  detailType: '$.dynamodb.NewImage.detailType.S',
  /** The parsed object the enrichment adds. */
  inputTemplate: '<$.detail>',
} as const;

export interface OutboxPipeProps {
  config: StageConfig;
  service: string;
  table: dynamodb.ITable;
  bus: events.IEventBus;
  enrichment: lambda.IFunction;
  deadLetterQueue: sqs.IQueue;
}

export class OutboxPipe extends Construct {
  readonly pipe: pipes.CfnPipe;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: OutboxPipeProps) {
    super(scope, id);
    const { config, table, bus } = props;
    const streamArn = table.tableStreamArn;
    if (!streamArn) throw new Error(`${props.service}: the table has no stream; the outbox pipe needs NEW_IMAGE.`);
    const pipeName = `${config.prefix}-${props.service}-outbox`;

    // Least privilege: read this table's stream, invoke the enrichment, put on this bus, dead-letter to this queue.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `Outbox pipe of ${props.service}: ${pipeName}`,
    });
    table.grantStreamRead(this.role);
    props.enrichment.grantInvoke(this.role);
    bus.grantPutEventsTo(this.role);
    props.deadLetterQueue.grantSendMessages(this.role);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/pipes/${pipeName}`,
      retention: config.logRetention,
      removalPolicy: dataRemovalPolicy(config),
    });

    this.pipe = new pipes.CfnPipe(this, 'Pipe', {
      name: pipeName,
      description: `Outbox of ${props.service}: its table stream to the ${config.prefix} bus`,
      roleArn: this.role.roleArn,
      source: streamArn,
      sourceParameters: {
        filterCriteria: { filters: [{ pattern: JSON.stringify(OUTBOX_FILTER_PATTERN) }] },
        dynamoDbStreamParameters: {
          // Not LATEST: an event written between table creation and pipe creation (or
          // while the pipe is replaced) must still be sent. Replays are harmless, as
          // every consumer is idempotent on the event id.
          startingPosition: 'TRIM_HORIZON',
          batchSize: 10,
          maximumBatchingWindowInSeconds: 1,
          maximumRetryAttempts: 10,
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: props.deadLetterQueue.queueArn },
        },
      },
      enrichment: props.enrichment.functionArn,
      target: bus.eventBusArn,
      targetParameters: {
        eventBridgeEventBusParameters: { source: OUTBOX_TARGET.source, detailType: OUTBOX_TARGET.detailType },
        inputTemplate: OUTBOX_TARGET.inputTemplate,
      },
      logConfiguration: {
        level: 'ERROR',
        cloudwatchLogsLogDestination: { logGroupArn: logGroup.logGroupArn },
      },
    });
    this.pipe.node.addDependency(this.role);
  }
}
