/**
 * A Lambda function with the project's defaults set once: Node.js 22 on arm64,
 * the esbuild ESM bundle, source-mapped stack traces, its own log group with a
 * retention, X-Ray active tracing in every stage, the Powertools settings (service
 * name, metrics namespace, tracer), and async retries to an SQS dead-letter queue
 * for event and schedule consumers.
 */
import { METRICS_NAMESPACE } from '@congdoan/contracts';
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { dataRemovalPolicy, type StageConfig } from './config.ts';
import type { FunctionKind, LambdaSpec } from './functions.ts';
import { bundledCode } from './lambda-code.ts';

const SIZING: Record<FunctionKind, { memorySize: number; timeout: Duration }> = {
  // API Gateway gives up after 30 s; a request should be far below that.
  http: { memorySize: 1024, timeout: Duration.seconds(10) },
  subscription: { memorySize: 512, timeout: Duration.seconds(30) },
  schedule: { memorySize: 1024, timeout: Duration.minutes(5) },
  platform: { memorySize: 256, timeout: Duration.seconds(10) },
};

export interface ServiceFunctionProps {
  spec: LambdaSpec;
  config: StageConfig;
  environment?: Record<string, string>;
  /** Async invocations (rules, schedules) that still fail after retries land here, with the error. */
  onFailure?: sqs.IQueue;
  memorySize?: number;
  timeout?: Duration;
  layers?: lambda.ILayerVersion[];
}

export class ServiceFunction extends lambda.Function {
  readonly spec: LambdaSpec;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const { spec, config } = props;
    const functionName = `${config.prefix}-${spec.id}`;
    if (functionName.length > 64) {
      throw new Error(
        `Function name ${functionName} is longer than Lambda's 64 characters; shorten the subscription or schedule name.`,
      );
    }
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: config.logRetention,
      removalPolicy: dataRemovalPolicy(config),
    });
    const sizing = SIZING[spec.kind];
    super(scope, id, {
      functionName,
      description: `${spec.service} ${spec.kind}: ${spec.handler.file}.${spec.handler.export}`,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      code: bundledCode(spec),
      handler: `index.${spec.handler.export}`,
      memorySize: props.memorySize ?? sizing.memorySize,
      timeout: props.timeout ?? sizing.timeout,
      logGroup,
      // Every stage: a trace is what explains a slow or failed request across services.
      tracing: lambda.Tracing.ACTIVE,
      ...(props.layers && { layers: props.layers }),
      environment: {
        POWERTOOLS_SERVICE_NAME: spec.service,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Business metrics (EMF) land in one namespace, dimension `service` (the service name above).
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        // Responses may hold personal data; errors and SDK calls are still traced.
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      ...(props.onFailure && {
        onFailure: new SqsDestination(props.onFailure),
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
      }),
    });
    this.spec = spec;
  }

  /** Read/write on one table (and its indexes): a function's only data grant. */
  bindTable(table: dynamodb.ITable): void {
    table.grantReadWriteData(this);
  }
}
