/**
 * What every service stack shares and no service owns: the HTTP API with its CORS rules,
 * `$default` stage and access logs, the Cognito JWT authorizer, the outbox enrichment
 * function every outbox pipe calls, and the stage's alarm topic. Routes are not here:
 * each service stack adds its own to this API.
 */
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS, CORS_METHODS } from '@congdoan/contracts';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.ts';
import { dataRemovalPolicy, type StageConfig } from './config.ts';
import { outboxEnrichmentSpec } from './functions.ts';
import { ServiceFunction } from './service-function.ts';

/** What the API and service stacks take from the stateful one. */
export interface StatefulResources {
  tables: ReadonlyMap<string, dynamodb.ITable>;
  bus: events.IEventBus;
  userPool: cognito.UserPool;
  userClient: cognito.IUserPoolClient;
  /** Every machine (client credentials) app client, by its configured name. */
  machineClients: ReadonlyMap<string, cognito.IUserPoolClient>;
  /** Each manifest key's KMS key, by `keyRef(service, name)`. */
  keys: ReadonlyMap<string, kms.IKey>;
}

export interface ApiStackProps extends StackProps {
  config: StageConfig;
  stateful: StatefulResources;
}

/** The fields of each API access-log line; the service dashboards query them. */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sourceIp: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
} as const;

export class ApiStack extends Stack {
  readonly api: apigw.HttpApi;
  readonly authorizer: apigw.HttpAuthorizer;
  readonly accessLogs: logs.LogGroup;
  /** Parses outbox details between each service's table stream and the bus. */
  readonly outboxEnrichment: ServiceFunction;
  /** Every alarm of the stage notifies this topic. */
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    this.alarmTopic = Alarms.topic(this, 'AlarmTopic', config);
    const alarms = new Alarms(this, 'Alarms', config, this.alarmTopic);

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: config.prefix,
      description: 'Công đoàn API: every service under /v1/<service>/…',
      createDefaultStage: false,
      // The one list http-kit reads too (packages/contracts/src/cors.ts).
      corsPreflight: {
        allowOrigins: config.corsOrigins,
        allowMethods: CORS_METHODS.map((method) => apigw.CorsHttpMethod[method]),
        allowHeaders: [...CORS_ALLOW_HEADERS],
        exposeHeaders: [...CORS_EXPOSE_HEADERS],
        maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
      },
    });
    this.accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${config.prefix}-api`,
      retention: config.logRetention,
      removalPolicy: dataRemovalPolicy(config),
    });
    // autoDeploy: routes that service stacks add or remove go live without a deployment resource here.
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // Users' access tokens carry `client_id` = the users' client; machine tokens
    // (client credentials) carry `client_id` = their machine client.
    this.authorizer = new apigw.HttpAuthorizer(this, 'CognitoJwt', {
      httpApi: this.api,
      type: apigw.HttpAuthorizerType.JWT,
      authorizerName: `${config.prefix}-cognito`,
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: stateful.userPool.userPoolProviderUrl,
      jwtAudience: [
        stateful.userClient.userPoolClientId,
        ...[...stateful.machineClients.values()].map((client) => client.userPoolClientId),
      ],
    });

    this.outboxEnrichment = new ServiceFunction(this, 'OutboxEnrichment', { spec: outboxEnrichmentSpec, config });
    alarms.functionErrors(this, 'OutboxEnrichmentErrors', this.outboxEnrichment, outboxEnrichmentSpec.id);

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
  }
}
