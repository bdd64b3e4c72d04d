/**
 * Dead-letter queues and the alarms on them. Every DLQ alarms as soon as one
 * message is visible; every function alarms on its first error. Alarms of every
 * stack notify one SNS topic, created by the API stack (`Alarms.topic`, with an
 * e-mail subscription when `alarmEmail` is set); each stack builds its own
 * `Alarms` on it.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from './config.ts';
import { deadLetterQueueName } from './names.ts';

export class Alarms extends Construct {
  /** The stage's one alarm topic, `<prefix>-alarms`. */
  static topic(scope: Construct, id: string, config: StageConfig): sns.Topic {
    const topic = new sns.Topic(scope, id, { topicName: `${config.prefix}-alarms`, enforceSSL: true });
    if (config.alarmEmail) topic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
    return topic;
  }

  readonly topic: sns.ITopic;
  /** Every dead-letter queue made here, for the dashboards. */
  readonly deadLetterQueues: sqs.Queue[] = [];
  private readonly config: StageConfig;

  constructor(scope: Construct, id: string, config: StageConfig, topic: sns.ITopic) {
    super(scope, id);
    this.config = config;
    this.topic = topic;
  }

  /** A dead-letter queue named `<prefix>-<name>-dlq`, kept 14 days, with its alarm. */
  deadLetterQueue(scope: Construct, id: string, name: string): sqs.Queue {
    const queue = new sqs.Queue(scope, id, {
      queueName: deadLetterQueueName(this.config.prefix, name),
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.deadLetterQueues.push(queue);
    this.notify(
      queue
        .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM })
        .createAlarm(scope, `${id}Alarm`, {
          alarmName: `${this.config.prefix}-${name}-dlq-not-empty`,
          alarmDescription: `Messages are waiting in ${queue.node.path}: inspect them, fix the cause, then redrive.`,
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
    );
    return queue;
  }

  /** Alarms on the function's first error in five minutes. */
  functionErrors(scope: Construct, id: string, fn: lambda.Function, name: string): cloudwatch.Alarm {
    return this.notify(
      fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }).createAlarm(scope, id, {
        alarmName: `${this.config.prefix}-${name}-errors`,
        alarmDescription: `${name} threw or timed out: see its log group.`,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  private notify(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    return alarm;
  }
}
